import { describe, expect, it } from 'vitest';
import type { ScheduleProblem } from '../../src/schedule';
import { parseSchedule, scheduleProblemMessage } from '../../src/schedule';

function problemFor(text: string, timeZone = 'Europe/Paris'): ScheduleProblem {
  const result = parseSchedule(text, timeZone);
  if (result.ok) throw new Error(`expected '${text}' to be refused, got ${result.schedule.cron}`);
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

describe('schedules that skip weeks, days or months', () => {
  it.each([
    ['every other Friday at 4pm', 'every Friday at 4pm'],
    ['every other Friday 4pm', 'every Friday at 4pm'],
    ['every second Friday at 4pm', 'every Friday at 4pm'],
    ['every 2 weeks on Friday at 4pm', 'every Friday at 4pm'],
    ['biweekly on Fridays at 4pm', 'every Friday at 4pm'],
    ['bi-weekly, Monday 10:00', 'every Monday at 10:00'],
    ['fortnightly on Tuesdays at 9', 'every Tuesday at 9:00'],
    ['every 2 weeks', 'every Monday at 9:00'],
    ['biweekly', 'every Monday at 9:00'],
  ])("refuses '%s' as every other week and suggests '%s'", (text, suggestion) => {
    expect(problemFor(text)).toEqual({ kind: 'schedule_unsupported', text, reason: 'every other week is not supported yet', suggestion });
  });

  it('says the same of other skips', () => {
    expect(problemFor('every 3 weeks on Monday at 9')).toMatchObject({ reason: 'every 3 weeks is not supported yet', suggestion: 'every Monday at 9:00' });
    expect(problemFor('every other day at 7')).toMatchObject({ reason: 'every other day is not supported yet', suggestion: 'every day at 7:00' });
    expect(problemFor('every other month on the 15th at 9')).toMatchObject({ reason: 'every other month is not supported yet', suggestion: 'on the 15th of every month at 9:00' });
  });

  it('explains the skip in plain words for the Health cell', () => {
    expect(scheduleProblemMessage(problemFor('every other Friday at 4pm'))).toBe(
      "Schedule 'every other Friday at 4pm' cannot be used: every other week is not supported yet — try 'every Friday at 4pm'",
    );
  });

  it('still reads "second Friday of the month" as a day of the month', () => {
    const result = parseSchedule('every second Friday of the month at 9', 'UTC');
    expect(result.ok && result.schedule.cron).toBe('0 9 * * 5#2');
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
