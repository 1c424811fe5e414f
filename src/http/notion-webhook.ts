// POST /webhooks/notion — Notion's webhook deliveries.
//
// - The first request of a subscription is an unsigned {"verification_token"}: Baton keeps it
//   in D1 for the operator to paste into Notion, never in logs. Being unsigned, anyone could
//   send one, so it is stored once, and only while no NOTION_WEBHOOK_SECRET is set: a later one
//   never replaces it (delete the meta row to start a new subscription).
// - Every refused delivery is logged with its reason — never its body, signature or a secret.
// - Every other delivery is verified (HMAC-SHA256 of the raw body keyed by that token, compared
//   in constant time by the SDK's verifyWebhookSignature) before it is parsed.
// - Events are hints only: the page is re-fetched; events whose only author is Baton's own bot
//   are skipped so Baton's writes do not loop back; event ids are deduplicated because Notion
//   may deliver an event more than once (developers.notion.com/reference/webhooks).
// - A page created or changed in a database a workflow's Trigger watches is observed at once
//   (notion-rows.ts): a row that reached the trigger's value starts its run within seconds.
// - A page, database or data source moved, trashed or restored — by anyone, Baton included —
//   forgets what Baton remembered of where the pages below it stand (registry/allowed-roots.ts).
// - Each delivery's outcome (verified, refused for its signature, failed while handled) is
//   recorded in D1: the tick's review reconcile backs off while deliveries are healthy and runs
//   at once when one is refused or fails (review/reconcile-cadence.ts).
import { verifyWebhookSignature } from '@notionhq/client';
import type { Context } from 'hono';
import * as z from 'zod';
import { servicesFor } from '../services';
import { applyReviewChange } from '../review/decide';
import { handleRowEvent } from '../triggers/notion-rows';
import type { AppEnv } from './app';
import { createWebhookStore } from '../adapters/webhook-store';
import { lateEditFromEvent } from '../review/late-edits';
import { applyStandingEvent, createStandingStore } from '../adapters/standing-store';
import { recordCommentSignal } from '../review/comment-signals';

export const VERIFICATION_TOKEN_KEY = 'notion_verification_token';

const Verification = z.object({ verification_token: z.string().min(1) }).strict();
const WebhookEvent = z.object({
  id: z.string(),
  type: z.string(),
  timestamp: z.string(),
  authors: z.array(z.object({ id: z.string(), type: z.string() })).default([]),
  entity: z.object({ id: z.string(), type: z.string() }),
  data: z
    .object({
      parent: z.object({ data_source_id: z.string().optional() }).optional(),
      // page.properties_updated names the property ids it changed (developers.notion.com/reference/webhooks-events-delivery).
      updated_properties: z.array(z.string()).optional(),
      // comment.* events name the page the comment is on (review/comment-signals.ts).
      page_id: z.string().optional(),
    })
    .optional(),
});

function refuse(c: Context<AppEnv>, status: 400 | 401 | 409 | 503, reason: string): Response {
  console.warn(`notion webhook refused (${status}): ${reason}`);
  return c.json({ ok: false, error: reason }, status);
}

export async function handleNotionWebhook(c: Context<AppEnv>): Promise<Response> {
  const raw = await c.req.text();
  // A person just acted (a decision, an edit, a row reaching a trigger): first at the rate gate.
  const services = servicesFor(c.var.config, 'decision');
  const now = new Date();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse(c, 400, 'Body is not JSON');
  }

  const secret = c.var.config.notion.webhookSecret;
  const verification = Verification.safeParse(body);
  if (verification.success) {
    if (secret) return refuse(c, 409, 'a verification token arrived, but NOTION_WEBHOOK_SECRET is already set; it was not stored');
    const stored = await services.store.getMeta(VERIFICATION_TOKEN_KEY);
    if (stored !== null && stored !== verification.data.verification_token) {
      return refuse(c, 409, 'a different verification token arrived, but one is already stored; it was not replaced');
    }
    if (stored === null) await services.store.setMeta(VERIFICATION_TOKEN_KEY, verification.data.verification_token, now);
    console.log('Notion sent the webhook verification token; it is stored in D1 (meta.notion_verification_token). Paste it into the integration’s Webhooks tab and set it as NOTION_WEBHOOK_SECRET.');
    return c.json({ ok: true });
  }

  if (!secret) return refuse(c, 503, 'NOTION_WEBHOOK_SECRET is not set');
  const valid = await verifyWebhookSignature({ body: raw, signature: c.req.header('x-notion-signature'), verificationToken: secret });
  const health = createWebhookStore(c.var.config.db);
  if (!valid) {
    await health.recordDelivery('refused', now);
    return refuse(c, 401, 'Bad signature');
  }
  await health.recordDelivery('verified', now);

  const event = WebhookEvent.safeParse(body);
  if (!event.success) return refuse(c, 400, 'Not a Notion event');
  const { id } = event.data;
  if (!(await services.store.markEventProcessed(id, now))) return c.json({ ok: true, duplicate: true });
  try {
    return c.json(await handleEvent(c, services, event.data, now));
  } catch (error) {
    // Not handled, whatever step failed (the bot's id, a page read, D1): the event id is
    // forgotten so Notion's retry of this delivery is handled, not skipped as a duplicate.
    await services.store.forgetEvent(id);
    await health.recordDelivery('failed', new Date());
    throw error;
  }
}

type Services = ReturnType<typeof servicesFor>;

async function handleEvent(c: Context<AppEnv>, services: Services, event: z.infer<typeof WebhookEvent>, now: Date): Promise<Record<string, unknown>> {
  const { type, authors, entity, data } = event;
  // A move or deletion anywhere above a page Baton remembered as allowed: it is walked again.
  await applyStandingEvent(createStandingStore(c.var.config.db), event, now);
  // A person's comment on a Run page: the learn step lists its comments only then (review/comment-signals.ts).
  const comment = await recordCommentSignal(services, event, now);
  if (comment) return { ok: true, ...comment };
  if (!services.notion || entity.type !== 'page' || !type.startsWith('page.')) return { ok: true, ignored: true };

  const bot = await services.notion.botUserId();
  const people = authors.filter((a) => a.id !== bot && a.type !== 'bot').map((a) => a.id);
  if (people.length === 0) return { ok: true, ignored: 'own edit' };

  const run = await services.store.getRunByPage(entity.id);
  if (run && type === 'page.content_updated' && run.status !== 'Needs review') {
    // A person's edit after the approval: the approver is told it was not published (late-edits.ts).
    return { ok: true, outcome: await lateEditFromEvent(services, run, now) };
  }
  if (run) {
    const page = await services.notion.retrievePage(entity.id);
    const updatedProperties = type === 'page.properties_updated' ? (data?.updated_properties ?? null) : null;
    const outcome = await applyReviewChange(services, page, { kind: 'webhook', authors: people, updatedProperties }, now);
    return { ok: true, outcome: outcome.kind };
  }
  const dataSourceId = data?.parent?.data_source_id;
  // A person edited a Workflows row: the next tick reads it even if Baton wrote to it since.
  if (dataSourceId && dataSourceId === c.var.config.notion.workflowsDataSourceId) {
    await services.store.markRowDirty(entity.id, now);
    return { ok: true, outcome: 'row_dirty' };
  }
  if (dataSourceId && (type === 'page.created' || type === 'page.properties_updated' || type === 'page.undeleted')) {
    const admitted = await handleRowEvent(services, entity.id, dataSourceId, now);
    if (admitted !== null) return { ok: true, outcome: 'row_observed', admitted };
  }
  return { ok: true, ignored: 'not a run or workflow row' };
}
