// What a sentence of Steps says about other steps, in the words people use:
//   "after steps 1 and 2", "using the list from step 2", "with the output of step one",
//   "after setp 2" (typed fast), "steps 1-3", "the second step", "After 1 and 2, …",
//   "the previous step", "everything above", "once the research is done",
//   "Steps 2, 3 and 4 … can run at the same time", "Step 3 needs steps 1 and 2",
//   "Step 3 doesn't need step 2", "Step 2 can start right away", "do this before step 4".
// Deliberately narrow: a number is a step only next to the word "step" (or as "After 1 and 2,"),
// so "150 words" and "5 beats" never become steps. Pure string work.
import { NUMBER, numberOf, ORDINAL } from './words';

/** "step", and the ways it gets typed in a hurry, as a pattern. */
export const STEP_WORDS = String.raw`(?:steps?|setps?|stpes?|steos?|stps?)`;
const ONE = String.raw`(?:#\s*|no\.?\s*|number\s+)?${NUMBER}(?:\s*(?:-|–|—|to|through|thru|until)\s*${NUMBER})?`;
const JOIN = String.raw`(?:\s*,\s*(?:and\s+|&\s*|or\s+)?|\s+and\s+|\s*&\s*|\s*\+\s*|\s*\/\s*|\s+or\s+)`;
/** "1", "1 and 2", "1, 2 & 3", "1-3", "two and three" as a pattern. */
export const STEP_LIST = `${ONE}(?:${JOIN}(?:${STEP_WORDS}\\s*)?${ONE})*`;
const STEP_MENTION = new RegExp(`\\b${STEP_WORDS}\\s*(${STEP_LIST})(?![\\p{L}\\d])`, 'giu');
const ORDINAL_MENTION = new RegExp(`\\bthe\\s+(${ORDINAL})\\s+step\\b`, 'giu');
// "After 1 and 2, draft …": bare numbers only at the start of a sentence and before a comma.
const BARE_LEAD = new RegExp(`^(?:after|once|using|with|from)\\s+(\\d{1,2}(?:${JOIN}\\d{1,2})*)\\s*,`, 'iu');

export interface StepMention {
  numbers: number[];
  /** The words as written ("steps 1 and 2"), for messages. */
  text: string;
  start: number;
  end: number;
}

/** Every "step N" mention in a sentence, in order, each with the numbers it names. */
export function findStepMentions(sentence: string): StepMention[] {
  const mentions: StepMention[] = [];
  for (const m of sentence.matchAll(STEP_MENTION)) {
    mentions.push({ numbers: listOf(m[1] ?? ''), text: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (const m of sentence.matchAll(ORDINAL_MENTION)) {
    // "after the first step", "the output of the second step" — not "describe the first step customers take".
    if (!/\b(?:after|from|of|in|using|with|once|than|before|to|on|until|like)\s+$/i.test(sentence.slice(0, m.index))) continue;
    mentions.push({ numbers: [numberOf(m[1] ?? '')], text: m[0], start: m.index, end: m.index + m[0].length });
  }
  const bare = BARE_LEAD.exec(sentence);
  if (bare && !mentions.some((m) => m.start < bare[0].length)) {
    const start = bare[0].indexOf(bare[1] ?? '');
    mentions.push({ numbers: listOf(bare[1] ?? ''), text: bare[1] ?? '', start, end: start + (bare[1] ?? '').length });
  }
  return mentions.filter((m) => m.numbers.length > 0).sort((a, b) => a.start - b.start);
}

/** "1, 2 and 3" / "1-3" / "two & four" → the numbers, ranges spelled out (at most 50 long). */
function listOf(text: string): number[] {
  const numbers: number[] = [];
  const item = new RegExp(`(${NUMBER})(?:\\s*(?:-|–|—|to|through|thru|until)\\s*(${NUMBER}))?`, 'giu');
  for (const m of text.matchAll(item)) {
    const from = numberOf(m[1] ?? '');
    const to = m[2] === undefined ? from : numberOf(m[2]);
    if (Number.isNaN(from) || Number.isNaN(to)) continue;
    if (to >= from && to - from <= 50) for (let n = from; n <= to; n++) numbers.push(n);
    else numbers.push(from, to);
  }
  return [...new Set(numbers)];
}

/** "the previous step", "the step before", "the last step", "the step above", "the one before". */
export function namesPreviousStep(sentence: string): boolean {
  return /\b(?:the\s+(?:previous|prior|preceding|last|earlier)\s+step|the\s+step\s+(?:before|above)(?:\s+it|\s+this\s+one)?|the\s+one\s+before)\b/i.test(sentence);
}

/** "everything above", "all of the above", "all the previous steps", "the steps above", "everything so far". */
export function namesAllAbove(sentence: string): boolean {
  return /\b(?:everything\s+(?:above|so\s+far|before(?:\s+this)?)|all\s+(?:of\s+)?the\s+above|all\s+(?:of\s+)?(?:the\s+)?(?:previous|earlier|prior|above|other)\s+steps|(?:the|all)\s+steps\s+(?:above|before(?:\s+this)?|so\s+far))\b/i.test(sentence);
}

/**
 * "Write the update from both", "Compare both lists", "Merge the two summaries": the two steps
 * before. "both teams" is no step.
 */
export function namesBoth(sentence: string): boolean {
  const outputs = String.raw`(?:outputs?|lists?|summaries|drafts?|results?|notes|steps|versions|halves|parts)`;
  return (
    new RegExp(String.raw`\bboth(?:\s+of\s+them)?\b(?!\s+(?!(?:in|into|on|onto|to|together|and|with|from|for|as|side)\b)[\p{L}])`, 'iu').test(sentence) ||
    new RegExp(String.raw`\bboth\s+${outputs}\b`, 'iu').test(sentence) ||
    new RegExp(String.raw`\bthe\s+(?:last\s+)?two\s+${outputs}\b`, 'iu').test(sentence)
  );
}

// Words that say steps do not wait for each other. "together" and "at once" count only after a
// verb of running ("can be done together"): "Combine steps 2 and 3 together" is work.
const TOGETHER = new RegExp(
  [
    String.raw`at\s+the\s+same\s+time`,
    String.raw`in\s+parallel`,
    'simultaneously',
    'concurrently',
    String.raw`side\s+by\s+side`,
    'independently',
    String.raw`in\s+any\s+order`,
    String.raw`(?:run|done|happen|go|start|written)\s+(?:at\s+once|together)`,
    String.raw`(?:are|is)\s+independent`,
    String.raw`(?:do\s+not|don't|dont|doesn't|does\s+not)\s+(?:depend\s+on|need|wait\s+for)\s+(?:each\s+other|one\s+another|the\s+others?)`,
  ]
    .map((p) => `\\b${p}\\b`)
    .join('|'),
  'i',
);

/** True when a sentence says some steps can run at the same time, with or without their numbers. */
export function saysTogether(sentence: string): boolean {
  return TOGETHER.test(sentence.replace(/[’‘]/g, "'"));
}

/**
 * True when a sentence says steps run at the same time but not which: "These can run at the
 * same time", "This one can run in parallel with the others". Work done "independently" or
 * "at the same time" by the model ("Research each competitor independently") is not about steps.
 */
export function saysTogetherWithoutNumbers(sentence: string): boolean {
  const text = sentence.replace(/[’‘]/g, "'");
  return (
    saysTogether(text) &&
    findStepMentions(text).length === 0 &&
    /\b(?:steps|these|they|those|this\s+one|both|the\s+others?|ones)\b/i.test(text) &&
    /\b(?:(?:can|could|may|should|will|would)\s+(?:all\s+|both\s+)?(?:run|be\s+done|happen|go|start|be\s+written|be\s+run)|(?:do\s+not|don't|dont)\s+(?:depend\s+on|need|wait\s+for))\b/i.test(text)
  );
}

/**
 * The steps a sentence says can run at the same time ("Steps 2, 3 and 4 only need the article,
 * so they can run at the same time" → [2, 3, 4]); null when it says no such thing or names no
 * step. One number ("… at the same time as step 2") is returned as it is: the caller adds the
 * step the sentence belongs to.
 */
export function readTogether(sentence: string): number[] | null {
  if (!saysTogether(sentence)) return null;
  const numbers = [...new Set(findStepMentions(sentence).flatMap((m) => m.numbers))];
  if (numbers.length > 0) return numbers;
  // "2, 3 and 4 can run in parallel": a list of numbers opening the sentence.
  const lead = new RegExp(`^(\\d{1,2}(?:${JOIN}\\d{1,2})+)\\b`, 'u').exec(sentence.trim());
  return lead ? listOf(lead[1] ?? '') : null;
}

export type StepStatement =
  | { kind: 'needs'; target: number; needs: number[] }
  | { kind: 'not_needs'; target: number; notNeeds: number[] }
  | { kind: 'starts_at_once'; target: number };

const NEEDS_VERB = String.raw`(?:needs?|uses?|takes?|waits?\s+for|comes?\s+after|runs?\s+after|starts?\s+after|depends?\s+on|builds?\s+on|follows?|is\s+based\s+on|works?\s+from|reads?)`;
const NOT_NEEDS_VERB = String.raw`(?:(?:does\s+not|doesn't|doesnt|do\s+not|don't|dont|need\s+not|needn't)\s+(?:need|use|wait\s+for|depend\s+on)|is\s+independent\s+of|can\s+run\s+without)`;

/**
 * A sentence about one step by its number: "Step 3 needs steps 1 and 2" (also in a note line),
 * "Step 3 doesn't need step 2", "Step 2 can start right away". Null for anything else.
 */
export function readStatement(sentence: string): StepStatement | null {
  const text = sentence.trim().replace(/[’‘]/g, "'");
  const head = new RegExp(`^${STEP_WORDS}\\s*(?:#\\s*)?(${NUMBER})\\s+(?:only\\s+|also\\s+|just\\s+)?`, 'iu').exec(text);
  if (!head) return null;
  const target = numberOf(head[1] ?? '');
  const rest = text.slice(head[0].length);
  if (new RegExp(`^${NOT_NEEDS_VERB}\\b`, 'i').test(rest)) {
    const notNeeds = findStepMentions(rest).flatMap((m) => m.numbers);
    return notNeeds.length > 0 ? { kind: 'not_needs', target, notNeeds } : null;
  }
  if (/^(?:can|may|should)\s+(?:start|run|begin|go)\s+(?:right\s+away|straight\s+away|immediately|first|at\s+the\s+start|on\s+its\s+own)\b/i.test(rest)) {
    return { kind: 'starts_at_once', target };
  }
  if (new RegExp(`^${NEEDS_VERB}\\b`, 'i').test(rest)) {
    const needs = findStepMentions(rest).flatMap((m) => m.numbers);
    return needs.length > 0 ? { kind: 'needs', target, needs } : null;
  }
  return null;
}

/**
 * The step mentions of a sentence, split into the steps it needs ("after step 2", "using the
 * list from step 2") and the steps that must wait for it ("do this before step 4").
 */
export function readMentions(sentence: string): { needs: StepMention[]; before: StepMention[] } {
  const needs: StepMention[] = [];
  const before: StepMention[] = [];
  for (const m of findStepMentions(sentence)) {
    const lead = sentence.slice(0, m.start);
    (/\b(?:before|ahead\s+of|prior\s+to|in\s+time\s+for)\s+(?:the\s+)?$/i.test(lead) ? before : needs).push(m);
  }
  return { needs, before };
}

export interface NamedWait {
  /** The words as written: "once the research is done". */
  text: string;
  /** What is waited for: "the research". */
  named: string;
  /** The wait is for a person's decision ("once the draft is approved"), not a step's output. */
  review: boolean;
  /**
   * "once … is done" can only mean a step; "After the call, …" may mean the world (a call, a
   * meeting), so it counts only when a step's words match it.
   */
  strong: boolean;
}

const DONE_WORDS = String.raw`(?:done|finished|ready|complete|completed|written|drafted|approved|reviewed|signed\s+off)`;
const NAMED_WAIT = new RegExp(
  `\\b(?:once|when|after|as\\s+soon\\s+as)\\s+((?:the\\s+|both\\s+|all\\s+(?:the\\s+)?|our\\s+|your\\s+)?[\\p{L}][\\p{L}'-]*(?:\\s+[\\p{L}][\\p{L}'-]*){0,4}?)\\s+(?:is|are|has\\s+been|have\\s+been|'s|was|were)\\s+(${DONE_WORDS})\\b`,
  'iu',
);
const LEADING_AFTER = /^(?:after|following)\s+((?:the\s+)?[\p{L}][\p{L}'-]*(?:\s+[\p{L}][\p{L}'-]*){0,3}?)\s*,/iu;
const PRONOUN_ONLY = /^(?:that|this|it|they|these|those|everything|all\s+that|all\s+this|which|then|done|both|all)$/i;

/**
 * A wait for another step named by what it does ("once the research is done", "After the
 * interviews, …"); null when the sentence has none, or names the step by number instead.
 */
export function readNamedWait(sentence: string): NamedWait | null {
  const text = sentence.trim().replace(/[’‘]/g, "'");
  for (const [match, strong] of [
    [NAMED_WAIT.exec(text), true],
    [LEADING_AFTER.exec(text), false],
  ] as const) {
    if (!match) continue;
    const named = (match[1] ?? '').trim();
    if (named === '' || PRONOUN_ONLY.test(named) || findStepMentions(named).length > 0 || /^steps?\b/i.test(named)) continue;
    const review = strong && /^(?:approved|reviewed|signed\s+off)$/i.test(match[2] ?? '');
    return { text: match[0].replace(/,$/, ''), named, review, strong };
  }
  return null;
}

/**
 * True when a step's text points back at earlier work without naming a step ("Group it by
 * theme", "Compare them with …", "Turn the results into …"): such a step keeps the step before it.
 */
export function refersBack(text: string): boolean {
  // Not "their"/"they": "Research their pricing pages" after "Research competitors" names the
  // same subject, not the step's output.
  return /\b(?:it|them|these|those|above|previous|earlier|results?|outputs?|findings)\b/i.test(text);
}
