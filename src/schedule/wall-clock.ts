// Wall-clock times in an IANA time zone and the instants they happen at, from the runtime's own
// zone data (Intl, in workerd as in Node). A wall-clock time is a Date whose UTC fields are the
// local date and time ("floating", as rrule computes them).
//
// Turning a wall-clock time into an instant follows croner's rule for fixed-time cron jobs
// (cron-expression.ts), so a recurrence runs at the same instant a cron job with the same time
// would:
// - A time that happens twice (fall back) is the first of the two: 01:30 EDT, not 01:30 EST.
// - A time that does not happen (spring forward) is the instant the clock jumps, the first one
//   after it: 02:30 in Paris on 29 March 2026 runs at 03:00 CEST.

const MINUTE = 60_000;
/** Zone offsets anywhere differ by less than this from one day to the next (Samoa skipped a day in 2011). */
const NEIGHBOURHOOD = 36 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `timeZone` at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): Date {
  const parts = formatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return new Date(wall + instant.getUTCMilliseconds());
}

/** The instant the wall-clock time `wall` happens in `timeZone`, by the rule in the header. */
export function instantAt(wall: Date, timeZone: string): Date {
  const w = wall.getTime();
  const offsets = [...new Set([offsetAt(w - NEIGHBOURHOOD, timeZone), offsetAt(w, timeZone), offsetAt(w + NEIGHBOURHOOD, timeZone)])];
  const fits = offsets.map((o) => w - o).filter((t) => offsetAt(t, timeZone) === w - t);
  if (fits.length > 0) return new Date(Math.min(...fits));
  // In a gap: before it the clock is behind `wall`, after it ahead. Find the jump, to the second.
  let before = w - Math.max(...offsets);
  let after = w - Math.min(...offsets);
  const offsetBefore = offsetAt(before, timeZone);
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (offsetAt(middle, timeZone) === offsetBefore) before = middle;
    else after = middle;
  }
  return new Date(after);
}

/** Wall clock minus UTC at an instant, in milliseconds (+3,600,000 for Paris in winter). */
function offsetAt(ms: number, timeZone: string): number {
  return wallClockAt(new Date(ms), timeZone).getTime() - ms;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      // h23, not hour12: false, which some runtimes render as "24:00" at midnight.
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}
