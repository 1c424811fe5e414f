// Schedules that cron cannot say, once read: they skip ("every other Friday at 4pm", "every 2
// weeks on Monday and Thursday", "every other day", "quarterly on the first Monday"), or they
// start on a date ("every Monday at 9 starting 4 Jan 2027"). Each is one RFC 5545 recurrence
// rule counted from an anchor date (compile-recurrence.ts). Two views of one, as for phrases:
// the words Baton suggests back (close to what the person wrote) and the description a row's
// Health shows, which names the first date so the weeks it runs on can be checked.
import type { LocalDate } from './local-date';
import { formatDate } from './local-date';
import type { Phrase, TimeOfDay, WeekDays, When } from './phrase';
import { DAY_NAMES, WEEKDAYS, joinWords, ordinal, renderTime } from './phrase';
import type { Trouble } from './types';

export type RecurrenceUnit = 'day' | 'week' | 'month';

export interface Recurrence {
  unit: RecurrenceUnit;
  /** Every `every` days, weeks or months: 2 for "every other". 1 only with a `starting` date. */
  every: number;
  /** Days of the week for day and week units (all seven for days); a day of the month for months. */
  when: When;
  times: readonly TimeOfDay[];
  /** The date written after "starting", its year settled (read-anchor.ts); null when none is written. */
  starting: LocalDate | null;
}

/** A plain-language schedule once read: a phrase cron can say, a recurrence, or why neither. */
export type ScheduleReading =
  | { ok: true; phrase: Phrase }
  | { ok: true; recurrence: Recurrence }
  | { ok: false; trouble: Trouble };

const NTH_WORDS = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', last: 'last' } as const;

/** The recurrence in the words Baton suggests, e.g. "every other Friday at 4pm starting 4 Dec 2026". */
export function renderRecurrence(recurrence: Recurrence): string {
  const at = ` at ${joinWords(recurrence.times.map(renderTime))}`;
  const starting = recurrence.starting ? ` starting ${formatDate(recurrence.starting)}` : '';
  return repeats(recurrence) + at + starting;
}

/**
 * Plain words for the row's Health: "every other Friday at 16:00, starting Fri 4 Dec 2026".
 * `first` is the first date it runs, which is week (or day, or month) one.
 */
export function describeRecurrence(recurrence: Recurrence, first: LocalDate): string {
  const times = [...recurrence.times].sort((a, b) => a.hour - b.hour || a.minute - b.minute);
  const at = ` at ${joinWords(times.map((t) => `${pad(t.hour)}:${pad(t.minute)}`))}`;
  return `${repeats(recurrence)}${at}, starting ${formatDate(first, { weekday: true })}${skippedMonths(recurrence.when)}`;
}

/** "every other Friday", "every 3 weeks on Monday and Thursday", "every other month on the 15th". */
function repeats({ unit, every, when }: Recurrence): string {
  if (unit === 'day') return every === 1 ? 'every day' : every === 2 ? 'every other day' : `every ${every} days`;
  if (unit === 'week') {
    const days = when.kind === 'weekly' ? when.days : [];
    if (every === 1) return everyDays(days);
    if (days.length === 1) return `${every === 2 ? 'every other' : `every ${every} weeks on`} ${DAY_NAMES[days[0] ?? 1]}`;
    return `${every === 2 ? 'every other week' : `every ${every} weeks`} on ${dayList(days)}`;
  }
  const day = dayOfMonth(when);
  if (every === 1) return `on the ${day} of every month`;
  return `${every === 2 ? 'every other month' : `every ${every} months`} on the ${day}`;
}

function everyDays(days: WeekDays): string {
  return days.length === 7 ? 'every day' : `every ${dayList(days)}`;
}

/** "Monday and Thursday", "weekdays", "every day" (all seven), Monday first. */
function dayList(days: WeekDays): string {
  if (days.length === 7) return 'every day';
  if (days.length === WEEKDAYS.length && WEEKDAYS.every((d, i) => days[i] === d)) return 'weekdays';
  const mondayFirst = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return joinWords(mondayFirst.map((d) => DAY_NAMES[d] ?? ''));
}

/** "15th", "1st and 15th", "last day", "last weekday", "first Monday". */
function dayOfMonth(when: When): string {
  switch (when.kind) {
    case 'monthly':
      return joinWords(when.dates.map(ordinal));
    case 'last_day':
      return 'last day';
    case 'last_weekday':
      return 'last weekday';
    case 'nth_weekday':
      return `${NTH_WORDS[when.nth]} ${DAY_NAMES[when.day]}`;
    case 'weekly':
      return '1st';
  }
}

/** A month has the date only if it is long enough; the rule skips the others, so say so. */
function skippedMonths(when: When): string {
  if (when.kind !== 'monthly') return '';
  const last = Math.max(...when.dates);
  return last > 28 ? ` (months without a ${ordinal(last)} are skipped)` : '';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
