// Reading one plain-language step: is it a hand-off to a human reviewer, does it carry a hint
// about running steps in parallel, and what short title names it.
//
// Steps are written by non-engineers ("Send it to Maya for review.", "Sam reviews it."), so the
// rules are phrase lists, deliberately narrow: a step wrongly taken for a review would vanish
// from the plan, which is worse than a review step kept as a (harmless) drafting step.
// Pure string work.

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
];

// A sentence that opens with one of these is work for the model even when it mentions a review
// ("Summarise the feedback for review."); "Send"/"Share"/"Hand" open hand-offs and are not here.
const WORK_VERB =
  /^(?:read|write|draft|compare|collect|pull|gather|summari[sz]e|group|list|prepare|create|turn|analy[sz]e|flag|note|build|make|produce|translate|extract|check|find|research|outline|edit|format|combine|merge|update|apply|rewrite|revise)\b/i;

/** True when a sentence mentions a review or approval by a person. */
export function mentionsReview(sentence: string): boolean {
  return REVIEW_PHRASES.some((pattern) => pattern.test(sentence));
}

/** True when a sentence only hands the work to a person for review or approval. */
export function isReviewSentence(sentence: string): boolean {
  return mentionsReview(sentence) && !WORK_VERB.test(sentence.trim());
}

/**
 * True when a sentence says steps can run at the same time ("Steps 2, 3 and 4 only need the
 * article, so they can run at the same time."). Plans are linear for now; the hint becomes a note.
 */
export function isParallelHint(sentence: string): boolean {
  return (
    /\bsteps?\s+\d+/i.test(sentence) &&
    /\b(?:at the same time|in parallel|simultaneously|concurrently|side by side|independently)\b/i.test(sentence)
  );
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
 * A short title for a step: its first clause (up to . , : ; ( ! ?), at most 60 characters cut
 * at a word with "…", first letter capitalised. `fallback` when the text has no words.
 */
export function titleOf(text: string, fallback: string): string {
  const clause = (text.trim().split(/[.,:;(!?\n]/)[0] ?? '').replace(/\s+/g, ' ').trim();
  if (clause === '') return fallback;
  const title = shorten(clause, MAX_TITLE_CHARS);
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
