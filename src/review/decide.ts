// Turning a reviewer's change on a Run row into a decision for the waiting run.
//
// Both the webhook route and the reconcile tick call this with a freshly fetched page (webhook
// events are only hints). Only the row's Reviewer may approve or ask for changes: anyone
// else's change is reverted with a comment naming who may. The D1 compare-and-set from
// "Needs review" makes sure a decision is delivered once even when both paths see it.
import type { PageObjectResponse } from '@notionhq/client';
import type { Services } from '../services';
import { requireNotion } from '../services';
import { readRunRow, statusProperty, text } from '../engine/run-row';
import { reviewEventType, type ReviewDecision } from '../engine/run-workflow';

/** A reviewer often sets the Status first and types Feedback a moment later. */
export const FEEDBACK_GRACE_MS = 5 * 60 * 1000;

export type DecisionOutcome =
  | { kind: 'not_a_waiting_run' }
  | { kind: 'no_decision' }
  | { kind: 'waiting_for_feedback' }
  | { kind: 'reverted'; editorId: string }
  | { kind: 'delivered'; decision: ReviewDecision['decision'] }
  | { kind: 'already_delivered' };

export interface DecisionOptions {
  /** Who made the change, when a webhook says so; else the page's last editor. */
  authorIds?: string[];
  now: Date;
}

export async function applyReviewChange(services: Services, page: PageObjectResponse, options: DecisionOptions): Promise<DecisionOutcome> {
  const run = await services.store.getRunByPage(page.id);
  if (!run || run.status !== 'Needs review') return { kind: 'not_a_waiting_run' };
  const row = readRunRow(page);
  if (row.status !== 'Approved' && row.status !== 'Changes requested') return { kind: 'no_decision' };

  const notion = requireNotion(services);
  const reviewerId = run.reviewer_id;
  const bot = await notion.botUserId();
  const editors = (options.authorIds ?? (row.lastEditedBy ? [row.lastEditedBy] : [])).filter((id) => id !== bot);
  if (!reviewerId || !editors.includes(reviewerId)) {
    const editorId = editors[0] ?? row.lastEditedBy ?? 'unknown';
    await notion.updatePage(page.id, statusProperty('Needs review'));
    await notion.comment(page.id, [
      ...text(`Status was changed to ${row.status} by `),
      { type: 'mention', mention: { user: { id: editorId } } },
      ...text(', but only '),
      ...(reviewerId ? [{ type: 'mention' as const, mention: { user: { id: reviewerId } } }] : text('the workflow’s Reviewer')),
      ...text(' may approve or request changes on this run, so Baton set it back to Needs review.'),
    ]);
    return { kind: 'reverted', editorId };
  }

  const decision: ReviewDecision =
    row.status === 'Approved' ? { decision: 'approved', feedback: row.feedback } : { decision: 'changes_requested', feedback: row.feedback };
  if (decision.decision === 'changes_requested' && !decision.feedback) {
    const editedAt = row.lastEditedTime ? Date.parse(row.lastEditedTime) : 0;
    if (options.now.getTime() - editedAt < FEEDBACK_GRACE_MS) return { kind: 'waiting_for_feedback' };
  }
  const to = row.status;
  if (!(await services.store.moveRun(run.run_id, 'Needs review', to, options.now))) return { kind: 'already_delivered' };
  try {
    const instance = await services.config.runs.get(run.run_id);
    await instance.sendEvent({ type: reviewEventType(run.review_round), payload: decision });
  } catch (error) {
    // Put the run back so the next tick tries again.
    await services.store.undoMove(run.run_id, 'Needs review', to, options.now);
    throw error;
  }
  return { kind: 'delivered', decision: decision.decision };
}

/** The tick's reconcile: one query for Run rows a person moved to a decision. */
export async function reconcileReviews(services: Services, now: Date): Promise<DecisionOutcome[]> {
  const waiting = await services.store.runsWithStatus('Needs review');
  const dataSourceId = services.config.notion.runsDataSourceId;
  if (waiting.length === 0 || !dataSourceId) return [];
  const rows = await requireNotion(services).queryDataSource(dataSourceId, {
    filter: {
      or: [
        { property: 'Status', select: { equals: 'Approved' } },
        { property: 'Status', select: { equals: 'Changes requested' } },
      ],
    },
  });
  const outcomes: DecisionOutcome[] = [];
  for (const page of rows) outcomes.push(await applyReviewChange(services, page, { now }));
  return outcomes;
}
