// Turning a change on a Run row into a decision for the waiting run.
//
// Both the webhook route and the reconcile tick call this with a freshly fetched page (webhook
// events are only hints). The decision is the Status change's AUTHOR's (attribution.ts): the
// reviewer's is taken, anyone else's is set back to Needs review with a comment, and one Baton
// cannot attribute is left as it is while the reviewer is asked, in a comment, to confirm.
//
// A decision is recorded in D1 (decision-N, and the approved text as approved-N) before the
// run is told: a compare-and-set from "Needs review" makes both paths deliver it once, and if
// telling the instance fails the watchdog tells it again from D1 (triggers/watchdog.ts).
import type { PageObjectResponse } from '@notionhq/client';
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import { mentionList as mentions, readRunRow, statusProperty, text, type RunRowState } from '../engine/run-row';
import { reviewEventType, type ReviewDecision } from '../engine/review-decision';
import { attributeStatusChange, type PageEvidence, type WebhookEvidence } from './attribution';
import { approvedName, decisionName, openedName, RecordedDecision, seenName, SeenPage, showsPreviousDecision } from './round-records';
import { applyHandOver } from './hand-over';
import { approvalOutcome, mayDecide } from './review-policy';
import { approvalsName, approvalsSoFar, asPolicy, roundReviewers, type StoredRoundReviewers } from './round-reviewers';

/** How long one path's setting back of a change keeps the other path from doing it again. */
const REVERT_LEASE_MS = 60_000;

/** A reviewer often sets the Status first and types Feedback a moment later. */
export const FEEDBACK_GRACE_MS = 5 * 60 * 1000;

export type DecisionOutcome =
  | { kind: 'not_a_waiting_run' }
  | { kind: 'no_decision' }
  | { kind: 'waiting_for_feedback' }
  | { kind: 'reverted'; editorId: string }
  | { kind: 'confirmation_requested' }
  | { kind: 'awaiting_confirmation' }
  | { kind: 'delivered'; decision: ReviewDecision['decision'] }
  | { kind: 'already_delivered' }
  /** All of several reviewers must approve: this one's approval is recorded, the others' awaited. */
  | { kind: 'approval_recorded'; waitingFor: string[] }
  | { kind: 'handed_over' }
  | { kind: 'hand_over_reverted' };

export type Evidence = { kind: 'webhook'; authors: string[]; updatedProperties: string[] | null } | { kind: 'page' };

export async function applyReviewChange(services: Services, page: PageObjectResponse, evidence: Evidence, now: Date): Promise<DecisionOutcome> {
  let run = await services.store.getRunByPage(page.id);
  if (!run || run.status !== 'Needs review') return { kind: 'not_a_waiting_run' };
  const row = readRunRow(page);
  // A changed Reviewer first: a hand-over decides whose Status change counts from now.
  const handOver = await applyHandOver(services, run, row, evidence.kind === 'webhook' ? evidence.authors : null, now);
  if (handOver.kind === 'hand_over_reverted') return { kind: 'hand_over_reverted' };
  if (handOver.kind === 'handed_over') {
    run = (await services.store.getRun(run.run_id)) ?? run;
    if (row.status !== 'Approved' && row.status !== 'Changes requested') return { kind: 'handed_over' };
  }
  if (row.status !== 'Approved' && row.status !== 'Changes requested') return { kind: 'no_decision' };

  const notion = requireNotion(services);
  const round = run.review_round;
  // Before this round's Needs review reached the row, a "Changes requested" with the last
  // round's Feedback is still the last round's decision, not one for this round.
  if (round > 1 && (await services.store.getArtifact(run.run_id, openedName(round))) === null) {
    const previous = await services.store.getJson(run.run_id, decisionName(round - 1), RecordedDecision);
    if (showsPreviousDecision(row, previous)) return { kind: 'no_decision' };
  }
  const seen = await services.store.getJson(run.run_id, seenName(round), SeenPage);
  const statusId = page.properties.Status?.id ?? null;
  const bot = await notion.botUserId();
  // An event speaks for the page only while no other person edited it since: a late or
  // redelivered event (Alex's approval, after Maya has since approved) must not decide now.
  // Baton's own writes since (its last editor is then the bot) do not change who set Status.
  const current = evidence.kind === 'webhook' && row.lastEditedBy !== null && (evidence.authors.includes(row.lastEditedBy) || row.lastEditedBy === bot);
  // The body is read when the page is the evidence, or when a decision needs it (the approved text).
  let markdown = current ? null : (await notion.readMarkdown(page.id)).markdown;
  const body = async () => (markdown ??= (await notion.readMarkdown(page.id)).markdown);
  const attributed = attributeStatusChange(
    current && evidence.kind === 'webhook'
      ? ({ kind: 'webhook', authors: evidence.authors, updatedProperties: evidence.updatedProperties } satisfies WebhookEvidence)
      : ({
          kind: 'page',
          markdown: markdown ?? '',
          // Baton's own write after the change hides who made it.
          lastEditedBy: row.lastEditedBy === bot ? null : row.lastEditedBy,
          lastEditedTime: row.lastEditedTime,
        } satisfies PageEvidence),
    statusId,
    run.reviewer_id,
    seen,
  );
  switch (attributed.kind) {
    case 'not_status':
      return { kind: 'no_decision' };
    case 'unchanged':
      return { kind: 'awaiting_confirmation' };
    case 'unknown':
      if (seen?.confirmationAskedAt) return { kind: 'awaiting_confirmation' };
      await askToConfirm(services, run, row, await body(), attributed.reason, now);
      return { kind: 'confirmation_requested' };
    case 'author': {
      const reviewers = await roundReviewers(services.store, run);
      if (!reviewers || !mayDecide(asPolicy(reviewers), attributed.personId)) return revert(services, run, row, attributed.personId, now, reviewers);
      return takeDecision(services, run, row, await body(), { by: attributed.personId, evidence: evidence.kind }, now);
    }
  }
}

/** Takes the decision the row shows, attributed to the reviewer (by event, page or confirming reply). */
async function takeDecision(
  services: Services,
  run: StoredRun,
  row: RunRowState,
  markdown: string,
  source: Pick<RecordedDecision, 'by' | 'evidence'>,
  now: Date,
): Promise<DecisionOutcome> {
  const decision = { decision: row.status === 'Approved' ? ('approved' as const) : ('changes_requested' as const), feedback: row.feedback };
  if (decision.decision === 'changes_requested' && !decision.feedback) {
    const editedAt = row.lastEditedTime ? Date.parse(row.lastEditedTime) : 0;
    if (now.getTime() - editedAt < FEEDBACK_GRACE_MS) return { kind: 'waiting_for_feedback' };
  }
  const round = run.review_round;
  if (decision.decision === 'approved') {
    const waiting = await recordApproval(services, run, row, source.by, now);
    if (waiting) return waiting;
  }
  const record: RecordedDecision = { ...decision, ...source, at: now.toISOString() };
  // Recorded before the compare-and-set, so a run D1 shows as decided always has its record.
  await services.store.putArtifact(run.run_id, decisionName(round), JSON.stringify(record), now);
  if (decision.decision === 'approved') await services.store.putArtifact(run.run_id, approvedName(round), markdown, now);
  const to = row.status === 'Approved' ? 'Approved' : 'Changes requested';
  if (!(await services.store.decideRound(run.run_id, round, to, now))) return { kind: 'already_delivered' };
  await deliverDecision(services, run.run_id, round, decision);
  return { kind: 'delivered', decision: decision.decision };
}

/** Tells the run's instance; a failure is left to the watchdog, which re-sends from D1. */
export async function deliverDecision(services: Services, runId: string, round: number, decision: ReviewDecision): Promise<boolean> {
  try {
    const instance = await services.config.runs.get(runId);
    await instance.sendEvent({ type: reviewEventType(round), payload: decision });
    return true;
  } catch (error) {
    console.error(`run ${runId}: the round ${round} decision is recorded but could not be delivered yet (${error instanceof Error ? error.message : String(error)}); the watchdog will resend it`);
    return false;
  }
}

/**
 * All of several reviewers must approve: records this approval and, while others are still to
 * approve, sets Status back to Needs review saying who — Baton's own bookkeeping, not an undone
 * decision (the approval is kept). Null when the round is approved.
 */
async function recordApproval(services: Services, run: StoredRun, row: RunRowState, personId: string, now: Date): Promise<DecisionOutcome | null> {
  const reviewers = await roundReviewers(services.store, run);
  if (!reviewers) return null;
  const round = run.review_round;
  const outcome = approvalOutcome(asPolicy(reviewers), await approvalsSoFar(services.store, run.run_id, round), personId);
  if (outcome.kind === 'approved') return null;
  const claim = `approval-${round}-${personId}`;
  if (!(await takeLease(services, run, claim, now))) return { kind: 'already_delivered' };
  await services.store.putArtifact(run.run_id, approvalsName(round), JSON.stringify(outcome.approved), now);
  const notion = requireNotion(services);
  await setBackUnderLease(services, run, row, claim, now);
  await notion.comment(run.run_page_id!, [
    ...text(`${outcome.approved.length} of ${reviewers.reviewers.length} approved, waiting for `),
    ...mentions(outcome.waitingFor),
    ...text(': every reviewer must approve this run, so Baton set Status back to Needs review.'),
  ]);
  await refreshSeen(services, run, now);
  return { kind: 'approval_recorded', waitingFor: outcome.waitingFor };
}

async function revert(services: Services, run: StoredRun, row: RunRowState, editorId: string, now: Date, reviewers: StoredRoundReviewers | null = null): Promise<DecisionOutcome> {
  const notion = requireNotion(services);
  const page = run.run_page_id!;
  // The webhook and the reconcile may both see the same change: only one of them sets it back,
  // so a second, later write cannot land on top of the reviewer's decision made in between.
  // A claim older than a minute is a new change by the same person, and is set back again.
  const claim = `reverting-${run.review_round}-${editorId}`;
  if (!(await takeLease(services, run, claim, now))) return { kind: 'already_delivered' };
  await setBackUnderLease(services, run, row, claim, now);
  await notion.comment(page, [
    ...text(`Status was changed to ${row.status} by `),
    { type: 'mention', mention: { user: { id: editorId } } },
    ...text(', but only '),
    ...(reviewers
      ? mentions([...reviewers.reviewers, ...(reviewers.escalated && reviewers.backup ? [reviewers.backup] : [])])
      : run.reviewer_id
        ? [{ type: 'mention' as const, mention: { user: { id: run.reviewer_id } } }]
        : text('the workflow’s Reviewer')),
    ...text(' may approve or request changes on this run, so Baton set it back to Needs review.'),
  ]);
  await refreshSeen(services, run, now);
  return { kind: 'reverted', editorId };
}

/** A lease's body: when it was taken (ms since 1970), or RELEASED + when, after its holder's write failed unapplied. */
const RELEASED = 'released-';

/**
 * Takes the lease `claim` for setting the row back: true for the one caller that may write. A
 * lease held for under a minute is someone else's write of the same change; an older or released
 * one is taken over by exactly one caller (the claim on that lease's body is atomic), so a
 * retried delivery and a reconcile that both find it free do not both write.
 */
async function takeLease(services: Services, run: StoredRun, claim: string, now: Date): Promise<boolean> {
  const { store } = services;
  if (await store.claimArtifact(run.run_id, claim, String(Date.now()), now)) return true;
  const body = (await store.getArtifact(run.run_id, claim)) ?? '';
  if (!body.startsWith(RELEASED) && Date.now() - Number(body) < REVERT_LEASE_MS) return false;
  if (!(await store.claimArtifact(run.run_id, `${claim}@${body}`, String(Date.now()), now))) return false;
  await store.putArtifact(run.run_id, claim, String(Date.now()), now);
  return true;
}

/**
 * Sets the row's Status back to Needs review under the lease just taken. When the write fails,
 * the row is read again:
 *   - exactly as it was read (same Status, same last edit): the write was not applied, and the
 *     lease is released, so Notion's retry of this delivery (or the next reconcile) sets it back
 *     instead of finding the lease and answering "already delivered" — under the soak's faults a
 *     529 on this PATCH left a non-reviewer's approval standing on the row for the lease's minute,
 *     and in production until the 15-minute backstop;
 *   - at Needs review, last edited by Baton: the write was applied before the error came back, so
 *     the caller goes on to say why, as after a clean write (a retry would find the row at Needs
 *     review and say nothing, leaving the person who set Status without a reason);
 *   - anything else (a person edited the row since, or the re-read failed): the lease is kept and
 *     the error goes on, so a second write from an older read cannot land on her decision.
 */
async function setBackUnderLease(services: Services, run: StoredRun, row: RunRowState, claim: string, now: Date): Promise<void> {
  const notion = requireNotion(services);
  try {
    await notion.updatePage(run.run_page_id!, statusProperty('Needs review'));
  } catch (error) {
    const fresh = await notion
      .retrievePage(run.run_page_id!)
      .then(readRunRow)
      .catch(() => null);
    if (fresh && fresh.status === row.status && fresh.lastEditedBy === row.lastEditedBy && fresh.lastEditedTime === row.lastEditedTime) {
      await services.store.putArtifact(run.run_id, claim, `${RELEASED}${Date.now()}`, now);
    } else if (fresh && fresh.status === 'Needs review' && fresh.lastEditedBy === (await notion.botUserId().catch(() => null))) {
      return;
    }
    throw error;
  }
}

async function askToConfirm(services: Services, run: StoredRun, row: RunRowState, markdown: string, reason: string, now: Date): Promise<void> {
  const notion = requireNotion(services);
  const page = run.run_page_id!;
  const reviewer = run.reviewer_id;
  await notion.comment(page, [
    ...(reviewer ? [{ type: 'mention' as const, mention: { user: { id: reviewer } } }] : []),
    ...text(
      ` — Status now reads ${row.status}, ${CONFIRMATION_MARK} (${reason}), and only the reviewer may decide. ` +
        `If it is your decision, reply "confirm" to this comment, or set Status to Needs review and then back to ${row.status}. Nothing is published until then.`,
    ),
  ]);
  await saveSeen(services, run, row, markdown, now, now.toISOString());
}

/** Records the page as it is now as what Baton last saw in this round. */
async function refreshSeen(services: Services, run: StoredRun, now: Date, page?: PageObjectResponse): Promise<void> {
  const notion = requireNotion(services);
  const current = page ?? (await notion.retrievePage(run.run_page_id!));
  await saveSeen(services, run, readRunRow(current), (await notion.readMarkdown(current.id)).markdown, now, null);
}

async function saveSeen(services: Services, run: StoredRun, row: RunRowState, markdown: string, now: Date, confirmationAskedAt: string | null): Promise<void> {
  const seen: SeenPage = { markdown, lastEditedTime: row.lastEditedTime, lastEditedBy: row.lastEditedBy, confirmationAskedAt };
  await services.store.putArtifact(run.run_id, seenName(run.review_round), JSON.stringify(seen), now);
}

/** Words of Baton's question that its reply is found after. */
const CONFIRMATION_MARK = 'but Baton cannot tell who set it';
/** A reply that confirms the Status the row shows: "confirm", "approve", "yes". */
const CONFIRMS = /^\s*(confirm|confirmed|approve|approved|yes)\b/i;

/**
 * The tick's reconcile: one query for the Run rows of runs waiting in review. A row still in
 * Needs review that a person edited is re-read, so Baton knows the page as it stood before a
 * decision; a row showing a decision goes through applyReviewChange; a row whose reviewer was
 * asked to confirm has its comments read for the reply.
 */
export async function reconcileReviews(services: Services, now: Date): Promise<DecisionOutcome[]> {
  const waiting = await services.store.runsWithStatus('Needs review');
  const dataSourceId = services.config.notion.runsDataSourceId;
  if (waiting.length === 0 || !dataSourceId) return [];
  const notion = requireNotion(services);
  const rows = await notion.queryDataSource(dataSourceId, {
    filter: {
      or: [
        { property: 'Status', select: { equals: 'Needs review' } },
        { property: 'Status', select: { equals: 'Approved' } },
        { property: 'Status', select: { equals: 'Changes requested' } },
      ],
    },
  });
  const byPage = new Map(waiting.map((run) => [run.run_page_id, run]));
  const outcomes: DecisionOutcome[] = [];
  for (const page of rows) {
    const run = byPage.get(page.id);
    if (!run) continue;
    try {
      outcomes.push(await reconcileOne(services, run, page, now));
    } catch (error) {
      // One row's failure never stops the others; the next tick tries it again.
      console.error(`review reconcile: run ${run.run_id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcomes;
}

async function reconcileOne(services: Services, run: StoredRun, page: PageObjectResponse, now: Date): Promise<DecisionOutcome> {
  const row = readRunRow(page);
  if (row.status === 'Needs review') {
    const handOver = await applyHandOver(services, run, row, null, now);
    if (handOver.kind === 'handed_over') return { kind: 'handed_over' };
    if (handOver.kind === 'hand_over_reverted') return { kind: 'hand_over_reverted' };
  }
  const seen = await services.store.getJson(run.run_id, seenName(run.review_round), SeenPage);
  if (row.status === 'Needs review') {
    const changed = !seen || seen.lastEditedTime !== row.lastEditedTime || seen.lastEditedBy !== row.lastEditedBy;
    if (changed && !seen?.confirmationAskedAt) await refreshSeen(services, run, now, page);
    return { kind: 'no_decision' };
  }
  const deciders = await roundReviewers(services.store, run);
  if (seen?.confirmationAskedAt && deciders) {
    // Replies are the reviewer's comments listed after Baton's question (GET /v1/comments lists
    // oldest first), so no clock has to agree with Notion's.
    const notion = requireNotion(services);
    const bot = await notion.botUserId();
    const comments = await notion.listComments(page.id);
    const askedAt = comments.findLastIndex((c) => c.authorId === bot && c.text.includes(CONFIRMATION_MARK));
    const reply = comments.slice(askedAt + 1).find((c) => c.authorId !== null && mayDecide(asPolicy(deciders), c.authorId) && CONFIRMS.test(c.text));
    if (askedAt >= 0 && reply?.authorId) {
      const { markdown } = await notion.readMarkdown(page.id);
      return takeDecision(services, run, row, markdown, { by: reply.authorId, evidence: 'comment' }, now);
    }
  }
  return applyReviewChange(services, page, { kind: 'page' }, now);
}
