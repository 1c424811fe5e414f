// Slots are wall-clock times in the row's time zone. DST rules (croner's, after Vixie cron):
// a fixed time that does not exist runs when the clock has jumped; a fixed time that occurs
// twice runs once, at the first occurrence; intervals follow real time.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/schedule';
import { dueSlots, formatSlot, nextRun, parseSchedule } from '../../src/schedule';

function scheduleFor(text: string, timeZone: string): Schedule {
  const result = parseSchedule(text, timeZone);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got ${JSON.stringify(result.problem)}`);
  return result.schedule;
}

function slotsBetween(schedule: Schedule, after: string, upTo: string): string[] {
  return dueSlots(schedule, new Date(after), new Date(upTo), 100).map((d) => d.toISOString());
}

/** What the Worker does: one (after, upTo] window per minute tick. */
function slotsTickingEveryMinute(schedule: Schedule, from: string, minutes: number): string[] {
  const seen: string[] = [];
  const start = new Date(from).getTime();
  for (let i = 0; i < minutes; i++) {
    const after = new Date(start + i * 60_000);
    const upTo = new Date(start + (i + 1) * 60_000);
    seen.push(...dueSlots(schedule, after, upTo).map((d) => d.toISOString()));
  }
  return seen;
}

describe('Europe: last Sunday of March and of October 2026', () => {
  it("runs a Monday 9:00 workflow once, in the row's time zone, across a DST change (08:00Z in winter, 07:00Z in summer)", () => {
    const schedule = scheduleFor('every Monday at 9:00', 'Europe/Paris');
    expect(slotsBetween(schedule, '2026-03-20T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(slotsBetween(schedule, '2026-10-15T00:00:00Z', '2026-10-28T00:00:00Z')).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('runs a 02:30 Paris workflow at 03:00 on the spring-forward day, when 02:30 does not exist', () => {
    const schedule = scheduleFor('every day at 2:30', 'Europe/Paris');
    expect(slotsBetween(schedule, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(formatSlot(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe('Sun 29 Mar 03:00');
  });

  it('runs a 02:30 Paris workflow once on the fall-back day, at the first 02:30', () => {
    const schedule = scheduleFor('every day at 2:30', 'Europe/Paris');
    expect(slotsBetween(schedule, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('runs a 01:30 London workflow at 02:00 on the spring-forward day and once on the fall-back day', () => {
    const schedule = scheduleFor('daily at 01:30', 'Europe/London');
    expect(slotsBetween(schedule, '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(slotsBetween(schedule, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });
});

describe('America/New_York: 2026-03-08 and 2026-11-01', () => {
  it('runs a 02:30 workflow at 03:00 EDT on the spring-forward day', () => {
    const schedule = scheduleFor('every day at 2:30am', 'America/New_York');
    expect(slotsBetween(schedule, '2026-03-07T00:00:00Z', '2026-03-09T12:00:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('runs an ambiguous 01:30 workflow once, not twice, on the fall-back day, even when the Worker ticks every minute', () => {
    const schedule = scheduleFor('every day at 1:30am', 'America/New_York');
    // 04:00Z is midnight EDT; 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(slotsTickingEveryMinute(schedule, '2026-11-01T04:00:00Z', 240)).toEqual(['2026-11-01T05:30:00.000Z']);
    expect(nextRun(schedule, new Date('2026-11-01T05:45:00Z'))?.toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });

  it('runs an hourly workflow every real hour through the repeated hour, each slot once', () => {
    const schedule = scheduleFor('hourly', 'America/New_York');
    expect(slotsTickingEveryMinute(schedule, '2026-11-01T03:30:00Z', 240)).toEqual([
      '2026-11-01T04:00:00.000Z', // 00:00 EDT
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T07:00:00.000Z', // 02:00 EST
    ]);
  });

  it('runs a 30-minute workflow straight through the spring-forward gap, skipping times that do not exist', () => {
    const schedule = scheduleFor('every 30 minutes', 'America/New_York');
    expect(slotsBetween(schedule, '2026-03-08T06:00:00Z', '2026-03-08T07:30:00Z')).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
    ]);
  });

  it('keeps every-2-hours slots on even wall-clock hours, so the night of the change has one 3-hour gap', () => {
    const schedule = scheduleFor('every 2 hours', 'America/New_York');
    expect(slotsBetween(schedule, '2026-03-08T04:00:00Z', '2026-03-08T10:00:00Z')).toEqual([
      '2026-03-08T05:00:00.000Z', // 00:00 EST
      '2026-03-08T08:00:00.000Z', // 04:00 EDT (02:00 does not exist)
      '2026-03-08T10:00:00.000Z', // 06:00 EDT
    ]);
  });

  it('runs a 1:00 and 13:00 workflow once at each time on the fall-back day, though 1:00 happens twice', () => {
    const schedule = scheduleFor('every day at 1:00 and 13:00', 'America/New_York');
    expect(slotsBetween(schedule, '2026-11-01T04:00:00Z', '2026-11-02T04:00:00Z')).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T18:00:00.000Z',
    ]);
  });
});

describe('South America in 2026', () => {
  it('runs a midnight Santiago workflow at 01:00 on 6 September, when Chile skips midnight', () => {
    const schedule = scheduleFor('every day at midnight', 'America/Santiago');
    expect(slotsBetween(schedule, '2026-09-04T12:00:00Z', '2026-09-07T12:00:00Z')).toEqual([
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
    ]);
    expect(formatSlot(new Date('2026-09-06T04:00:00Z'), 'America/Santiago')).toBe('Sun 6 Sep 01:00');
  });

  it('runs a 23:30 Santiago workflow once on 4 April, when Chile repeats 23:00 to midnight', () => {
    const schedule = scheduleFor('daily at 23:30', 'America/Santiago');
    expect(slotsTickingEveryMinute(schedule, '2026-04-05T02:00:00Z', 150)).toEqual(['2026-04-05T02:30:00.000Z']);
  });

  it('runs a São Paulo workflow at the same UTC time all year, since Brazil has no DST', () => {
    const schedule = scheduleFor('every day at 9', 'America/Sao_Paulo');
    expect(nextRun(schedule, new Date('2026-01-15T00:00:00Z'))?.toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(nextRun(schedule, new Date('2026-07-15T00:00:00Z'))?.toISOString()).toBe('2026-07-15T12:00:00.000Z');
  });
});
