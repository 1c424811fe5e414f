// A Workflows row's Schedule and Time zone, understood: a cron expression as typed, plain
// language compiled to cron, or — for what cron cannot say, like "every other Friday" — plain
// language compiled to an RFC 5545 recurrence rule counted from an anchor date. Pure; no
// clock. The schedule text is checked before the time zone, so a row with both wrong is told
// about the schedule first (the Health cell shows one).
import { compileRecurrence } from './compile-recurrence';
import { cronJob, looksLikeCron, readCron } from './cron-expression';
import { describeCron } from './describe-cron';
import type { LocalDate } from './local-date';
import { isoDate, readIsoDate } from './local-date';
import { compilePhrase } from './phrase';
import { readPlainSchedule } from './read-plain-schedule';
import type { Recurrence } from './recurrence';
import { describeRecurrence, renderRecurrence } from './recurrence';
import { readTimeZone } from './time-zone';
import type { ParseScheduleOptions, ParseScheduleResult, Trouble } from './types';

/**
 * The longest Schedule text read. The longest phrase Baton understands is well under 100
 * characters; a longer text is notes pasted into the cell, and reading it as a phrase picked
 * one "Monday 9:00" out of 2,600 characters (issue 8) instead of saying it is not a schedule.
 */
export const MAX_SCHEDULE_CHARS = 200;

type Understood =
  | { kind: 'cron'; cron: string; description: string }
  | { kind: 'rrule'; rrule: string; anchor: string; description: string };

/**
 * `options.anchor` (YYYY-MM-DD) is the caller's default anchor, normally the row's creation
 * date: see ParseScheduleOptions. A malformed one is the caller's bug and throws.
 */
export function parseSchedule(text: string, timeZone: string, options: ParseScheduleOptions = {}): ParseScheduleResult {
  const length = text.trim().length;
  if (length > MAX_SCHEDULE_CHARS) return { ok: false, problem: { kind: 'schedule_too_long', text, length, max: MAX_SCHEDULE_CHARS } };
  const defaultAnchor = options.anchor === undefined ? undefined : readIsoDate(options.anchor);
  if (defaultAnchor === null) throw new Error(`parseSchedule: anchor '${options.anchor}' is not a YYYY-MM-DD date`);

  const understood = understand(text, defaultAnchor);
  if (!understood.ok) return { ok: false, problem: { ...understood.problem, text } };
  const zone = readTimeZone(timeZone);
  if (!zone.ok) {
    return { ok: false, problem: { kind: 'time_zone_invalid', timeZone, suggestion: zone.suggestion } };
  }
  return { ok: true, schedule: { text, timeZone: zone.timeZone, ...understood.schedule } };
}

/** A problem with the text, before the text is attached. */
type TextProblem = Pick<Trouble, 'kind' | 'reason' | 'suggestion'>;

type Understanding = { ok: true; schedule: Understood } | { ok: false; problem: TextProblem };

function understand(text: string, defaultAnchor: LocalDate | undefined): Understanding {
  if (looksLikeCron(text)) {
    const reading = readCron(text);
    if (!reading.ok) return { ok: false, problem: withoutHints(reading.trouble) };
    return cron(reading.cron);
  }
  const reading = readPlainSchedule(text, defaultAnchor ? { defaultAnchor } : {});
  if (!reading.ok) return { ok: false, problem: withoutHints(reading.trouble) };
  if ('phrase' in reading) return cron(compilePhrase(reading.phrase));
  const recurrence = reading.recurrence;
  // "every 1 week on Monday" with no start date is plain cron.
  if (recurrence.every === 1 && recurrence.starting === null) return cron(compilePhrase({ ...recurrence.when, times: recurrence.times }));
  const anchor = recurrence.starting ?? defaultAnchor;
  if (anchor === undefined) return { ok: false, problem: anchorMissing(recurrence) };
  const compiled = compileRecurrence(recurrence, anchor);
  const first = compiled.first;
  const description = describeRecurrence(recurrence, first);
  return { ok: true, schedule: { kind: 'rrule', rrule: compiled.rrule, anchor: isoDate(first), description } };
}

function cron(expression: string): Understanding {
  // Plain language only compiles to cron croner accepts; a throw here is a bug, not bad input.
  cronJob(expression, 'UTC');
  return { ok: true, schedule: { kind: 'cron', cron: expression, description: describeCron(expression) } };
}

/**
 * Reached only when the caller passes no default anchor: which weeks "every other Friday"
 * means depends on a date, and there is none to choose by (no clock here).
 */
function anchorMissing(recurrence: Recurrence): TextProblem {
  const reason = `it does not say which ${recurrence.unit} to start counting from`;
  return { kind: 'schedule_invalid', reason, suggestion: `${renderRecurrence(recurrence)} starting YYYY-MM-DD` };
}

/** The problem as the caller sees it: kind, reason and suggestion only. */
function withoutHints(trouble: Trouble): TextProblem {
  return { kind: trouble.kind, reason: trouble.reason, suggestion: trouble.suggestion };
}
