// Checks a step's output against what its template and its own words ask (src/domain/output-rule.ts
// says what each rule means). Each violation quotes the rule as the person wrote it and says what
// was found in numbers ("under 1,300 characters" / "it has 1,412 characters"), so the same list
// can go to the model as feedback and into a failure message. Pure.
//
// How the output is read:
//   - Sections: every template heading must appear as a markdown heading (any level), in the
//     template's order; compared trimmed, case-insensitively, without trailing "#"s. Extra
//     headings are fine. A heading is out of order when one that should follow it comes first.
//   - Words are whitespace-separated tokens with a letter or digit ("###", "-", ">" are not
//     words). Characters are Unicode code points of the trimmed text, so an emoji counts once.
//   - List items are lines at indent 0 starting "-", "*", "+", "1." or "1)" and a space (not a
//     "* * *" rule); links are markdown "[text](target)" links and bare http(s) URLs, each
//     distinct target once (an image "![alt](src)" is no link); hashtags are "#" + a word with a
//     letter, after a space or at a line start (so "# Heading", "#1" and URL fragments are
//     none). Lines inside ``` fences are code: they hold no list items, links or hashtags.
//   - Hook: the first non-empty line is not a heading or list item, has at most 20 words and one
//     sentence (no ". ", "! " or "? " inside it).
import { HOOK_MAX_WORDS, type OutputRule } from '../domain/output-rule';

export interface OutputExpectationLike {
  sections: string[];
  maxWords: number | null;
  rules: OutputRule[];
}

export interface Violation {
  /** The rule as the person wrote it: "under 1,300 characters". */
  rule: string;
  /** What the output has instead: "it has 1,412 characters". */
  found: string;
}

export function checkOutput(text: string, expectation: OutputExpectationLike): Violation[] {
  const violations = checkSections(text, expectation.sections);
  const wordRules = expectation.rules.filter((r) => r.kind === 'max_words');
  // The template's word limit and a step's own: only the stricter is checked, so one overrun
  // is reported once.
  const templateIsStricter = expectation.maxWords !== null && wordRules.every((r) => r.max > (expectation.maxWords ?? 0));
  if (templateIsStricter && expectation.maxWords !== null) {
    violations.push(...checkRule(text, { kind: 'max_words', words: `at most ${formatNumber(expectation.maxWords)} words`, max: expectation.maxWords }));
  }
  for (const rule of expectation.rules) {
    if (rule.kind === 'max_words' && templateIsStricter) continue;
    violations.push(...checkRule(text, rule));
  }
  return violations;
}

/** "- under 1,300 characters: it has 1,412 characters", one line per violation. */
export function violationList(violations: readonly Violation[]): string {
  return violations.map((v) => `- ${v.rule}: ${v.found}`).join('\n');
}

function checkRule(text: string, rule: OutputRule): Violation[] {
  const broken = (found: string): Violation[] => [{ rule: rule.words, found }];
  switch (rule.kind) {
    case 'max_chars': {
      const n = countChars(text);
      return n > rule.max ? broken(`it has ${counted(n, 'character')}${unlessStated(rule)}`) : [];
    }
    case 'max_words': {
      const n = countWords(text);
      return n > rule.max ? broken(`it has ${counted(n, 'word')}${unlessStated(rule)}`) : [];
    }
    case 'items': {
      const n = proseLines(text).filter(isListItem).length;
      return n !== rule.count ? broken(`it has ${counted(n, 'list item')}`) : [];
    }
    case 'links': {
      const n = linkTargets(text).length;
      return n !== rule.count ? broken(`it has ${counted(n, 'link')}`) : [];
    }
    case 'no_hashtags': {
      const n = countHashtags(text);
      return n > rule.max ? broken(`it has ${counted(n, 'hashtag')}`) : [];
    }
    case 'hook_line': {
      const problem = hookProblem(text);
      return problem === null ? [] : broken(problem);
    }
  }
}

/** ", more than 165" when the rule's words do not show its limit ("150 words" allows 165). */
function unlessStated(rule: { words: string; max: number }): string {
  const shown = rule.words.includes(formatNumber(rule.max)) || rule.words.includes(String(rule.max));
  return shown ? '' : `, more than ${formatNumber(rule.max)}`;
}

function checkSections(text: string, sections: readonly string[]): Violation[] {
  const found = text
    .split(/\r?\n/)
    .map((line) => /^ {0,3}#{1,6}\s+(.*)$/.exec(line)?.[1])
    .filter((title): title is string => title !== undefined)
    .map(headingKey);
  // Each template heading takes the first unused heading of the output with the same words.
  const used = new Set<number>();
  const at = sections.map((title) => {
    const i = found.findIndex((f, k) => !used.has(k) && f === headingKey(title));
    if (i >= 0) used.add(i);
    return i;
  });
  const violations: Violation[] = [];
  sections.forEach((title, i) => {
    const rule = `the section "${title}"`;
    const position = at[i] ?? -1;
    if (position < 0) {
      violations.push({ rule, found: 'it is missing' });
      return;
    }
    // Of the headings that should come after this one, the last that the output puts before it.
    let before: number | undefined;
    sections.forEach((_, j) => {
      const other = at[j] ?? -1;
      if (j > i && other >= 0 && other < position && (before === undefined || other > (at[before] ?? -1))) before = j;
    });
    if (before !== undefined) violations.push({ rule, found: `it comes after "${sections[before]}"` });
  });
  return violations;
}

function headingKey(title: string): string {
  return title.replace(/\s+#+\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

function countChars(text: string): number {
  return [...text.trim()].length;
}

/** The lines outside ``` / ~~~ code fences. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^ {0,3}(?:```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) lines.push(line);
  }
  return lines;
}

function isListItem(line: string): boolean {
  return /^(?:[-*+]|\d{1,9}[.)])\s+\S/.test(line) && !/^([-*_])(?:\s*\1){2,}\s*$/.test(line);
}

function linkTargets(text: string): string[] {
  const targets = new Set<string>();
  const prose = proseLines(text).join('\n');
  // Images ("![alt](src)") are taken out too, but are no links.
  const rest = prose.replace(/(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_match, bang: string, target: string) => {
    if (bang === '') targets.add(target);
    return ' ';
  });
  for (const m of rest.matchAll(/\bhttps?:\/\/[^\s<>()[\]]+/gi)) targets.add(m[0].replace(/[.,;:!?'"”’]+$/, ''));
  return [...targets];
}

function countHashtags(text: string): number {
  let n = 0;
  for (const line of proseLines(text)) n += [...line.matchAll(/(?:^|[\s(])#(?=[\p{N}_]*\p{L})[\p{L}\p{N}_]+/gu)].length;
  return n;
}

function hookProblem(text: string): string | null {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
  if (first === undefined) return 'it is empty';
  const quoted = `the first line, "${first.length > 60 ? `${first.slice(0, 59)}…` : first}",`;
  if (/^#{1,6}(?:\s|$)/.test(first)) return `${quoted} is a heading`;
  if (isListItem(first)) return `${quoted} is a list item`;
  const sentences = first.split(/(?<=[.!?])["'”’)\]]*\s+(?=\S)/).length;
  if (sentences > 1) return `${quoted} has ${sentences} sentences`;
  const words = countWords(first);
  if (words > HOOK_MAX_WORDS) return `${quoted} has ${words} words, more than ${HOOK_MAX_WORDS}`;
  return null;
}

function counted(n: number, noun: string): string {
  return `${formatNumber(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}
