// A slot as people read it in Notion, in the row's time zone: "Mon 30 Nov 09:00". Built from
// parts rather than a locale's whole format, whose punctuation differs between ICU versions.

export function formatSlot(slot: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    // h23, not hour12: false, which some runtimes render as "24:00" at midnight.
    hourCycle: 'h23',
  }).formatToParts(slot);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}
