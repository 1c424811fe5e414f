// Issue 11, must-show 4, in workerd: a review left alone is reminded, escalated to the backup and
// then failed or expired by the workflow's policy; a hand-over is honoured; several reviewers
// approve as any-of or all-of.
//
// Round N opened at `opened-N` (D1, the instance's real clock); the tick is given fake times after
// it, as the cron would be days later. The tick decides the timeout (it tells the waiting
// instance, which closes the round in a durable step); waitForEvent's own timeout (real time, 7
// days) is only the backstop and is not exercised here.
import { introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_DELAY, reviewClock } from '../../src/review/review-policy';
import { FIXTURE_IDS, text, variant, weeklyBrief } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { deliverWebhooks, notionAdmin, tick, updateAsPerson } from './harness';
import { commentsOn, MAYA, notion, publishedOutputs, runRow, scheduleWeeklyBrief, statusOf, store, waitForReview } from './run-helpers';

const SAM = FIXTURE_IDS.users.sam;
const JORDAN = FIXTURE_IDS.users.accountOwner;
const HOUR = 3_600_000;

/** Ticks `hours` after round 1 opened. */
async function tickAfterOpening(runId: string, hours: number): Promise<void> {
  const opened = await store.getArtifact(runId, 'opened-1');
  await tick(new Date(Date.parse(opened!) + hours * HOUR).toISOString());
}

async function openReview(row = weeklyBrief) {
  const { row: workflow, runId } = await scheduleWeeklyBrief(row);
  const instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
  await tick('2026-11-30T08:00:00.000Z');
  const page = await waitForReview(runId);
  // Ticks days later must not start the next Monday's run beside this one.
  await updateAsPerson(MAYA, workflow, { State: { select: { name: 'Paused' } } });
  await deliverWebhooks(); // Baton's own writes so far, and the pause
  return { runId, page, instance };
}

describe('a review left alone', () => {
  it('reminds Maya after four hours, once; escalates to the backup after eight; and takes the backup’s approval', async () => {
    const row = variant(weeklyBrief, { properties: { 'Remind after': { rich_text: text('4 hours') }, 'Backup reviewer': { people: [{ id: JORDAN }] } } });
    const { runId, page, instance } = await openReview(row);
    await using _ = instance;

    await tickAfterOpening(runId, 3);
    expect(await commentsOn(page)).toHaveLength(1);
    await tickAfterOpening(runId, 4.1);
    await tickAfterOpening(runId, 4.2);
    const reminded = await commentsOn(page);
    expect(reminded).toHaveLength(2);
    expect(reminded[1]).toMatch(new RegExp(`^@${MAYA} — a reminder: this draft has waited 4 hours for your review`));

    // Before the escalation Jordan's approval is set back like anyone else's.
    await updateAsPerson(JORDAN, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'reverted' });

    await tickAfterOpening(runId, 8.1);
    await tickAfterOpening(runId, 8.2);
    const escalated = (await commentsOn(page)).filter((c) => c.includes('backup reviewer'));
    expect(escalated).toEqual([expect.stringMatching(new RegExp(`^@${JORDAN} — @${MAYA} has not reviewed this draft in 8 hours, so Baton asks you as the backup reviewer`))]);

    await updateAsPerson(JORDAN, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'delivered' });
    await instance.waitForStatus('complete');
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });

  it('defaults to one working day in the row’s time zone, and says so when there is nobody to escalate to', async () => {
    // The row was created by Maya, who reviews it: its owner cannot be the backup.
    const { runId, page, instance } = await openReview();
    await using _ = instance;
    const clock = reviewClock(new Date((await store.getArtifact(runId, 'opened-1'))!), DEFAULT_REVIEW_DELAY, 7, 'Europe/Paris');
    const at = (instant: Date, minutes: number) => tick(new Date(instant.getTime() + minutes * 60_000).toISOString());
    await at(clock.remindAt, -1);
    expect(await commentsOn(page)).toHaveLength(1);
    await at(clock.remindAt, 1);
    expect((await commentsOn(page)).at(-1)).toMatch(new RegExp(`^@${MAYA} — a reminder: this draft has waited 1 working day for your review`));
    await at(clock.escalateAt, 1);
    await at(clock.escalateAt, 2);
    const comments = await commentsOn(page);
    expect(comments).toHaveLength(3);
    expect(comments.at(-1)).toMatch(/waited 2 working days for review and the workflow names no Backup reviewer to ask, so it still waits for you; it fails unreviewed on /);
    expect((await store.getRun(runId))?.status).toBe('Needs review');
  });

  it('fails the run in plain words after the review timeout (If nobody reviews: Fail), publishing nothing', async () => {
    const { runId, page, instance } = await openReview();
    await using _ = instance;
    await tickAfterOpening(runId, 7 * 24 + 0.1);
    await instance.waitForStatus('complete');
    const reason = 'No review decision arrived within 7 days; start a new run when the reviewer is back';
    expect(await instance.getOutput()).toMatchObject({ status: 'Failed', reason });
    expect((await store.getRun(runId))?.status).toBe('Failed');
    expect(statusOf(await notion.retrievePage(page))).toBe('Failed');
    expect((await commentsOn(page)).at(-1)).toBe(`This run failed: ${reason}`);
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
    // A late approval changes nothing.
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'not_a_waiting_run' });
  });

  it('takes an approval made just before the timeout, though its webhook was lost, instead of failing the run', async () => {
    const { runId, page, instance } = await openReview();
    await using _ = instance;
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toEqual([]);
    await notionAdmin('webhooks/knobs', { drop: 0 }, 'PATCH');
    await tickAfterOpening(runId, 7 * 24 + 0.1);
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toMatchObject({ status: 'Published' });
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });

  it('expires the run and keeps the draft (If nobody reviews: Expire), publishing nothing', async () => {
    const row = variant(weeklyBrief, { properties: { 'If nobody reviews': { select: { name: 'Expire' } } } });
    const { runId, page, instance } = await openReview(row);
    await using _ = instance;
    const draft = (await notion.readMarkdown(page)).markdown;
    await tickAfterOpening(runId, 7 * 24 + 0.1);
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toMatchObject({ status: 'Expired' });
    expect((await store.getRun(runId))?.status).toBe('Expired');
    expect(statusOf(await notion.retrievePage(page))).toBe('Expired');
    expect((await notion.readMarkdown(page)).markdown).toBe(draft);
    expect((await commentsOn(page)).at(-1)).toMatch(/nobody reviewed this draft within 7 days, so the run has expired .*The draft stays on this page and nothing was published/);
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
  });
});

describe('handing a review over', () => {
  it('takes decisions only from the new reviewer after Maya hands over to Sam, and sets back anyone else’s hand-over', async () => {
    const { runId, page, instance } = await openReview();
    await using _ = instance;

    await updateAsPerson(WORLD.alex, page, { Reviewer: { people: [{ id: WORLD.alex }] } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'hand_over_reverted' });
    expect((await notion.retrievePage(page)).properties.Reviewer).toMatchObject({ people: [{ id: MAYA }] });
    expect((await commentsOn(page)).at(-1)).toMatch(/^Reviewer was changed by @.*only the reviewer, the backup reviewer or the workflow’s owner may hand a review over, so Baton set it back\.$/);
    await deliverWebhooks();

    await updateAsPerson(MAYA, page, { Reviewer: { people: [{ id: SAM }] } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'handed_over' });
    expect((await store.getRun(runId))?.reviewer_id).toBe(SAM);
    expect((await commentsOn(page)).at(-1)).toBe(`@${SAM} — @${MAYA} handed this review over to you: Baton now takes the decision only from you. Set Status to Approved, or to Changes requested with a sentence in Feedback.`);

    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'reverted' });
    expect((await commentsOn(page)).at(-1)).toBe(`Status was changed to Approved by @${MAYA}, but only @${SAM} may approve or request changes on this run, so Baton set it back to Needs review.`);
    expect((await store.getRun(runId))?.status).toBe('Needs review');

    await updateAsPerson(SAM, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });
  it('sees a hand-over on the reconcile path when its webhook is lost, and keeps it for the revision round', async () => {
    const { runId, page, instance } = await openReview();
    await using _ = instance;
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await updateAsPerson(MAYA, page, { Reviewer: { people: [{ id: SAM }] } });
    expect(await deliverWebhooks()).toEqual([]);
    await notionAdmin('webhooks/knobs', { drop: 0 }, 'PATCH');
    // Webhooks are healthy: the reconcile is the 15-minute backstop (review/reconcile-rule.ts).
    await tick('2026-11-30T08:01:00.000Z');
    expect((await store.getRun(runId))?.reviewer_id).toBe(MAYA);
    await tick('2026-11-30T08:16:00.000Z');
    expect((await store.getRun(runId))?.reviewer_id).toBe(SAM);
    expect((await commentsOn(page)).at(-1)).toMatch(new RegExp(`^@${SAM} — @${MAYA} handed this review over to you`));

    await updateAsPerson(SAM, page, { Status: { select: { name: 'Changes requested' } }, Feedback: { rich_text: text('Too long') } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'delivered' });
    await waitForReview(runId, 2);
    expect((await commentsOn(page)).at(-1)).toMatch(new RegExp(`^@${SAM} — revision 2 is ready for your review`));
    expect((await notion.retrievePage(page)).properties.Reviewer).toMatchObject({ people: [{ id: SAM }] });
    await deliverWebhooks();
    await updateAsPerson(SAM, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });
});

describe('several reviewers', () => {
  const both = { Reviewer: { people: [{ id: MAYA }, { id: SAM }] } };

  it('publishes on the approval of any one of them', async () => {
    const { page, instance } = await openReview(variant(weeklyBrief, { properties: both }));
    await using _ = instance;
    expect((await commentsOn(page))[0]).toMatch(new RegExp(`^@${MAYA} and @${SAM} — the draft is ready for your review`));
    await updateAsPerson(SAM, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'delivered' });
    await instance.waitForStatus('complete');
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });

  it('waits for each of them when the Steps say all of them must approve', async () => {
    const row = variant(weeklyBrief, {
      properties: both,
      markdown: weeklyBrief.markdown.replace('4. Send it to Maya for review.', '4. Send it to Maya and Sam for review; all of them must approve.'),
    });
    const { runId, page, instance } = await openReview(row);
    await using _ = instance;
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'approval_recorded' });
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    expect((await commentsOn(page)).at(-1)).toBe(`1 of 2 approved, waiting for @${SAM}: every reviewer must approve this run, so Baton set Status back to Needs review.`);
    expect((await store.getRun(runId))?.status).toBe('Needs review');
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });

    await deliverWebhooks();
    await updateAsPerson(SAM, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'delivered' });
    await instance.waitForStatus('complete');
    expect((await publishedOutputs()).pages).toHaveLength(1);
    expect((await runRow(runId))[0] && statusOf((await runRow(runId))[0]!)).toBe('Published');
  });
});
