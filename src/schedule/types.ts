// The schedule module's public shapes. A Schedule is what a Workflows row's `Schedule` and
// `Time zone` mean once understood; a ScheduleProblem is why they could not be, as data the
// caller shows in the row's Health (see problem-message.ts).

/**
 * A schedule Baton can run: standard cron, or an RFC 5545 recurrence rule for what cron cannot
 * say ("every other Friday"). Both are read in `timeZone`, with the same slots (slots.ts).
 */
export type Schedule = CronSchedule | RecurrenceSchedule;

interface ScheduleCommon {
  /** The row's Schedule text, as written. */
  text: string;
  /** IANA time zone name; slots are wall-clock times there. */
  timeZone: string;
  /** Plain words for people, e.g. "every Monday at 09:00", "every other Friday at 16:00, starting Fri 4 Dec 2026". */
  description: string;
}

export interface CronSchedule extends ScheduleCommon {
  kind: 'cron';
  /** Standard 5-field cron (minute hour day-of-month month day-of-week), read in `timeZone`. */
  cron: string;
}

export interface RecurrenceSchedule extends ScheduleCommon {
  kind: 'rrule';
  /**
   * DTSTART and RRULE lines in floating time (no "Z", no TZID: the wall clock in `timeZone`),
   * e.g. "DTSTART:20261204T160000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=16;BYMINUTE=0;BYSECOND=0;WKST=MO".
   */
  rrule: string;
  /** The first date it runs, YYYY-MM-DD in `timeZone`: week (day, month) one of the count. */
  anchor: string;
}

export interface ParseScheduleOptions {
  /**
   * YYYY-MM-DD in the row's time zone, normally the date the row was created. A skipping
   * schedule that states no date of its own ("every other Friday") counts from the first day
   * on or after it; a year-less stated date ("starting 4 Dec") is placed by it (read-anchor.ts).
   */
  anchor?: string;
}

export type ScheduleProblem =
  | { kind: 'schedule_invalid'; text: string; reason: string; suggestion: string }
  | { kind: 'schedule_unsupported'; text: string; reason: string; suggestion: string }
  /** Longer than any schedule: pasted notes, not a schedule (read as one, some word in it would win). */
  | { kind: 'schedule_too_long'; text: string; length: number; max: number }
  | { kind: 'time_zone_invalid'; timeZone: string; suggestion: string };

export type ParseScheduleResult =
  | { ok: true; schedule: Schedule }
  | { ok: false; problem: ScheduleProblem };

/**
 * Why some text is not a schedule, before the caller's text is attached. `unknownWords` are
 * words no rule recognised; the plain-language reader uses them to try spelling fixes.
 */
export interface Trouble {
  kind: 'schedule_invalid' | 'schedule_unsupported';
  reason: string;
  suggestion: string;
  unknownWords?: readonly string[];
  /** Set when the text lacks a part, so a caller can add a sensible one and read it again. */
  missing?: 'days' | 'time';
}
