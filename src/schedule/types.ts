// The schedule module's public shapes. A Schedule is what a Workflows row's `Schedule` and
// `Time zone` mean once understood; a ScheduleProblem is why they could not be, as data the
// caller shows in the row's Health (see problem-message.ts).

export interface Schedule {
  /** The row's Schedule text, as written. */
  text: string;
  /** Standard 5-field cron (minute hour day-of-month month day-of-week), read in `timeZone`. */
  cron: string;
  /** IANA time zone name; slots are wall-clock times there. */
  timeZone: string;
  /** Plain words for people, e.g. "every Monday at 09:00". */
  description: string;
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
