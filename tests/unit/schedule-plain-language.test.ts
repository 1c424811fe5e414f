import { describe, expect, it } from 'vitest';
import type { CronSchedule } from '../../src/schedule';
import { nextRun, parseSchedule } from '../../src/schedule';

function scheduleFor(text: string, timeZone = 'UTC'): CronSchedule {
  const result = parseSchedule(text, timeZone);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got ${JSON.stringify(result.problem)}`);
  if (result.schedule.kind !== 'cron') throw new Error(`expected '${text}' to be cron, got ${result.schedule.rrule}`);
  return result.schedule;
}

function nextRuns(schedule: CronSchedule, from: string, count: number): string[] {
  const runs: string[] = [];
  let cursor = new Date(from);
  for (let i = 0; i < count; i++) {
    const run = nextRun(schedule, cursor);
    if (!run) break;
    runs.push(run.toISOString());
    cursor = run;
  }
  return runs;
}

// 2026-06-01 is a Monday; all times UTC unless a test says otherwise.
const JUNE_1 = '2026-06-01T00:00:00Z';

describe('plain-language schedules', () => {
  it.each([
    ['every Monday at 9:00', '0 9 * * 1', 'every Monday at 09:00'],
    ['Mondays at 9', '0 9 * * 1', 'every Monday at 09:00'],
    ['every weekday at 8:30', '30 8 * * 1-5', 'every weekday at 08:30'],
    ['weekdays at 8:30', '30 8 * * 1-5', 'every weekday at 08:30'],
    ['every day at 5pm', '0 17 * * *', 'every day at 17:00'],
    ['daily at 17:00', '0 17 * * *', 'every day at 17:00'],
    ['every Monday and Thursday at 10', '0 10 * * 1,4', 'every Monday and Thursday at 10:00'],
    ['on the 1st of every month at 10:00', '0 10 1 * *', 'on the 1st of every month at 10:00'],
    ['monthly on the 15th at 9', '0 9 15 * *', 'on the 15th of every month at 09:00'],
    ['every 2 hours', '0 */2 * * *', 'every 2 hours'],
    ['every hour', '0 * * * *', 'every hour'],
    ['hourly', '0 * * * *', 'every hour'],
    ['every 30 minutes', '*/30 * * * *', 'every 30 minutes'],
    ['every Friday at 4pm', '0 16 * * 5', 'every Friday at 16:00'],
    ['last Friday of the month at 16:00', '0 16 * * 5#L', 'on the last Friday of every month at 16:00'],
    ['last day of the month at 9', '0 9 L * *', 'on the last day of every month at 09:00'],
  ])("reads '%s' as cron '%s' described as '%s'", (text, cron, description) => {
    const schedule = scheduleFor(text);
    expect(schedule).toEqual({ kind: 'cron', text, cron, timeZone: 'UTC', description });
  });

  it.each([
    ['EVERY MONDAY AT 9:00', '0 9 * * 1'],
    ['Every Monday, at 9:00!', '0 9 * * 1'],
    ['every Monday @ 9am', '0 9 * * 1'],
    ['every monday at 9 am', '0 9 * * 1'],
    ['every Monday at 09:00', '0 9 * * 1'],
    ['every Monday at 9.30', '30 9 * * 1'],
    ['every Monday at 9:30 p.m.', '30 21 * * 1'],
    ['Mon-Fri at 8:30', '30 8 * * 1-5'],
    ['Monday to Friday at 8:30', '30 8 * * 1-5'],
    ['every work day at 8:30', '30 8 * * 1-5'],
    ['Tuesday, Thursday at 2:15 p.m.', '15 14 * * 2,4'],
    ['weekends at 10', '0 10 * * 0,6'],
    ['Mondays 9', '0 9 * * 1'],
    ['9am every day', '0 9 * * *'],
    ['every day at 9 and 17', '0 9,17 * * *'],
    ['on the 1st and 15th of every month at 8am', '0 8 1,15 * *'],
    ['every month on the last day at 18:00', '0 18 L * *'],
    ['first Monday of every month at 9', '0 9 * * 1#1'],
    ['every second Tuesday of the month at 9', '0 9 * * 2#2'],
    ['every 15 minutes', '*/15 * * * *'],
    ['every half hour', '*/30 * * * *'],
    ['every 60 minutes', '0 * * * *'],
    ['every hour on weekdays', '0 * * * 1-5'],
  ])("is forgiving: reads '%s' as '%s'", (text, cron) => {
    expect(scheduleFor(text).cron).toBe(cron);
  });

  it('reads 12am as midnight and 12pm as noon, like a clock', () => {
    expect(scheduleFor('every day at 12am').cron).toBe('0 0 * * *');
    expect(scheduleFor('every day at 12pm').cron).toBe('0 12 * * *');
    expect(scheduleFor('every day at midnight').cron).toBe('0 0 * * *');
    expect(scheduleFor('every day at noon').cron).toBe('0 12 * * *');
    expect(scheduleFor('every day at 12:30am').cron).toBe('30 0 * * *');
  });

  it('runs a Monday 9:00 workflow on Mondays at 9:00', () => {
    expect(nextRuns(scheduleFor('every Monday at 9:00'), JUNE_1, 2)).toEqual(['2026-06-01T09:00:00.000Z', '2026-06-08T09:00:00.000Z']);
  });

  it('runs a weekday workflow Monday to Friday and skips the weekend', () => {
    expect(nextRuns(scheduleFor('weekdays at 8:30'), '2026-06-04T12:00:00Z', 3)).toEqual([
      '2026-06-05T08:30:00.000Z',
      '2026-06-08T08:30:00.000Z',
      '2026-06-09T08:30:00.000Z',
    ]);
  });

  it('runs a Monday and Thursday workflow on both days', () => {
    expect(nextRuns(scheduleFor('every Monday and Thursday at 10'), JUNE_1, 3)).toEqual([
      '2026-06-01T10:00:00.000Z',
      '2026-06-04T10:00:00.000Z',
      '2026-06-08T10:00:00.000Z',
    ]);
  });

  it('runs a daily 5pm workflow every day', () => {
    expect(nextRuns(scheduleFor('every day at 5pm'), JUNE_1, 2)).toEqual(['2026-06-01T17:00:00.000Z', '2026-06-02T17:00:00.000Z']);
  });

  it('runs monthly workflows on their day of the month', () => {
    expect(nextRuns(scheduleFor('on the 1st of every month at 10:00'), JUNE_1, 2)).toEqual([
      '2026-06-01T10:00:00.000Z',
      '2026-07-01T10:00:00.000Z',
    ]);
    expect(nextRuns(scheduleFor('monthly on the 15th at 9'), JUNE_1, 2)).toEqual(['2026-06-15T09:00:00.000Z', '2026-07-15T09:00:00.000Z']);
  });

  it('runs interval workflows on the clock: every 2 hours at even hours, every 30 minutes on the half hour', () => {
    expect(nextRuns(scheduleFor('every 2 hours'), '2026-06-01T09:15:00Z', 2)).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T12:00:00.000Z']);
    expect(nextRuns(scheduleFor('every hour'), '2026-06-01T09:15:00Z', 2)).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T11:00:00.000Z']);
    expect(nextRuns(scheduleFor('every 30 minutes'), '2026-06-01T09:15:00Z', 2)).toEqual(['2026-06-01T09:30:00.000Z', '2026-06-01T10:00:00.000Z']);
  });

  it('runs a last-Friday workflow on the last Friday of each month', () => {
    expect(nextRuns(scheduleFor('last Friday of the month at 16:00'), '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-30T16:00:00.000Z',
      '2026-02-27T16:00:00.000Z',
      '2026-03-27T16:00:00.000Z',
    ]);
  });

  it('runs a last-day workflow on the 28th of February, or the 29th in the leap year 2028', () => {
    const schedule = scheduleFor('last day of the month at 9');
    expect(nextRuns(schedule, '2027-01-31T12:00:00Z', 2)).toEqual(['2027-02-28T09:00:00.000Z', '2027-03-31T09:00:00.000Z']);
    expect(nextRuns(schedule, '2028-01-31T12:00:00Z', 3)).toEqual([
      '2028-02-29T09:00:00.000Z',
      '2028-03-31T09:00:00.000Z',
      '2028-04-30T09:00:00.000Z',
    ]);
  });

  it('skips months without a 31st for a workflow on the 31st, as cron does, and says so', () => {
    const schedule = scheduleFor('on the 31st of every month at 10');
    expect(schedule.description).toBe('on the 31st of every month at 10:00 (months without a 31st are skipped)');
    expect(nextRuns(schedule, '2026-03-31T12:00:00Z', 2)).toEqual(['2026-05-31T10:00:00.000Z', '2026-07-31T10:00:00.000Z']);
  });

  it('runs a last-weekday workflow on the last Monday-to-Friday day of the month', () => {
    const schedule = scheduleFor('last weekday of the month at 17:00');
    expect(schedule.cron).toBe('0 17 LW * *');
    expect(schedule.description).toBe('on the last weekday of every month at 17:00');
    // 31 May 2026 is a Sunday, 31 October 2026 a Saturday.
    expect(nextRuns(schedule, '2026-05-01T00:00:00Z', 1)).toEqual(['2026-05-29T17:00:00.000Z']);
    expect(nextRuns(schedule, '2026-10-01T00:00:00Z', 1)).toEqual(['2026-10-30T17:00:00.000Z']);
  });

  it('accepts the same times given for each day, as in "Monday at 9, Thursday at 9"', () => {
    expect(scheduleFor('Monday at 9, Thursday at 9').cron).toBe('0 9 * * 1,4');
  });

  it('skips February for a workflow on the 30th', () => {
    expect(nextRuns(scheduleFor('monthly on the 30th at 9'), '2027-01-30T12:00:00Z', 1)).toEqual(['2027-03-30T09:00:00.000Z']);
  });

  it('keeps the text as written in the schedule', () => {
    expect(scheduleFor('  Mondays at 9 ').text).toBe('  Mondays at 9 ');
  });
});
