// The date a schedule starts from, as written after "starting" (or "from", "beginning"):
// "starting 4 Dec", "starting Fri 4 Dec 2026", "from 2026-12-04", "beginning December 4th".
// Read from normalised tokens, where "2026-12-04" is the one token "2026:12:04" and "4/12/2026"
// is "4:12:2026" (normalize-text.ts).
//
// - A date without a year ("4 Dec") is placed by the default anchor the caller passes (the
//   row's creation date; this module has no clock): it is the first such date on or after
//   the day six months before the default anchor. Created on 23 Oct 2026, "4 Dec" is
//   4 Dec 2026, "1 May" 1 May 2026 (in the past: counting from it only sets which weeks),
//   "20 Apr" 20 Apr 2027. Without a default anchor, a year must be written.
// - Dates written only in numbers ("4/12/2026") are refused: they read as 4 December in
//   Europe and April 12 in the US. "2026-12-04" is read, since that order is the same everywhere.
// - Relative dates ("next Friday", "tomorrow") are refused: they would mean a different day
//   each time the row is read.
// - A weekday written with the date ("Thu 4 Dec 2026") must be that date's weekday.
import type { LocalDate } from './local-date';
import { compareDates, daysInMonth, formatDate, isRealDate, MONTH_NAMES, monthsBefore, weekdayOf } from './local-date';
import { DAY_NAMES } from './phrase';
import { readTimeOfDay } from './time-of-day';
import { ANCHOR_WORDS, lookUpWord, MONTH_WORDS } from './words';

export type AnchorReading =
  /** `rest` is the tokens without the date, and the word that introduced it. */
  | { ok: true; rest: string[]; starting: LocalDate | null }
  /** `instead` is a date to suggest, when there is one. */
  | { ok: false; rest: string[]; reason: string; unknownWords?: string[]; instead: LocalDate | null };

const KEYWORDS = new Set(ANCHOR_WORDS);
const RELATIVE = new Set(['today', 'tomorrow', 'yesterday', 'now', 'next', 'this', 'soon', 'immediately']);

const ISO_TOKEN = /^(\d{4}):(\d{1,2}):(\d{1,2})$/;
const NUMERIC_TOKEN = /^(\d{1,2}):(\d{1,2}):(\d{2,4})$/;
const DAY_TOKEN = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR_TOKEN = /^\d{4}$/;

interface WrittenDate {
  day: number;
  month: number;
  year: number | null;
  weekday: number | null;
}
type DateRead =
  | { kind: 'date'; date: WrittenDate; end: number }
  | { kind: 'numbers'; written: string; end: number }
  | { kind: 'none' };

export function takeAnchor(tokens: readonly string[], defaultAnchor: LocalDate | undefined): AnchorReading {
  for (let i = 0; i < tokens.length; i++) {
    const keyword = tokens[i] ?? '';
    if (!KEYWORDS.has(keyword)) continue;
    let j = i + 1;
    if (tokens[j] === 'on' || tokens[j] === 'from') j += 1;
    const read = readDate(tokens, j);
    // "from Monday to Friday" is a range of days, not a start date.
    if (read.kind === 'none' && keyword === 'from') continue;
    const end = read.kind === 'none' ? dateSpanEnd(tokens, j) : read.end;
    const rest = tidy([...tokens.slice(0, i), ...tokens.slice(end)]);
    if (read.kind === 'date') return settle(read.date, rest, defaultAnchor);
    if (read.kind === 'numbers') {
      const reason = `a date in numbers only, like ${read.written}, is read differently in different countries (write it like 4 Dec 2026 or 2026-12-04)`;
      return { ok: false, rest, reason, instead: defaultAnchor ?? null };
    }
    return notADate(keyword, tokens.slice(j, end), rest, defaultAnchor);
  }
  // A date with no "starting" before it: say what it needs rather than guess what it is for.
  // Read from a number, month or ISO date only, so the schedule's own "Friday" stays its own.
  for (let i = 0; i < tokens.length; i++) {
    const read = lookUpWord(tokens[i] ?? '')?.t === 'day' ? null : readDate(tokens, i);
    if (read?.kind !== 'date') continue;
    const rest = tidy([...tokens.slice(0, i), ...tokens.slice(read.end)]);
    const settled = settle(read.date, rest, defaultAnchor);
    const reason = "a date in a schedule is where it starts, and needs 'starting' before it";
    return { ok: false, rest, reason, instead: settled.ok ? settled.starting : settled.instead };
  }
  return { ok: true, rest: [...tokens], starting: null };
}

/** A date written from token `i`: [weekday] (day [of] month | month [the] day) [year], or an ISO date. */
function readDate(tokens: readonly string[], start: number): DateRead {
  let i = start;
  const dayWord = lookUpWord(tokens[i] ?? '');
  const weekday = dayWord?.t === 'day' ? dayWord.day : null;
  if (weekday !== null) i += tokens[i + 1] === 'and' ? 2 : 1;
  if (tokens[i] === 'the') i += 1;

  const iso = ISO_TOKEN.exec(tokens[i] ?? '');
  if (iso) return { kind: 'date', date: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]), weekday }, end: i + 1 };
  const numbers = NUMERIC_TOKEN.exec(tokens[i] ?? '');
  if (numbers) return { kind: 'numbers', written: numbers.slice(1).join('/'), end: i + 1 };

  let day: number | undefined;
  let month: number | undefined;
  const dayFirst = DAY_TOKEN.exec(tokens[i] ?? '');
  if (dayFirst) {
    const at = tokens[i + 1] === 'of' ? i + 2 : i + 1;
    month = MONTH_WORDS.get(tokens[at] ?? '');
    day = Number(dayFirst[1]);
    i = at + 1;
  } else {
    month = MONTH_WORDS.get(tokens[i] ?? '');
    const at = tokens[i + 1] === 'the' ? i + 2 : i + 1;
    const dayAfter = DAY_TOKEN.exec(tokens[at] ?? '');
    day = dayAfter ? Number(dayAfter[1]) : undefined;
    i = at + 1;
  }
  if (month === undefined || day === undefined) return { kind: 'none' };
  // "4 Dec, 2026" arrives as "4 dec and 2026".
  const yearAt = tokens[i] === 'and' && YEAR_TOKEN.test(tokens[i + 1] ?? '') ? i + 1 : i;
  const year = YEAR_TOKEN.test(tokens[yearAt] ?? '') ? Number(tokens[yearAt]) : null;
  return { kind: 'date', date: { day, month, year, weekday }, end: year === null ? i : yearAt + 1 };
}

/** The written date as a real one: its year settled, and checked. */
function settle(written: WrittenDate, rest: string[], defaultAnchor: LocalDate | undefined): AnchorReading {
  const { day, month, year, weekday } = written;
  const monthName = MONTH_NAMES[month - 1];
  if (monthName === undefined) {
    return { ok: false, rest, reason: `${month} is not a month (months go from 1 to 12)`, instead: defaultAnchor ?? null };
  }
  const named = `${day} ${monthName}`;
  if (day < 1 || day > daysInMonth(2000, month)) {
    return { ok: false, rest, reason: `there is no ${named}`, instead: defaultAnchor ?? null };
  }
  let date: LocalDate;
  if (year !== null) {
    date = { year, month, day };
    if (!isRealDate(date)) return { ok: false, rest, reason: `there is no ${named} ${year}`, instead: defaultAnchor ?? null };
  } else if (defaultAnchor) {
    date = placeYear(day, month, defaultAnchor);
  } else {
    const reason = `${named} has no year, and there is no other date to tell which year it is (write ${named} with its year)`;
    return { ok: false, rest, reason, instead: null };
  }
  if (weekday !== null && weekdayOf(date) !== weekday) {
    const reason = `${formatDate(date)} is a ${DAY_NAMES[weekdayOf(date)]}, not a ${DAY_NAMES[weekday]}`;
    return { ok: false, rest, reason, instead: date };
  }
  return { ok: true, rest, starting: date };
}

/** The first day/month on or after six months before the default anchor (see the header). */
function placeYear(day: number, month: number, defaultAnchor: LocalDate): LocalDate {
  const earliest = monthsBefore(defaultAnchor, 6);
  // 29 February comes round within eight years.
  for (let year = earliest.year; ; year++) {
    const date = { year, month, day };
    if (isRealDate(date) && compareDates(date, earliest) >= 0) return date;
  }
}

function notADate(keyword: string, words: readonly string[], rest: string[], defaultAnchor: LocalDate | undefined): AnchorReading {
  const instead = defaultAnchor ?? null;
  const written = words.join(' ');
  if (words.some((w) => RELATIVE.has(w))) {
    const reason = `Baton needs a calendar date after '${keyword}', like 4 Dec 2026: '${written}' would mean a different day each time the row is read`;
    return { ok: false, rest, reason, instead };
  }
  const only = words.length === 1 ? lookUpWord(words[0] ?? '') : null;
  if (only?.t === 'day') {
    const reason = `'${keyword} ${written}' does not say which ${DAY_NAMES[only.day]} (write the date, like 4 Dec 2026)`;
    return { ok: false, rest, reason, instead };
  }
  const unknownWords = words.filter((w) => lookUpWord(w) === null && !MONTH_WORDS.has(w) && !/\d/.test(w));
  const reason = written === '' ? `'${keyword}' needs a date after it, like 4 Dec 2026` : `'${written}' is not a date Baton can read (write it like 4 Dec 2026 or 2026-12-04)`;
  return { ok: false, rest, reason, instead, ...(unknownWords.length > 0 ? { unknownWords } : {}) };
}

/** Where an unreadable date ends: before "at", a time, or the end. */
function dateSpanEnd(tokens: readonly string[], start: number): number {
  let end = start;
  while (end < tokens.length && tokens[end] !== 'at' && tokens[end] !== 'and' && readTimeOfDay(tokens[end] ?? '', false) === null) end++;
  return end;
}

/** Without a leading or trailing "and" left by a comma next to the date. */
function tidy(tokens: string[]): string[] {
  let [from, to] = [0, tokens.length];
  while (tokens[from] === 'and') from++;
  while (to > from && tokens[to - 1] === 'and') to--;
  return tokens.slice(from, to);
}
