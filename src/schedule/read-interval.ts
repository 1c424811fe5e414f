// Interval schedules: "every 30 minutes", "every hour", "hourly", "every 2 hours", "every
// half hour", optionally limited to days ("every hour on weekdays"). Cron steps restart at
// each hour and each midnight, so only intervals that divide the hour (minutes) or the day
// (hours) come out evenly spaced; others are explained, with the nearest one that does.
import type { Phrase, Reading, WeekDays } from './phrase';
import { ALL_DAYS, DEFAULT_TIME, renderPhrase } from './phrase';
import { readTimeOfDay } from './time-of-day';
import { readWhen } from './read-when';
import { lookUpWord, unknownWordsReason } from './words';

const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, six: 6,
  ten: 10, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};
const MINUTE_UNITS = new Set(['minute', 'minutes', 'min', 'mins']);
const HOUR_UNITS = new Set(['hour', 'hours', 'hr', 'hrs']);
const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12];
/** What to suggest instead of an uneven interval, in minutes: round numbers people use. */
const NEAREST_CANDIDATES = [1, 2, 3, 4, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720];

/** The interval the tokens start with, or null when they do not start with one. */
export function readInterval(tokens: readonly string[]): Reading | null {
  const head = readHead(tokens);
  if (!head) return null;
  const rest = tokens.slice(head.length);

  const days = readDays(rest);
  if (!days.ok) {
    const suggestion = renderInterval(head.minutes, ALL_DAYS);
    return { ok: false, trouble: { kind: 'schedule_invalid', suggestion, ...days.trouble } };
  }
  return checkInterval(head.minutes, head.unit, days.days);
}

type Unit = 'minute' | 'hour';

/** The interval's length in minutes, the unit it was written in, and how many tokens it took. */
function readHead(tokens: readonly string[]): { minutes: number; unit: Unit; length: number } | null {
  if (tokens[0] === 'hourly') return { minutes: 60, unit: 'hour', length: 1 };
  if (tokens[0] !== 'every' && tokens[0] !== 'each') return null;
  const word = tokens[1] ?? '';
  if (word === 'half' || word === 'quarter') {
    // "every half hour", "every half an hour", "every quarter of an hour"
    let i = 2;
    while (tokens[i] === 'of' || tokens[i] === 'an' || tokens[i] === 'a') i++;
    if (!HOUR_UNITS.has(tokens[i] ?? '')) return null;
    return { minutes: word === 'half' ? 30 : 15, unit: 'minute', length: i + 1 };
  }
  const count = /^\d+$/.test(word) ? Number(word) : COUNT_WORDS[word];
  const unitAt = count === undefined ? 1 : 2;
  const unit = tokens[unitAt] ?? '';
  const n = count ?? 1;
  if (MINUTE_UNITS.has(unit)) return { minutes: n, unit: 'minute', length: unitAt + 1 };
  if (HOUR_UNITS.has(unit)) return { minutes: n * 60, unit: 'hour', length: unitAt + 1 };
  return null;
}

type DaysReading =
  | { ok: true; days: WeekDays }
  | { ok: false; trouble: { reason: string; unknownWords?: readonly string[] } };

/** What may follow an interval: nothing, or the days it runs on ("on weekdays"). */
function readDays(rest: readonly string[]): DaysReading {
  if (rest.length === 0) return { ok: true, days: ALL_DAYS };
  const hasTime = rest.some((t, i) => readTimeOfDay(t, rest[i - 1] === 'at') !== null);
  if (hasTime) {
    const reason = 'an interval runs around the clock, so it cannot also have a time of day';
    return { ok: false, trouble: { reason } };
  }
  const words = rest.map(lookUpWord);
  const unknownWords = rest.filter((_, i) => words[i] === null);
  if (unknownWords.length > 0) {
    return { ok: false, trouble: { reason: unknownWordsReason(unknownWords), unknownWords } };
  }
  const when = readWhen(words.filter((w) => w !== null));
  if (when.ok && when.when.kind === 'weekly') return { ok: true, days: when.when.days };
  const reason = 'an interval can only be limited to days of the week, like "on weekdays"';
  return { ok: false, trouble: { reason } };
}

function checkInterval(minutes: number, unit: Unit, days: WeekDays): Reading {
  const asPhrase = (u: Unit, every: number): Reading => ({
    ok: true,
    phrase: { kind: 'interval', unit: u, every, days },
  });
  if (minutes < 60 && MINUTE_STEPS.includes(minutes)) return asPhrase('minute', minutes);
  if (minutes % 60 === 0 && HOUR_STEPS.includes(minutes / 60)) return asPhrase('hour', minutes / 60);

  const written = unit === 'minute' ? `${minutes} minutes` : `${minutes / 60} hours`;
  if (minutes === 0) {
    const reason = `an interval of ${written} never runs`;
    return { ok: false, trouble: { kind: 'schedule_invalid', reason, suggestion: renderInterval(60, days) } };
  }
  let reason: string;
  if (minutes >= 24 * 60) {
    reason = `every ${written} is a day or longer, which needs a daily, weekly or monthly schedule`;
  } else if (minutes < 60) {
    reason = `${written} does not divide the hour evenly (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 and 30 minutes do)`;
  } else if (minutes % 60 === 0) {
    reason = `${written} does not divide the day evenly (1, 2, 3, 4, 6, 8 and 12 hours do)`;
  } else {
    reason = `${written} is not a whole number of hours (1, 2, 3, 4, 6, 8 and 12 hours divide the day evenly)`;
  }
  const suggestion =
    minutes >= 24 * 60
      ? renderPhrase({ kind: 'weekly', days, times: [DEFAULT_TIME] })
      : renderInterval(nearest(minutes), days);
  return { ok: false, trouble: { kind: 'schedule_unsupported', reason, suggestion } };
}

/** The closest round interval; on a tie, the more frequent one, so no run is missed. */
function nearest(minutes: number): number {
  const closer = (best: number, c: number) => (Math.abs(c - minutes) < Math.abs(best - minutes) ? c : best);
  return NEAREST_CANDIDATES.reduce(closer);
}

function renderInterval(minutes: number, days: WeekDays): string {
  const phrase: Phrase =
    minutes < 60
      ? { kind: 'interval', unit: 'minute', every: minutes, days }
      : { kind: 'interval', unit: 'hour', every: minutes / 60, days };
  return renderPhrase(phrase);
}
