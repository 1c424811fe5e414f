// Which days a plain-language schedule runs on, from its words once the times are taken out:
// "every Monday and Thursday", "weekdays", "Monday to Friday", "daily", "on the 1st and 15th
// of every month", "monthly on the 15th", "last day of the month", "last weekday of the month",
// "last Friday of the month", "first Monday of every month".
import type { When } from './phrase';
import { ALL_DAYS, ordinal } from './phrase';
import type { Word } from './words';

export type WhenReading =
  | { ok: true; when: When }
  /** Understood words in an order no rule reads; the caller says so. */
  | { ok: false; reason?: undefined }
  /** Read, but impossible ("the 32nd"); `instead` is the closest thing that exists. */
  | { ok: false; reason: string; instead: When };

export function readWhen(words: readonly Word[]): WhenReading {
  // A comma before the time ("every Monday, 9am") leaves an "and" with nothing after it.
  const meaningful = words.filter((w) => w.t !== 'filler');
  while (meaningful[meaningful.length - 1]?.t === 'and') meaningful.pop();
  const hasMonth = meaningful.some((w) => w.t === 'month');
  if (!hasMonth) {
    const days = readDayList(meaningful);
    if (days) return { ok: true, when: { kind: 'weekly', days } };
  }
  return readMonthly(meaningful.filter((w) => w.t !== 'month'), hasMonth);
}

/** "Monday", "Mondays and Thursdays", "Mon to Fri", "weekdays", "weekends", "daily". */
function readDayList(words: readonly Word[]): number[] | null {
  const [first, ...rest] = words;
  if (first?.t === 'dayword' && rest.length === 0) return [...ALL_DAYS];
  // "weekly on Mondays": the lead-in adds nothing once a day is named.
  const list = first?.t === 'week' ? rest : words;
  const days = new Set<number>();
  let i = 0;
  while (i < list.length) {
    const word = list[i];
    if (word?.t === 'days') {
      word.days.forEach((d) => days.add(d));
      i += 1;
    } else if (word?.t === 'day') {
      const end = list[i + 1]?.t === 'to' ? list[i + 2] : undefined;
      if (end?.t === 'day') {
        // "Friday to Monday" wraps over the weekend.
        for (let d = word.day; ; d = (d + 1) % 7) {
          days.add(d);
          if (d === end.day) break;
        }
        i += 3;
      } else {
        days.add(word.day);
        i += 1;
      }
    } else {
      return null;
    }
    if (list[i]?.t === 'and') i += 1;
  }
  if (days.size === 0) return null;
  return [...days].sort((a, b) => a - b);
}

function readMonthly(words: readonly Word[], hasMonth: boolean): WhenReading {
  const [first, second, ...rest] = words;
  // "last day of the month"
  if (first?.t === 'last' && second?.t === 'dayword' && rest.length === 0) {
    return { ok: true, when: { kind: 'last_day' } };
  }
  // "last weekday of the month" (not "last weekend", which names two days).
  if (first?.t === 'last' && second?.t === 'days' && second.days.length === 5 && rest.length === 0) {
    return { ok: true, when: { kind: 'last_weekday' } };
  }
  // "last Friday of the month", "first Monday of every month" (the month is implied).
  if ((first?.t === 'last' || first?.t === 'ord') && second?.t === 'day' && rest.length === 0) {
    if (first.t === 'last') return { ok: true, when: { kind: 'nth_weekday', nth: 'last', day: second.day } };
    if (!first.suffixed) return { ok: false };
    if (first.n >= 1 && first.n <= 5) {
      return { ok: true, when: { kind: 'nth_weekday', nth: first.n as 1 | 2 | 3 | 4 | 5, day: second.day } };
    }
    return {
      ok: false,
      reason: `a month has at most five of each weekday, so there is no ${ordinal(first.n)} one`,
      instead: { kind: 'nth_weekday', nth: 'last', day: second.day },
    };
  }
  // "on the 1st and 15th of every month", "monthly on the 15th", "day 15 of every month".
  const dates = readDateList(first?.t === 'dayword' && hasMonth ? words.slice(1) : words);
  if (!dates || !(hasMonth || dates.every((d) => d.suffixed))) return { ok: false };
  const bad = dates.find((d) => d.n < 1 || d.n > 31);
  if (bad) {
    return { ok: false, reason: `there is no ${ordinal(bad.n)} day in a month`, instead: { kind: 'last_day' } };
  }
  const sorted = [...new Set(dates.map((d) => d.n))].sort((a, b) => a - b);
  return { ok: true, when: { kind: 'monthly', dates: sorted } };
}

function readDateList(words: readonly Word[]): { n: number; suffixed: boolean }[] | null {
  const dates: { n: number; suffixed: boolean }[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word?.t === 'ord') dates.push(word);
    else if (!(word?.t === 'and' && i > 0 && i < words.length - 1)) return null;
  }
  return dates.length > 0 ? dates : null;
}
