// Reading one plain-language step: is it a hand-off to a human reviewer (and whom does it name),
// does it carry a hint about running steps in parallel, and what short title (verb and object,
// for the Plan row today) and label (the object, for the plan graph) name it.
//
// Steps are written by non-engineers ("Send it to Maya for review.", "Sam reviews it."), so the
// rules are phrase lists, deliberately narrow: a step wrongly taken for a review would vanish
// from the plan, which is worse than a review step kept as a (harmless) drafting step.
// Pure string work.

import { readTogether, STEP_LIST, STEP_WORDS } from './step-references';

const MAX_TITLE_CHARS = 60;

/** Sentences of a step's text: split after . ! ? and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\r?\n|(?<=[.!?])\s+(?=["'“(]?[\p{Lu}\p{N}])/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// "reviews"/"approves" as a verb ("Sam reviews it"), not as a noun ("lessons from past reviews").
const NOUN_BEFORE = String.raw`(?<!\b(?:past|previous|earlier|prior|recent|last|the|from|of|our|their|her|his|its|all|any|these|those|with|after|before|in|for)\s+)`;
const REVIEW_PHRASES: readonly RegExp[] = [
  // "Send it to Maya for review." / "… for her approval" / "for sign-off"
  /\bfor\s+(?:(?:a|an|her|his|their|final|a final)\s+)?(?:review|approval|sign[- ]?off)\b/i,
  // "ask Ana to review" / "have the account owner approve it"
  /\b(?:ask|get|have|let)\s+(?:\p{Lu}[\p{L}'-]*|the\s+\p{L}+(?:\s+\p{L}+)?|them|him|her)\s+(?:to\s+)?(?:review|approve|sign off)\b/iu,
  // "Maya will review it."
  /\b(?:will|should|must|shall)\s+(?:review|approve|sign off)\b/i,
  // "The account owner reviews it." / "Lena reviews the set together." / "Sam approves."
  new RegExp(`${NOUN_BEFORE}\\b(?:reviews|approves|signs off)\\b`, 'i'),
  // "… to be reviewed by Sam" / "Reviewed by the account owner"
  /\b(?:reviewed|approved|signed off)\s+by\b/i,
  // "Get Maya's approval." / "Maya's review"
  /\b\w+'s\s+(?:review|approval|sign[- ]?off)\b/i,
  // "Legal checks step 3." / "Legal (Alex) checks step 3." / "Ana proofreads it." — a person
  // or team (capitalised) doing the checking.
  /^(?!(?:check|checks|then|next|also|finally|proofread)\b)\p{Lu}[\p{L}'-]*(?:\s+\(?\p{L}+\)?){0,2}\s+(?:checks|proofreads|signs\s+off\s+on|looks\s+over|goes\s+over)\b/u,
];

// Who a review sentence names: "Send it to Maya for review", "ask Ana to review", "Lena reviews
// the set", "reviewed by Sam", "Maya's approval". Only a capitalised word that is no pronoun.
const NAMED_REVIEWER: readonly RegExp[] = [
  /\b(?:send|give|hand|pass|share|show)\s+(?:it|this|them|the\s+\p{L}+(?:\s+\p{L}+)?)\s+(?:over\s+)?to\s+(\p{L}[\p{L}-]*)/iu,
  /\b(?:ask|get|have|let)\s+(\p{L}[\p{L}-]*)(?:'s)?\s+(?:to\s+)?(?:review|approve|sign|check)/iu,
  // "Legal (Ana) checks step 3": the person in brackets, not the team.
  /^\p{L}[\p{L}-]*\s+\((\p{L}[\p{L}-]*)(?:\s+\p{L}[\p{L}-]*)?\)\s+(?:reviews|approves|signs\s+off|checks|proofreads)\b/iu,
  /^(\p{L}[\p{L}-]*)\s+(?:reviews|approves|signs\s+off|checks|proofreads|will\s+review|should\s+review|must\s+review)\b/iu,
  /\b(?:reviewed|approved|signed\s+off)\s+by\s+(\p{L}[\p{L}-]*)/iu,
  /\b(\p{L}[\p{L}-]*)'s\s+(?:review|approval|sign[- ]?off)/iu,
];
const NOT_A_NAME = /^(?:the|them|him|her|it|this|that|someone|somebody|everyone|whoever|finally|then|next|also|they|we|you|i|me|us)$/i;

/** The person a review sentence names ("Maya"), or null when it names nobody by name. */
export function reviewerNamed(sentence: string): string | null {
  const text = withoutWaitWords(sentence.trim().replace(/[’‘]/g, "'"));
  for (const pattern of NAMED_REVIEWER) {
    const name = pattern.exec(text)?.[1];
    if (name && /^\p{Lu}/u.test(name) && !NOT_A_NAME.test(name)) return name;
  }
  return null;
}

// A sentence that opens with one of these is work for the model even when it mentions a review
// ("Summarise the feedback for review."); "Send"/"Share"/"Hand" open hand-offs and are not here.
const WORK_VERB =
  /^(?:read|write|draft|compare|collect|pull|gather|summari[sz]e|group|list|prepare|create|turn|analy[sz]e|flag|note|build|make|produce|translate|extract|check|find|research|outline|edit|format|combine|merge|update|apply|rewrite|revise)\b/i;

/** True when a sentence mentions a review or approval by a person. */
export function mentionsReview(sentence: string): boolean {
  // Notion keeps the curly apostrophe people type on a Mac ("Maya’s sign-off").
  const text = sentence.replace(/[’‘]/g, "'");
  return REVIEW_PHRASES.some((pattern) => pattern.test(text));
}

/** True when a sentence only hands the work to a person for review or approval. */
export function isReviewSentence(sentence: string): boolean {
  // "After steps 1 and 2, draft the report and send it to Maya for review" is work.
  return mentionsReview(sentence) && !WORK_VERB.test(withoutWaitWords(sentence.trim()));
}

/**
 * True when a sentence says steps can run at the same time and names them ("Steps 2, 3 and 4
 * only need the article, so they can run at the same time.", "2 and 3 can run in parallel").
 * A review ("Lena reviews steps 2 and 3 together") is never a hint.
 */
export function isParallelHint(sentence: string): boolean {
  return !mentionsReview(sentence) && readTogether(sentence) !== null;
}

export interface StepReading {
  /** The text without parallel hints: what the model is asked to do. */
  instruction: string;
  /** Every remaining sentence hands off to a reviewer: no drafting to do. */
  reviewOnly: boolean;
  /** At least one sentence asks for a review (also true for "Draft it and send it to Maya for review."). */
  asksForReview: boolean;
  parallelHints: string[];
}

export function readStep(text: string): StepReading {
  const sentences = splitSentences(text);
  const parallelHints = sentences.filter(isParallelHint);
  const rest = sentences.filter((s) => !isParallelHint(s));
  const handOffs = rest.filter(isReviewSentence);
  // Keep the author's line breaks unless a hint had to be cut out of the text.
  const instruction = parallelHints.length === 0 ? text.trim() : rest.join(' ');
  return {
    instruction,
    reviewOnly: rest.length > 0 && handOffs.length === rest.length,
    asksForReview: rest.some(mentionsReview),
    parallelHints,
  };
}

/**
 * A short title for a step that keeps its verb and object: its first clause (up to . , : ; ( ! ?)
 * once the words that only say what it waits for are gone ("After steps 1 and 2, draft the
 * pipeline report" → "Draft the pipeline report"), at most 60 characters cut at a word with
 * "…", first letter capitalised. `fallback` when the text has no words.
 */
export function titleOf(text: string, fallback: string): string {
  const work = withoutWaitWords(text.trim());
  const clause = (work.split(/[.,:;(!?\n]/)[0] ?? '').replace(/\s+/g, ' ').replace(TRAILING_WAIT, '').trim();
  if (clause === '') return fallback;
  const title = shorten(clause, MAX_TITLE_CHARS);
  return title.charAt(0).toUpperCase() + title.slice(1);
}

// "Then", "Next,", "Finally," and "First," open a step without saying what it does.
const LEAD_IN = /^(?:(?:and\s+)?then|next|finally|lastly|afterwards|after\s+(?:that|this)|now|first(?:ly)?|second(?:ly)?|third(?:ly)?|also)\b[\s,:–—-]+/i;
// "After steps 1 and 2, …", "Once the research is done, …", "Using the list from step 2, …".
const WAIT_CLAUSE = /^(?:after|once|when|as\s+soon\s+as|using|with|from|based\s+on|building\s+on|taking|following|in\s+parallel\s+with|at\s+the\s+same\s+time\s+as)\b[^,.;:!?\n]*?(?:,|:|\s+(?:->|→|=>|—|–))\s*/i;
// The same without a comma: "After step 2 draft the report", "Once the research is done draft …".
const WAIT_BARE = new RegExp(
  String.raw`^(?:(?:after|once|when|as\s+soon\s+as|using|with|from|based\s+on|building\s+on)\s+(?:[\p{L}'-]+\s+){0,4}?${STEP_WORDS}\s*${STEP_LIST}(?:\s+(?:is|are|has\s+been|have\s+been)\s+(?:done|finished|ready|complete|completed))?|(?:once|when|after|as\s+soon\s+as)\s+(?:[\p{L}'-]+\s+){1,5}?(?:is|are|has\s+been|have\s+been)\s+(?:done|finished|ready|complete|completed)|(?:take|use|combine|merge)\s+(?:the\s+)?(?:outputs?|results?|lists?|notes|summaries)\s+(?:of|from)\s+${STEP_WORDS}\s*${STEP_LIST}\s+and)\s+(?:(?:->|→|=>)\s+)?`,
  'iu',
);
// "Draft the report using the list from step 2": the object ends where the wait begins.
const TRAILING_WAIT = new RegExp(
  String.raw`\s+(?:after|once|using|with|from|based\s+on|building\s+on)\s+(?:[\p{L}'-]+\s+){0,4}?${STEP_WORDS}\s*${STEP_LIST}.*$`,
  'iu',
);

function withoutWaitWords(text: string): string {
  let rest = text;
  for (let i = 0; i < 4; i++) {
    const next = rest.replace(LEAD_IN, '').replace(WAIT_CLAUSE, '').replace(WAIT_BARE, '');
    if (next === rest) break;
    rest = next;
  }
  return /\p{L}/u.test(rest) ? rest : text;
}

// Verbs a step opens with, dropped from its label: "Summarise new applicants" → "Applicants".
const VERBS = new Set(
  (
    'read write draft compare collect pull gather summarise summarize group list prepare create turn analyse analyze ' +
    'flag note build make produce translate extract check find research outline edit format combine merge update apply ' +
    'rewrite revise review scan pick choose select rank score sort tag tidy clean fix proofread polish add identify ' +
    'highlight map plan propose suggest recommend estimate calculate count compile assemble fetch get grab skim study ' +
    'evaluate assess audit rate match cite transcribe condense shorten expand describe explain answer reply respond email ' +
    'share send post publish go look take use do sketch design define write-up recap digest brainstorm generate export ' +
    'import book count tag schedule order invite draw chart plot'
  ).split(' '),
);
const NOT_AN_OBJECT = /^(?:it|them|this|that|these|those|what|everything|all|how|why|who|where|when|which|whatever|up|out|together|over|through|down|back|on|in|to|for|with|from|about)$/i;
const DETERMINER = /^(?:the|a|an|our|their|your|my|its|his|her|new|each|every|any|some)$/i;
// "the new file" keeps "new": a file is only told apart by being the new one.
const KEEPS_NEW = /^(?:file|files|article|doc|document|upload|proposal|post|row|entry)$/i;
// Objects that say nothing on their own: "Turn the step before into a blog post" keeps its title.
const VAGUE_OBJECT = /^(?:step|steps|output|outputs|result|results|one|ones)$/i;
const OBJECT_ENDS = /^(?:that|which|who|whose|where|with|from|for|in|into|on|onto|to|by|using|based|so|because|then|as|at|under|within|without|per|about|and|or|against|across|since|after|before|once|when|while|if|—|–|-)$/i;
// A one-word object says more with what follows: "Tickets per customer", "Deals that closed this month".
const OBJECT_GOES_ON = /^(?:by|per|of|from|that|which|who)$/i;

/**
 * A few words for a step on the Plan row: its title's object without the verb ("Draft the
 * pipeline report" → "Pipeline report"), or the title itself when the object is a pronoun
 * ("Group it by theme"). At most 40 characters.
 */
export function labelOf(title: string): string {
  const words = title.trim().split(/\s+/);
  const [verb, ...rest] = words;
  if (verb === undefined || rest.length === 0 || !VERBS.has(verb.toLowerCase()) || NOT_AN_OBJECT.test(rest[0] ?? '')) {
    // "Compare them with last week's brief and list what is new": the first of two actions.
    return shorten(title.trim().split(/\s+and\s+(?=\p{L})/u)[0] ?? title, 40);
  }
  while (rest.length > 1 && DETERMINER.test(rest[0] ?? '') && !(/^new$/i.test(rest[0] ?? '') && KEEPS_NEW.test(rest[1] ?? ''))) rest.shift();
  // The object ends at a clause or an adverb: "Research each competitor independently" → "Competitor".
  let end = rest.findIndex((w, i) => i > 0 && (OBJECT_ENDS.test(w) || /^\p{L}{3,}ly[,.]?$/u.test(w)));
  if (end === 1 && OBJECT_GOES_ON.test(rest[1] ?? '')) {
    const next = rest.findIndex((w, i) => i > 2 && OBJECT_ENDS.test(w));
    end = Math.min(next < 0 ? rest.length : next, 5);
  }
  const object = (end < 0 ? rest : rest.slice(0, end)).join(' ').replace(/[…,;:]+$/, '');
  if (object === '' || DETERMINER.test(object) || VAGUE_OBJECT.test(object.split(' ')[0] ?? '')) return shorten(title.trim(), 40);
  return shorten(object.charAt(0).toUpperCase() + object.slice(1), 40);
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
