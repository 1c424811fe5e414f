// When a recurrence schedule runs. rrule computes the occurrences as wall-clock times (floating,
// never with its tzid support); each becomes an instant in the row's time zone by the rule in
// wall-clock.ts, which is croner's for fixed-time cron jobs: a time that happens twice runs
// once, at the first; a time that does not happen runs as the clock jumps. That mapping never
// goes backwards, so occurrences in order are slots in order; two that meet at one instant (two
// times inside a spring-forward gap) are one slot.
//
// rrule walks every occurrence from DTSTART to answer a query, which for "every other day"
// counted from years ago is thousands a tick. So queries use the same rule started at the
// beginning of a later period of it (a day, a Monday-to-Sunday week or a month, `interval`
// of them from DTSTART's), whose occurrences from there on are the same.
import { RRule } from './rrule-library';
import type { RecurrenceSchedule } from './types';
import { instantAt, wallClockAt } from './wall-clock';

/**
 * How far wall-clock and real time can be apart, and more: offsets lie within UTC−12 and UTC+14,
 * and a zone may skip a day. Occurrences are searched from this far before the window's wall
 * clock, and each is kept only if its instant is in the window.
 */
const MARGIN_MS = 2 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Slots strictly after `after`, oldest first, for as long as the rule runs. */
export function* recurrenceSlots(schedule: RecurrenceSchedule, after: Date): Generator<Date> {
  const from = new Date(wallClockAt(after, schedule.timeZone).getTime() - MARGIN_MS);
  const rule = startedNear(RRule.fromString(schedule.rrule), from);
  let last = after.getTime();
  let wall = rule.after(from, true);
  while (wall !== null) {
    const slot = instantAt(wall, schedule.timeZone);
    if (slot.getTime() > last) {
      last = slot.getTime();
      yield slot;
    }
    wall = rule.after(wall, false);
  }
}

/** The latest slot s with after < s <= upTo, or null: found from upTo backwards, never by walking the window. */
export function latestRecurrenceSlot(schedule: RecurrenceSchedule, after: Date, upTo: Date): Date | null {
  if (upTo.getTime() <= after.getTime()) return null;
  // A slot in the window comes from an occurrence at or after `from`, so the rule started
  // there has every occurrence that can be the answer.
  const from = new Date(wallClockAt(after, schedule.timeZone).getTime() - MARGIN_MS);
  const rule = startedNear(RRule.fromString(schedule.rrule), from);
  let wall = rule.before(new Date(wallClockAt(upTo, schedule.timeZone).getTime() + MARGIN_MS), true);
  while (wall !== null) {
    const slot = instantAt(wall, schedule.timeZone);
    if (slot.getTime() <= upTo.getTime()) return slot.getTime() > after.getTime() ? slot : null;
    wall = rule.before(wall, false);
  }
  return null;
}

/**
 * The rule started at the beginning of its last period that begins at or before `wall` (the
 * rule itself when that is its first period). Its occurrences from there on are the rule's:
 * periods are counted from DTSTART's, and every rule Baton writes names its hours, minutes and
 * days, so nothing is taken from DTSTART but the period it is in (compile-recurrence.ts).
 */
function startedNear(rule: RRule, wall: Date): RRule {
  const { freq, interval, dtstart } = rule.options;
  const [y, m, d] = [dtstart.getUTCFullYear(), dtstart.getUTCMonth(), dtstart.getUTCDate()];
  let start: number;
  if (freq === RRule.MONTHLY) {
    const months = (wall.getUTCFullYear() - y) * 12 + (wall.getUTCMonth() - m);
    const periods = Math.floor(months / interval)
    if (periods < 1) return rule;
    start = Date.UTC(y, m + periods * interval, 1);
  } else if (freq === RRule.WEEKLY || freq === RRule.DAILY) {
    // Weeks run Monday to Sunday (WKST=MO).
    const first = Date.UTC(y, m, d) - (freq === RRule.WEEKLY ? ((dtstart.getUTCDay() + 6) % 7) * DAY_MS : 0);
    const length = interval * (freq === RRule.WEEKLY ? 7 : 1) * DAY_MS;
    const periods = Math.floor((wall.getTime() - first) / length)
    if (periods < 1) return rule;
    start = first + periods * length;
  } else {
    return rule;
  }
  return new RRule({ ...rule.origOptions, dtstart: new Date(start) });
}
