// Drafting: the answer the scripted model writes from a template and sources, built only from what
// the prompt contains so tests can check which context reached the model.
//   1. Sections: the template's headings, in order (heading text kept verbatim). Without a template
//      (or one without headings), a single "## <title>" section titled from the task's first words
//      (up to the first . , : ; ( ! ? and at most 8 words), or "## Summary" when there is no task.
//   2. Facts: each source is split into facts (facts.ts) and the lists are interleaved — the first
//      fact of every source, then the second of every source, … — so every source is quoted before
//      any source is quoted twice.
//   3. The facts are dealt to the sections round-robin as "- <fact> (source: <name>)". A section
//      takes at most 8 bullets, or N when its heading says "(N bullets)". Filling stops at the first
//      bullet that would break a length limit (limits.ts) or when every section is full.
//   4. A section left empty gets "- Nothing in the sources covers this."
//   5. If the headings alone break a limit, the text is cut to fit.
import { splitFacts } from './facts';
import { type Limits, readLimits, truncateToLimits, withinLimits } from './limits';
import { type Doc, renderDoc, templateConstraints, templateHeadings } from './markdown-sections';
import type { Prompt } from './prompt-tags';

const MAX_BULLETS_PER_SECTION = 8;
export const EMPTY_SECTION = '- Nothing in the sources covers this.';

export function draftLimits(prompt: Prompt): Limits {
  return readLimits(...templateConstraints(prompt.template ?? ''), prompt.task);
}

export function composeDraft(prompt: Prompt): string {
  const limits = draftLimits(prompt);
  let headings = templateHeadings(prompt.template ?? '');
  if (headings.length === 0) headings = [{ level: 2, title: taskTitle(prompt.task) }];
  const doc: Doc = { preamble: [], sections: headings.map((h) => ({ ...h, lines: [] })) };
  const caps = headings.map((h) => Number(/\((\d+)\s+bullets?\)/i.exec(h.title)?.[1] ?? MAX_BULLETS_PER_SECTION));

  let next = 0;
  for (const fact of interleave(prompt.sources.map((s) => splitFacts(s.text).map((text) => ({ text, source: s.name }))))) {
    const target = openSection(doc, caps, next);
    if (target === undefined) break;
    const lines = doc.sections[target]?.lines ?? [];
    lines.push(`- ${fact.text} (source: ${fact.source})`);
    if (!withinLimits(renderDoc(withPlaceholders(doc)), limits)) {
      lines.pop();
      break;
    }
    next = (target + 1) % doc.sections.length;
  }
  return truncateToLimits(renderDoc(withPlaceholders(doc)), limits);
}

/** First section from `start` onwards (wrapping) that still has room. */
function openSection(doc: Doc, caps: number[], start: number): number | undefined {
  for (let k = 0; k < doc.sections.length; k++) {
    const i = (start + k) % doc.sections.length;
    if ((doc.sections[i]?.lines.length ?? 0) < (caps[i] ?? MAX_BULLETS_PER_SECTION)) return i;
  }
  return undefined;
}

function withPlaceholders(doc: Doc): Doc {
  return { ...doc, sections: doc.sections.map((s) => (s.lines.length > 0 ? s : { ...s, lines: [EMPTY_SECTION] })) };
}

export function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] as T);
  return out;
}

export function taskTitle(task: string | undefined): string {
  const words = (task ?? '').split(/[.,:;(!?\n]/)[0]?.trim().split(/\s+/).filter(Boolean).slice(0, 8) ?? [];
  if (words.length === 0) return 'Summary';
  const title = words.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}
