// The tick's review-reconcile task: gathers what the cadence rule needs (reconcile-rule.ts states
// the rule and its sources) from D1 — no Notion request — and runs the reconcile (decide.ts) only
// when the rule says so.
import type { Services } from '../services';
import { createWebhookStore } from '../adapters/webhook-store';
import { openedName } from './round-records';
import { reconcileReviews, type DecisionOutcome } from './decide';
import { reconcileDue, type WaitingReview } from './reconcile-rule';
import type { Store, StoredRun } from '../adapters/store';
import { DEFAULT_REVIEW_DELAY, readReviewDelay, reviewClock, reviewStage } from './review-policy';
import { escalatedName, remindedName, timedOutName } from './round-reviewers';

/** Will remind-reviews act on this review at this tick (a stage reached whose claim is not taken)? Same clock as remind-reviews.ts. */
async function deadlineDue(run: StoredRun, openedAt: string, timeoutDays: number, now: Date, store: Store): Promise<boolean> {
  if (Number.isNaN(Date.parse(openedAt))) return false;
  const definition = run.definition_json;
  const delay = readReviewDelay(definition.reviewPolicy.remindAfter ?? '') ?? DEFAULT_REVIEW_DELAY;
  const stage = reviewStage(reviewClock(new Date(openedAt), delay, timeoutDays, definition.timeZone), now);
  if (stage === 'waiting') return false;
  const claim = { remind: remindedName, escalate: escalatedName, timed_out: timedOutName }[stage](run.review_round);
  return (await store.getArtifact(run.run_id, claim)) === null;
}

/** D1 artifact per review round: the tick time the reconcile task first saw it waiting. */
export const firstSeenName = (round: number) => `reconcile-seen-${round}`;

/** The tick's reconcile task: runs reconcileReviews when the rule above says so. */
export async function reconcileReviewsWhenDue(services: Services, now: Date): Promise<DecisionOutcome[] | { skipped: true }> {
  const { store } = services;
  const waiting = await store.runsWithStatus('Needs review');
  if (waiting.length === 0) return [];
  const webhooks = createWebhookStore(services.config.db);
  const reviews = await Promise.all(
    waiting.map(async (run): Promise<WaitingReview> => {
      const openedAt = (await store.getArtifact(run.run_id, openedName(run.review_round))) ?? run.updated_at;
      let firstSeenAt = await store.getArtifact(run.run_id, firstSeenName(run.review_round));
      if (firstSeenAt === null) {
        firstSeenAt = now.toISOString();
        await store.putArtifact(run.run_id, firstSeenName(run.review_round), firstSeenAt, now);
      }
      return { openedAt, firstSeenAt, deadlineDue: await deadlineDue(run, openedAt, services.config.reviewTimeoutDays, now, store) };
    }),
  );
  const due = reconcileDue({ now, wallNow: new Date(), webhooksConfigured: Boolean(services.config.notion.webhookSecret), health: await webhooks.health(), reviews, backstopMs: services.config.reconcileBackstopMs });
  if (!due.due) return { skipped: true };
  const startedAt = new Date();
  const outcomes = await reconcileReviews(services, now);
  await webhooks.recordReconcile(now, startedAt);
  return outcomes;
}
