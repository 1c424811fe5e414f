// Schedules that skip ("every other Friday at 4pm"), read as RFC 5545 recurrence rules counted
// from an anchor date, with the same slots as cron: wall-clock times in the row's time zone,
// croner's DST rule for fixed times, half-open windows.
import { describe, expect, it } from 'vitest';
import type { RecurrenceSchedule, ScheduleProblem } from '../../src/schedule';
import { dueSlots, formatSlot, latestDueSlot, nextRun, parseSchedule, scheduleProblemMessage, shortestInterval } from '../../src/schedule';

function recurrenceFor(text: string, timeZone: string, anchor?: string): RecurrenceSchedule {
  const result = parseSchedule(text, timeZone, anchor === undefined ? {} : { anchor });
  if (!result.ok) throw new Error(`expected '${text}' to parse, got ${JSON.stringify(result.problem)}`);
  if (result.schedule.kind !== 'rrule') throw new Error(`expected '${text}' to be a recurrence, got ${result.schedule.cron}`);
  return result.schedule;
}

/** `null`: no default anchor. */
function problemFor(text: string, anchor: string | null = '2026-10-23'): ScheduleProblem {
  const result = parseSchedule(text, 'Europe/Paris', anchor === null ? {} : { anchor });
  if (result.ok) throw new Error(`expected '${text}' to be refused, got ${JSON.stringify(result.schedule)}`);
  return result.problem;
}

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const slotsBetween = (schedule: RecurrenceSchedule, after: string, upTo: string) =>
  iso(dueSlots(schedule, new Date(after), new Date(upTo), 100));

/** What the Worker does: one (after, upTo] window per minute tick. */
function slotsTickingEveryMinute(schedule: RecurrenceSchedule, from: string, minutes: number): string[] {
  const start = new Date(from).getTime();
  const seen: string[] = [];
  for (let i = 0; i < minutes; i++) {
    seen.push(...iso(dueSlots(schedule, new Date(start + i * 60_000), new Date(start + (i + 1) * 60_000))));
  }
  return seen;
}

/**
 * Written here, apart from the module and rrule: dates by adding days to a UTC date, and the
 * zone's offset read from Intl's "GMT-04:00" name at that local time's noon (DST changes at night).
 */
function independentSlots(zone: string, start: string, stepDays: number, count: number, hour: number): string[] {
  const offsetName = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.parse(`${start}T00:00:00Z`) + i * stepDays * 86_400_000);
    const noon = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
    const name = offsetName.formatToParts(noon).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const [, sign, hh, mm] = /GMT([+-])(\d{2}):(\d{2})/.exec(name) ?? ['', '+', '00', '00'];
    const offsetMs = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm)) * 60_000;
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour) - offsetMs).toISOString();
  });
}

describe('every other Friday at 4pm, New York (the sprint synthesis)', () => {
  // The row was created on Friday 23 October 2026; clocks go back on Sunday 1 November.
  const schedule = recurrenceFor('every other Friday at 4pm', 'America/New_York', '2026-10-23');

  it('runs on alternate Fridays at 16:00 New York time, 20:00 UTC before the DST change and 21:00 UTC after', () => {
    const expected = independentSlots('America/New_York', '2026-10-23', 14, 6, 16);
    expect(expected.slice(0, 2)).toEqual(['2026-10-23T20:00:00.000Z', '2026-11-06T21:00:00.000Z']);
    expect(slotsBetween(schedule, '2026-10-01T00:00:00Z', '2027-01-02T00:00:00Z')).toEqual(expected);
    expect(expected.map((s) => formatSlot(new Date(s), 'America/New_York'))).toEqual([
      'Fri 23 Oct 16:00', 'Fri 6 Nov 16:00', 'Fri 20 Nov 16:00', 'Fri 4 Dec 16:00', 'Fri 18 Dec 16:00', 'Fri 1 Jan 16:00',
    ]);
  });

  it('keeps to the same weeks a year on, through the spring change too', () => {
    // 52 weeks is 26 fortnights, so 22 October 2027 is one of its Fridays; 12 and 26 March 2027
    // are on either side of the 14 March spring-forward change.
    expect(nextRun(schedule, new Date('2027-10-20T00:00:00Z'))?.toISOString()).toBe('2027-10-22T20:00:00.000Z');
    expect(slotsBetween(schedule, '2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z')).toEqual(
      independentSlots('America/New_York', '2027-03-12', 14, 2, 16),
    );
    expect(slotsBetween(schedule, '2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z')).toEqual(['2027-03-12T21:00:00.000Z', '2027-03-26T20:00:00.000Z']);
  });

  it('never runs before its first Friday', () => {
    expect(nextRun(schedule, new Date('2020-01-01T00:00:00Z'))?.toISOString()).toBe('2026-10-23T20:00:00.000Z');
    expect(latestDueSlot(schedule, new Date('2026-01-01T00:00:00Z'), new Date('2026-10-23T19:59:00Z'))).toBeNull();
  });

  it('after a 3-week outage runs only the latest missed Friday', () => {
    const after = new Date('2026-10-22T00:00:00Z');
    const upTo = new Date('2026-11-12T00:00:00Z');
    expect(iso(dueSlots(schedule, after, upTo))).toEqual(['2026-10-23T20:00:00.000Z', '2026-11-06T21:00:00.000Z']);
    expect(latestDueSlot(schedule, after, upTo)?.toISOString()).toBe('2026-11-06T21:00:00.000Z');
  });

  it('uses half-open windows: a slot at the window’s start is not due, one at its end is', () => {
    const slot = new Date('2026-11-06T21:00:00Z');
    expect(iso(dueSlots(schedule, new Date('2026-11-06T20:59:00Z'), slot))).toEqual(['2026-11-06T21:00:00.000Z']);
    expect(dueSlots(schedule, slot, new Date('2026-11-06T21:01:00Z'))).toEqual([]);
    expect(latestDueSlot(schedule, new Date('2026-11-06T20:59:00Z'), slot)?.toISOString()).toBe('2026-11-06T21:00:00.000Z');
    expect(latestDueSlot(schedule, slot, new Date('2026-11-19T00:00:00Z'))).toBeNull();
    expect(latestDueSlot(schedule, slot, slot)).toBeNull();
    expect(nextRun(schedule, slot)?.toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(slotsTickingEveryMinute(schedule, '2026-11-06T20:30:00Z', 60)).toEqual(['2026-11-06T21:00:00.000Z']);
  });

  it('agrees with walking every slot for the latest due slot, in windows of many sizes', () => {
    const from = Date.parse('2026-10-20T00:00:00Z');
    for (let days = 1; days <= 60; days += 3) {
      const after = new Date(from + days * 3_600_000);
      const upTo = new Date(from + days * 86_400_000);
      const walked = dueSlots(schedule, after, upTo, Number.POSITIVE_INFINITY).at(-1) ?? null;
      expect(latestDueSlot(schedule, after, upTo)?.toISOString() ?? null).toBe(walked?.toISOString() ?? null);
    }
  });

  it('runs every 14 days, an hour less across spring forward, for the too-frequent check', () => {
    expect(shortestInterval(schedule, new Date('2026-10-01T00:00:00Z'))).toBe(14 * 24 * 60 - 60);
    expect(shortestInterval(schedule, new Date('2027-04-01T00:00:00Z'), 10)).toBe(14 * 24 * 60);
  });

  it("shows in the row's Health which Fridays it runs, from the row's date", () => {
    expect(schedule.description).toBe('every other Friday at 16:00, starting Fri 23 Oct 2026');
    expect(schedule.anchor).toBe('2026-10-23');
    expect(schedule.rrule).toBe('DTSTART:20261023T160000\nRRULE:FREQ=WEEKLY;BYDAY=FR;INTERVAL=2;WKST=MO;BYHOUR=16;BYMINUTE=0;BYSECOND=0');
  });
});

describe('the anchor: the date a skipping schedule counts from', () => {
  it('counts from a date the row states, over the default', () => {
    for (const text of [
      'every other Friday at 4pm starting 4 Dec',
      'every other Friday at 4pm starting 2026-12-04',
      'every other Friday at 4pm from 4 December 2026',
      'Every other Friday @ 4 p.m., starting Fri Dec 4th, 2026',
      'starting the 4th of December, every other Friday at 4pm',
    ]) {
      const schedule = recurrenceFor(text, 'America/New_York', '2026-10-23');
      expect(schedule.description, text).toBe('every other Friday at 16:00, starting Fri 4 Dec 2026');
      expect(nextRun(schedule, new Date('2026-10-01T00:00:00Z'))?.toISOString(), text).toBe('2026-12-04T21:00:00.000Z');
    }
  });

  it('counts week one from the first matching day on or after a stated date that is not one', () => {
    const friday = recurrenceFor('every other Friday at 4pm starting Wed 2 Dec 2026', 'America/New_York', '2026-10-23');
    expect(friday.description).toBe('every other Friday at 16:00, starting Fri 4 Dec 2026');
    const saturday = recurrenceFor('every other Friday at 4pm starting 5 Dec 2026', 'America/New_York');
    expect(saturday.description).toBe('every other Friday at 16:00, starting Fri 11 Dec 2026');
  });

  it('runs "every 2 weeks on Monday" from the stated date, in Paris', () => {
    const schedule = recurrenceFor('every 2 weeks on Monday at 9:00 starting 2026-12-02', 'Europe/Paris', '2026-10-23');
    expect(schedule.description).toBe('every other Monday at 09:00, starting Mon 7 Dec 2026');
    expect(slotsBetween(schedule, '2026-10-01T00:00:00Z', '2027-01-20T00:00:00Z')).toEqual([
      '2026-12-07T08:00:00.000Z',
      '2026-12-21T08:00:00.000Z',
      '2027-01-04T08:00:00.000Z',
      '2027-01-18T08:00:00.000Z',
    ]);
  });

  it('runs "every 2 weeks on Monday and Thursday at 9" on both days of every other week (weeks run Monday to Sunday)', () => {
    const schedule = recurrenceFor('every 2 weeks on Monday and Thursday at 9 starting Tue 1 Dec 2026', 'UTC');
    expect(schedule.description).toBe('every other week on Monday and Thursday at 09:00, starting Thu 3 Dec 2026');
    expect(slotsBetween(schedule, '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([
      '2026-12-03T09:00:00.000Z',
      '2026-12-14T09:00:00.000Z',
      '2026-12-17T09:00:00.000Z',
      '2026-12-28T09:00:00.000Z',
      '2026-12-31T09:00:00.000Z',
    ]);
    expect(shortestInterval(schedule, new Date('2026-12-01T00:00:00Z'))).toBe(3 * 24 * 60);
  });

  it.each([
    // default anchor, stated date, the date it means
    ['2026-10-23', '4 Dec', '2026-12-04'],
    ['2026-10-23', '1 May', '2026-05-01'],
    ['2026-10-23', '23 Apr', '2026-04-23'],
    ['2026-10-23', '22 Apr', '2027-04-22'],
    ['2027-01-10', '4 Dec', '2026-12-04'],
    ['2027-08-31', '28 Feb', '2027-02-28'],
    ['2026-10-23', '29 Feb', '2028-02-29'],
    ['2026-10-23', 'Dec 4', '2026-12-04'],
  ])('with default anchor %s, reads year-less "starting %s" as %s: the first on or after six months before', (anchor, stated, date) => {
    // "every other day" runs on the anchor itself, so its first date is the stated date.
    expect(recurrenceFor(`every other day at 9 starting ${stated}`, 'UTC', anchor).anchor).toBe(date);
  });

  it('reads a stated date with its year without any default anchor', () => {
    expect(recurrenceFor('every other Friday at 4pm starting 4 Dec 2026', 'UTC').anchor).toBe('2026-12-04');
  });

  it('gives the same schedule when read again with its own first date as the default anchor', () => {
    for (const text of ['every other Friday at 4pm', 'every other Friday at 4pm starting 4 Dec', 'quarterly on the first Monday at 9']) {
      const first = recurrenceFor(text, 'UTC', '2026-10-23');
      expect(recurrenceFor(text, 'UTC', first.anchor).rrule, text).toBe(first.rrule);
    }
  });

  it('starts a weekly schedule on a stated date, and runs nothing before it', () => {
    const schedule = recurrenceFor('every Monday at 9 starting 4 Jan', 'Europe/Paris', '2026-12-01');
    expect(schedule.description).toBe('every Monday at 09:00, starting Mon 4 Jan 2027');
    expect(nextRun(schedule, new Date('2026-12-01T00:00:00Z'))?.toISOString()).toBe('2027-01-04T08:00:00.000Z');
    expect(nextRun(schedule, new Date('2027-01-04T08:00:00Z'))?.toISOString()).toBe('2027-01-11T08:00:00.000Z');
  });

  it('throws on a default anchor that is not a YYYY-MM-DD date, which is a caller bug', () => {
    expect(() => parseSchedule('every other Friday at 4pm', 'UTC', { anchor: '23/10/2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => parseSchedule('every other Friday at 4pm', 'UTC', { anchor: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('months and days', () => {
  it('runs "quarterly on the first Monday at 9:00" every third month, from the first one on or after the anchor', () => {
    // The first Monday of December 2026 (the 7th) is before the anchor, so January is month one.
    const schedule = recurrenceFor('quarterly on the first Monday at 9:00', 'Europe/Paris', '2026-12-15');
    expect(schedule.description).toBe('every 3 months on the first Monday at 09:00, starting Mon 4 Jan 2027');
    expect(slotsBetween(schedule, '2026-12-01T00:00:00Z', '2028-01-01T00:00:00Z')).toEqual([
      '2027-01-04T08:00:00.000Z',
      '2027-04-05T07:00:00.000Z',
      '2027-07-05T07:00:00.000Z',
      '2027-10-04T07:00:00.000Z',
    ]);
  });

  it('reads "monthly on the first Monday at 9:00" as the cron it always was', () => {
    const result = parseSchedule('monthly on the first Monday at 9:00', 'UTC', { anchor: '2026-10-23' });
    expect(result.ok && result.schedule).toMatchObject({ kind: 'cron', cron: '0 9 * * 1#1' });
  });

  it('runs "every other month on the 31st" only in months that have one, and says so', () => {
    // Counted from March (the first 31st on or after 1 Feb): March, May, July, (September and
    // November have no 31st), January.
    const schedule = recurrenceFor('every other month on the 31st at 10', 'UTC', '2027-02-01');
    expect(schedule.description).toBe('every other month on the 31st at 10:00, starting Wed 31 Mar 2027 (months without a 31st are skipped)');
    expect(slotsBetween(schedule, '2027-01-01T00:00:00Z', '2028-02-01T00:00:00Z')).toEqual([
      '2027-03-31T10:00:00.000Z',
      '2027-05-31T10:00:00.000Z',
      '2027-07-31T10:00:00.000Z',
      '2028-01-31T10:00:00.000Z',
    ]);
  });

  it('runs "every other day at 7" at 07:00 Paris time on alternate days through the autumn change', () => {
    const schedule = recurrenceFor('every other day at 7', 'Europe/Paris', '2026-10-21');
    expect(slotsBetween(schedule, '2026-10-20T00:00:00Z', '2026-10-30T00:00:00Z')).toEqual(
      independentSlots('Europe/Paris', '2026-10-21', 2, 5, 7),
    );
    expect(slotsBetween(schedule, '2026-10-20T00:00:00Z', '2026-10-30T00:00:00Z')).toEqual([
      '2026-10-21T05:00:00.000Z',
      '2026-10-23T05:00:00.000Z',
      '2026-10-25T06:00:00.000Z',
      '2026-10-27T06:00:00.000Z',
      '2026-10-29T06:00:00.000Z',
    ]);
  });
});

describe('years after the anchor', () => {
  it('keeps to the anchor’s days twenty years on', () => {
    const daily = recurrenceFor('every other day at 7', 'UTC', '2016-01-01');
    // 7,457 days after 1 Jan 2016 is 1 June 2036: odd, so that day is skipped.
    expect(nextRun(daily, new Date('2036-06-01T00:00:00Z'))?.toISOString()).toBe('2036-06-02T07:00:00.000Z');
    const friday = recurrenceFor('every other Friday at 4pm', 'America/New_York', '2016-01-01');
    expect(slotsBetween(friday, '2036-05-01T00:00:00Z', '2036-06-01T00:00:00Z')).toEqual(
      independentSlots('America/New_York', '2016-01-01', 14, 540, 16).filter((s) => s > '2036-05-01' && s < '2036-06-01'),
    );
  });

  it('finds the same slots from a later start as by walking from the first one', () => {
    for (const text of ['every other month on the 31st at 9', 'quarterly on the first Monday at 9', 'every 3 weeks on Tuesday and Sunday at 23:30']) {
      const schedule = recurrenceFor(text, 'Europe/Paris', '2020-01-15');
      const walked = iso(dueSlots(schedule, new Date('2020-01-01T00:00:00Z'), new Date('2031-01-01T00:00:00Z'), Number.POSITIVE_INFINITY));
      const fromLater = Array.from({ length: 11 }, (_, i) => slotsBetween(schedule, `${2020 + i}-01-01T00:00:00Z`, `${2021 + i}-01-01T00:00:00Z`)).flat();
      expect(fromLater, text).toEqual(walked);
      for (let i = 0; i < walked.length; i += 7) {
        const slot = new Date(walked[i] ?? '');
        expect(latestDueSlot(schedule, new Date(slot.getTime() - 3 * 86_400_000), new Date(slot.getTime() + 60_000))?.toISOString(), text).toBe(walked[i]);
      }
    }
  });

  it('answers a tick quickly for a schedule counted from long ago', () => {
    const schedule = recurrenceFor('every other day at 7 and 19', 'America/New_York', '2016-01-01');
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      const now = new Date(Date.parse('2036-06-01T00:00:00Z') + i * 37 * 60_000);
      latestDueSlot(schedule, new Date(now.getTime() - 60_000), now);
      nextRun(schedule, now);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('DST, as croner treats fixed times', () => {
  it('runs a 02:30 Paris fortnightly Sunday at 03:00 on the spring-forward day, as the daily cron does', () => {
    const schedule = recurrenceFor('every other Sunday at 2:30', 'Europe/Paris', '2026-03-15');
    expect(slotsBetween(schedule, '2026-03-14T00:00:00Z', '2026-04-13T00:00:00Z')).toEqual([
      '2026-03-15T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST, as the clock jumps
      '2026-04-12T00:30:00.000Z', // 02:30 CEST
    ]);
    const cron = parseSchedule('every day at 2:30', 'Europe/Paris');
    if (!cron.ok) throw new Error('expected the cron schedule to parse');
    expect(iso(dueSlots(cron.schedule, new Date('2026-03-29T00:00:00Z'), new Date('2026-03-29T12:00:00Z')))).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(formatSlot(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe('Sun 29 Mar 03:00');
  });

  it('runs an ambiguous 01:30 New York fortnightly Sunday once, at the first 01:30, even ticking every minute', () => {
    const schedule = recurrenceFor('every other Sunday at 1:30am', 'America/New_York', '2026-10-18');
    // 04:00Z is midnight EDT; 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(slotsTickingEveryMinute(schedule, '2026-11-01T04:00:00Z', 240)).toEqual(['2026-11-01T05:30:00.000Z']);
    expect(nextRun(schedule, new Date('2026-11-01T05:30:00Z'))?.toISOString()).toBe('2026-11-15T06:30:00.000Z');
    expect(latestDueSlot(schedule, new Date('2026-11-01T05:30:00Z'), new Date('2026-11-01T08:00:00Z'))).toBeNull();
  });

  it('runs a midnight Santiago recurrence at 01:00 on the day Chile skips midnight', () => {
    const schedule = recurrenceFor('every other Sunday at midnight', 'America/Santiago', '2026-08-23');
    expect(slotsBetween(schedule, '2026-09-01T00:00:00Z', '2026-09-10T00:00:00Z')).toEqual(['2026-09-06T04:00:00.000Z']);
    expect(formatSlot(new Date('2026-09-06T04:00:00Z'), 'America/Santiago')).toBe('Sun 6 Sep 01:00');
  });
});

describe('start dates Baton cannot read', () => {
  it.each([
    ['every other Friday at 4pm starting 4/12/2026', 'a date in numbers only, like 4/12/2026, is read differently in different countries (write it like 4 Dec 2026 or 2026-12-04)', 'every other Friday at 4pm starting 23 Oct 2026'],
    ['every other Friday at 4pm starting next Friday', "Baton needs a calendar date after 'starting', like 4 Dec 2026: 'next friday' would mean a different day each time the row is read", 'every other Friday at 4pm starting 23 Oct 2026'],
    ['every other Friday at 4pm starting Friday', "'starting friday' does not say which Friday (write the date, like 4 Dec 2026)", 'every other Friday at 4pm starting 23 Oct 2026'],
    ['every other Friday at 4pm starting 31 Feb', 'there is no 31 February', 'every other Friday at 4pm starting 23 Oct 2026'],
    ['every other Friday at 4pm starting 2027-02-29', 'there is no 29 February 2027', 'every other Friday at 4pm starting 23 Oct 2026'],
    ['every other Friday at 4pm starting Thu 4 Dec 2026', '4 Dec 2026 is a Friday, not a Thursday', 'every other Friday at 4pm starting 4 Dec 2026'],
    ['every other Friday at 4pm, 4 Dec 2026', "a date in a schedule is where it starts, and needs 'starting' before it", 'every other Friday at 4pm starting 4 Dec 2026'],
    ['every other Friday at 4pm starting', "'starting' needs a date after it, like 4 Dec 2026", 'every other Friday at 4pm starting 23 Oct 2026'],
  ])("explains '%s': %s", (text, reason, suggestion) => {
    expect(problemFor(text)).toEqual({ kind: 'schedule_invalid', text, reason, suggestion });
    // Every suggestion is a phrase that works.
    expect(parseSchedule(suggestion, 'Europe/Paris', { anchor: '2026-10-23' }).ok).toBe(true);
  });

  it('suggests the right spelling of a misspelled month or start word', () => {
    expect(problemFor('every other Friday at 4pm starting 4 Decmber')).toMatchObject({
      reason: "'Decmber' looks like a misspelling of 'December'",
      suggestion: 'every other Friday at 4pm starting 4 Dec 2026',
    });
    expect(problemFor('every other Friday at 4pm startng 4 Dec')).toMatchObject({
      reason: "'startng' looks like a misspelling of 'starting'",
      suggestion: 'every other Friday at 4pm starting 4 Dec 2026',
    });
  });

  it('asks for the year of a year-less date when there is no default anchor to place it by', () => {
    const problem = problemFor('every other Friday at 4pm starting 4 Dec', null);
    expect(problem).toMatchObject({ kind: 'schedule_invalid', reason: '4 December has no year, and there is no other date to tell which year it is (write 4 December with its year)' });
  });

  it('refuses a start date on an interval, which runs around the clock', () => {
    const problem = problemFor('every 30 minutes starting 4 Jan');
    expect(problem).toMatchObject({ kind: 'schedule_unsupported', suggestion: 'every 30 minutes' });
    expect(scheduleProblemMessage(problem)).toBe(
      "Schedule 'every 30 minutes starting 4 Jan' cannot be used: every 30 minutes runs around the clock, so it has no start date (a start date is for days, like 'every Monday at 9:00 starting 4 Jan 2027') — try 'every 30 minutes'",
    );
  });

  it('still reads "from Monday to Friday" as days, not a start date', () => {
    expect(recurrenceFor('every other week from Monday to Friday at 9', 'UTC', '2026-10-19').description).toBe(
      'every other week on weekdays at 09:00, starting Mon 19 Oct 2026',
    );
  });
});
