// Plain-language schedules, end to end: normalise, take out a start date ("starting 4 Dec"),
// read a skipping schedule or a phrase; and when words are not understood, look for the likely
// mistake so the suggestion is close to what the person wrote — a misspelled day ("Mondya" →
// "Monday", keeping the time) or month, or a time zone typed into the schedule ("9am CET"; the
// row has a Time zone column).
import type { LocalDate } from './local-date';
import { formatDate, MONTH_NAMES } from './local-date';
import type { Phrase } from './phrase';
import { DAY_NAMES, renderPhrase } from './phrase';
import { normalizeScheduleText } from './normalize-text';
import { takeAnchor } from './read-anchor';
import { readPhrase } from './read-phrase';
import { readSkipping } from './read-skipping';
import type { Recurrence, ScheduleReading } from './recurrence';
import { renderRecurrence } from './recurrence';
import { closestWord } from './spelling';
import { lookUpWord, MONTH_WORDS, VOCABULARY } from './words';

/** Zone names people add to a time; the schedule is always read in the row's time zone. */
const ZONE_WORDS = new Set([
  'utc', 'gmt', 'bst', 'cet', 'cest', 'eet', 'eest', 'wet', 'west', 'est', 'edt', 'et', 'cst', 'cdt', 'ct',
  'mst', 'mdt', 'mt', 'pst', 'pdt', 'pt', 'ist', 'jst', 'aest', 'aedt', 'local', 'time', 'zone', 'timezone',
]);

export interface ReadPlainScheduleOptions {
  /** The date a year-less "starting 4 Dec" is placed by (read-anchor.ts), and the one suggestions use. */
  defaultAnchor?: LocalDate;
}

export function readPlainSchedule(text: string, options: ReadPlainScheduleOptions = {}): ScheduleReading {
  const normalized = normalizeScheduleText(text);
  const reading = readExactly(normalized, options);
  const unknown = reading.ok ? [] : (reading.trouble.unknownWords ?? []);
  if (unknown.length === 0) return reading;

  const tokens = normalized.split(' ');
  if (unknown.some((w) => ZONE_WORDS.has(w))) {
    const zoneless = readExactly(tokens.filter((t) => !ZONE_WORDS.has(t)).join(' '), options);
    if (zoneless.ok) {
      const reason = "the time zone comes from the row's Time zone, not from the schedule";
      return { ok: false, trouble: { kind: 'schedule_invalid', reason, suggestion: renderReading(zoneless) } };
    }
  }

  const fixes = new Map<string, string>();
  for (const word of unknown) {
    const fix = closestWord(word, VOCABULARY);
    if (fix && fix !== word) fixes.set(word, fix);
  }
  if (fixes.size === 0) return reading;
  const fixed = readExactly(tokens.map((t) => fixes.get(t) ?? t).join(' '), options);
  if (fixed.ok) {
    const reason = [...fixes]
      .map(([word, fix]) => `'${asWritten(word, text)}' looks like a misspelling of '${asDisplayed(fix)}'`)
      .join(', and ');
    return { ok: false, trouble: { kind: 'schedule_invalid', reason, suggestion: renderReading(fixed) } };
  }
  // Fixed words that now read, say, as a start date that does not exist: that refusal says more.
  return fixed.trouble.unknownWords?.length ? reading : fixed;
}

/** The reading in the words Baton suggests. */
export function renderReading(reading: { phrase: Phrase } | { recurrence: Recurrence }): string {
  return 'phrase' in reading ? renderPhrase(reading.phrase) : renderRecurrence(reading.recurrence);
}

/** The text as it stands, without guessing at mistakes. */
function readExactly(normalized: string, options: ReadPlainScheduleOptions): ScheduleReading {
  const anchor = takeAnchor(normalized === '' ? [] : normalized.split(' '), options.defaultAnchor);
  const rest = anchor.rest.join(' ');
  const reading = readSkipping(rest) ?? readPhrase(rest);
  if (!anchor.ok) {
    const suggestion = reading.ok ? withStart(reading, anchor.instead) : reading.trouble.suggestion;
    const unknownWords = [...(anchor.unknownWords ?? []), ...(reading.ok ? [] : (reading.trouble.unknownWords ?? []))];
    return { ok: false, trouble: { kind: 'schedule_invalid', reason: anchor.reason, suggestion, ...(unknownWords.length > 0 ? { unknownWords } : {}) } };
  }
  if (!reading.ok || anchor.starting === null) return reading;
  if ('recurrence' in reading) return { ok: true, recurrence: { ...reading.recurrence, starting: anchor.starting } };
  if (reading.phrase.kind === 'interval') {
    const reason = `${renderPhrase(reading.phrase)} runs around the clock, so it has no start date (a start date is for days, like 'every Monday at 9:00 starting ${formatDate(anchor.starting)}')`;
    return { ok: false, trouble: { kind: 'schedule_unsupported', reason, suggestion: renderPhrase(reading.phrase) } };
  }
  return { ok: true, recurrence: startingFrom(reading.phrase, anchor.starting) };
}

/** A phrase with a start date: the same days, every week or month from that date. */
function startingFrom(phrase: Exclude<Phrase, { kind: 'interval' }>, starting: LocalDate): Recurrence {
  const { times, ...when } = phrase;
  return { unit: when.kind === 'weekly' ? 'week' : 'month', every: 1, when, times, starting };
}

/** The reading in words, starting on `date` when there is one and the reading can start. */
function withStart(reading: { phrase: Phrase } | { recurrence: Recurrence }, date: LocalDate | null): string {
  if (date === null) return renderReading(reading);
  if ('recurrence' in reading) return renderRecurrence({ ...reading.recurrence, starting: date });
  if (reading.phrase.kind === 'interval') return renderPhrase(reading.phrase);
  return renderRecurrence(startingFrom(reading.phrase, date));
}

/** The word with the person's capitals ("Mondya"), found in what they wrote. */
function asWritten(word: string, text: string): string {
  const index = text.toLowerCase().indexOf(word);
  return index < 0 ? word : text.slice(index, index + word.length);
}

/** Full day and month names capitalised ("Monday", "Fridays", "December"); other words as they are. */
function asDisplayed(word: string): string {
  const month = MONTH_WORDS.get(word);
  if (month !== undefined) return word.length <= 4 ? word[0]?.toUpperCase() + word.slice(1) : (MONTH_NAMES[month - 1] ?? word);
  const meaning = lookUpWord(word);
  if (meaning?.t !== 'day' || word.length <= 3) return word;
  return (DAY_NAMES[meaning.day] ?? word) + (word.endsWith('s') ? 's' : '');
}
