import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/schedule';
import { DEFAULT_SLOT_LIMIT, dueSlots, formatSlot, latestDueSlot, nextRun, parseSchedule, shortestInterval } from '../../src/schedule';

function scheduleFor(text: string, timeZone = 'UTC'): Schedule {
  const result = parseSchedule(text, timeZone);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got ${JSON.stringify(result.problem)}`);
  return result.schedule;
}

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('nextRun', () => {
  it('returns the first slot strictly after the given instant', () => {
    const schedule = scheduleFor('every day at 9');
    expect(nextRun(schedule, new Date('2026-06-01T08:59:59.500Z'))?.toISOString()).toBe('2026-06-01T09:00:00.000Z');
    expect(nextRun(schedule, new Date('2026-06-01T09:00:00.000Z'))?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    expect(nextRun(schedule, new Date('2026-06-01T09:00:00.001Z'))?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
  });
});

describe('dueSlots', () => {
  it('returns every slot in (after, upTo], oldest first', () => {
    const schedule = scheduleFor('every 30 minutes');
    expect(iso(dueSlots(schedule, new Date('2026-06-01T09:00:00Z'), new Date('2026-06-01T11:00:00Z')))).toEqual([
      '2026-06-01T09:30:00.000Z',
      '2026-06-01T10:00:00.000Z',
      '2026-06-01T10:30:00.000Z',
      '2026-06-01T11:00:00.000Z',
    ]);
  });

  it('returns Monday and Thursday slots across a window of several weeks', () => {
    const schedule = scheduleFor('every Monday and Thursday at 10', 'Europe/Paris');
    expect(iso(dueSlots(schedule, new Date('2026-06-01T00:00:00Z'), new Date('2026-06-12T00:00:00Z')))).toEqual([
      '2026-06-01T08:00:00.000Z',
      '2026-06-04T08:00:00.000Z',
      '2026-06-08T08:00:00.000Z',
      '2026-06-11T08:00:00.000Z',
    ]);
  });

  it('never returns a slot twice when each window starts where the last ended', () => {
    const schedule = scheduleFor('every 15 minutes');
    const edges = ['2026-06-01T09:00:00Z', '2026-06-01T09:15:00Z', '2026-06-01T09:20:00Z', '2026-06-01T09:45:00Z', '2026-06-01T10:00:00Z'].map(
      (s) => new Date(s),
    );
    const seen = edges.slice(1).flatMap((upTo, i) => iso(dueSlots(schedule, edges[i] ?? upTo, upTo)));
    expect(seen).toEqual(['2026-06-01T09:15:00.000Z', '2026-06-01T09:30:00.000Z', '2026-06-01T09:45:00.000Z', '2026-06-01T10:00:00.000Z']);
  });

  it('caps a long catch-up window to the oldest slots, ten by default', () => {
    const schedule = scheduleFor('every 5 minutes');
    const after = new Date('2026-06-01T00:00:00Z');
    const upTo = new Date('2026-06-02T00:00:00Z');
    const capped = dueSlots(schedule, after, upTo);
    expect(capped).toHaveLength(DEFAULT_SLOT_LIMIT);
    expect(capped[0]?.toISOString()).toBe('2026-06-01T00:05:00.000Z');
    expect(iso(dueSlots(schedule, after, upTo, 2))).toEqual(['2026-06-01T00:05:00.000Z', '2026-06-01T00:10:00.000Z']);
  });

  it('returns nothing for an empty or backwards window, or a window between slots', () => {
    const schedule = scheduleFor('every day at 9');
    const nine = new Date('2026-06-01T09:00:00Z');
    expect(dueSlots(schedule, nine, nine)).toEqual([]);
    expect(dueSlots(schedule, nine, new Date('2026-06-01T08:00:00Z'))).toEqual([]);
    expect(dueSlots(schedule, nine, new Date('2026-06-01T23:59:00Z'))).toEqual([]);
    expect(dueSlots(schedule, new Date('2026-06-01T08:00:00Z'), nine, 0)).toEqual([]);
  });
});

describe('latestDueSlot (catch-up after downtime)', () => {
  // The worker was down from 10:00:30 to 15:00:30 UTC: five hours of missed slots.
  const after = new Date('2026-06-01T10:00:30Z');
  const upTo = new Date('2026-06-01T15:00:30Z');

  it('picks the latest missed slot of an every-minute schedule, not the tenth-oldest', () => {
    const schedule = scheduleFor('* * * * *');
    expect(dueSlots(schedule, after, upTo).at(-1)?.toISOString()).toBe('2026-06-01T10:10:00.000Z'); // the old bug
    expect(latestDueSlot(schedule, after, upTo)?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
  });

  it('picks the latest missed slot of an hourly schedule', () => {
    expect(latestDueSlot(scheduleFor('every hour'), after, upTo)?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
    expect(latestDueSlot(scheduleFor('30 * * * *'), after, upTo)?.toISOString()).toBe('2026-06-01T14:30:00.000Z');
  });

  it('counts a slot exactly at the end of the window, and none at its start', () => {
    const schedule = scheduleFor('every hour');
    expect(latestDueSlot(schedule, new Date('2026-06-01T14:00:00Z'), new Date('2026-06-01T15:00:00Z'))?.toISOString()).toBe(
      '2026-06-01T15:00:00.000Z',
    );
    expect(latestDueSlot(schedule, new Date('2026-06-01T15:00:00Z'), new Date('2026-06-01T15:59:00Z'))).toBeNull();
    expect(latestDueSlot(schedule, upTo, after)).toBeNull();
  });

  it('agrees with walking every slot, in a time zone and across the autumn DST change', () => {
    const cases: [string, string, string, string][] = [
      ['every Monday and Thursday at 10', 'Europe/Paris', '2026-06-01T00:00:00Z', '2026-06-12T00:00:00Z'],
      ['*/7 * * * *', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z'],
      ['30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-01T12:00:00Z'],
      ['every day at 9', 'UTC', '2026-06-01T09:00:00Z', '2026-06-01T23:59:00Z'],
    ];
    for (const [text, zone, from, to] of cases) {
      const schedule = scheduleFor(text, zone);
      const walked = dueSlots(schedule, new Date(from), new Date(to), Number.POSITIVE_INFINITY).at(-1) ?? null;
      expect(latestDueSlot(schedule, new Date(from), new Date(to))?.toISOString() ?? null, text).toBe(walked?.toISOString() ?? null);
    }
  });

  it('finds the latest of a day of every-minute slots quickly', () => {
    const schedule = scheduleFor('* * * * *');
    const started = performance.now();
    for (let i = 0; i < 100; i++) latestDueSlot(schedule, new Date('2026-06-01T00:00:30Z'), new Date('2026-06-02T00:00:30Z'));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('shortestInterval', () => {
  it('gives the fewest minutes between two runs', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(shortestInterval(scheduleFor('every 5 minutes'), now)).toBe(5);
    expect(shortestInterval(scheduleFor('0,10 9 * * 1'), now)).toBe(10);
    expect(shortestInterval(scheduleFor('every Monday at 9:00'), now)).toBe(7 * 24 * 60);
  });
});

describe('formatSlot', () => {
  it("shows a slot in the row's time zone, as 'Mon 30 Nov 09:00'", () => {
    expect(formatSlot(new Date('2026-11-30T08:00:00Z'), 'Europe/Paris')).toBe('Mon 30 Nov 09:00');
  });

  it('shows midnight as 00:00 and uses the zone’s own date', () => {
    expect(formatSlot(new Date('2026-11-30T23:00:00Z'), 'Europe/Paris')).toBe('Tue 1 Dec 00:00');
    expect(formatSlot(new Date('2026-11-30T03:00:00Z'), 'America/New_York')).toBe('Sun 29 Nov 22:00');
    expect(formatSlot(new Date('2026-09-15T13:05:00Z'), 'UTC')).toBe('Tue 15 Sep 13:05');
  });
});
