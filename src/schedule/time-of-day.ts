// Reads one time of day as people write it: "9", "9:00", "09:00", "9am", "9:30pm", "17h30",
// "0930", "noon", "midnight". 12am is 00:00 and 12pm is 12:00, as on a clock. Text arrives
// normalised (lower case, "9 am" joined to "9am", "9.30" turned into "9:30").
import type { TimeOfDay } from './phrase';

export type TimeReading =
  | { ok: true; time: TimeOfDay }
  /** Shaped like a time but not one ("25:00", "13pm"); `instead` is a time close to it. */
  | { ok: false; reason: string; instead: TimeOfDay };

const MIDNIGHT: TimeOfDay = { hour: 0, minute: 0, written: 'midnight' };
const NAMED: Record<string, TimeOfDay> = {
  noon: { hour: 12, minute: 0, written: 'noon' },
  midday: { hour: 12, minute: 0, written: 'midday' },
  midnight: MIDNIGHT,
};

const CLOCK = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/;
const HOURS_H = /^(\d{1,2})h(\d{2})?$/;
const MILITARY = /^(\d{2})(\d{2})$/;

/**
 * The time a token names, or null when it is not shaped like a time. A bare number ("9")
 * or four digits ("0930") count only right after "at" (`afterAt`), since elsewhere they may
 * be a day of the month.
 */
export function readTimeOfDay(token: string, afterAt: boolean): TimeReading | null {
  const named = NAMED[token];
  if (named) return { ok: true, time: named };

  const clock = CLOCK.exec(token);
  if (clock) {
    const [, h = '', m, meridiem] = clock;
    if (!afterAt && m === undefined && meridiem === undefined) return null;
    const [hour, minute] = [Number(h), Number(m ?? 0)];
    return meridiem ? twelveHour(token, hour, minute, meridiem) : day24(token, hour, minute);
  }
  const hours = HOURS_H.exec(token);
  if (hours) return day24(token, Number(hours[1]), Number(hours[2] ?? 0));
  const military = afterAt ? MILITARY.exec(token) : null;
  if (military) return day24(token, Number(military[1]), Number(military[2]));
  return null;
}

function day24(written: string, hour: number, minute: number): TimeReading {
  const badHour = `${written} is not a time of day (hours go from 0 to 23)`;
  if (hour === 24 && minute === 0) return { ok: false, reason: badHour, instead: MIDNIGHT };
  if (hour > 23) return { ok: false, reason: badHour, instead: nineOClock() };
  if (minute > 59) {
    return { ok: false, reason: `${written} is not a time of day (minutes go from 0 to 59)`, instead: at(hour, 0) };
  }
  return { ok: true, time: { hour, minute, written } };
}

function twelveHour(written: string, hour: number, minute: number, meridiem: string): TimeReading {
  if (hour === 0 || hour > 12) {
    // "13pm", "0am": suggest the 24-hour reading when there is one.
    const instead = hour > 12 && hour < 24 && minute < 60 ? at(hour, minute) : nineOClock();
    return { ok: false, reason: `${written} is not a time of day (use 1 to 12 with am or pm)`, instead };
  }
  if (minute > 59) {
    const instead = { hour: to24(hour, meridiem), minute: 0, written: `${hour}${meridiem}` };
    return { ok: false, reason: `${written} is not a time of day (minutes go from 0 to 59)`, instead };
  }
  return { ok: true, time: { hour: to24(hour, meridiem), minute, written } };
}

/** 12am is midnight and 12pm is noon; otherwise pm adds twelve hours. */
function to24(hour: number, meridiem: string): number {
  if (hour === 12) return meridiem === 'am' ? 0 : 12;
  return meridiem === 'pm' ? hour + 12 : hour;
}

function at(hour: number, minute: number): TimeOfDay {
  return { hour, minute, written: `${hour}:${String(minute).padStart(2, '0')}` };
}

function nineOClock(): TimeOfDay {
  return at(9, 0);
}
