// A person commented on a Run page: recorded from Notion's comment.* webhook events, so the learn
// step lists the page's comments only when there may be one of theirs to learn from.
//
// - comment.created, comment.updated and comment.deleted carry the page in `data.page_id` and
//   who acted in `authors` (developers.notion.com/reference/webhooks-events-delivery; the SDK's
//   Comment*WebhookPayload). Events are hints: nothing of the comment is read here, only that a
//   person touched the comments of that run's page (`person-commented`, the event's timestamp).
// - Events whose only author is Baton's own bot are skipped, as the route skips them: Baton's
//   own "ready for your review" mention is on every Run page.
// - A signal can only be trusted while deliveries are: the learn step still lists the comments
//   when webhooks are not healthy (reconcile-rule.ts), or when a delivery was refused or failed
//   since the run was created — a reconcile covers that failure for decisions, not for comments,
//   and Notion's retry of the lost event may come hours later.
// - An event that cannot be read (no page, no authors) is ignored, never thrown: it is a hint.
import * as z from 'zod';
import type { Services } from '../services';
import type { StoredRun } from '../adapters/store';
import { createWebhookStore, type WebhookHealth } from '../adapters/webhook-store';
import { deliveryLostSince, webhooksHealthy } from './reconcile-rule';

export const PERSON_COMMENTED = 'person-commented';

const CommentEvent = z.object({
  id: z.string(),
  type: z.enum(['comment.created', 'comment.updated', 'comment.deleted']),
  timestamp: z.string(),
  authors: z.array(z.object({ id: z.string(), type: z.string() })),
  entity: z.object({ id: z.string(), type: z.literal('comment') }),
  data: z.object({ page_id: z.string() }),
});

export type CommentSignal = { outcome: 'person_commented' } | { ignored: 'malformed comment event' | 'own comment' | 'not a run page' };

/**
 * For a comment.* event: records on the run whose page it is that a person commented. Null for
 * any other event (and without Notion), so the route goes on with it. A failure throws: the route
 * then forgets the event id and counts the delivery as failed, so Notion's retry is handled.
 */
export async function recordCommentSignal(services: Services, event: unknown, now: Date): Promise<CommentSignal | null> {
  if (!isCommentEvent(event)) return null;
  const parsed = CommentEvent.safeParse(event);
  if (!parsed.success) return { ignored: 'malformed comment event' };
  // Without Notion there are no runs to signal: the route answers it as it answers every event then.
  if (!services.notion) return null;
  const { timestamp, authors, data } = parsed.data;
  const bot = await services.notion.botUserId();
  if (!authors.some((a) => a.id !== bot && a.type !== 'bot')) return { ignored: 'own comment' };
  const run = await services.store.getRunByPage(data.page_id);
  if (!run) return { ignored: 'not a run page' };
  await services.store.putArtifact(run.run_id, PERSON_COMMENTED, timestamp, now);
  return { outcome: 'person_commented' };
}

function isCommentEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const { type, entity } = event as { type?: unknown; entity?: { type?: unknown } | null };
  return (typeof type === 'string' && type.startsWith('comment.')) || entity?.type === 'comment';
}

/**
 * Whether the deliveries since `since` (the run's creation) can be relied on to have signalled
 * every person's comment; pure. Healthy now, and none refused or failed since.
 */
export function commentsSignalled(webhooksConfigured: boolean, health: WebhookHealth, since: Date): boolean {
  return webhooksHealthy(webhooksConfigured, health) && !deliveryLostSince(health, since);
}

/**
 * Whether a person may have commented on the run's page: a signal was recorded, or deliveries
 * cannot be relied on to have brought one. The learn step lists the comments only then.
 */
export async function peopleMayHaveCommented(services: Services, run: StoredRun): Promise<boolean> {
  if ((await services.store.getArtifact(run.run_id, PERSON_COMMENTED)) !== null) return true;
  const health = await createWebhookStore(services.config.db).health();
  return !commentsSignalled(Boolean(services.config.notion.webhookSecret), health, new Date(run.created_at));
}
