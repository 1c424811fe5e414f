// Reads one normalised plain-language schedule into a Phrase: an interval ("every 2 hours"),
// or days ("every Monday", "on the 1st of every month") at one or more times ("at 9:00").
// Days without a time are refused rather than guessed: a person who wrote "every Monday"
// should choose the hour, not find out it ran at midnight.
import type { Phrase, Reading, TimeOfDay, When } from './phrase';
import { ALL_DAYS, DEFAULT_TIME, joinWords, renderPhrase, renderTime } from './phrase';
import { readInterval } from './read-interval';
import { readWhen } from './read-when';
import { readTimeOfDay } from './time-of-day';
import type { Trouble } from './types';
import type { Word } from './words';
import { lookUpWord, unknownWordsReason, VOCABULARY } from './words';

export function readPhrase(normalized: string): Reading {
  const tokens = normalized === '' ? [] : normalized.split(' ');
  const interval = readInterval(tokens);
  if (interval) return interval;

  const taken = takeTimes(tokens);
  let times = taken.times;
  const words = taken.rest.map(lookUpWord);
  const unknownWords = taken.rest.filter((_, i) => words[i] === null);
  const known = words.filter((w) => w !== null);
  if (unknownWords.length > 0) {
    // Words known elsewhere ("hours" without "every") are misplaced, not misspelled.
    const misplaced = unknownWords.every((w) => VOCABULARY.includes(w));
    const reason = misplaced ? 'Baton cannot read it as a schedule' : unknownWordsReason(unknownWords);
    return fail('schedule_invalid', reason, suggestFromPart(known, times), { unknownWords });
  }

  let when = readWhen(known);
  if (!when.ok && times.length === 0 && !taken.bad) {
    // "Mondays 9": with no other time, a trailing hour is the time.
    const hour = bareHour(taken.rest[taken.rest.length - 1]);
    const withoutHour = hour ? readWhen(known.slice(0, -1)) : when;
    if (hour && withoutHour.ok && withoutHour.when.kind !== 'monthly') {
      when = withoutHour;
      times = [hour];
    }
  }
  if (!when.ok) {
    const at = times.length > 0 ? times : [DEFAULT_TIME];
    if (when.reason !== undefined) {
      return fail('schedule_invalid', when.reason, renderPhrase({ ...when.instead, times: at }));
    }
    if (!known.some(namesDays)) {
      const suggestion = renderPhrase({ ...guessDays(known), times: at });
      return fail('schedule_invalid', 'it does not say which days to run', suggestion, { missing: 'days' });
    }
    const suggestion = renderPhrase({ kind: 'weekly', days: [1], times: at });
    return fail('schedule_invalid', 'Baton cannot tell which days it means', suggestion);
  }
  if (taken.bad) {
    const suggestion = renderPhrase({ ...when.when, times: [taken.bad.instead] });
    return fail('schedule_invalid', taken.bad.reason, suggestion);
  }
  if (times.length === 0) {
    const suggestion = renderPhrase({ ...when.when, times: [DEFAULT_TIME] });
    return fail('schedule_invalid', 'it does not say what time to run', suggestion, { missing: 'time' });
  }
  const first = times[0] ?? DEFAULT_TIME;
  if (taken.groups.size > 1) {
    // "Monday at 9 and Thursday at 10": one cron would run both days at both times.
    const reason = 'different times on different days cannot share one schedule yet';
    return fail('schedule_unsupported', reason, renderPhrase({ ...when.when, times: [first] }));
  }
  if (times.some((t) => t.minute !== first.minute)) {
    // One cron expression has one minute field: 9:00 and 17:30 would also run at 9:30 and 17:00.
    return fail(
      'schedule_unsupported',
      `times with different minutes (${joinWords(times.map(renderTime))}) cannot share one schedule yet`,
      renderPhrase({ ...when.when, times: [first] }),
    );
  }
  const phrase: Phrase = { ...when.when, times };
  return { ok: true, phrase };
}

interface TakenTimes {
  times: TimeOfDay[];
  /**
   * The distinct sets of times given in separate places: "Monday at 9, Thursday at 9" has
   * one, "Monday at 9 and Thursday at 10" two.
   */
  groups: Set<string>;
  /** The first thing shaped like a time that is not one ("25:00"). */
  bad?: { reason: string; instead: TimeOfDay };
  /** The tokens that are not part of a time. */
  rest: string[];
}

/** Takes out "at 9", "9am", "at 9 and 17:00", "noon"; an "at" before no time stays behind. */
function takeTimes(tokens: readonly string[]): TakenTimes {
  const taken: TakenTimes = { times: [], groups: new Set(), rest: [] };
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    const afterAt = token === 'at';
    let j = afterAt ? i + 1 : i;
    let reading = readTimeOfDay(tokens[j] ?? '', afterAt);
    if (!reading) {
      taken.rest.push(token);
      i += 1;
      continue;
    }
    const group: TimeOfDay[] = [];
    for (;;) {
      if (reading.ok) group.push(reading.time);
      else taken.bad ??= { reason: reading.reason, instead: reading.instead };
      j += 1;
      // "at 9 and 17": after one time, "and" may join another.
      const next = tokens[j] === 'and' ? readTimeOfDay(tokens[j + 1] ?? '', true) : null;
      if (!next) break;
      reading = next;
      j += 1;
    }
    taken.groups.add(group.map((t) => `${t.hour}:${t.minute}`).sort().join(' '));
    for (const time of group) {
      if (!taken.times.some((t) => t.hour === time.hour && t.minute === time.minute)) taken.times.push(time);
    }
    i = j;
  }
  return taken;
}

function bareHour(token: string | undefined): TimeOfDay | null {
  if (token === undefined || !/^\d{1,2}$/.test(token) || Number(token) > 23) return null;
  return { hour: Number(token), minute: 0, written: token };
}

function namesDays(word: Word): boolean {
  return ['day', 'days', 'dayword', 'ord', 'last'].includes(word.t);
}

/** Days to suggest when none are named: the 1st after "monthly", Monday after "weekly". */
function guessDays(known: readonly Word[]): When {
  if (known.some((w) => w.t === 'month')) return { kind: 'monthly', dates: [1] };
  if (known.some((w) => w.t === 'week')) return { kind: 'weekly', days: [1] };
  return { kind: 'weekly', days: ALL_DAYS };
}

/** A suggestion from the words that were understood, or a plain weekly example. */
function suggestFromPart(known: readonly Word[], times: readonly TimeOfDay[]): string {
  const at = times.length > 0 ? [times[0] ?? DEFAULT_TIME] : [DEFAULT_TIME];
  const when = readWhen(known);
  return renderPhrase({ ...(when.ok ? when.when : { kind: 'weekly', days: [1] }), times: at });
}

function fail(
  kind: Trouble['kind'],
  reason: string,
  suggestion: string,
  extra: Partial<Trouble> = {},
): Reading {
  return { ok: false, trouble: { kind, reason, suggestion, ...extra } };
}
