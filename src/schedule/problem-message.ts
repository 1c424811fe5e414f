// A schedule problem in words for the row's Health: what is wrong and what to write instead.
import { looksLikeCron } from './cron-expression';
import { compilePhrase } from './phrase';
import { readPlainSchedule } from './read-plain-schedule';
import { isPlacelessTimeZone } from './time-zone';
import type { ScheduleProblem } from './types';

export function scheduleProblemMessage(problem: ScheduleProblem): string {
  switch (problem.kind) {
    case 'schedule_invalid':
      return `Schedule '${problem.text}' is not understood: ${problem.reason} — ${tryInstead(problem.suggestion)}`;
    case 'schedule_unsupported':
      return `Schedule '${problem.text}' cannot be used: ${problem.reason} — try '${problem.suggestion}'`;
    case 'schedule_too_long':
      return `Schedule is ${problem.length.toString().replace(/\B(?=(\d{3})+$)/g, ',')} characters long, too long to be a schedule (at most ${problem.max}), so Baton did not read it — write a short phrase like 'every Monday at 9:00' or a cron expression like '0 9 * * 1', and keep any notes in the page body`;
    case 'time_zone_invalid': {
      const other = problem.suggestion === 'America/New_York' ? 'Europe/Paris' : 'America/New_York';
      const like = `use a name like '${problem.suggestion}' or '${other}'`;
      const what = isPlacelessTimeZone(problem.timeZone)
        ? 'is an abbreviation or offset, not a place, so daylight saving time may not be followed'
        : 'is not a known time zone';
      return `Time zone '${problem.timeZone}' ${what} — ${like}`;
    }
  }
}

/**
 * "try 'every Monday at 9:00' or a cron expression like '0 9 * * 1'", or the other way round;
 * only the words for what cron cannot say ("every other Friday at 4pm").
 */
function tryInstead(suggestion: string): string {
  if (looksLikeCron(suggestion)) return `try '${suggestion}' or plain words like 'every Monday at 9:00'`;
  const reading = readPlainSchedule(suggestion);
  return reading.ok && 'phrase' in reading
    ? `try '${suggestion}' or a cron expression like '${compilePhrase(reading.phrase)}'`
    : `try '${suggestion}'`;
}
