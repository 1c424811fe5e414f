// A plain-language schedule once read: the few shapes Baton understands, each of which is
// exactly one standard cron expression. Two views of it: the cron Baton runs, and the words
// Baton suggests back to the person (close to what they wrote, e.g. keeping "4pm").
import type { Trouble } from './types';

/** A wall-clock time. `written` is how the person wrote it ("4pm", "9:30", "9"). */
export interface TimeOfDay {
  hour: number;
  minute: number;
  written: string;
}

/** Days of the week, 0 = Sunday … 6 = Saturday (cron numbering), sorted, no repeats. */
export type WeekDays = readonly number[];

/** Which days a phrase runs on, before its times are known. */
export type When =
  /** "every Monday", "weekdays", "daily" (all seven days). */
  | { kind: 'weekly'; days: WeekDays }
  /** "on the 1st of every month", "monthly on the 1st and 15th". */
  | { kind: 'monthly'; dates: readonly number[] }
  /** "last day of the month". */
  | { kind: 'last_day' }
  /** "last weekday of the month": the last Monday-to-Friday day. */
  | { kind: 'last_weekday' }
  /** "last Friday of the month", "first Monday of the month". */
  | { kind: 'nth_weekday'; nth: 1 | 2 | 3 | 4 | 5 | 'last'; day: number };

export type Phrase =
  | (When & { times: readonly TimeOfDay[] })
  /** "every 30 minutes", "every 2 hours", "hourly on weekdays". */
  | { kind: 'interval'; unit: 'minute' | 'hour'; every: number; days: WeekDays };

export const ALL_DAYS: WeekDays = [0, 1, 2, 3, 4, 5, 6];
export const WEEKDAYS: WeekDays = [1, 2, 3, 4, 5];
export const DEFAULT_TIME: TimeOfDay = { hour: 9, minute: 0, written: '9:00' };

export const DAY_NAMES = [
  'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
] as const;
const NTH_WORDS = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', last: 'last' } as const;

export function compilePhrase(phrase: Phrase): string {
  if (phrase.kind === 'interval') {
    const dow = cronDays(phrase.days);
    if (phrase.unit === 'minute') return `${phrase.every === 1 ? '*' : `*/${phrase.every}`} * * * ${dow}`;
    return `0 ${phrase.every === 1 ? '*' : `*/${phrase.every}`} * * ${dow}`;
  }
  // Every time shares one minute (the reader refuses others), so one cron covers them all.
  const minute = phrase.times[0]?.minute ?? 0;
  const hours = [...new Set(phrase.times.map((t) => t.hour))].sort((a, b) => a - b).join(',');
  switch (phrase.kind) {
    case 'weekly':
      return `${minute} ${hours} * * ${cronDays(phrase.days)}`;
    case 'monthly':
      return `${minute} ${hours} ${[...phrase.dates].sort((a, b) => a - b).join(',')} * *`;
    case 'last_day':
      return `${minute} ${hours} L * *`;
    case 'last_weekday':
      return `${minute} ${hours} LW * *`;
    case 'nth_weekday':
      return `${minute} ${hours} * * ${phrase.day}#${phrase.nth === 'last' ? 'L' : phrase.nth}`;
  }
}

/** The phrase in the words Baton suggests, e.g. "every Friday at 4pm". */
export function renderPhrase(phrase: Phrase): string {
  if (phrase.kind === 'interval') {
    const every =
      phrase.every === 1 ? `every ${phrase.unit}` : `every ${phrase.every} ${phrase.unit}s`;
    return every + onDays(phrase.days);
  }
  const at = ` at ${joinWords(phrase.times.map(renderTime))}`;
  switch (phrase.kind) {
    case 'weekly':
      return everyDays(phrase.days) + at;
    case 'monthly':
      return `on the ${joinWords(phrase.dates.map(ordinal))} of every month${at}`;
    case 'last_day':
      return `on the last day of every month${at}`;
    case 'last_weekday':
      return `on the last weekday of every month${at}`;
    case 'nth_weekday':
      return `on the ${NTH_WORDS[phrase.nth]} ${DAY_NAMES[phrase.day]} of every month${at}`;
  }
}


/** "9" becomes "9:00" (a bare number reads as a count); "4pm", "16:30", "noon" stay as written. */
export function renderTime(time: TimeOfDay): string {
  if (/^\d+$/.test(time.written)) return `${time.hour}:${String(time.minute).padStart(2, '0')}`;
  return time.written;
}

/** "every day", "every weekday", "every Monday and Thursday". */
export function everyDays(days: WeekDays): string {
  if (days.length === 7) return 'every day';
  if (sameDays(days, WEEKDAYS)) return 'every weekday';
  return `every ${joinWords(mondayFirst(days).map((d) => DAY_NAMES[d] ?? ''))}`;
}

/** "", " on weekdays", " on Mondays and Thursdays". */
export function onDays(days: WeekDays): string {
  if (days.length === 7) return '';
  if (sameDays(days, WEEKDAYS)) return ' on weekdays';
  return ` on ${joinWords(mondayFirst(days).map((d) => `${DAY_NAMES[d] ?? ''}s`))}`;
}

/** Cron day-of-week field: "*", "1-5", "1,4", "0,6"; runs of three or more become ranges. */
export function cronDays(days: WeekDays): string {
  if (days.length === 7) return '*';
  const parts: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j++;
    parts.push(j - i >= 2 ? `${days[i]}-${days[j]}` : days.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function mondayFirst(days: WeekDays): number[] {
  return [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
}

function sameDays(a: WeekDays, b: WeekDays): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A plain-language reading: the phrase, or why there is none. */
export type Reading = { ok: true; phrase: Phrase } | { ok: false; trouble: Trouble };
