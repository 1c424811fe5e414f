// Helpers for the workerd tests: reset the stand-ins to the example world, tick the cron, act
// as a person in Notion, replay Notion's webhook deliveries into the worker, and read the
// stand-ins' request logs.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';
import type { FixtureRow } from '../fixtures/example-rows';
import { WORLD } from '../support/world';

export interface Logged {
  /** When the stand-in answered; `startedAt` when the request arrived. */
  at: string;
  startedAt: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  status: number;
}

const modelOrigin = () => env.MODEL_BASE_URL.replace(/\/v1\/?$/, '');
const driveOrigin = () => env.GOOGLE_API_URL.replace(/\/$/, '');

async function call(url: string, method = 'POST', body?: unknown): Promise<unknown> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

export const notionAdmin = (path: string, body?: unknown, method = 'POST') => call(`${env.NOTION_API_URL}/__admin/${path}`, method, body);
export const driveAdmin = (path: string, body?: unknown, method = 'POST') => call(`${driveOrigin()}/__admin/${path}`, method, body);
export const modelAdmin = (path: string, body?: unknown, method = 'POST') => call(`${modelOrigin()}/__admin/${path}`, method, body);

const TABLES = [
  'meta',
  'definitions',
  'schedule_slots',
  'runs',
  'processed_events',
  'artifacts',
  'drive_feeds',
  'drive_channels',
  'drive_watches',
  'drive_files_seen',
  'notion_watches',
  'notion_row_states',
  'run_now_requests',
];

/** Back to the seeded world: stand-ins reset, webhook mailbox emptied, Baton's D1 index empty. */
export async function resetWorld(): Promise<void> {
  await env.DB.batch(TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await notionAdmin('reset');
  // Reset keeps the stand-in's clock; a test that moved it must not leave later ones in the past.
  await notionAdmin('clock', { set: new Date().toISOString() });
  await notionAdmin('faults', undefined, 'DELETE');
  await notionAdmin('webhooks/knobs', { drop: 0, duplicate: 0, delayMs: 0, reorder: false }, 'PATCH');
  await driveAdmin('reset');
  await modelAdmin('reset');
  await call(`${env.MAILBOX_URL}/take`);
  await call(`${env.MAILBOX_URL}/take/drive`);
}

/**
 * Waits for the Drive stand-in's pending pushes, then hands each to the worker's /webhooks/drive
 * unchanged and waits for the work it started (waitUntil). Answers the route's statuses.
 */
export async function deliverDrivePushes(bindings: Cloudflare.Env = env): Promise<number[]> {
  await driveAdmin('push/idle');
  const held = (await call(`${env.MAILBOX_URL}/take/drive`)) as { headers: Record<string, string>; body: string }[];
  const statuses: number[] = [];
  for (const delivery of held) statuses.push(await postDrivePush(delivery.headers, bindings));
  return statuses;
}

/** One Drive notification, as Google would POST it. */
export async function postDrivePush(headers: Record<string, string>, bindings: Cloudflare.Env = env): Promise<number> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request('http://baton.test/webhooks/drive', { method: 'POST', headers }), bindings, ctx);
  await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return res.status;
}

/** Sets the Notion stand-in's clock, so last_edited_time agrees with the tick being simulated. */
export const setNotionClock = (at: string) => notionAdmin('clock', { set: at });

export async function tick(at: string, bindings: Cloudflare.Env = env): Promise<void> {
  const controller = createScheduledController({ cron: '* * * * *', scheduledTime: new Date(at) });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, bindings, ctx);
  await waitOnExecutionContext(ctx);
}

export async function createRow(row: FixtureRow, as: string = WORLD.alex): Promise<string> {
  const page = (await notionAdmin(`people/${as}/pages`, {
    parent: { type: 'data_source_id', data_source_id: WORLD.workflowsDataSource },
    properties: row.properties,
    markdown: row.markdown,
  })) as { id: string };
  return page.id;
}

export const updateAsPerson = (person: string, pageId: string, properties: Record<string, unknown>) =>
  notionAdmin(`people/${person}/pages/${pageId}`, { properties }, 'PATCH');

export const replaceMarkdownAsPerson = (person: string, pageId: string, markdown: string) =>
  notionAdmin(`people/${person}/pages/${pageId}/markdown`, { markdown }, 'PUT');

/** The Notion API requests received so far (admin calls left out). */
export async function notionRequests(): Promise<Logged[]> {
  return ((await notionAdmin('requests', undefined, 'GET')) as { requests: Logged[] }).requests.filter((r) => r.path.startsWith('/v1/'));
}

export async function modelRequests(): Promise<Logged[]> {
  return ((await modelAdmin('requests', undefined, 'GET')) as { requests: Logged[] }).requests;
}

export interface HeldDelivery {
  headers: Record<string, string>;
  body: string;
}

/** Waits for every queued webhook delivery, then hands each to the worker's route unchanged. */
export async function deliverWebhooks(bindings: Cloudflare.Env = env): Promise<unknown[]> {
  return postWebhooks(await takeWebhooks(), bindings);
}

/** Waits for every queued webhook delivery and holds them back: a delivery Notion makes later (postWebhooks). */
export async function takeWebhooks(): Promise<HeldDelivery[]> {
  await notionAdmin('webhooks/settle');
  return (await call(`${env.MAILBOX_URL}/take`)) as HeldDelivery[];
}

/** Hands one held delivery to the worker's route unchanged: its status and body. */
export async function postWebhook(delivery: HeldDelivery, bindings: Cloudflare.Env = env): Promise<{ status: number; body: unknown }> {
  const res = await worker.fetch(
    new Request('http://baton.test/webhooks/notion', { method: 'POST', headers: delivery.headers, body: delivery.body }),
    bindings,
    createExecutionContext(),
  );
  return { status: res.status, body: await res.json() };
}

/** Hands held deliveries to the worker's route unchanged, in order; answers its bodies. */
export async function postWebhooks(held: readonly HeldDelivery[], bindings: Cloudflare.Env = env): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const delivery of held) answers.push((await postWebhook(delivery, bindings)).body);
  return answers;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
