// Word-level helpers for reading steps as people write them: number words, the words of a
// phrase that carry meaning, and a loose "same word" test that survives plurals, verb forms
// and one typo ("summaries" ~ "Summarise", "reserach" ~ "research"). Pure string work.

const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
] as const;
const ORDINAL_WORDS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'] as const;

/** A step number as a pattern: digits or a number word ("2", "two"). */
export const NUMBER = String.raw`(?:\d{1,3}|${NUMBER_WORDS.slice(1).join('|')})`;
/** An ordinal as a pattern: "first" … "tenth", "1st", "2nd", "3rd", "4th"… */
export const ORDINAL = String.raw`(?:${ORDINAL_WORDS.slice(1).join('|')}|\d{1,2}(?:st|nd|rd|th))`;

/** "2" → 2, "two" → 2, "second" / "2nd" → 2; NaN when the word is no number. */
export function numberOf(word: string): number {
  const w = word.trim().toLowerCase();
  if (/^\d+(?:st|nd|rd|th)?$/.test(w)) return Number.parseInt(w, 10);
  const cardinal = (NUMBER_WORDS as readonly string[]).indexOf(w);
  if (cardinal >= 0) return cardinal;
  const ordinal = (ORDINAL_WORDS as readonly string[]).indexOf(w);
  return ordinal >= 0 ? ordinal : Number.NaN;
}

// Words that carry no meaning of their own when a phrase is matched against a step or a source.
const STOP_WORDS = new Set(
  (
    'a an the and or of to in on at for from with by into onto about as is are was were be been being it its this that these those ' +
    'them they their our your my his her we you i all any each every both some new latest current so then also only just ' +
    'done finished ready complete completed has have had will can should must do does did there here one two three'
  ).split(' '),
);

/** The lower-case words of a phrase, apostrophes kept ("last week's"), punctuation dropped. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((w) => w !== '');
}

/** The words of a phrase that carry meaning: "the Interview notes" → ["interview", "notes"]. */
export function contentWords(text: string, extraStopWords: ReadonlySet<string> = new Set()): string[] {
  return wordsOf(text).filter((w) => !STOP_WORDS.has(w) && !extraStopWords.has(w));
}

/**
 * True when two words are the same word for a person reading a step: equal; sharing a stem
 * (a common start of at least 4 letters that leaves at most 3 letters over on the shorter word:
 * "notes"/"note", "summary"/"summarise", "researching"/"research"); or, for words of 5
 * letters or more, one typo apart (a letter missing, added, changed or two swapped).
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  if (common >= 4 && shorter - common <= 3) return true;
  return shorter >= 5 && oneTypoApart(a, b);
}

function oneTypoApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  const [longer, short] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === short.slice(i); // one letter added
}

/** True when every word of `wanted` is, loosely, one of `words`. Empty `wanted` never matches. */
export function containsAll(words: readonly string[], wanted: readonly string[]): boolean {
  return wanted.length > 0 && wanted.every((w) => words.some((x) => sameWord(w, x)));
}

/** "1, 2 and 3" (and "1 and 2", "1"), for messages and the Plan row. */
export function listNumbers(numbers: readonly number[], last: 'and' | 'or' = 'and'): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} ${last} ${numbers.at(-1)}`;
}
