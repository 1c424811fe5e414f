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
// Shape instructions in the task or template (instructions.ts) change this as follow.ts says: a
// list count replaces steps 3–4 (exactly N bullets, dealt round-robin to the sections with room,
// the last section taking any left over; bullets are cut short rather than dropped to meet a
// length limit); a hook line comes first; a link line comes last; links, URLs and hashtags in
// facts are left out when links are counted or hashtags unwanted.
import { splitFacts } from './facts';
import { countedItems, cleanText, hookFrom, linkLine, PLAIN_EMPTY, renderWithin } from './follow';
import { type Instructions, readInstructions } from './instructions';
import { type Limits, readLimits, truncateToLimits, withinLimits } from './limits';
import { type Doc, renderDoc, templateConstraints, templateHeadings } from './markdown-sections';
import type { Prompt } from './prompt-tags';

const MAX_BULLETS_PER_SECTION = 8;
export const EMPTY_SECTION = '- Nothing in the sources covers this.';

export function draftLimits(prompt: Prompt): Limits {
  return readLimits(...templateConstraints(prompt.template ?? ''), prompt.task);
}

export function draftInstructions(prompt: Prompt): Instructions {
  return readInstructions(...templateConstraints(prompt.template ?? ''), prompt.task);
}

/** The sources' facts as bullets quote them, "<fact> (source: <name>)", interleaved. */
export function draftFacts(prompt: Prompt, asked: Instructions): string[] {
  const per = prompt.sources.map((s) => splitFacts(s.text).flatMap((fact) => {
    const text = cleanText(fact, asked);
    return text === '' ? [] : [`${text} (source: ${s.name})`];
  }));
  return interleave(per);
}

export function composeDraft(prompt: Prompt): string {
  const limits = draftLimits(prompt);
  const asked = draftInstructions(prompt);
  let headings = templateHeadings(prompt.template ?? '');
  if (headings.length === 0) headings = [{ level: 2, title: taskTitle(prompt.task) }];
  const doc: Doc = { preamble: [], sections: headings.map((h) => ({ ...h, lines: [] })) };
  const caps = headings.map((h) => Number(/\((\d+)\s+bullets?\)/i.exec(h.title)?.[1] ?? MAX_BULLETS_PER_SECTION));
  const facts = draftFacts(prompt, asked);
  const extras: Extras = {
    hook: asked.hook ? hookFrom(facts[0] ?? taskTitle(prompt.task)) : undefined,
    links: asked.links === undefined ? undefined : linkLine(prompt.sources, asked.links),
    empty: asked.items === undefined ? EMPTY_SECTION : PLAIN_EMPTY,
  };

  if (asked.items !== undefined) {
    let next = 0;
    for (const item of countedItems(facts, asked.items.count, asked.items.unit)) {
      const target = openSection(doc, caps, next) ?? doc.sections.length - 1;
      doc.sections[target]?.lines.push(`- ${item}`);
      next = (target + 1) % doc.sections.length;
    }
    return renderWithin(finished(doc, extras), limits, extras.hook !== undefined);
  }

  let next = 0;
  for (const fact of facts) {
    const target = openSection(doc, caps, next);
    if (target === undefined) break;
    const lines = doc.sections[target]?.lines ?? [];
    lines.push(`- ${fact}`);
    if (!withinLimits(renderDoc(finished(doc, extras)), limits)) {
      lines.pop();
      break;
    }
    next = (target + 1) % doc.sections.length;
  }
  return truncateToLimits(renderDoc(finished(doc, extras)), limits);
}

interface Extras {
  hook: string | undefined;
  links: string | undefined;
  /** The line an empty section gets. */
  empty: string;
}

/** The doc as answered: placeholders in empty sections, the hook first, the link line last. */
function finished(doc: Doc, extras: Extras): Doc {
  const sections = doc.sections.map((s) => (s.lines.length > 0 ? s : { ...s, lines: [extras.empty] }));
  const last = sections.at(-1);
  if (extras.links !== undefined && last !== undefined) sections[sections.length - 1] = { ...last, lines: [...last.lines, extras.links] };
  return { preamble: extras.hook === undefined ? doc.preamble : [extras.hook, ...doc.preamble], sections };
}

/** First section from `start` onwards (wrapping) that still has room. */
function openSection(doc: Doc, caps: number[], start: number): number | undefined {
  for (let k = 0; k < doc.sections.length; k++) {
    const i = (start + k) % doc.sections.length;
    if ((doc.sections[i]?.lines.length ?? 0) < (caps[i] ?? MAX_BULLETS_PER_SECTION)) return i;
  }
  return undefined;
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
