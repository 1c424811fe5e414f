// Schedules that skip weeks, days or months ("every other Friday", "every 2 weeks",
// "biweekly", "every other day", "every 3 months"). Cron cannot say them: its fields repeat
// within a month and a week, never across them. They are refused as unsupported, with the
// same schedule minus the skip as the suggestion, keeping the person's day and time.
import type { Reading } from './phrase';
import { renderPhrase } from './phrase';
import { readPhrase } from './read-phrase';

type Unit = 'week' | 'day' | 'month';

const DAY = '(?:sun|mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?)(?:day)?s?|weekdays?';
const COUNTS: Record<string, number> = {
  other: 2, second: 2, '2nd': 2, alternate: 2, alternating: 2, two: 2, three: 3, four: 4,
};
const EVERY_NTH = new RegExp(
  '\\b(?:(?:every|each) (other|second|2nd|\\d+|two|three|four)|(alternate|alternating)) ' +
    `(weeks?|days?|months?|${DAY})\\b`,
);
const WORDS: Record<string, { unit: Unit; n: number }> = {
  biweekly: { unit: 'week', n: 2 },
  fortnightly: { unit: 'week', n: 2 },
  fortnight: { unit: 'week', n: 2 },
  bimonthly: { unit: 'month', n: 2 },
  quarterly: { unit: 'month', n: 3 },
};
const SKIP_WORD = /\b(?:(?:every|each) )?(biweekly|fortnightly|fortnight|bimonthly|quarterly)\b/;

/** What to read when the text, once the skip is gone, no longer names its days. */
const PLAIN: Record<Unit, string> = {
  week: 'every monday',
  day: 'every day',
  month: 'on the 1st of every month',
};

/** The refusal for a skipping schedule, or null when the text does not skip. */
export function readSkipping(normalized: string): Reading | null {
  const found = findSkip(normalized);
  if (!found) return null;
  const every = found.n === 2 ? `every other ${found.unit}` : `every ${found.n} ${found.unit}s`;
  const suggestion = suggest(found.without, found.unit);
  return { ok: false, trouble: { kind: 'schedule_unsupported', reason: `${every} is not supported yet`, suggestion } };
}

function findSkip(text: string): { unit: Unit; n: number; without: string } | null {
  const nth = EVERY_NTH.exec(text);
  if (nth) {
    const [match, counted = '', alternate = '', unitWord = ''] = nth;
    const n = COUNTS[counted || alternate] ?? Number(counted);
    const namesDay = new RegExp(`^(?:${DAY})$`).test(unitWord);
    // "every second Friday of the month" is an nth weekday, which is supported.
    const nthWeekday = namesDay && n === 2 && /\bmonth/.test(text) && counted !== 'other';
    if (n >= 2 && !nthWeekday) {
      const unit: Unit = unitWord.startsWith('day') ? 'day' : unitWord.startsWith('month') ? 'month' : 'week';
      const keep = namesDay ? `every ${unitWord}` : unit === 'day' ? 'every day' : '';
      return { unit, n, without: tidy(text.replace(match, keep)) };
    }
  }
  const word = SKIP_WORD.exec(text);
  const skip = word ? WORDS[word[1] ?? ''] : undefined;
  if (word && skip) return { ...skip, without: tidy(text.replace(word[0], '')) };
  return null;
}

function suggest(without: string, unit: Unit): string {
  const reading = readPhrase(without);
  if (reading.ok) return renderPhrase(reading.phrase);
  if (reading.trouble.missing === 'days') {
    const plain = readPhrase(tidy(`${PLAIN[unit]} ${without}`));
    return plain.ok ? renderPhrase(plain.phrase) : plain.trouble.suggestion;
  }
  return reading.trouble.suggestion;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
