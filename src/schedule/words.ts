// The words plain-language schedules are made of, and what each one means to the reader.
// Also the vocabulary spelling fixes are chosen from (spelling.ts), so a word the reader
// understands is never "corrected" into one it does not.
import type { WeekDays } from './phrase';
import { WEEKDAYS } from './phrase';
import { MONTH_NAMES } from './local-date';

export type Word =
  | { t: 'day'; day: number }
  | { t: 'days'; days: WeekDays }
  /** "day", "daily": every day, or the "day" of "last day of the month". */
  | { t: 'dayword' }
  /** "week", "weekly": only ever a lead-in to a list of days ("weekly on Mondays"). */
  | { t: 'week' }
  | { t: 'month' }
  /** A day of the month or an nth weekday; `suffixed` when written "1st" or "first", not "1". */
  | { t: 'ord'; n: number; suffixed: boolean }
  | { t: 'last' }
  | { t: 'and' }
  | { t: 'to' }
  /** Words that only make a phrase read well: "every Monday" means "Monday". */
  | { t: 'filler' };

const DAY_SPELLINGS: readonly (readonly string[])[] = [
  ['sunday', 'sundays', 'sun'],
  ['monday', 'mondays', 'mon'],
  ['tuesday', 'tuesdays', 'tue', 'tues'],
  ['wednesday', 'wednesdays', 'wed', 'weds'],
  ['thursday', 'thursdays', 'thu', 'thur', 'thurs'],
  ['friday', 'fridays', 'fri'],
  ['saturday', 'saturdays', 'sat'],
];

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'] as const;

const WORDS: ReadonlyMap<string, Word> = new Map<string, Word>([
  ...DAY_SPELLINGS.flatMap((spellings, day) => spellings.map((s): [string, Word] => [s, { t: 'day', day }])),
  ...ORDINAL_WORDS.map((s, i): [string, Word] => [s, { t: 'ord', n: i + 1, suffixed: true }]),
  ['weekday', { t: 'days', days: WEEKDAYS }],
  ['weekdays', { t: 'days', days: WEEKDAYS }],
  ['weekend', { t: 'days', days: [0, 6] }],
  ['weekends', { t: 'days', days: [0, 6] }],
  ['day', { t: 'dayword' }],
  ['days', { t: 'dayword' }],
  ['daily', { t: 'dayword' }],
  ['everyday', { t: 'dayword' }],
  ['week', { t: 'week' }],
  ['weekly', { t: 'week' }],
  ['month', { t: 'month' }],
  ['months', { t: 'month' }],
  ['monthly', { t: 'month' }],
  ['last', { t: 'last' }],
  ['and', { t: 'and' }],
  ['to', { t: 'to' }],
  ['through', { t: 'to' }],
  ['thru', { t: 'to' }],
  ['until', { t: 'to' }],
  // "from Monday to Friday"; "from" before a date is a start date, taken out first (read-anchor.ts).
  ...['every', 'each', 'the', 'on', 'of', 'in', 'at', 'from'].map((s): [string, Word] => [s, { t: 'filler' }]),
]);

/** Words read elsewhere (intervals, times, skips, start dates); known, so never "misspelled". */
const OTHER_KNOWN = [
  'minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'hourly', 'half', 'quarter',
  'noon', 'midday', 'midnight', 'am', 'pm', 'other', 'alternate', 'alternating', 'biweekly',
  'fortnightly', 'fortnight', 'bimonthly', 'quarterly', 'weeks', 'one', 'two', 'three', 'four',
  'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty',
];

/** Words that put a start date after them: "starting 4 Dec" (read-anchor.ts). */
export const ANCHOR_WORDS: readonly string[] = ['starting', 'start', 'starts', 'beginning', 'begin', 'begins', 'from', 'commencing'];

/** Month names and abbreviations, 1 = January. */
export const MONTH_WORDS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((name, i): [string, number][] => {
    const lower = name.toLowerCase();
    return [[lower, i + 1], [lower.slice(0, 3), i + 1], ...(lower === 'september' ? [['sept', 9] as [string, number]] : [])];
  }),
);

// After the schedule's own words, so a tie between a day and a month ("mom": "mon" or "mar")
// goes to the day.
export const VOCABULARY: readonly string[] = [...WORDS.keys(), ...OTHER_KNOWN, ...ANCHOR_WORDS, ...MONTH_WORDS.keys()];

const SUFFIXED = /^(\d{1,2})(st|nd|rd|th)$/;
const BARE = /^\d{1,2}$/;

/** What a token means, or null when the reader does not know it. */
export function lookUpWord(token: string): Word | null {
  const known = WORDS.get(token);
  if (known) return known;
  const suffixed = SUFFIXED.exec(token);
  if (suffixed) return { t: 'ord', n: Number(suffixed[1]), suffixed: true };
  if (BARE.test(token)) return { t: 'ord', n: Number(token), suffixed: false };
  return null;
}

/** "'blah' is not a word …", naming at most three words. */
export function unknownWordsReason(words: readonly string[]): string {
  const quoted = words.slice(0, 3).map((w) => `'${w}'`);
  if (quoted.length === 1) return `${quoted[0]} is not a word Baton knows in a schedule`;
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]} are not words Baton knows in a schedule`;
}

