// A review nobody decided within the review timeout (REVIEW_TIMEOUT_DAYS) ends by the workflow's
// `If nobody reviews`: Fail (the run fails with a plain reason, as before) or Expire (the run ends
// as Expired, the draft stays on the Run page, a comment says so). Nothing is ever published
// without a review.
//
// Who decides it: the tick (remind-reviews.ts), by the round's `opened-N` time and the tick's
// `now`, tells the waiting instance with a `timed_out` event; the instance's own `waitForEvent`
// timeout is the backstop. Either way the instance closes the round here, in a durable step
// (run-workflow.ts), which is idempotent: D1 moves by a compare-and-set from Needs review in that
// round, so a decision taken first always wins (the caller then gets that decision back), and
// the Run row is written once, by a claim.
import type { Services } from '../services';
import type { StoredRun } from '../adapters/store';
import { recordFailure } from '../engine/activities';
import { dateProperty, mentionList, statusProperty, text } from '../engine/run-row';
import type { ReviewDecision } from '../engine/review-decision';
import { decisionName, RecordedDecision } from './round-records';
import { roundReviewers } from './round-reviewers';

export type ClosedRound = { kind: 'closed'; status: 'Failed' | 'Expired'; reason: string } | { kind: 'decided'; decision: ReviewDecision };

const EXPIRY_ANNOUNCED = 'expiry-announced';

export function unreviewedReason(policy: 'Fail' | 'Expire', days: number): string {
  return policy === 'Expire'
    ? `Nobody reviewed this run within ${days} days, so it expired; the draft stays on its Run page and nothing was published`
    : `No review decision arrived within ${days} days; start a new run when the reviewer is back`;
}

export async function closeUnreviewed(services: Services, run: StoredRun, round: number, now: Date): Promise<ClosedRound> {
  const policy = run.definition_json.reviewPolicy.ifNobodyReviews;
  const status = policy === 'Expire' ? 'Expired' : 'Failed';
  const reason = unreviewedReason(policy, services.config.reviewTimeoutDays);
  const moved = await services.store.closeRound(run.run_id, round, status, reason, now);
  if (!moved) {
    const recorded = await services.store.getJson(run.run_id, decisionName(round), RecordedDecision);
    if (recorded) return { kind: 'decided', decision: { decision: recorded.decision, feedback: recorded.feedback } };
    const current = await services.store.getRun(run.run_id);
    // Closed before (the tick, then the instance's backstop): the Run row below is written once.
    if (current?.status !== status) return { kind: 'closed', status: current?.status === 'Expired' ? 'Expired' : 'Failed', reason: current?.failure_reason ?? reason };
  }
  if (status === 'Failed') {
    await recordFailure(services, run, reason, now);
    return { kind: 'closed', status, reason };
  }
  const page = run.run_page_id;
  if (page && services.notion && (await services.store.claimArtifact(run.run_id, EXPIRY_ANNOUNCED, now.toISOString(), now))) {
    const reviewers = (await roundReviewers(services.store, run, round))?.reviewers ?? [];
    await services.notion.updatePage(page, { ...statusProperty('Expired'), ...dateProperty('Finished', now) });
    await services.notion.comment(page, [
      ...mentionList(reviewers),
      ...text(
        ` — nobody reviewed this draft within ${services.config.reviewTimeoutDays} days, so the run has expired (the workflow's If nobody reviews is Expire). ` +
          'The draft stays on this page and nothing was published; to publish it, start a new run.',
      ),
    ]);
  }
  return { kind: 'closed', status, reason };
}
