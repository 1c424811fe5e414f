// When a schedule runs. Cron slots are the instants croner computes in the row's time zone (see
// cron-expression.ts for DST); recurrence slots come from rrule (recurrence-slots.ts), placed in
// the zone by the same DST rule croner uses for fixed times. Windows are half-open,
// (after, upTo], so a caller that passes each tick's upTo as the next tick's after never sees a
// slot twice.
import { cronJob } from './cron-expression';
import { latestRecurrenceSlot, recurrenceSlots } from './recurrence-slots';
import type { CronSchedule, Schedule } from './types';

/**
 * At most this many slots per call by default: after an outage, a workflow that runs every
 * few minutes should not start hours of missed runs at once.
 */
export const DEFAULT_SLOT_LIMIT = 10;

/** The first slot strictly after `after`, or null if the schedule never runs again. */
export function nextRun(schedule: Schedule, after: Date): Date | null {
  switch (schedule.kind) {
    case 'cron':
      return cronJob(schedule.cron, schedule.timeZone).nextRun(after);
    case 'rrule':
      return slotsAfter(schedule, after).next().value ?? null;
  }
}

/** Slots s with after < s <= upTo, oldest first, at most `limit` of them. */
export function dueSlots(schedule: Schedule, after: Date, upTo: Date, limit = DEFAULT_SLOT_LIMIT): Date[] {
  const slots: Date[] = [];
  if (limit <= 0) return slots;
  for (const slot of slotsAfter(schedule, after)) {
    if (slot.getTime() > upTo.getTime()) break;
    slots.push(slot);
    if (slots.length >= limit) break;
  }
  return slots;
}

/**
 * The latest slot s with after < s <= upTo, or null. After downtime only this one runs (a late
 * brief, not three), so it must be the newest, however many slots were missed. For cron,
 * croner's previousRuns finds it without walking every missed minute; its answer is checked
 * against nextRun, the rule every other slot comes from, and if they ever disagree (time zones
 * and DST are where cron libraries differ) the window is walked forwards instead.
 */
export function latestDueSlot(schedule: Schedule, after: Date, upTo: Date): Date | null {
  if (upTo.getTime() <= after.getTime()) return null;
  if (schedule.kind === 'rrule') return latestRecurrenceSlot(schedule, after, upTo);
  const job = cronJob(schedule.cron, schedule.timeZone);
  const inWindow = (d: Date | null): d is Date => d !== null && d.getTime() > after.getTime() && d.getTime() <= upTo.getTime();
  // previousRuns counts "a run earlier in the same second as the reference" (croner 11 docs);
  // slots are whole minutes, so a reference 1 ms after upTo includes a slot exactly at upTo.
  const candidate = job.previousRuns(1, new Date(upTo.getTime() + 1))[0] ?? null;
  if (!inWindow(candidate)) return inWindow(job.nextRun(after)) ? walkForwards(schedule, after, upTo) : null;
  const isSlot = job.nextRun(new Date(candidate.getTime() - 1))?.getTime() === candidate.getTime();
  const isLatest = !inWindow(job.nextRun(candidate));
  return isSlot && isLatest ? candidate : walkForwards(schedule, after, upTo);
}

function walkForwards(schedule: CronSchedule, after: Date, upTo: Date): Date | null {
  return dueSlots(schedule, after, upTo, Number.POSITIVE_INFINITY).at(-1) ?? null;
}

/**
 * The shortest time between two runs among the next `samples` runs after `after`, in whole
 * minutes; null when it runs fewer than twice. "Every 5 minutes" gives 5, "at 9:00 and 9:10" 10.
 */
export function shortestInterval(schedule: Schedule, after: Date, samples = 48): number | null {
  const runs: Date[] = [];
  for (const slot of slotsAfter(schedule, after)) {
    if (runs.length >= samples) break;
    runs.push(slot);
  }
  let shortest: number | null = null;
  for (let i = 1; i < runs.length; i++) {
    const gap = Math.round((runs[i]!.getTime() - runs[i - 1]!.getTime()) / 60_000);
    if (shortest === null || gap < shortest) shortest = gap;
  }
  return shortest;
}

/** Every slot strictly after `after`, oldest first. */
function* slotsAfter(schedule: Schedule, after: Date): Generator<Date> {
  if (schedule.kind === 'rrule') {
    yield* recurrenceSlots(schedule, after);
    return;
  }
  const job = cronJob(schedule.cron, schedule.timeZone);
  let cursor = after;
  for (;;) {
    const slot = job.nextRun(cursor);
    if (slot === null) return;
    // Croner only moves forward in real time; a slot not after the cursor would loop forever.
    if (slot.getTime() <= cursor.getTime()) {
      throw new Error(`croner returned ${slot.toISOString()}, not after ${cursor.toISOString()}`);
    }
    yield slot;
    cursor = slot;
  }
}
