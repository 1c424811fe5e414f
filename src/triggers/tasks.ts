// What the minute tick does, in order: read the registry (which also takes Run now requests),
// keep Drive watches and channels and read their change logs, reconcile watched Notion rows,
// admit due schedule slots, start the runs admitted (retrying any a crash left half-started),
// reconcile review decisions that webhooks may have missed (every tick without webhooks, every 15
// minutes while they are healthy: review/reconcile-cadence.ts), remind, escalate and time out
// reviews nobody decided, watch for stranded runs, and keep processed_events to a bounded window.
import { servicesFor, type Services } from '../services';
import { syncRegistry } from '../registry/sync';
import { reconcileReviewsWhenDue } from '../review/reconcile-cadence';
import { createWebhookStore, type EventWindow } from '../adapters/webhook-store';
import { remindReviews } from '../review/remind-reviews';
import { admitScheduledRuns, startPendingRuns } from './admit';
import { watchRuns } from './watchdog';
import { runDriveTriggers } from './drive-watch';
import { runNotionTriggers } from './notion-rows';
import type { TickTask } from './tick';

/**
 * Webhook event ids kept for the dedupe: Notion retries a delivery for about 24 hours
 * (developers.notion.com/reference/webhooks), so three days covers every redelivery; the count
 * caps a burst (10,000 rows of two short strings, well under a megabyte of D1).
 */
export const EVENT_WINDOW: EventWindow = { maxAgeMs: 3 * 24 * 60 * 60_000, keep: 10_000 };

export function tickTasks(services: Services): TickTask[] {
  // Without Notion there is no registry to read and no Run row to write; /health says so.
  if (!services.notion) return [];
  // Rate-gate priorities (src/services.ts): the sync and reminders wait behind runs; the reconcile,
  // which finds a reviewer's decision a webhook missed, goes first.
  const background = servicesFor(services.config, 'background');
  const decisions = servicesFor(services.config, 'decision');
  return [
    { name: 'registry sync', run: (now) => syncRegistry(background, now) },
    // Without Drive there is no folder to watch; the rows' Health says the link cannot be checked.
    ...(services.drive ? [{ name: 'drive triggers', run: (now: Date) => runDriveTriggers(services, now) }] : []),
    { name: 'notion row triggers', run: (now) => runNotionTriggers(services, now) },
    { name: 'schedule admission', run: (now) => admitScheduledRuns(services, now) },
    { name: 'start admitted runs', run: (now) => startPendingRuns(services, now) },
    { name: 'review reconcile', run: (now) => reconcileReviewsWhenDue(decisions, now) },
    // After the reconcile, so a decision made since the last tick is taken before any reminder or timeout.
    { name: 'review reminders', run: (now) => remindReviews(background, now) },
    // Heartbeats are wall-clock times, so the watchdog is given the real time, not the slot's.
    { name: 'run watchdog', run: () => watchRuns(services, new Date()) },
    // Wall-clock too: event ids are stamped with the real time they arrived.
    { name: 'processed events prune', run: () => createWebhookStore(services.config.db).pruneProcessedEvents(new Date(), EVENT_WINDOW) },
  ];
}
