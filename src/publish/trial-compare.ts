// A trial output beside the human-made version of the same output: which sections each has,
// how long each is, and which facts only one side states — so a team can judge, run after run,
// whether Baton's version could replace theirs.
//
// Pure: two markdown texts in, a comparison out; no I/O, no clock.
//
// The rules, kept simple on purpose so a reader can check them by eye:
// - Sections are the markdown headings (`#` to `######`). Two headings are the same section when
//   they match after lower-casing, dropping a parenthesised remark ("Summary (3 bullets)" is
//   "summary") and dropping punctuation.
// - Length is words: runs of letters or digits, headings included, markdown symbols not.
// - Facts are sentences: every non-heading line, list markers and checkboxes removed, split after
//   `.`, `!` or `?` followed by a space. A sentence is normalised (links to their text, markdown
//   emphasis, parenthesised remarks such as a draft's "(source: …)" citations and punctuation
//   removed, lower case, spaces collapsed) and the two sides are compared
//   as sets of normalised sentences. This is a set comparison, not a diff: order does not matter,
//   and a sentence reworded on one side counts as a fact on each. Sentences under three words
//   (labels, "N/A") are left out.
// - At most `maxFacts` facts are listed per side; the counts say how many there were in all.

export interface TrialComparison {
  sections: { both: string[]; onlyTrial: string[]; onlyHuman: string[] };
  words: { trial: number; human: number };
  facts: {
    onlyTrial: string[];
    onlyHuman: string[];
    /** How many facts only each side has, before the `maxFacts` cut. */
    onlyTrialCount: number;
    onlyHumanCount: number;
    shared: number;
  };
}

export interface CompareOptions {
  /** Facts listed per side at most; default 10. */
  maxFacts?: number;
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const MIN_FACT_WORDS = 3;

export function compareVersions(trial: string, human: string, options: CompareOptions = {}): TrialComparison {
  const max = options.maxFacts ?? 10;
  const trialSections = headingsOf(trial);
  const humanSections = headingsOf(human);
  const humanKeys = new Set(humanSections.map(sectionKey));
  const trialKeys = new Set(trialSections.map(sectionKey));
  const trialFacts = factsOf(trial);
  const humanFacts = factsOf(human);
  const onlyTrial = [...trialFacts].filter(([key]) => !humanFacts.has(key)).map(([, fact]) => fact);
  const onlyHuman = [...humanFacts].filter(([key]) => !trialFacts.has(key)).map(([, fact]) => fact);
  return {
    sections: {
      both: trialSections.filter((s) => humanKeys.has(sectionKey(s))),
      onlyTrial: trialSections.filter((s) => !humanKeys.has(sectionKey(s))),
      onlyHuman: humanSections.filter((s) => !trialKeys.has(sectionKey(s))),
    },
    words: { trial: wordCount(trial), human: wordCount(human) },
    facts: {
      onlyTrial: onlyTrial.slice(0, max),
      onlyHuman: onlyHuman.slice(0, max),
      onlyTrialCount: onlyTrial.length,
      onlyHumanCount: onlyHuman.length,
      shared: trialFacts.size - onlyTrial.length,
    },
  };
}

/** Each heading's text once, in order of first appearance. */
export function headingsOf(markdown: string): string[] {
  const seen = new Set<string>();
  const headings: string[] = [];
  for (const line of lines(markdown)) {
    const match = HEADING.exec(line);
    const heading = match ? plain(match[1] ?? '') : '';
    if (heading === '' || seen.has(sectionKey(heading))) continue;
    seen.add(sectionKey(heading));
    headings.push(heading);
  }
  return headings;
}

export function sectionKey(heading: string): string {
  return normalise(heading.replace(/\([^)]*\)/g, ' '));
}

export function wordCount(markdown: string): number {
  return plain(markdown).match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Normalised sentence → the sentence as written (first occurrence), in order. */
export function factsOf(markdown: string): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of lines(markdown)) {
    if (HEADING.test(line)) continue;
    const body = plain(line.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '').replace(/^\s*>\s?/, ''));
    for (const sentence of body.split(/(?<=[.!?])\s+/)) {
      const key = normalise(sentence.replace(/\([^)]*\)/g, ' '));
      if (key.split(' ').length < MIN_FACT_WORDS || facts.has(key)) continue;
      facts.set(key, sentence.trim());
    }
  }
  return facts;
}

// Code fences are not prose: their lines are left out.
function lines(markdown: string): string[] {
  const kept: string[] = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced && line.trim() !== '') kept.push(line);
  }
  return kept;
}

/** Markdown → the words a reader sees: links to their text, tags and emphasis removed. */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\([\\*_~`[\]<>{}|^$#])/g, '$1')
    .replace(/(\*\*|__|~~|[*_`])/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
