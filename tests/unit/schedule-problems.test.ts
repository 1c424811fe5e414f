import { describe, expect, it } from 'vitest';
import type { ScheduleProblem } from '../../src/schedule';
import { parseSchedule, scheduleProblemMessage } from '../../src/schedule';

function problemFor(text: string, timeZone = 'Europe/Paris'): ScheduleProblem {
  const result = parseSchedule(text, timeZone);
  if (result.ok) throw new Error(`expected '${text}' to be refused, got ${JSON.stringify(result.schedule)}`);
  return result.problem;
}

describe('schedules Baton does not understand', () => {
  it('suggests the corrected weekday for a misspelled one, keeping the time', () => {
    const problem = problemFor('every Mondya at 9');
    expect(problem).toEqual({
      kind: 'schedule_invalid',
      text: 'every Mondya at 9',
      reason: "'Mondya' looks like a misspelling of 'Monday'",
      suggestion: 'every Monday at 9:00',
    });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'every Mondya at 9' is not understood: 'Mondya' looks like a misspelling of 'Monday' — try 'every Monday at 9:00' or a cron expression like '0 9 * * 1'",
    );
  });

  it.each([
    ['every Thrusday at 10am', 'every Thursday at 10am'],
    ['evry Friday at 4pm', 'every Friday at 4pm'],
    ['every wensday at 9', 'every Wednesday at 9:00'],
    ['Tuesdy and Frday at 8:15', 'every Tuesday and Friday at 8:15'],
  ])("suggests '%s' be written '%s'", (text, suggestion) => {
    expect(problemFor(text)).toMatchObject({ kind: 'schedule_invalid', suggestion });
  });

  it('explains a time that does not exist, like 25:00', () => {
    const problem = problemFor('every day at 25:00');
    expect(problem).toMatchObject({ kind: 'schedule_invalid', reason: '25:00 is not a time of day (hours go from 0 to 23)', suggestion: 'every day at 9:00' });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'every day at 25:00' is not understood: 25:00 is not a time of day (hours go from 0 to 23) — try 'every day at 9:00' or a cron expression like '0 9 * * *'",
    );
    expect(problemFor('every Monday at 13pm')).toMatchObject({ suggestion: 'every Monday at 13:00' });
    expect(problemFor('every Monday at 9:75')).toMatchObject({ reason: '9:75 is not a time of day (minutes go from 0 to 59)', suggestion: 'every Monday at 9:00' });
  });

  it('explains that 7 minutes does not divide the hour and suggests the nearest interval that does', () => {
    const problem = problemFor('every 7 minutes');
    expect(problem).toEqual({
      kind: 'schedule_unsupported',
      text: 'every 7 minutes',
      reason: '7 minutes does not divide the hour evenly (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 and 30 minutes do)',
      suggestion: 'every 5 minutes',
    });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'every 7 minutes' cannot be used: 7 minutes does not divide the hour evenly (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 and 30 minutes do) — try 'every 5 minutes'",
    );
    expect(problemFor('every 5 hours')).toMatchObject({ kind: 'schedule_unsupported', suggestion: 'every 4 hours' });
    expect(problemFor('every 90 minutes')).toMatchObject({ kind: 'schedule_unsupported', suggestion: 'every hour' });
    expect(problemFor('every 48 hours')).toMatchObject({ kind: 'schedule_unsupported', suggestion: 'every day at 9:00' });
  });

  it('explains garbage plainly and offers an example', () => {
    const problem = problemFor('asdf qwer');
    expect(problem).toMatchObject({ kind: 'schedule_invalid', reason: "'asdf' and 'qwer' are not words Baton knows in a schedule", suggestion: 'every Monday at 9:00' });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'asdf qwer' is not understood: 'asdf' and 'qwer' are not words Baton knows in a schedule — try 'every Monday at 9:00' or a cron expression like '0 9 * * 1'",
    );
  });

  it('asks for a time instead of guessing midnight', () => {
    expect(problemFor('every Monday')).toMatchObject({ reason: 'it does not say what time to run', suggestion: 'every Monday at 9:00' });
    expect(problemFor('monthly on the 15th')).toMatchObject({ suggestion: 'on the 15th of every month at 9:00' });
  });

  it('asks which days when only a time is given', () => {
    expect(problemFor('at 9')).toMatchObject({ reason: 'it does not say which days to run', suggestion: 'every day at 9:00' });
  });

  it('keeps a word it does not know out of the suggestion but keeps the rest', () => {
    expect(problemFor('every Monday at noonish')).toMatchObject({ reason: "'noonish' is not a word Baton knows in a schedule", suggestion: 'every Monday at 9:00' });
  });

  it('explains that the time zone belongs in the Time zone column, not the schedule', () => {
    expect(problemFor('every day at 9am CET')).toMatchObject({
      kind: 'schedule_invalid',
      reason: "the time zone comes from the row's Time zone, not from the schedule",
      suggestion: 'every day at 9am',
    });
  });

  it('explains days of the month that do not exist', () => {
    expect(problemFor('on the 32nd of every month at 9')).toMatchObject({ reason: 'there is no 32nd day in a month', suggestion: 'on the last day of every month at 9:00' });
    expect(problemFor('6th Monday of the month at 9')).toMatchObject({ suggestion: 'on the last Monday of every month at 9:00' });
  });

  it('refuses two times with different minutes, which one cron expression cannot hold', () => {
    expect(problemFor('every day at 9:00 and 17:30')).toMatchObject({ kind: 'schedule_unsupported', suggestion: 'every day at 9:00' });
  });

  it('refuses different times on different days, which one cron expression would mix up', () => {
    expect(problemFor('every Monday at 9:00 and Thursday at 10')).toEqual({
      kind: 'schedule_unsupported',
      text: 'every Monday at 9:00 and Thursday at 10',
      reason: 'different times on different days cannot share one schedule yet',
      suggestion: 'every Monday and Thursday at 9:00',
    });
  });

  it('refuses a time of day on an interval', () => {
    expect(problemFor('every 2 hours at 9')).toMatchObject({ kind: 'schedule_invalid', suggestion: 'every 2 hours' });
  });
});

describe('schedules that skip weeks, days or months (read as recurrences; see schedule-recurrence.test.ts)', () => {
  const anchor = { anchor: '2026-10-23' };
  const skipProblem = (text: string) => {
    const result = parseSchedule(text, 'Europe/Paris', anchor);
    if (result.ok) throw new Error(`expected '${text}' to be refused, got ${JSON.stringify(result.schedule)}`);
    return result.problem;
  };

  it.each([
    ['every other Friday at 4pm', 'every other Friday at 16:00, starting Fri 23 Oct 2026'],
    ['every other Friday 4pm', 'every other Friday at 16:00, starting Fri 23 Oct 2026'],
    ['every second Friday at 4pm', 'every other Friday at 16:00, starting Fri 23 Oct 2026'],
    ['alternate Fridays at 4pm', 'every other Friday at 16:00, starting Fri 23 Oct 2026'],
    ['every 2 weeks on Friday at 4pm', 'every other Friday at 16:00, starting Fri 23 Oct 2026'],
    ['biweekly on Fridays at 4pm', 'every other Friday at 16:00, starting Fri 23 Oct 2026'],
    ['bi-weekly, Monday 10:00', 'every other Monday at 10:00, starting Mon 26 Oct 2026'],
    ['fortnightly on Tuesdays at 9', 'every other Tuesday at 09:00, starting Tue 27 Oct 2026'],
    ['every 3 weeks on Monday at 9', 'every 3 weeks on Monday at 09:00, starting Mon 26 Oct 2026'],
    ['every third week on Monday at 9', 'every 3 weeks on Monday at 09:00, starting Mon 26 Oct 2026'],
    ['every other day at 7', 'every other day at 07:00, starting Fri 23 Oct 2026'],
    ['every 3 days at 7', 'every 3 days at 07:00, starting Fri 23 Oct 2026'],
    ['every other month on the 15th at 9', 'every other month on the 15th at 09:00, starting Sun 15 Nov 2026'],
    ['bimonthly on the last day at 18:00', 'every other month on the last day at 18:00, starting Sat 31 Oct 2026'],
    ['every other weekend at 10', 'every other week on Saturday and Sunday at 10:00, starting Sat 24 Oct 2026'],
  ])("reads '%s' as '%s'", (text, description) => {
    const result = parseSchedule(text, 'Europe/Paris', anchor);
    if (!result.ok) throw new Error(`expected '${text}' to parse, got ${JSON.stringify(result.problem)}`);
    expect(result.schedule).toMatchObject({ kind: 'rrule', description });
  });

  it.each([
    ['every 2 weeks', 'it does not say which days to run', 'every other Monday at 9:00'],
    ['biweekly', 'it does not say which days to run', 'every other Monday at 9:00'],
    ['quarterly at 9', 'it does not say which days to run', 'every 3 months on the 1st at 9:00'],
    ['every other Friday', 'it does not say what time to run', 'every other Friday at 9:00'],
    ['quarterly on the first Monday', 'it does not say what time to run', 'every 3 months on the first Monday at 9:00'],
  ])("asks '%s' for what it leaves out (%s) and suggests '%s'", (text, reason, suggestion) => {
    expect(skipProblem(text)).toEqual({ kind: 'schedule_invalid', text, reason, suggestion });
  });

  it('refuses a skip whose days do not fit it, with a phrase that does', () => {
    expect(skipProblem('every 2 weeks on the 1st at 9')).toMatchObject({
      kind: 'schedule_unsupported',
      reason: 'every other week runs on days of the week, not days of the month',
      suggestion: 'every other month on the 1st at 9:00',
    });
    expect(skipProblem('every other month on Monday at 9')).toMatchObject({
      reason: 'every other month needs a day of the month, like the 1st or the first Monday',
      suggestion: 'every other month on the first Monday at 9:00',
    });
    expect(skipProblem('every other day on weekdays at 9')).toMatchObject({
      reason: 'every other day counts days in a row, so it cannot also be limited to days of the week or month',
      suggestion: 'every other week on weekdays at 9:00',
    });
    expect(skipProblem('every 0 weeks on Monday at 9')).toMatchObject({ kind: 'schedule_invalid', reason: 'every 0 weeks never runs', suggestion: 'every other Monday at 9:00' });
  });

  it('refuses "every third Tuesday", which people use for two schedules, and names both', () => {
    const problem = skipProblem('every third Tuesday at 10:00');
    expect(problem).toEqual({
      kind: 'schedule_unsupported',
      text: 'every third Tuesday at 10:00',
      reason: "'every third Tuesday' could mean every 3 weeks or the third Tuesday of each month (for that, write 'on the third Tuesday of every month at 10:00')",
      suggestion: 'every 3 weeks on Tuesday at 10:00',
    });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'every third Tuesday at 10:00' cannot be used: 'every third Tuesday' could mean every 3 weeks or the third Tuesday of each month (for that, write 'on the third Tuesday of every month at 10:00') — try 'every 3 weeks on Tuesday at 10:00'",
    );
    // Both suggested phrases read.
    expect(parseSchedule('every 3 weeks on Tuesday at 10:00', 'UTC', anchor).ok).toBe(true);
    expect(parseSchedule('on the third Tuesday of every month at 10:00', 'UTC').ok).toBe(true);
  });

  it('refuses "every other weekday", which could be alternate weeks or alternate days', () => {
    expect(skipProblem('every other weekday at 9')).toMatchObject({
      kind: 'schedule_unsupported',
      reason: "'every other weekday' could mean weekdays in alternate weeks or alternate working days",
      suggestion: 'every other week on weekdays at 9:00',
    });
  });

  it('suggests the right spelling of a skipping schedule, keeping the skip', () => {
    expect(skipProblem('every other Fridya at 4pm')).toEqual({
      kind: 'schedule_invalid',
      text: 'every other Fridya at 4pm',
      reason: "'Fridya' looks like a misspelling of 'Friday'",
      suggestion: 'every other Friday at 4pm',
    });
    expect(skipProblem('fortnightly on Tusday at 9')).toMatchObject({ suggestion: 'every other Tuesday at 9:00' });
    expect(skipProblem('every other Friday at 4pm EST')).toMatchObject({
      reason: "the time zone comes from the row's Time zone, not from the schedule",
      suggestion: 'every other Friday at 4pm',
    });
  });

  it('explains in the Health cell what a skipping schedule without any date to count from needs', () => {
    const problem = problemFor('every other Friday at 4pm');
    expect(problem).toEqual({
      kind: 'schedule_invalid',
      text: 'every other Friday at 4pm',
      reason: 'it does not say which week to start counting from',
      suggestion: 'every other Friday at 4pm starting YYYY-MM-DD',
    });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'every other Friday at 4pm' is not understood: it does not say which week to start counting from — try 'every other Friday at 4pm starting YYYY-MM-DD'",
    );
  });

  it('still reads "second Friday of the month" as a day of the month, and "every 1 week" as cron', () => {
    const result = parseSchedule('every second Friday of the month at 9', 'UTC');
    expect(result.ok && result.schedule.kind === 'cron' && result.schedule.cron).toBe('0 9 * * 5#2');
    const third = parseSchedule('every third Tuesday of the month at 10', 'UTC');
    expect(third.ok && third.schedule.kind === 'cron' && third.schedule.cron).toBe('0 10 * * 2#3');
    const weekly = parseSchedule('every 1 week on Monday at 9', 'UTC');
    expect(weekly.ok && weekly.schedule.kind === 'cron' && weekly.schedule.cron).toBe('0 9 * * 1');
  });
});

describe('time zones', () => {
  it('suggests the closest known time zone for a misspelled one', () => {
    const problem = problemFor('every Monday at 9', 'Europe/Pari');
    expect(problem).toEqual({ kind: 'time_zone_invalid', timeZone: 'Europe/Pari', suggestion: 'Europe/Paris' });
    expect(scheduleProblemMessage(problem)).toBe(
      "Time zone 'Europe/Pari' is not a known time zone — use a name like 'Europe/Paris' or 'America/New_York'",
    );
  });

  it.each([
    ['America/New_Yrok', 'America/New_York'],
    ['New York', 'America/New_York'],
    ['paris', 'Europe/Paris'],
    ['Europe/Londn', 'Europe/London'],
    ['Mars/Olympus_Mons', 'Europe/Paris'],
  ])("suggests '%s' be written '%s'", (timeZone, suggestion) => {
    expect(problemFor('daily at 9', timeZone)).toEqual({ kind: 'time_zone_invalid', timeZone, suggestion });
  });

  it('refuses abbreviations and offsets, which would not follow daylight saving time, and names the place', () => {
    const problem = problemFor('daily at 9', 'EST');
    expect(problem).toEqual({ kind: 'time_zone_invalid', timeZone: 'EST', suggestion: 'America/New_York' });
    expect(scheduleProblemMessage(problem)).toBe(
      "Time zone 'EST' is an abbreviation or offset, not a place, so daylight saving time may not be followed — use a name like 'America/New_York' or 'Europe/Paris'",
    );
    expect(problemFor('daily at 9', 'CET')).toMatchObject({ suggestion: 'Europe/Paris' });
    expect(problemFor('daily at 9', '+01:00')).toMatchObject({ kind: 'time_zone_invalid' });
  });

  it('accepts names in any case and stores the usual spelling', () => {
    const result = parseSchedule('daily at 9', 'europe/paris');
    expect(result.ok && result.schedule.timeZone).toBe('Europe/Paris');
    const kolkata = parseSchedule('daily at 9', 'Asia/Kolkata');
    expect(kolkata.ok && kolkata.schedule.timeZone).toBe('Asia/Kolkata');
    const utc = parseSchedule('daily at 9', 'UTC');
    expect(utc.ok && utc.schedule.timeZone).toBe('UTC');
  });

  it('reports a bad schedule before a bad time zone', () => {
    expect(problemFor('every Mondya at 9', 'Europe/Pari').kind).toBe('schedule_invalid');
  });
});
