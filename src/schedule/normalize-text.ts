// Plain-language schedules are typed by people in a Notion cell, so the reader first makes
// them uniform: lower case, punctuation that only separates words turned into spaces, and
// the many ways of writing a time brought to one ("9 a.m." → "9am", "9.30" → "9:30"). A date
// in numbers becomes one token that keeps its order: "2026-12-04" → "2026:12:04", "4/12/2026"
// and "4.12.2026" → "4:12:2026" (read-anchor.ts reads the first and explains the second).

export function normalizeScheduleText(text: string): string {
  return text
    .toLowerCase()
    .replace(/(?<![a-z])([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/o['’]?\s?clock\b/g, ' ')
    .replace(/@/g, ' at ')
    .replace(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, '$1:$2:$3')
    .replace(/\b(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/g, '$1:$2:$3')
    .replace(/(\d)\.(\d)/g, '$1:$2')
    .replace(/\bbi-(weekly|monthly)\b/g, 'bi$1')
    .replace(/\b(?:week|work|working|business)\s+day(s?)\b/g, 'weekday$1')
    .replace(/[,;&+/]/g, ' and ')
    // "Mon-Fri", "Monday–Friday"
    .replace(/[-–—]/g, ' to ')
    .replace(/[^a-z0-9:\s]/g, ' ')
    .replace(/(\d)\s+(am|pm)\b/g, '$1$2')
    .replace(/\b12\s*(noon|midnight)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\b(?:and )+/g, 'and ')
    .trim()
    .replace(/^and\b\s*|\s*\band$/g, '');
}
