// A Workflows row's Schedule and Time zone, understood: a cron expression as typed, or plain
// language compiled to one. Pure; no clock. The schedule text is checked before the time
// zone, so a row with both wrong is told about the schedule first (the Health cell shows one).
import { cronJob, looksLikeCron, readCron } from './cron-expression';
import { describeCron } from './describe-cron';
import { compilePhrase } from './phrase';
import { readPlainSchedule } from './read-plain-schedule';
import { readTimeZone } from './time-zone';
import type { ParseScheduleResult, Trouble } from './types';

/**
 * The longest Schedule text read. The longest phrase Baton understands is well under 100
 * characters; a longer text is notes pasted into the cell, and reading it as a phrase picked
 * one "Monday 9:00" out of 2,600 characters (issue 8) instead of saying it is not a schedule.
 */
export const MAX_SCHEDULE_CHARS = 200;

export function parseSchedule(text: string, timeZone: string): ParseScheduleResult {
  const length = text.trim().length;
  if (length > MAX_SCHEDULE_CHARS) return { ok: false, problem: { kind: 'schedule_too_long', text, length, max: MAX_SCHEDULE_CHARS } };
  let cron: string;
  if (looksLikeCron(text)) {
    const reading = readCron(text);
    if (!reading.ok) return { ok: false, problem: { ...withoutHints(reading.trouble), text } };
    cron = reading.cron;
  } else {
    const reading = readPlainSchedule(text);
    if (!reading.ok) return { ok: false, problem: { ...withoutHints(reading.trouble), text } };
    cron = compilePhrase(reading.phrase);
    // Plain language only compiles to cron croner accepts; a throw here is a bug, not bad input.
    cronJob(cron, 'UTC');
  }

  const zone = readTimeZone(timeZone);
  if (!zone.ok) {
    return { ok: false, problem: { kind: 'time_zone_invalid', timeZone, suggestion: zone.suggestion } };
  }
  return { ok: true, schedule: { text, cron, timeZone: zone.timeZone, description: describeCron(cron) } };
}

/** The problem as the caller sees it: kind, reason and suggestion only. */
function withoutHints(trouble: Trouble): Pick<Trouble, 'kind' | 'reason' | 'suggestion'> {
  return { kind: trouble.kind, reason: trouble.reason, suggestion: trouble.suggestion };
}
