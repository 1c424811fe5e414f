// When the tick's review reconcile runs (one query of the Runs database, plus a page read for
// each row a person edited since Baton last looked).
//
// The rule:
//   - Without Notion webhooks (no NOTION_WEBHOOK_SECRET) the reconcile is the only way a
//     decision arrives: every tick, as before.
//   - With webhooks, they are HEALTHY while all of these hold:
//       * a delivery has verified (signature checked) at least once;
//       * no delivery failed verification, and none failed to be handled, since the last one that
//         verified AND the last reconcile (a bad signature means the secret or the subscription
//         changed; a handling failure means Notion's retry may come hours later, so the event it
//         carried counts as lost until a reconcile has looked: under 20% injected faults, a
//         failure followed by other runs' good deliveries otherwise left a non-reviewer's approval
//         standing until the 15-minute backstop);
//       * every review waiting was followed by a verified delivery within DELIVERY_GRACE_MS of
//         opening: opening a review writes the Run row, and Notion delivers events for the
//         integration's own edits too (handled and skipped as Baton's), so a review opened more
//         than five minutes ago with no delivery since is a delivery missed.
//   - Healthy: the reconcile backs off to once every SLOW_CADENCE_MS (counted from the last
//     reconcile, or from when the review opened if that is later), a backstop for a single event
//     Notion dropped (it aims at at-most-once) — and it runs on any tick where a reminder,
//     escalation or timeout is about to act on a review, so none acts on a decision a lost event
//     hid. Not healthy: every tick.
// Saving: with a review waiting, a quiet tick made 2 Notion requests (the Runs query and a
// re-read of the row), 2,880 a day; healthy webhooks bring that to 96 a day.
// Sources: developers.notion.com/reference/webhooks ("usually under a minute, at most ~5";
// retries up to 8 times over ~24 h; at-most-once) — ../shared/platform/notion.md, "Webhooks".
import type { WebhookHealth } from '../adapters/webhook-store';

export const SLOW_CADENCE_MS = 15 * 60_000;
/** Notion delivers "usually under a minute, at most ~5". */
export const DELIVERY_GRACE_MS = 5 * 60_000;

export type ReconcileReason = 'no_webhooks' | 'never_verified' | 'refused' | 'failed' | 'missed' | 'deadline' | 'slow_cadence';

/** A review waiting for a decision, as the cadence sees it. */
export interface WaitingReview {
  /** When its round opened (the step's wall-clock time, before Baton wrote the row). */
  openedAt: string;
  /** The first tick that saw it waiting (tick time). */
  firstSeenAt: string;
  /** A reminder, escalation or timeout is due at this tick and not yet done (remind-reviews.ts). */
  deadlineDue: boolean;
}

export interface CadenceInput {
  /** The tick's time (the cron's scheduled time). */
  now: Date;
  /** The real time: deliveries and review openings are stamped with it. */
  wallNow: Date;
  webhooksConfigured: boolean;
  health: WebhookHealth;
  reviews: readonly WaitingReview[];
  /** The backstop while healthy; SLOW_CADENCE_MS unless configured (REVIEW_RECONCILE_BACKSTOP_SECONDS). */
  backstopMs?: number;
}

/** What is wrong with the deliveries so far (wall-clock times only), or null when they are healthy. */
function deliveryProblem(health: WebhookHealth): 'never_verified' | 'refused' | 'failed' | null {
  const verified = health.verifiedAt ? Date.parse(health.verifiedAt) : null;
  if (verified === null) return 'never_verified';
  const reconciled = health.reconciledWallAt ? Date.parse(health.reconciledWallAt) : Number.NEGATIVE_INFINITY;
  const covered = Math.min(verified, reconciled);
  if (health.refusedAt && Date.parse(health.refusedAt) >= covered) return 'refused';
  if (health.failedAt && Date.parse(health.failedAt) >= covered) return 'failed';
  return null;
}

/**
 * A delivery was refused or failed at or after `since` (wall-clock): an event it carried may be
 * lost, whatever a reconcile has looked at since (a reconcile looks for decisions only).
 */
export function deliveryLostSince(health: WebhookHealth, since: Date): boolean {
  return [health.refusedAt, health.failedAt].some((at) => at !== null && Date.parse(at) >= since.getTime());
}

/**
 * Deliveries can be relied on for what happens next (a late edit's event, say): webhooks are
 * configured, one has verified, and none was refused or failed since. The missed-delivery probe
 * belongs to reviews waiting, so it is not part of this.
 */
export function webhooksHealthy(webhooksConfigured: boolean, health: WebhookHealth): boolean {
  return webhooksConfigured && deliveryProblem(health) === null;
}

/**
 * Whether this tick reconciles, and why; pure. Two clocks, each compared only with itself:
 * delivery outcomes and review openings are wall-clock (written by the webhook route and the run's
 * steps), the backstop's times are tick times (written by the tick), as a tick may be given a
 * time other than the clock's (a late cron, a test).
 */
export function reconcileDue({ now, wallNow, webhooksConfigured, health, reviews, backstopMs = SLOW_CADENCE_MS }: CadenceInput): { due: true; reason: ReconcileReason } | { due: false } {
  if (!webhooksConfigured) return { due: true, reason: 'no_webhooks' };
  const unhealthy = deliveryProblem(health);
  if (unhealthy) return { due: true, reason: unhealthy };
  const verified = Date.parse(health.verifiedAt!);
  if (reviews.some((r) => Date.parse(r.openedAt) > verified && wallNow.getTime() - Date.parse(r.openedAt) > DELIVERY_GRACE_MS)) return { due: true, reason: 'missed' };
  // A reminder or a timeout never acts on a decision the backstop has not looked for yet.
  if (reviews.some((r) => r.deadlineDue)) return { due: true, reason: 'deadline' };
  // Nothing can have been missed before a review opened, so each review's backstop counts from
  // then (or from the first tick that saw it, if the tick's time is earlier than the opening's
  // wall-clock stamp), or from the last reconcile if that is later.
  const reconciled = health.reconciledAt ? Date.parse(health.reconciledAt) : Number.NEGATIVE_INFINITY;
  const start = (r: WaitingReview) => Math.max(reconciled, Math.min(Date.parse(r.firstSeenAt), Date.parse(r.openedAt)));
  if (reviews.some((r) => now.getTime() - start(r) >= backstopMs)) return { due: true, reason: 'slow_cadence' };
  return { due: false };
}
