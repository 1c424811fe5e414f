// Revising: the scripted model starts from the draft, applies what it can read of the feedback
// literally, and always records the feedback in a first line "> Revised per feedback: <feedback>"
// (whitespace collapsed). Earlier "> Revised per feedback:" lines in the draft are dropped.
//
// The feedback is split into clauses at line breaks, ";", sentence ends (. ! ? before a space), and
// at ", " / " and " / " then " before one of the verbs below. Each clause, in order:
//   - "too long" | "shorter" | "shorten" | "more concise" | "condense" | "trim" | "cut it down"
//       → every section keeps the first half of its lines (rounded up).
//   - "lead with X" | "start with X" | "begin with X" | "open with X"
//       → the first section whose heading contains X (else shares a word of 4+ letters with X)
//         moves to the top.
//   - "add X" | "mention X" | "include X" (a leading "that" dropped)
//       → a bullet "- X" (first letter capitalised) at the end of the section named by a trailing
//         "to/in/under [the] Y [section]" when a heading contains Y, else of the last section.
//   - "remove X" | "drop X" | "delete X" | "cut X"
//       → the section whose heading matches X, else every line containing X (case-insensitive).
// Anything else is only recorded. X is taken up to the end of the clause, without a leading "the"
// or a trailing "section"/"part" and punctuation. A feedback line that reports a broken rule
// ("- 5 beats: it has 3 list items", "- one hook line: the first line, "…", is a heading") is no
// edit: it is only recorded, and the rules themselves are read from the task (below).
//
// When the prompt states rules (`follow`: the task states a length or shape instruction, or the
// template states a shape instruction), the revision meets them as follow.ts says, after the
// clauses, and has no record line: the record would itself break them (it comes first, so no hook
// could; it adds words and characters). Tests see the feedback in the request log instead.
import { followInstructions, renderWithin, type RevisionContext } from './follow';
import type { Instructions } from './instructions';
import { type Limits, truncateToLimits } from './limits';
import { type Doc, parseDoc, renderDoc, type Section } from './markdown-sections';

const VERBS = 'lead|start|begin|open|add|mention|include|remove|drop|delete|cut|shorten|make|keep';
const CLAUSE_BREAK = new RegExp(`[;\\n]+|[.!?]+(?=\\s|$)|,?\\s+(?:and|then)\\s+(?=(?:please\\s+)?(?:${VERBS})\\b)|,\\s*(?=(?:please\\s+)?(?:${VERBS})\\b)`, 'i');

export interface Follow extends RevisionContext {
  asked: Instructions;
}

const BROKEN_RULE = /^\s*[-*]\s+[^:\n]+:\s+(?:it\s+(?:has|is|comes)|the\s+first\s+line)\b.*$/gim;

export function reviseDraft(draft: string, feedback: string, limits: Limits, follow?: Follow): string {
  const doc = parseDoc(draft);
  doc.preamble = doc.preamble.filter((line) => !line.startsWith('> Revised per feedback:'));
  for (const clause of feedback.replace(BROKEN_RULE, '').split(CLAUSE_BREAK)) applyClause(doc, clause.trim());
  if (follow !== undefined) {
    followInstructions(doc, follow.asked, follow);
    return renderWithin(doc, limits, follow.asked.hook);
  }
  const body = truncateToLimits(renderDoc(doc), limits);
  const record = `> Revised per feedback: ${feedback.replace(/\s+/g, ' ').trim()}`;
  return body === '' ? record : `${record}\n\n${body}`;
}

function applyClause(doc: Doc, clause: string): void {
  if (clause === '') return;
  if (/\b(too long|shorter|shorten|more concise|condense|trim|cut it down)\b/i.test(clause)) {
    for (const s of doc.sections) s.lines = s.lines.slice(0, Math.ceil(s.lines.length / 2));
    if (doc.sections.length === 0) doc.preamble = doc.preamble.slice(0, Math.ceil(doc.preamble.length / 2));
    return;
  }
  const lead = /\b(?:lead|start|begin|open)\s+with\s+(.+)$/i.exec(clause);
  if (lead) {
    const i = findSection(doc.sections, subject(lead[1] ?? ''));
    if (i !== undefined) doc.sections.unshift(...doc.sections.splice(i, 1));
    return;
  }
  const add = /\b(?:add|mention|include)\s+(?:that\s+)?(.+)$/i.exec(clause);
  if (add) {
    let text = (add[1] ?? '').trim().replace(/[.!?,;:]+$/, '');
    let target = doc.sections.length - 1;
    const placed = /^(.+)\s+(?:to|in|under)\s+(?:the\s+)?(.+?)$/i.exec(text);
    const named = placed ? findSection(doc.sections, subject(placed[2] ?? ''), true) : undefined;
    if (placed && named !== undefined) {
      text = placed[1] ?? text;
      target = named;
    }
    const bullet = `- ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    (doc.sections[target]?.lines ?? doc.preamble).push(bullet);
    return;
  }
  const remove = /\b(?:remove|drop|delete|cut)\s+(.+)$/i.exec(clause);
  if (remove) {
    const x = subject(remove[1] ?? '');
    const i = findSection(doc.sections, x, true);
    if (i !== undefined) doc.sections.splice(i, 1);
    else for (const s of doc.sections) s.lines = s.lines.filter((l) => !l.toLowerCase().includes(x));
  }
}

/** The thing a clause talks about, lower-cased: "the Pricing section." → "pricing". */
function subject(text: string): string {
  return text
    .trim()
    .replace(/[.!?,;:]+$/, '')
    .replace(/^the\s+/i, '')
    .replace(/\s+(?:section|part|heading)s?$/i, '')
    .toLowerCase();
}

/** Heading containing `x`; failing that (unless exact), one sharing a word of 4+ letters with it. */
function findSection(sections: Section[], x: string, exact = false): number | undefined {
  if (x === '') return undefined;
  const byText = sections.findIndex((s) => s.title.toLowerCase().includes(x));
  if (byText >= 0) return byText;
  if (exact) return undefined;
  const words = x.split(/\W+/).filter((w) => w.length >= 4);
  const byWord = sections.findIndex((s) => s.title.toLowerCase().split(/\W+/).some((w) => words.includes(w)));
  return byWord >= 0 ? byWord : undefined;
}
