// Cron expressions, evaluated by croner (never by hand). Every expression Baton runs — typed
// by a person or compiled from plain language — is read with the same options:
//
// - Exactly 5 fields (minute hour day-of-month month day-of-week). Notion rows schedule whole
//   minutes and the Worker ticks once a minute, so a seconds field could never be honoured.
// - Day-of-month and day-of-week combine with OR when both are restricted, as in Vixie cron
//   and crontab(5): "0 9 1 * 1" runs on the 1st and on every Monday. Croner's `+` prefix on
//   day-of-week ("0 9 1 * +1") asks for AND.
// - DST, as croner implements it after Vixie cron. A fixed-time job — no `*` or step in the
//   minute and hour fields, so "30 1 * * *" and, with fixedTimeRule "no-wildcard", also lists
//   like "0 1,13 * * *" — runs once when its time happens twice (fall back: at the first
//   01:30), and when its time does not exist (spring forward) runs as the clock jumps, the
//   same day (02:30 → 03:00). Interval jobs ("*/30 * * * *", "0 */2 * * *") follow real
//   time: they run in both passes of a repeated hour, and skip times in the gap, which never
//   happen; "every 2 hours" stays on even wall-clock hours, so that night has one 3-hour gap.
import type { CronOptions } from 'croner';
import { Cron } from 'croner';
import type { Trouble } from './types';

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
] as const;
const FIELD_NAMES = FIELDS.map((f) => f.name).join(' ');

/** Croner's nicknames, spelled out so every stored cron has five fields. */
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const EXAMPLE = '0 9 * * 1';
/** A fixed reference for "does this ever run": five fields repeat within 28 years of any date. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

export function cronOptions(timeZone: string): CronOptions {
  // `paused` and no callback: croner only computes dates here and never sets a timer.
  return { timezone: timeZone, mode: '5-part', domAndDow: false, fixedTimeRule: 'no-wildcard', paused: true };
}

export function cronJob(cron: string, timeZone: string): Cron {
  return new Cron(cron, cronOptions(timeZone));
}

/**
 * Whether text is meant as cron rather than words: a nickname ("@daily"), or at least three
 * fields of which the first two (minute, hour) are numbers, `*`, lists, ranges or steps.
 */
export function looksLikeCron(text: string): boolean {
  const fields = text.trim().split(/\s+/);
  if (/^@[a-z]+$/i.test(text.trim())) return true;
  const numeric = /^[\d*?/,-]+$/;
  const cronish = /^[\w*?/,#+-]+$/;
  return (
    fields.length >= 3 &&
    numeric.test(fields[0] ?? '') &&
    numeric.test(fields[1] ?? '') &&
    fields.every((f) => cronish.test(f))
  );
}

export type CronReading = { ok: true; cron: string } | { ok: false; trouble: Trouble };

/** Checks a cron expression as a person typed it; returns it tidied (one space between fields). */
export function readCron(text: string): CronReading {
  const trimmed = text.trim();
  const nickname = trimmed.startsWith('@') ? trimmed.toLowerCase() : null;
  if (nickname !== null) {
    const cron = NICKNAMES[nickname];
    if (cron) return { ok: true, cron };
    return invalid(`'${trimmed}' is not a cron nickname Baton knows (@hourly, @daily, @weekly, @monthly and @yearly are)`);
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) return wrongFieldCount(fields);

  for (const [i, field] of fields.entries()) {
    const spec = FIELDS[i];
    // Numbers after "/" are steps and after "#" occurrences, not values.
    const values = field.replace(/[/#]\d+/g, '').match(/\d+/g) ?? [];
    const outside = spec && values.map(Number).find((v) => v < spec.min || v > spec.max);
    if (spec && outside !== undefined) {
      return invalid(`the ${spec.name} field has ${outside}, but it goes from ${spec.min} to ${spec.max}`);
    }
  }
  const nth = /#(\d+)/.exec(fields[4] ?? '');
  if (nth && (Number(nth[1]) < 1 || Number(nth[1]) > 5)) {
    return invalid(
      `the day-of-week field asks for occurrence ${nth[1]}, but a month has one to five of each weekday`,
    );
  }
  const cron = fields.join(' ');
  let job: Cron;
  try {
    job = cronJob(cron, 'UTC');
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, '');
    return invalid(`it is not a valid cron expression (${detail})`);
  }
  if (job.nextRun(REFERENCE) === null) return invalid('it never runs, because no calendar date matches it');
  return { ok: true, cron };
}

function wrongFieldCount(fields: readonly string[]): CronReading {
  const n = fields.length;
  if (n === 6 || n === 7) {
    // A leading seconds field of 0 (and a trailing year of *) can simply be dropped.
    const dropped = /^0+$/.test(fields[0] ?? '') && (n === 6 || /^[*?]$/.test(fields[6] ?? ''));
    const what = n === 6 ? 'a seconds field' : 'seconds and year fields';
    return invalid(
      `it has ${n} fields, but Baton reads 5-field cron (${FIELD_NAMES}), without ${what}`,
      dropped ? fields.slice(1, 6).join(' ') : EXAMPLE,
    );
  }
  return invalid(`a cron expression has 5 fields (${FIELD_NAMES}), and this one has ${n}`);
}

function invalid(reason: string, suggestion = EXAMPLE): { ok: false; trouble: Trouble } {
  return { ok: false, trouble: { kind: 'schedule_invalid', reason, suggestion } };
}
