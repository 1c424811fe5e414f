// The row's Time zone: an IANA name ("Europe/Paris") checked against the runtime's own time
// zone data (Intl, in workerd as in Node), so what is accepted is what croner can use.
//
// Abbreviations and offsets are refused even where Intl accepts them: "EST" is a fixed
// UTC-5 all year and "+01:00" never changes, so a row in New York or Paris would run an hour
// off for half the year. A place name follows that place's daylight saving time.
import { editDistance } from './spelling';

export type TimeZoneReading = { ok: true; timeZone: string } | { ok: false; suggestion: string };

/** Abbreviations people use for a zone, and the place that keeps its clock. */
const ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  Object.entries({
    'America/New_York': ['est', 'edt', 'et', 'eastern'],
    'America/Chicago': ['cst', 'cdt', 'ct', 'central'],
    'America/Denver': ['mst', 'mdt', 'mt', 'mountain'],
    'America/Los_Angeles': ['pst', 'pdt', 'pt', 'pacific'],
    'Europe/London': ['bst'],
    'Europe/Lisbon': ['wet', 'west'],
    'Europe/Paris': ['cet', 'cest'],
    'Europe/Athens': ['eet', 'eest'],
    'Asia/Kolkata': ['ist'],
    'Asia/Tokyo': ['jst'],
    'Australia/Sydney': ['aest', 'aedt'],
  }).flatMap(([zone, names]) => names.map((n) => [n, zone])),
);
/** Zone-free names that are what they say all year. */
const FIXED = new Set(['utc', 'gmt', 'etc/utc', 'etc/gmt', 'universal', 'zulu']);
/** Current names that some runtimes list under an older one (Intl keeps "Asia/Calcutta"). */
const EXTRA_NAMES = [
  'UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'America/Nuuk',
];
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

export function readTimeZone(input: string): TimeZoneReading {
  const name = input.trim();
  const lower = name.toLowerCase();
  if (!IANA_SHAPE.test(name) || (!name.includes('/') && !FIXED.has(lower))) {
    return { ok: false, suggestion: closestTimeZone(name) };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return { ok: false, suggestion: closestTimeZone(name) };
  }
  // Intl reads names in any case; store the usual spelling when there is one.
  return { ok: true, timeZone: knownTimeZones().find((z) => z.toLowerCase() === lower) ?? name };
}

/** Whether the runtime knows the name but Baton refuses it ("EST", "+01:00"): not a place. */
export function isPlacelessTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name.trim() });
  } catch {
    return false;
  }
  return !readTimeZone(name).ok;
}

/** The known zone most like what was typed, or 'Europe/Paris' as an example of the form. */
export function closestTimeZone(typed: string): string {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const abbreviation = ABBREVIATIONS[wanted];
  if (abbreviation) return abbreviation;
  // Only suggest what readTimeZone accepts: place names, and UTC.
  const zones = knownTimeZones().filter((z) => z.includes('/') || z === 'UTC');
  // "Paris" or "new york": the city alone.
  const city = zones.find((z) => lastPart(z) === wanted);
  if (city) return city;

  let best = 'Europe/Paris';
  let bestDistance = Infinity;
  for (const zone of zones) {
    const distance = Math.min(
      editDistance(wanted, zone.toLowerCase()),
      editDistance(lastPart(wanted), lastPart(zone)),
    );
    if (distance < bestDistance) {
      best = zone;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(lastPart(wanted).length / 3)) ? best : 'Europe/Paris';
}

function knownTimeZones(): readonly string[] {
  // Intl.supportedValuesOf is in ES2022 and in workerd; checked so an older runtime still works.
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...EXTRA_NAMES, ...listed];
}

function lastPart(zone: string): string {
  return zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
}
