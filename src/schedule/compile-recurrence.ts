// A recurrence as one RFC 5545 rule: DTSTART and RRULE lines, in floating time (no "Z", no
// TZID; the row's Time zone says where). For example, every other Friday at 4pm from 4 Dec 2026:
//
//   DTSTART:20261204T160000
//   RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=16;BYMINUTE=0;BYSECOND=0;WKST=MO
//
// Counting from the anchor: the first day on or after the anchor date that the schedule runs on
// is DTSTART, and its week (Monday to Sunday), day or month is number one. So "every other
// Friday starting Wed 2 Dec 2026" runs on Fri 4 Dec, 18 Dec, …; "every 2 weeks on Monday and
// Thursday starting Tue 1 Dec" on Thu 3 Dec, Mon 14 Dec, Thu 17 Dec, …; "quarterly on the first
// Monday starting 15 Dec" on 4 Jan, 5 Apr, … (the first Monday of December is before the anchor).
import type { LocalDate } from './local-date';
import { isoDate } from './local-date';
import type { Recurrence } from './recurrence';
import type { RRuleOptions } from './rrule-library';
import { RRule } from './rrule-library';

/** rrule's weekdays by Baton's numbering, 0 = Sunday. */
const WEEKDAYS = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA] as const;

export interface CompiledRecurrence {
  rrule: string;
  /** The first date it runs, on or after the anchor. */
  first: LocalDate;
}

export function compileRecurrence(recurrence: Recurrence, anchor: LocalDate): CompiledRecurrence {
  const options = ruleOptions(recurrence);
  // The same days with no skip, from the anchor's midnight: the first of them is day one.
  const anchorMidnight = new Date(Date.UTC(anchor.year, anchor.month - 1, anchor.day));
  const firstDay = new RRule({ ...options, interval: 1, dtstart: anchorMidnight }).after(anchorMidnight, true);
  // Every rule the reader builds has days in every month or week; none never runs.
  if (firstDay === null) throw new Error(`recurrence never runs: ${JSON.stringify(recurrence)}`);
  const first = { year: firstDay.getUTCFullYear(), month: firstDay.getUTCMonth() + 1, day: firstDay.getUTCDate() };
  const earliest = [...recurrence.times].sort((a, b) => a.hour - b.hour || a.minute - b.minute)[0];
  const start = `${isoDate(first).replace(/-/g, '')}T${pad(earliest?.hour ?? 0)}${pad(earliest?.minute ?? 0)}00`;
  return { rrule: `DTSTART:${start}\n${RRule.optionsToString(options)}`, first };
}

function ruleOptions({ unit, every, when, times }: Recurrence): Partial<RRuleOptions> {
  const at = {
    byhour: [...new Set(times.map((t) => t.hour))].sort((a, b) => a - b),
    // The reader refuses times with different minutes (the rule would cross hours with minutes).
    byminute: [times[0]?.minute ?? 0],
    bysecond: [0],
  };
  const base = { interval: every, wkst: RRule.MO, ...at };
  switch (when.kind) {
    case 'weekly':
      if (unit === 'day') return { freq: RRule.DAILY, ...base };
      return { freq: RRule.WEEKLY, byweekday: when.days.map((d) => WEEKDAYS[d] ?? RRule.MO), ...base };
    case 'monthly':
      return { freq: RRule.MONTHLY, bymonthday: [...when.dates], ...base };
    case 'last_day':
      return { freq: RRule.MONTHLY, bymonthday: [-1], ...base };
    case 'last_weekday':
      return { freq: RRule.MONTHLY, byweekday: [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR], bysetpos: [-1], ...base };
    case 'nth_weekday':
      return { freq: RRule.MONTHLY, byweekday: [(WEEKDAYS[when.day] ?? RRule.MO).nth(when.nth === 'last' ? -1 : when.nth)], ...base };
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
