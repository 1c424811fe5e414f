import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/schedule';
import { DEFAULT_SLOT_LIMIT, dueSlots, formatSlot, nextRun, parseSchedule } from '../../src/schedule';

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
