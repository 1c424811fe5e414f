// Plain-language schedules are typed by people in a Notion cell, so the reader first makes
// them uniform: lower case, punctuation that only separates words turned into spaces, and
// the many ways of writing a time brought to one ("9 a.m." → "9am", "9.30" → "9:30").

export function normalizeScheduleText(text: string): string {
  return text
    .toLowerCase()
    .replace(/(?<![a-z])([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/o['’]?\s?clock\b/g, ' ')
    .replace(/@/g, ' at ')
    .replace(/(\d)\.(\d)/g, '$1:$2')
    .replace(/\bbi-weekly\b/g, 'biweekly')
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
