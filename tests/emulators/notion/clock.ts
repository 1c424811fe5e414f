// The stand-in's notion of "now". Tests inject a clock or move it through the admin API, so
// minute rounding and relative date filters can be exercised without waiting.

export interface Clock {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
}

export function createClock(source: () => Date = () => new Date()): Clock {
  let offsetMs = 0;
  return {
    now: () => new Date(source().getTime() + offsetMs),
    set(at) {
      offsetMs = at.getTime() - source().getTime();
    },
    advance(ms) {
      offsetMs += ms;
    },
  };
}

/** Notion stores created_time and last_edited_time rounded down to the minute (platform notes). */
export function minuteFloor(at: Date): string {
  const d = new Date(at.getTime());
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}
