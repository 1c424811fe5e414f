// Calendar dates in the row's time zone, without a time: "2026-12-04". The arithmetic is on the
// UTC fields of a Date, which have no daylight saving time, so neither the host's zone nor a
// DST change can move a date by a day.
import { DAY_NAMES } from './phrase';

export interface LocalDate {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-04" as a date, or null when it is not one (wrong shape, or 2026-02-30). */
export function readIsoDate(text: string): LocalDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : null;
}

export function isRealDate({ year, month, day }: LocalDate): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate({ year, month, day }: LocalDate): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf({ year, month, day }: LocalDate): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The same day `months` months earlier, or the month's last day when it is shorter. */
export function monthsBefore({ year, month, day }: LocalDate, months: number): LocalDate {
  const index = year * 12 + (month - 1) - months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** "4 Dec 2026", or with the weekday "Fri 4 Dec 2026" (as a row's Health shows it). */
export function formatDate(date: LocalDate, options: { weekday?: boolean } = {}): string {
  const text = `${date.day} ${MONTH_NAMES[date.month - 1]?.slice(0, 3)} ${date.year}`;
  return options.weekday ? `${DAY_NAMES[weekdayOf(date)]?.slice(0, 3)} ${text}` : text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
