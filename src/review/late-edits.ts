// Edits to a Run page after its reviewer approved. Baton publishes the text as it stood when the
// reviewer approved (`approved-N`), never the page as it is later, and tells the approver once
// (`late-edits-noted`) that later edits are not in the published page or Doc.
//
// Two paths find such an edit:
//   - the finish step reads the page and compares (engine/publish-step.ts), when webhooks are not
//     healthy (review/reconcile-rule.ts `webhooksHealthy`);
//   - while they are healthy, the webhook route: a person's page.content_updated on a run past its
//     final approval is compared here when it arrives (events are hints: the page is read).
// Saving: one GET /v1/pages/{id}/markdown per run with healthy webhooks, in the usual case where
// nobody edits the page after approving it; an edit costs that read when its event arrives.
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import { text } from '../engine/run-row';
import { openPart } from '../engine/step-outputs';
import { approvedName, decisionName, RecordedDecision, sameText } from './round-records';
import { Plan } from '../domain/plan';

export const LATE_EDITS_NOTED = 'late-edits-noted';

/** Comments once when `markdown` (the page now) differs from what was approved; true when it did. */
export async function noteLateEdits(services: Services, run: StoredRun, markdown: string, approved: string, reviewerId: string, now: Date): Promise<boolean> {
  if ((await services.store.getArtifact(run.run_id, LATE_EDITS_NOTED)) !== null) return false;
  if (sameText(openPart(markdown), openPart(approved))) return false;
  if (!(await services.store.claimArtifact(run.run_id, LATE_EDITS_NOTED, now.toISOString(), now))) return false;
  await requireNotion(services).comment(run.run_page_id!, [
    { type: 'mention', mention: { user: { id: reviewerId } } },
    ...text(' — this page was edited after you approved it. Baton published the text as you approved it; the later edits are not in the published page or Doc. Start a new run to publish them.'),
  ]);
  return true;
}

/**
 * A person's content edit on a run's page, from a webhook. Only a run past its final approval is
 * looked at (Publishing or Published; Approved when its plan has one review, as a later review
 * would otherwise still be to come).
 */
export async function lateEditFromEvent(services: Services, run: StoredRun, now: Date): Promise<'noted' | 'unchanged' | 'not_after_approval'> {
  const round = run.review_round;
  if (round < 1 || !run.run_page_id) return 'not_after_approval';
  if (run.status !== 'Publishing' && run.status !== 'Published') {
    const plan = run.status === 'Approved' ? await services.store.getJson(run.run_id, 'plan', Plan) : null;
    if (!plan || plan.reviewGates.length !== 1) return 'not_after_approval';
  }
  const decision = await services.store.getJson(run.run_id, decisionName(round), RecordedDecision);
  const approved = await services.store.getArtifact(run.run_id, approvedName(round));
  if (decision?.decision !== 'approved' || approved === null) return 'not_after_approval';
  if ((await services.store.getArtifact(run.run_id, LATE_EDITS_NOTED)) !== null) return 'unchanged';
  const { markdown } = await requireNotion(services).readMarkdown(run.run_page_id);
  return (await noteLateEdits(services, run, markdown, approved, decision.by, now)) ? 'noted' : 'unchanged';
}
