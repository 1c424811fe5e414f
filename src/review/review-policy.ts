// How long a review may wait, who may decide it, and what happens when nobody does. Pure: the
// instants, the time zone and the people are passed in; no clock, no I/O.
//
// Rules:
// - A delay is written as people say it: "1 working day", "2 business days", "3 days",
//   "4 hours", "90 minutes". Working days skip Saturday and Sunday in the row's time zone and
//   keep the wall-clock time (Friday 16:00 + 1 working day = Monday 16:00; Saturday 10:00 →
//   Monday 10:00). Days, hours and minutes are calendar time. The default is one working day.
// - After the round opened: the reminder at one delay, the escalation at a second delay after the
//   reminder, the timeout policy at the review timeout (REVIEW_TIMEOUT_DAYS, calendar days).
// - Several people in Reviewer: any one of them may decide, unless the Steps say all of them must
//   approve ("all of them must approve", "Maya and Sam both approve", "everyone approves").
//   Then a round is approved once each has approved; a request for changes by any one is taken.
// - Once the review is escalated, the backup reviewer may decide too.
import { instantAt, wallClockAt } from '../schedule/wall-clock';

export type ReviewDelay = { kind: 'working_days'; days: number } | { kind: 'elapsed'; ms: number };

export const DEFAULT_REVIEW_DELAY: ReviewDelay = { kind: 'working_days', days: 1 };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, half: 0.5 };

/** Reads "1 working day", "4 hours"…; null when the words are not a delay Baton understands. */
export function readReviewDelay(text: string): ReviewDelay | null {
  const match = /^\s*(?:after\s+)?(\d+(?:[.,]\d+)?|[a-z]+)\s+(working|business|work)?\s*(minute|min|hour|hr|day|week)s?\s*$/i.exec(text);
  if (!match) return null;
  const [, amountText = '', working, unitText = ''] = match;
  const amount = /^\d/.test(amountText) ? Number(amountText.replace(',', '.')) : NUMBER_WORDS[amountText.toLowerCase()];
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0) return null;
  const unit = { min: 'minute', hr: 'hour' }[unitText.toLowerCase()] ?? unitText.toLowerCase();
  if (working) {
    // Only whole working days are counted in days; "working hours" are not a thing Baton keeps.
    if (unit !== 'day' && unit !== 'week') return null;
    const days = unit === 'week' ? amount * 5 : amount;
    return Number.isInteger(days) ? { kind: 'working_days', days } : null;
  }
  const ms = UNIT_MS[unit];
  return ms === undefined ? null : { kind: 'elapsed', ms: Math.round(amount * ms) };
}

/** The instant `delay` after `from`, working days counted in `timeZone`. */
export function addReviewDelay(from: Date, delay: ReviewDelay, timeZone: string): Date {
  if (delay.kind === 'elapsed') return new Date(from.getTime() + delay.ms);
  const wall = wallClockAt(from, timeZone);
  let left = delay.days;
  while (left > 0) {
    wall.setUTCDate(wall.getUTCDate() + 1);
    const weekday = wall.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return instantAt(wall, timeZone);
}

/** "1 working day", "4 hours": the delay as a comment says it. */
export function describeDelay(delay: ReviewDelay): string {
  if (delay.kind === 'working_days') return `${delay.days} working day${delay.days === 1 ? '' : 's'}`;
  const hours = delay.ms / 3_600_000;
  if (hours >= 24 && Number.isInteger(hours / 24)) return `${hours / 24} day${hours === 24 ? '' : 's'}`;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = Math.round(delay.ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export type ReviewStage = 'waiting' | 'remind' | 'escalate' | 'timed_out';

export interface ReviewClock {
  remindAt: Date;
  escalateAt: Date;
  timeoutAt: Date;
}

export function reviewClock(openedAt: Date, delay: ReviewDelay, timeoutDays: number, timeZone: string): ReviewClock {
  const remindAt = addReviewDelay(openedAt, delay, timeZone);
  const escalateAt = addReviewDelay(remindAt, delay, timeZone);
  return { remindAt, escalateAt, timeoutAt: new Date(openedAt.getTime() + timeoutDays * 86_400_000) };
}

/** The furthest stage a round that opened at the clock's start has reached by `now`. */
export function reviewStage(clock: ReviewClock, now: Date): ReviewStage {
  const t = now.getTime();
  if (t >= clock.timeoutAt.getTime()) return 'timed_out';
  if (t >= clock.escalateAt.getTime()) return 'escalate';
  if (t >= clock.remindAt.getTime()) return 'remind';
  return 'waiting';
}

export type ApprovalRule = 'any' | 'all';

const ALL_MUST_APPROVE = [
  /\ball\s+(?:of\s+them|reviewers|three|four)\s+(?:must|need\s+to|have\s+to|should)\s+approve/i,
  /\b(?:both|all|each)\s+(?:must\s+|need\s+to\s+|have\s+to\s+)?approves?\b/i,
  /\beveryone\s+(?:must\s+|needs\s+to\s+|has\s+to\s+)?approves?\b/i,
  /\beach\s+(?:of\s+them|reviewer)\s+(?:must|needs\s+to|has\s+to)\s+approve/i,
];

/** 'all' when a line of Steps says every reviewer must approve; otherwise any one of them may. */
export function readApprovalRule(lines: readonly string[]): ApprovalRule {
  return lines.some((line) => ALL_MUST_APPROVE.some((re) => re.test(line))) ? 'all' : 'any';
}

/** Who may decide round N, as Baton records it when the round opens (and on a hand-over). */
export interface RoundReviewers {
  reviewers: string[];
  rule: ApprovalRule;
  /** The backup reviewer (or the workflow's owner); may decide once `escalated`. */
  backup: string | null;
  escalated: boolean;
}

export function mayDecide(round: RoundReviewers, personId: string): boolean {
  return round.reviewers.includes(personId) || (round.escalated && round.backup === personId);
}

/**
 * An approval by `personId` given the approvals already recorded: 'approved' when the round is
 * now approved, or who is still to approve. A backup's approval after escalation stands for all.
 */
export function approvalOutcome(round: RoundReviewers, approvedBy: readonly string[], personId: string): { kind: 'approved' } | { kind: 'waiting'; approved: string[]; waitingFor: string[] } {
  if (round.rule === 'any' || !round.reviewers.includes(personId)) return { kind: 'approved' };
  const approved = [...new Set([...approvedBy, personId])].filter((id) => round.reviewers.includes(id));
  const waitingFor = round.reviewers.filter((id) => !approved.includes(id));
  return waitingFor.length === 0 ? { kind: 'approved' } : { kind: 'waiting', approved, waitingFor };
}
