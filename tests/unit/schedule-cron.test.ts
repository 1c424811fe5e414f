import { describe, expect, it } from 'vitest';
import type { CronSchedule } from '../../src/schedule';
import { nextRun, parseSchedule, scheduleProblemMessage } from '../../src/schedule';

function scheduleFor(text: string, timeZone = 'UTC'): CronSchedule {
  const result = parseSchedule(text, timeZone);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got ${JSON.stringify(result.problem)}`);
  if (result.schedule.kind !== 'cron') throw new Error(`expected '${text}' to be cron, got ${result.schedule.rrule}`);
  return result.schedule;
}

function refusal(text: string) {
  const result = parseSchedule(text, 'UTC');
  if (result.ok) throw new Error(`expected '${text}' to be refused`);
  return result.problem;
}

describe('cron expressions', () => {
  it.each([
    ['0 9 * * 1', 'every Monday at 09:00'],
    ['30 8 * * 1-5', 'every weekday at 08:30'],
    ['0 9 * * MON-FRI', 'every weekday at 09:00'],
    ['0 9,17 * * *', 'every day at 09:00 and 17:00'],
    ['0 9 1,15 * *', 'on the 1st and 15th of every month at 09:00'],
    ['0 16 * * 5#L', 'on the last Friday of every month at 16:00'],
    ['0 9 * * 1#2', 'on the second Monday of every month at 09:00'],
    ['0 9 L * *', 'on the last day of every month at 09:00'],
    ['0 0 1 1 *', 'every year on 1 January at 00:00'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['0 */6 * * *', 'every 6 hours'],
    ['30 * * * 1-5', 'every hour at minute 30 on weekdays'],
    ['0 9 * * 7', 'every Sunday at 09:00'],
    ['*/15 9-17 * * 1-5', "cron schedule '*/15 9-17 * * 1-5'"],
  ])("runs '%s' as written, described as '%s'", (cron, description) => {
    expect(scheduleFor(cron)).toEqual({ kind: 'cron', text: cron, cron, timeZone: 'UTC', description });
  });

  it('tidies spacing but keeps the expression', () => {
    expect(scheduleFor('  0  9 *   * 1 ').cron).toBe('0 9 * * 1');
  });

  it('spells out nicknames as five fields', () => {
    expect(scheduleFor('@daily').cron).toBe('0 0 * * *');
    expect(scheduleFor('@hourly').cron).toBe('0 * * * *');
    expect(refusal('@reboot')).toMatchObject({ kind: 'schedule_invalid' });
  });

  it('runs on the 1st OR on Mondays when both day fields are set, as standard cron does', () => {
    const schedule = scheduleFor('0 9 1 * 1');
    const runs: string[] = [];
    let cursor = new Date('2026-05-30T00:00:00Z');
    for (let i = 0; i < 3; i++) {
      cursor = nextRun(schedule, cursor) ?? cursor;
      runs.push(cursor.toISOString());
    }
    // 2026-06-01 is both; 2026-06-08 and 06-15 are Mondays.
    expect(runs).toEqual(['2026-06-01T09:00:00.000Z', '2026-06-08T09:00:00.000Z', '2026-06-15T09:00:00.000Z']);
  });

  it('refuses a seconds field and suggests the same schedule without it', () => {
    const problem = refusal('0 0 9 * * 1');
    expect(problem).toEqual({
      kind: 'schedule_invalid',
      text: '0 0 9 * * 1',
      reason: 'it has 6 fields, but Baton reads 5-field cron (minute hour day-of-month month day-of-week), without a seconds field',
      suggestion: '0 9 * * 1',
    });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule '0 0 9 * * 1' is not understood: it has 6 fields, but Baton reads 5-field cron (minute hour day-of-month month day-of-week), without a seconds field — try '0 9 * * 1' or plain words like 'every Monday at 9:00'",
    );
    expect(refusal('*/10 * * * * *')).toMatchObject({ suggestion: '0 9 * * 1' });
    expect(refusal('0 30 9 * * 1 *')).toMatchObject({ suggestion: '30 9 * * 1' });
  });

  it.each([
    ['99 * * * *', 'the minute field has 99, but it goes from 0 to 59'],
    ['0 24 * * *', 'the hour field has 24, but it goes from 0 to 23'],
    ['0 9 0 * *', 'the day-of-month field has 0, but it goes from 1 to 31'],
    ['0 9 * 13 *', 'the month field has 13, but it goes from 1 to 12'],
    ['0 9 * * 8', 'the day-of-week field has 8, but it goes from 0 to 7'],
    ['0 9 * * 1#6', 'the day-of-week field asks for occurrence 6, but a month has one to five of each weekday'],
    ['0 9 31 4 *', 'it never runs, because no calendar date matches it'],
    ['5 9 * *', 'a cron expression has 5 fields (minute hour day-of-month month day-of-week), and this one has 4'],
  ])("refuses '%s': %s", (cron, reason) => {
    expect(refusal(cron)).toEqual({ kind: 'schedule_invalid', text: cron, reason, suggestion: '0 9 * * 1' });
  });

  it('refuses nonsense in a field with croner’s reason', () => {
    expect(refusal('0 9 * * 1/x')).toMatchObject({ reason: expect.stringMatching(/^it is not a valid cron expression \(/) });
  });

  it('reads a cron expression in the row’s time zone', () => {
    const schedule = scheduleFor('0 9 * * 1', 'Europe/Paris');
    expect(nextRun(schedule, new Date('2026-11-29T00:00:00Z'))?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
});
