// Schedules that skip weeks, days or months: "every other Friday", "every 2 weeks on Monday and
// Thursday", "biweekly", "fortnightly", "every third week", "every other day", "every 3 days",
// "every other month on the 15th", "quarterly on the first Monday", "bimonthly". Cron cannot
// say them (its fields repeat within a month and a week, never across them), so they are read
// as a Recurrence: the skip, and the rest of the text read as an ordinary phrase.
//
// Refused, with a phrase that works: a skip that does not fit its days ("every 2 weeks on the
// 1st"), and two readings people use both ways — "every third Tuesday" (every 3 weeks, or the
// third Tuesday of each month?) and "every other weekday" (alternate weeks, or alternate working
// days?). "Every second Friday" is read as every other Friday, as before; with "of the month"
// ("every second Friday of the month") it is the second Friday of each month.
import type { When } from './phrase';
import { ALL_DAYS, DAY_NAMES, renderPhrase } from './phrase';
import { normalizeScheduleText } from './normalize-text';
import { readPhrase } from './read-phrase';
import type { Recurrence, RecurrenceUnit, ScheduleReading } from './recurrence';
import { renderRecurrence } from './recurrence';
import type { Trouble } from './types';

const DAY = '(?:sun|mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?)(?:day)?s?|weekdays?|weekends?';
const COUNTS: Record<string, number> = {
  other: 2, alternate: 2, alternating: 2, second: 2, third: 3, fourth: 4, fifth: 5,
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const ORDINALS = new Set(['second', 'third', 'fourth', 'fifth']);
const EVERY_NTH = new RegExp(
  `\\b(?:(?:every|each) (\\d+(?:st|nd|rd|th)?|${Object.keys(COUNTS).filter((c) => !c.startsWith('alt')).join('|')})|(alternate|alternating)) ` +
    `(weeks?|days?|months?|${DAY})\\b`,
);
const SKIP_WORDS: Record<string, { unit: RecurrenceUnit; n: number }> = {
  biweekly: { unit: 'week', n: 2 },
  fortnightly: { unit: 'week', n: 2 },
  fortnight: { unit: 'week', n: 2 },
  bimonthly: { unit: 'month', n: 2 },
  quarterly: { unit: 'month', n: 3 },
  quarter: { unit: 'month', n: 3 },
};
// "every quarter hour" is an interval (read-interval.ts), not a quarter of a year.
const SKIP_WORD = /\b(?:(?:every|each) (fortnight|quarter)(?! (?:of )?(?:an? )?hour)|(?:(?:every|each) )?(biweekly|fortnightly|bimonthly|quarterly))\b/;

/** What to read when the text, once the skip is gone, no longer names its days. */
const PLAIN: Record<RecurrenceUnit, string> = { week: 'every monday', day: 'every day', month: 'on the 1st' };

interface Skip {
  unit: RecurrenceUnit;
  n: number;
  /** The text without the skip. */
  without: string;
  /** The skip as written, for refusals: "every third Tuesday". */
  written: string;
  ambiguous?: 'nth_weekday' | 'weekdays';
}

/** The skipping schedule the text says, or null when it does not skip. */
export function readSkipping(normalized: string): ScheduleReading | null {
  const skip = findSkip(normalized);
  if (!skip) return null;
  const every = skipWords(skip.unit, skip.n);
  if (skip.n === 0) return refuse('schedule_invalid', `${every} never runs`, suggest({ ...skip, n: 2 }, skip.without));

  let rest = readPhrase(skip.without);
  // "every other day at 7": the days are all of them, unless the text names some.
  if (!rest.ok && rest.trouble.missing === 'days' && skip.unit === 'day') rest = readPhrase(tidy(`every day ${skip.without}`));
  if (!rest.ok) return { ok: false, trouble: { ...rest.trouble, suggestion: suggest(skip, skip.without) } };
  if (rest.phrase.kind === 'interval') {
    return refuse('schedule_unsupported', `${every} cannot be combined with ${renderPhrase(rest.phrase)}`, renderPhrase(rest.phrase));
  }
  const { times, ...when } = rest.phrase;
  const recurrence: Recurrence = { unit: skip.unit, every: skip.n, when, times, starting: null };
  const misfit = checkFit(recurrence);
  if (misfit) return misfit;

  if (skip.ambiguous === 'nth_weekday' && when.kind === 'weekly') {
    const monthly = renderPhrase({ kind: 'nth_weekday', nth: Math.min(skip.n, 5) as 1 | 2 | 3 | 4 | 5, day: when.days[0] ?? 1, times });
    const [each = 'every', nth = ''] = skip.written.split(' ');
    const day = DAY_NAMES[when.days[0] ?? 1];
    const reason = `'${each} ${nth} ${day}' could mean every ${skip.n} weeks or the ${nth} ${day} of each month (for that, write '${monthly}')`;
    return refuse('schedule_unsupported', reason, renderRecurrence(recurrence));
  }
  if (skip.ambiguous === 'weekdays') {
    const reason = `'${skip.written}' could mean weekdays in alternate weeks or alternate working days`;
    return refuse('schedule_unsupported', reason, renderRecurrence(recurrence));
  }
  return { ok: true, recurrence };
}

function findSkip(text: string): Skip | null {
  const nth = EVERY_NTH.exec(text);
  if (nth) {
    const [match, counted = '', alternate = '', unitWord = ''] = nth;
    const count = counted || alternate;
    const n = COUNTS[count] ?? Number.parseInt(count, 10);
    const ordinal = ORDINALS.has(count) || /^\d+(?:st|nd|rd|th)$/.test(count);
    const namesDay = new RegExp(`^(?:${DAY})$`).test(unitWord);
    // "every second Friday of the month" is an nth weekday, which read-when.ts reads.
    if (namesDay && /\bmonth/.test(text)) return null;
    const unit: RecurrenceUnit = namesDay || unitWord.startsWith('week') ? 'week' : unitWord.startsWith('day') ? 'day' : 'month';
    const keep = namesDay ? `every ${unitWord}` : '';
    const ambiguous = !namesDay ? undefined : /^weekdays?$/.test(unitWord) ? 'weekdays' : ordinal && n >= 3 ? 'nth_weekday' : undefined;
    return { unit, n, without: tidy(text.replace(match, keep)), written: match, ...(ambiguous ? { ambiguous } : {}) };
  }
  const word = SKIP_WORD.exec(text);
  const skip = word ? SKIP_WORDS[word[1] ?? word[2] ?? ''] : undefined;
  if (word && skip) return { ...skip, without: tidy(text.replace(word[0], '')), written: word[0] };
  return null;
}

/** A skip whose days do not fit it: "every 2 weeks on the 1st", "every other month on Monday". */
function checkFit(recurrence: Recurrence): Refusal | null {
  const { unit, every, when } = recurrence;
  const words = skipWords(unit, every);
  const as = (u: RecurrenceUnit, w: When) => renderRecurrence({ ...recurrence, unit: u, when: w });
  if (unit === 'week' && when.kind !== 'weekly') {
    return refuse('schedule_unsupported', `${words} runs on days of the week, not days of the month`, as('month', when));
  }
  if (unit === 'day' && (when.kind !== 'weekly' || when.days.length !== 7)) {
    const reason = `${words} counts days in a row, so it cannot also be limited to days of the week or month`;
    const instead = when.kind === 'weekly' ? as('week', when) : as('day', { kind: 'weekly', days: ALL_DAYS });
    return refuse('schedule_unsupported', reason, instead);
  }
  if (unit === 'month' && when.kind === 'weekly') {
    const day = when.days.length === 1 ? when.days[0] : undefined;
    const instead: When = day === undefined ? { kind: 'monthly', dates: [1] } : { kind: 'nth_weekday', nth: 1, day };
    const reason = `${words} needs a day of the month, like the 1st or the first ${DAY_NAMES[day ?? 1]}`;
    return refuse('schedule_unsupported', reason, as('month', instead));
  }
  return null;
}

/**
 * `text` read as a phrase and put in words with the skip, e.g. "every other Monday at 9:00" for
 * "every monday". When it does not read, its own suggestion is tried (a phrase's suggestion
 * reads within two steps: days added, then a time).
 */
function suggest(skip: Skip, text: string, depth = 0): string {
  const reading = readPhrase(normalizeScheduleText(text));
  if (reading.ok) {
    if (reading.phrase.kind === 'interval') return renderPhrase(reading.phrase);
    const { times, ...when } = reading.phrase;
    const recurrence: Recurrence = { unit: skip.unit, every: skip.n, when, times, starting: null };
    const misfit = checkFit(recurrence);
    return misfit ? misfit.trouble.suggestion : renderRecurrence(recurrence);
  }
  if (depth >= 2) return reading.trouble.suggestion;
  const next = reading.trouble.missing === 'days' ? tidy(`${PLAIN[skip.unit]} ${text}`) : reading.trouble.suggestion;
  return suggest(skip, next, depth + 1);
}

/** "every other week", "every 3 days". */
function skipWords(unit: RecurrenceUnit, n: number): string {
  return n === 2 ? `every other ${unit}` : `every ${n} ${unit}s`;
}

type Refusal = { ok: false; trouble: Trouble };

function refuse(kind: Trouble['kind'], reason: string, suggestion: string): Refusal {
  return { ok: false, trouble: { kind, reason, suggestion } };
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^(?:and )+|(?: and)+$/g, '').trim();
}
