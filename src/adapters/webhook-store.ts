// D1 access for the Notion webhook's health and its dedupe window (migration 0005).
//
// Health is three times in `meta`: the last delivery whose signature verified, the last one
// refused for a bad signature, and the last one whose handling failed. The reconcile cadence
// (review/reconcile-cadence.ts) reads them; the webhook route writes them. The review
// reconcile's own last run is kept beside them.
//
// processed_events holds one row per delivered event id (the dedupe: Notion may deliver an event
// more than once). Notion retries a failed delivery up to 8 times over about 24 hours
// (developers.notion.com/reference/webhooks), so an id older than that can no longer come back:
// the tick drops ids past an age and keeps at most a count, newest first.
import * as z from 'zod';

export const WEBHOOK_VERIFIED_KEY = 'notion_webhook_verified_at';
export const WEBHOOK_REFUSED_KEY = 'notion_webhook_refused_at';
export const WEBHOOK_FAILED_KEY = 'notion_webhook_failed_at';
export const REVIEW_RECONCILED_KEY = 'review_reconciled_at';
/** The wall-clock time the last reconcile started (delivery outcomes are wall-clock too). */
export const REVIEW_RECONCILED_WALL_KEY = 'review_reconciled_wall_at';

export interface WebhookHealth {
  verifiedAt: string | null;
  refusedAt: string | null;
  failedAt: string | null;
  reconciledAt: string | null;
  /** When the last reconcile started, wall-clock: a failed delivery before it is covered. */
  reconciledWallAt?: string | null;
}

export type DeliveryOutcome = 'verified' | 'refused' | 'failed';

export interface EventWindow {
  /** Ids received longer ago than this are dropped. */
  maxAgeMs: number;
  /** At most this many ids are kept (the newest). */
  keep: number;
}

export interface WebhookStore {
  health(): Promise<WebhookHealth>;
  recordDelivery(outcome: DeliveryOutcome, now: Date): Promise<void>;
  /** `now` is the tick's time; `startedAt` the wall-clock time the reconcile began. */
  recordReconcile(now: Date, startedAt?: Date): Promise<void>;
  /** Drops event ids outside the window; how many went. */
  pruneProcessedEvents(now: Date, window: EventWindow): Promise<number>;
}

const KEY: Record<DeliveryOutcome, string> = { verified: WEBHOOK_VERIFIED_KEY, refused: WEBHOOK_REFUSED_KEY, failed: WEBHOOK_FAILED_KEY };
const MetaRow = z.object({ key: z.string(), value: z.string() });

export function createWebhookStore(db: D1Database): WebhookStore {
  const put = async (key: string, now: Date) => {
    await db
      .prepare('INSERT INTO meta (key, value, updated_at) VALUES (?1, ?2, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?2')
      .bind(key, now.toISOString())
      .run();
  };
  return {
    async health() {
      const { results } = await db
        .prepare('SELECT key, value FROM meta WHERE key IN (?1, ?2, ?3, ?4, ?5)')
        .bind(WEBHOOK_VERIFIED_KEY, WEBHOOK_REFUSED_KEY, WEBHOOK_FAILED_KEY, REVIEW_RECONCILED_KEY, REVIEW_RECONCILED_WALL_KEY)
        .all();
      const meta = new Map(z.array(MetaRow).parse(results).map((r) => [r.key, r.value]));
      return {
        verifiedAt: meta.get(WEBHOOK_VERIFIED_KEY) ?? null,
        refusedAt: meta.get(WEBHOOK_REFUSED_KEY) ?? null,
        failedAt: meta.get(WEBHOOK_FAILED_KEY) ?? null,
        reconciledAt: meta.get(REVIEW_RECONCILED_KEY) ?? null,
        reconciledWallAt: meta.get(REVIEW_RECONCILED_WALL_KEY) ?? null,
      };
    },
    recordDelivery: (outcome, now) => put(KEY[outcome], now),
    async recordReconcile(now, startedAt = new Date()) {
      await put(REVIEW_RECONCILED_KEY, now);
      await put(REVIEW_RECONCILED_WALL_KEY, startedAt);
    },
    async pruneProcessedEvents(now, window) {
      const cutoff = new Date(now.getTime() - window.maxAgeMs).toISOString();
      const [byAge, byCount] = await db.batch([
        db.prepare('DELETE FROM processed_events WHERE received_at < ?').bind(cutoff),
        // The newest `keep` stay; OFFSET walks the received_at index from the newest end.
        db
          .prepare('DELETE FROM processed_events WHERE event_id IN (SELECT event_id FROM processed_events ORDER BY received_at DESC LIMIT -1 OFFSET ?)')
          .bind(window.keep),
      ]);
      return (byAge?.meta.changes ?? 0) + (byCount?.meta.changes ?? 0);
    },
  };
}
