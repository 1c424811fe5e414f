// Plain words for a cron expression, shown next to the schedule: "every Monday at 09:00".
// Covers the shapes plain language compiles to and the common hand-written ones; anything
// else is described as the cron expression itself rather than risk describing it wrongly.
import type { WeekDays } from './phrase';
import { ALL_DAYS, DAY_NAMES, everyDays, joinWords, onDays, ordinal } from './phrase';

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const DAY_ABBREVIATIONS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH_ABBREVIATIONS = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());
const NTH: Record<string, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', l: 'last' };

export function describeCron(cron: string): string {
  return describeShape(cron.trim().split(/\s+/)) ?? `cron schedule '${cron}'`;
}

function describeShape(fields: readonly string[]): string | null {
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  if (fields.length !== 5) return null;
  const days = isAny(dow) ? ALL_DAYS : readList(dow, 0, 7, DAY_ABBREVIATIONS)?.map((d) => d % 7);
  const weekDays = days ? [...new Set(days)].sort((a, b) => a - b) : null;

  const at = timesOf(minute, hour);
  if (at) {
    const monthly = isAny(month) && isAny(dow);
    if (isAny(dom) && isAny(month) && weekDays) return `${everyDays(weekDays)} at ${at}`;
    if (monthly && dom.toUpperCase() === 'L') return `on the last day of every month at ${at}`;
    if (monthly && dom.toUpperCase() === 'LW') return `on the last weekday of every month at ${at}`;
    const dates = readList(dom, 1, 31);
    if (monthly && dates) {
      return `on the ${joinWords(dates.map(ordinal))} of every month at ${at}${skippedMonths(dates)}`;
    }
    const nth = /^(\w+)#([1-5l])$/i.exec(dow);
    const nthDay = nth ? readList(nth[1] ?? '', 0, 7, DAY_ABBREVIATIONS) : null;
    if (isAny(dom) && isAny(month) && nth && nthDay?.length === 1) {
      const which = NTH[(nth[2] ?? '').toLowerCase()];
      return `on the ${which} ${DAY_NAMES[(nthDay[0] ?? 0) % 7]} of every month at ${at}`;
    }
    const months = readList(month, 1, 12, MONTH_ABBREVIATIONS, 1);
    if (dates?.length === 1 && months?.length === 1 && isAny(dow)) {
      return `every year on ${dates[0]} ${MONTH_NAMES[(months[0] ?? 1) - 1]} at ${at}`;
    }
    return null;
  }
  if (!isAny(dom) || !isAny(month) || !weekDays) return null;
  return interval(minute, hour, weekDays);
}

/** "every 15 minutes", "every hour", "every 2 hours at minute 30", with the days after. */
function interval(minute: string, hour: string, days: WeekDays): string | null {
  const on = onDays(days);
  const minuteStep = step(minute, 60);
  if (minuteStep !== null && isAny(hour)) {
    return (minuteStep === 1 ? 'every minute' : `every ${minuteStep} minutes`) + on;
  }
  const m = /^\d+$/.test(minute) ? Number(minute) : null;
  const hourStep = step(hour, 24);
  if (m === null || m > 59 || hourStep === null) return null;
  const every = hourStep === 1 ? 'every hour' : `every ${hourStep} hours`;
  return every + (m === 0 ? '' : ` at minute ${m}`) + on;
}

/** "*" is 1 and "*\/n" is n, when n divides the period evenly; anything else is not a step. */
function step(field: string, period: number): number | null {
  if (isAny(field)) return 1;
  const match = /^\*\/(\d+)$/.exec(field);
  const n = match ? Number(match[1]) : 0;
  return n > 0 && n < period && period % n === 0 ? n : null;
}

/** "09:00", "09:00 and 17:00": a single minute with one or more hours. */
function timesOf(minute: string, hour: string): string | null {
  if (!/^\d+$/.test(minute) || Number(minute) > 59) return null;
  const hours = readList(hour, 0, 23);
  if (!hours) return null;
  return joinWords(hours.map((h) => `${pad(h)}:${pad(Number(minute))}`));
}

/** A month has the date only if it is long enough; cron skips the others, so say so. */
function skippedMonths(dates: readonly number[]): string {
  const last = Math.max(...dates);
  return last > 28 ? ` (months without a ${ordinal(last)} are skipped)` : '';
}

/** Numbers, names, ranges and lists ("1,4", "mon-fri"), sorted; null for anything else. */
function readList(
  field: string,
  min: number,
  max: number,
  names: readonly string[] = [],
  nameBase = 0,
): number[] | null {
  const values = new Set<number>();
  for (const part of field.toLowerCase().split(',')) {
    const [from, to, extra] = part.split('-').map((p) => value(p, names, nameBase));
    if (from === undefined || from === null || to === null || extra !== undefined) return null;
    const end = to ?? from;
    if (from < min || end > max || from > end) return null;
    for (let v = from; v <= end; v++) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function value(text: string, names: readonly string[], base: number): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const index = names.indexOf(text);
  return index < 0 ? null : index + base;
}

function isAny(field: string): boolean {
  return field === '*' || field === '?';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
