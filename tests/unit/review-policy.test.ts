import { describe, expect, it } from 'vitest';
import { buildDefinition } from '../../src/registry';
import {
  addReviewDelay,
  approvalOutcome,
  DEFAULT_REVIEW_DELAY,
  mayDecide,
  readApprovalRule,
  readReviewDelay,
  reviewClock,
  reviewStage,
  type RoundReviewers,
} from '../../src/review/review-policy';
import { reviewersForGate } from '../../src/review/round-reviewers';
import { DEFAULT_REVIEW_POLICY } from '../../src/domain/workflow-definition';
import { examplePage, FIXTURE_IDS, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const U = FIXTURE_IDS.users;
const PARIS = 'Europe/Paris';

describe('review delays', () => {
  it('reads the delays people write', () => {
    expect(readReviewDelay('1 working day')).toEqual({ kind: 'working_days', days: 1 });
    expect(readReviewDelay('2 business days')).toEqual({ kind: 'working_days', days: 2 });
    expect(readReviewDelay('one working week')).toEqual({ kind: 'working_days', days: 5 });
    expect(readReviewDelay('4 hours')).toEqual({ kind: 'elapsed', ms: 4 * 3_600_000 });
    expect(readReviewDelay('90 minutes')).toEqual({ kind: 'elapsed', ms: 90 * 60_000 });
    expect(readReviewDelay('3 Days')).toEqual({ kind: 'elapsed', ms: 3 * 86_400_000 });
    expect(readReviewDelay('soon')).toBeNull();
    expect(readReviewDelay('2 working hours')).toBeNull();
    expect(readReviewDelay('0 days')).toBeNull();
  });

  it('counts working days in the row’s time zone, skipping the weekend and keeping the wall-clock time', () => {
    // Friday 4 December 2026, 16:00 in Paris → Monday 16:00.
    expect(addReviewDelay(new Date('2026-12-04T15:00:00Z'), DEFAULT_REVIEW_DELAY, PARIS).toISOString()).toBe('2026-12-07T15:00:00.000Z');
    // Tuesday → Wednesday.
    expect(addReviewDelay(new Date('2026-12-01T09:30:00Z'), DEFAULT_REVIEW_DELAY, PARIS).toISOString()).toBe('2026-12-02T09:30:00.000Z');
    // Saturday morning → Monday, same time.
    expect(addReviewDelay(new Date('2026-12-05T09:00:00Z'), DEFAULT_REVIEW_DELAY, PARIS).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    // Friday 23:30 in Paris is still Friday there (Saturday in UTC+14 would differ): → Monday 23:30 Paris.
    expect(addReviewDelay(new Date('2026-12-04T22:30:00Z'), DEFAULT_REVIEW_DELAY, PARIS).toISOString()).toBe('2026-12-07T22:30:00.000Z');
    // The same instant is already Saturday in Kiritimati: → Monday there.
    expect(addReviewDelay(new Date('2026-12-04T22:30:00Z'), DEFAULT_REVIEW_DELAY, 'Pacific/Kiritimati').toISOString()).toBe('2026-12-06T22:30:00.000Z');
  });

  it('keeps the local time across a DST change', () => {
    // Friday 27 March 2026 9:00 CET → Monday 30 March 9:00 CEST.
    expect(addReviewDelay(new Date('2026-03-27T08:00:00Z'), DEFAULT_REVIEW_DELAY, PARIS).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('reminds, then escalates, then times out', () => {
    const opened = new Date('2026-12-04T15:00:00Z'); // Friday
    const clock = reviewClock(opened, DEFAULT_REVIEW_DELAY, 7, PARIS);
    expect(clock.remindAt.toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(clock.escalateAt.toISOString()).toBe('2026-12-08T15:00:00.000Z');
    expect(clock.timeoutAt.toISOString()).toBe('2026-12-11T15:00:00.000Z');
    expect(reviewStage(clock, new Date('2026-12-07T14:59:00Z'))).toBe('waiting');
    expect(reviewStage(clock, new Date('2026-12-07T15:00:00Z'))).toBe('remind');
    expect(reviewStage(clock, new Date('2026-12-08T16:00:00Z'))).toBe('escalate');
    expect(reviewStage(clock, new Date('2026-12-11T15:00:00Z'))).toBe('timed_out');
  });
});

describe('who may decide', () => {
  it('reads "all of them must approve" and its variants from Steps, and any one of them otherwise', () => {
    expect(readApprovalRule(['4. Send it to Maya and Sam for review; all of them must approve.'])).toBe('all');
    expect(readApprovalRule(['Maya and Sam both approve'])).toBe('all');
    expect(readApprovalRule(['Everyone must approve before it goes out'])).toBe('all');
    expect(readApprovalRule(['4. Send it to Maya or Sam for review.'])).toBe('any');
    expect(readApprovalRule(['Ask Maya to approve it'])).toBe('any');
  });

  const round: RoundReviewers = { reviewers: [U.maya, U.sam], rule: 'all', backup: U.accountOwner, escalated: false };

  it('takes an all-of round as approved only once each reviewer approved', () => {
    expect(approvalOutcome(round, [], U.maya)).toEqual({ kind: 'waiting', approved: [U.maya], waitingFor: [U.sam] });
    expect(approvalOutcome(round, [U.maya], U.maya)).toEqual({ kind: 'waiting', approved: [U.maya], waitingFor: [U.sam] });
    expect(approvalOutcome(round, [U.maya], U.sam)).toEqual({ kind: 'approved' });
    expect(approvalOutcome({ ...round, rule: 'any' }, [], U.sam)).toEqual({ kind: 'approved' });
  });

  it('lets the backup decide only once the review was escalated to them', () => {
    expect(mayDecide(round, U.sam)).toBe(true);
    expect(mayDecide(round, U.accountOwner)).toBe(false);
    expect(mayDecide({ ...round, escalated: true }, U.accountOwner)).toBe(true);
    // The backup's approval stands for the round, all-of or not.
    expect(approvalOutcome({ ...round, escalated: true }, [], U.accountOwner)).toEqual({ kind: 'approved' });
  });

  it('gives the Reviewer gate every person of the column and a step’s named reviewer only that person; the backup is never a reviewer', () => {
    const gate = { id: 'review', number: null, title: 'Review', dependsOn: [], reviews: ['step-3'], reviewerId: U.sam, reviewerName: 'Sam', maxRounds: 3 };
    const policy = { ...DEFAULT_REVIEW_POLICY, reviewers: [{ id: U.maya, name: 'Maya' }, { id: U.sam, name: 'Sam' }], ownerId: U.maya, approvalRule: 'all' as const };
    expect(reviewersForGate(gate, policy)).toEqual({ reviewers: [U.sam, U.maya], rule: 'all', backup: null, escalated: false, rowPeople: [U.sam, U.maya] });
    expect(reviewersForGate({ ...gate, reviewerId: U.lena }, policy)).toMatchObject({ reviewers: [U.lena], rule: 'any', backup: U.maya });
    expect(reviewersForGate(gate, { ...policy, backup: { id: U.accountOwner, name: 'Jordan' } })).toMatchObject({ backup: U.accountOwner });
  });
});

describe('reading the review properties of a row', () => {
  const NOW = new Date('2026-11-24T10:00:00Z');
  const build = (row: FixtureRow) => buildDefinition({ page: examplePage(row), markdown: row.markdown, defaultTimeZone: 'Europe/Paris', now: NOW });

  it('defaults to one working day, Fail, any one reviewer, and the row’s creator as owner', async () => {
    const { definition } = await build(weeklyBrief);
    expect(definition?.reviewPolicy).toEqual({
      reviewers: [{ id: U.maya, name: 'Maya Okafor' }],
      backup: null,
      ownerId: expect.any(String),
      remindAfter: null,
      ifNobodyReviews: 'Fail',
      approvalRule: 'any',
    });
  });

  it('reads Remind after, Backup reviewer, If nobody reviews, several reviewers and "all of them must approve"', async () => {
    const row = variant(weeklyBrief, {
      properties: {
        Reviewer: { people: [{ id: U.maya }, { id: U.sam }] },
        'Remind after': { rich_text: text('4 hours') },
        'Backup reviewer': { people: [{ id: U.accountOwner }] },
        'If nobody reviews': { select: { name: 'Expire' } },
      },
      markdown: weeklyBrief.markdown.replace('4. Send it to Maya for review.', '4. Send it to Maya and Sam for review; all of them must approve.'),
    });
    const { definition, problems } = await build(row);
    expect(definition?.reviewPolicy).toMatchObject({
      reviewers: [{ id: U.maya }, { id: U.sam }],
      backup: { id: U.accountOwner },
      remindAfter: '4 hours',
      ifNobodyReviews: 'Expire',
      approvalRule: 'all',
    });
    // All of them approving is what the row asks for: no warning about several reviewers.
    expect(problems.map((p) => p.kind)).not.toContain('reviewer_several');
  });

  it('warns about a delay or policy it cannot read, and uses the defaults', async () => {
    const row = variant(weeklyBrief, { properties: { 'Remind after': { rich_text: text('whenever') }, 'If nobody reviews': { select: { name: 'Shrug' } } } });
    const { definition, problems } = await build(row);
    expect(problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['remind_after_invalid', 'if_nobody_reviews_unknown']));
    expect(definition?.reviewPolicy).toMatchObject({ remindAfter: null, ifNobodyReviews: 'Fail' });
  });

  it('changes the content hash when a review property changes, and not for rows without them', async () => {
    const plain = await build(weeklyBrief);
    const withDelay = await build(variant(weeklyBrief, { properties: { 'Remind after': { rich_text: text('4 hours') } } }));
    expect(withDelay.contentHash).not.toBe(plain.contentHash);
  });
});
