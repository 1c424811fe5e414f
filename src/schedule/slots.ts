// When a schedule runs. Slots are the instants croner computes for the cron in the row's time
// zone (see cron-expression.ts for DST). Windows are half-open, (after, upTo], so a caller
// that passes each tick's upTo as the next tick's after never sees a slot twice.
import { cronJob } from './cron-expression';
import type { Schedule } from './types';

/**
 * At most this many slots per call by default: after an outage, a workflow that runs every
 * few minutes should not start hours of missed runs at once.
 */
export const DEFAULT_SLOT_LIMIT = 10;

/** The first slot strictly after `after`, or null if the schedule never runs again. */
export function nextRun(schedule: Schedule, after: Date): Date | null {
  return cronJob(schedule.cron, schedule.timeZone).nextRun(after);
}

/** Slots s with after < s <= upTo, oldest first, at most `limit` of them. */
export function dueSlots(schedule: Schedule, after: Date, upTo: Date, limit = DEFAULT_SLOT_LIMIT): Date[] {
  const job = cronJob(schedule.cron, schedule.timeZone);
  const slots: Date[] = [];
  let cursor = after;
  while (slots.length < limit) {
    const slot = job.nextRun(cursor);
    if (slot === null || slot.getTime() > upTo.getTime()) break;
    // Croner only moves forward in real time; a slot not after the cursor would loop forever.
    if (slot.getTime() <= cursor.getTime()) {
      throw new Error(`croner returned ${slot.toISOString()}, not after ${cursor.toISOString()}`);
    }
    slots.push(slot);
    cursor = slot;
  }
  return slots;
}
