// Plain-language schedules, end to end: normalise, refuse skipping schedules, read the
// phrase; and when words are not understood, look for the likely mistake so the suggestion
// is close to what the person wrote — a misspelled day ("Mondya" → "Monday", keeping the
// time) or a time zone typed into the schedule ("9am CET"; the row has a Time zone column).
import type { Reading } from './phrase';
import { DAY_NAMES, renderPhrase } from './phrase';
import { normalizeScheduleText } from './normalize-text';
import { readPhrase } from './read-phrase';
import { readSkipping } from './read-skipping';
import { closestWord } from './spelling';
import { lookUpWord, VOCABULARY } from './words';

/** Zone names people add to a time; the schedule is always read in the row's time zone. */
const ZONE_WORDS = new Set([
  'utc', 'gmt', 'bst', 'cet', 'cest', 'eet', 'eest', 'wet', 'west', 'est', 'edt', 'et', 'cst', 'cdt', 'ct',
  'mst', 'mdt', 'mt', 'pst', 'pdt', 'pt', 'ist', 'jst', 'aest', 'aedt', 'local', 'time', 'zone', 'timezone',
]);

export function readPlainSchedule(text: string): Reading {
  const normalized = normalizeScheduleText(text);
  const reading = readExactly(normalized);
  const unknown = reading.ok ? [] : (reading.trouble.unknownWords ?? []);
  if (unknown.length === 0) return reading;

  const tokens = normalized.split(' ');
  if (unknown.some((w) => ZONE_WORDS.has(w))) {
    const zoneless = readExactly(tokens.filter((t) => !ZONE_WORDS.has(t)).join(' '));
    if (zoneless.ok) {
      const reason = "the time zone comes from the row's Time zone, not from the schedule";
      const suggestion = renderPhrase(zoneless.phrase);
      return { ok: false, trouble: { kind: 'schedule_invalid', reason, suggestion } };
    }
  }

  const fixes = new Map<string, string>();
  for (const word of unknown) {
    const fix = closestWord(word, VOCABULARY);
    if (fix) fixes.set(word, fix);
  }
  if (fixes.size === 0) return reading;
  const fixed = readExactly(tokens.map((t) => fixes.get(t) ?? t).join(' '));
  if (fixed.ok) {
    const reason = [...fixes]
      .map(([word, fix]) => `'${asWritten(word, text)}' looks like a misspelling of '${asDisplayed(fix)}'`)
      .join(', and ');
    const suggestion = renderPhrase(fixed.phrase);
    return { ok: false, trouble: { kind: 'schedule_invalid', reason, suggestion } };
  }
  // Fixed words that now read as, say, "every other Friday": that refusal says more.
  return fixed.trouble.unknownWords?.length ? reading : fixed;
}

/** The text as it stands, without guessing at mistakes. */
function readExactly(normalized: string): Reading {
  return readSkipping(normalized) ?? readPhrase(normalized);
}

/** The word with the person's capitals ("Mondya"), found in what they wrote. */
function asWritten(word: string, text: string): string {
  const index = text.toLowerCase().indexOf(word);
  return index < 0 ? word : text.slice(index, index + word.length);
}

/** Full day names capitalised ("Monday", "Fridays"); other words as they are. */
function asDisplayed(word: string): string {
  const meaning = lookUpWord(word);
  if (meaning?.t !== 'day' || word.length <= 3) return word;
  return (DAY_NAMES[meaning.day] ?? word) + (word.endsWith('s') ? 's' : '');
}
