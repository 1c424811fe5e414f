// Webhooks (reference/webhooks, webhooks-events-delivery): the unsigned verification POST,
// X-Notion-Signature checked with the SDK's own verifyWebhookSignature, person versus bot
// authors, payload shapes, retries on 5xx with attempt_number, and the delivery knobs.
import { verifyWebhookSignature } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serve, type StandInServer } from '../shared/server';
import { type Harness, IDS, raw, startHarness } from './test-support';

interface Received {
  signature: string | undefined;
  body: string;
  json: any;
  at: number;
}

let h: Harness;
let receiver: StandInServer;
let received: Received[] = [];
let answers: number[] = [];
const TOKEN = 'secret_verification_token_for_tests';

beforeAll(async () => {
  receiver = await serve((req) => {
    const body = req.rawBody.toString('utf8');
    received.push({ signature: req.headers['x-notion-signature'] as string | undefined, body, json: JSON.parse(body), at: Date.now() });
    return { status: answers.shift() ?? 200 };
  });
  h = await startHarness();
});
beforeEach(() => {
  received = [];
  answers = [];
  h.standIn.configureWebhook({ url: `${receiver.url}/notion`, verificationToken: TOKEN, confirmed: true, backoffMs: 5 });
});
afterEach(async () => {
  await h.standIn.settleWebhooks();
  h.standIn.assertNoSchemaViolations();
});
afterAll(async () => {
  await h.standIn.close();
  await receiver.close();
});

const events = () => received.filter((r) => r.json.type);

describe('subscription', () => {
  it('sends one unsigned verification POST and nothing else until the subscription is confirmed', async () => {
    h.standIn.configureWebhook({ url: `${receiver.url}/notion`, verificationToken: TOKEN });
    await h.standIn.settleWebhooks();
    expect(received).toHaveLength(1);
    expect(received[0]!.json).toEqual({ verification_token: TOKEN });
    expect(received[0]!.signature).toBeUndefined();
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 11 } } });
    await h.standIn.settleWebhooks();
    expect(events()).toHaveLength(0);
    h.standIn.confirmWebhook();
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 12 } } });
    await h.standIn.settleWebhooks();
    expect(events()).toHaveLength(1);
  });

  it('can be configured and confirmed through the admin endpoints', async () => {
    const put = await raw(`${h.standIn.url}/__admin/webhooks`, { method: 'PUT', json: { url: `${receiver.url}/via-admin`, verificationToken: TOKEN, eventTypes: ['comment.created'] } });
    expect(put.status).toBe(200);
    expect(put.body.subscription).toMatchObject({ url: `${receiver.url}/via-admin`, confirmed: false, eventTypes: ['comment.created'] });
    await raw(`${h.standIn.url}/__admin/webhooks/confirm`, { method: 'POST' });
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 13 } } });
    await h.notion.comments.create({ parent: { page_id: IDS.firstRow }, rich_text: [{ text: { content: 'hi' } }] });
    const settled = await raw(`${h.standIn.url}/__admin/webhooks/settle`, { method: 'POST' });
    expect(settled.status).toBe(200);
    expect(events().map((e) => e.json.type)).toEqual(['comment.created']);
  });
});

describe('deliveries', () => {
  it('signs each delivery so that the SDK verifyWebhookSignature accepts it, and rejects a tampered body', async () => {
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Done: { checkbox: true } } });
    await h.standIn.settleWebhooks();
    const [event] = events();
    expect(event!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verifyWebhookSignature({ body: event!.body, signature: event!.signature, verificationToken: TOKEN })).toBe(true);
    expect(await verifyWebhookSignature({ body: event!.body.replace('"attempt_number":1', '"attempt_number":2'), signature: event!.signature, verificationToken: TOKEN })).toBe(false);
  });

  it("names the integration's bot as author of the API's own edits, with updated_properties as property ids", async () => {
    const ds = await h.notion.dataSources.retrieve({ data_source_id: IDS.dataSource });
    const statusId = ('properties' in ds ? ds.properties.Status : undefined)!.id;
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Status: { status: { name: 'Done' } } } });
    await h.standIn.settleWebhooks();
    const [event] = events();
    expect(event!.json).toMatchObject({
      type: 'page.properties_updated',
      authors: [{ id: IDS.bot, type: 'bot' }],
      attempt_number: 1,
      api_version: '2025-09-03',
      workspace_id: expect.any(String),
      subscription_id: expect.any(String),
      integration_id: expect.any(String),
      entity: { id: IDS.firstRow, type: 'page' },
      data: { parent: { id: IDS.database, type: 'database', data_source_id: IDS.dataSource }, updated_properties: [statusId] },
    });
    expect(Date.parse(event!.json.timestamp)).not.toBeNaN();
  });

  it('names a person as author when they edit, and stamps the page with them', async () => {
    const page = h.standIn.updatePageAsPerson(IDS.ada, IDS.secondRow, { properties: { Status: { status: { name: 'Doing' } } } });
    expect(page.last_edited_by).toEqual({ object: 'user', id: IDS.ada });
    h.standIn.replaceMarkdownAsPerson(IDS.ada, IDS.secondRow, 'Rotated on Monday.');
    await h.standIn.settleWebhooks();
    expect(events().map((e) => [e.json.type, e.json.authors])).toEqual([
      ['page.properties_updated', [{ id: IDS.ada, type: 'person' }]],
      ['page.content_updated', [{ id: IDS.ada, type: 'person' }]],
    ]);
    expect(events()[1]!.json.data.updated_blocks).toEqual([{ id: expect.any(String), type: 'block' }]);
    const fetched = await h.notion.pages.retrieve({ page_id: IDS.secondRow });
    expect(fetched).toMatchObject({ last_edited_by: { object: 'user', id: IDS.ada } });
  });

  it('reports page.created and comment.created with their parents', async () => {
    const page = await h.notion.pages.create({ parent: { page_id: IDS.notes }, properties: { title: { title: [{ text: { content: 'Follow-up' } }] } } });
    const comment = await raw(`${h.standIn.url}/__admin/people/${IDS.grace}/comments`, { method: 'POST', json: { parent: { page_id: page.id }, markdown: 'Looks good' } });
    expect(comment.status).toBe(200);
    await h.standIn.settleWebhooks();
    const [created, commented] = events().map((e) => e.json);
    expect(created).toMatchObject({ type: 'page.created', entity: { id: page.id, type: 'page' }, data: { parent: { id: IDS.notes, type: 'page' } }, authors: [{ id: IDS.bot, type: 'bot' }] });
    expect(commented).toMatchObject({
      type: 'comment.created',
      entity: { id: comment.body.id, type: 'comment' },
      data: { page_id: page.id, parent: { id: page.id, type: 'page' } },
      authors: [{ id: IDS.grace, type: 'person' }],
    });
  });

  it('reports page.moved by the person who moved it, with the new parent', async () => {
    const page = await h.notion.pages.create({ parent: { page_id: IDS.notes }, properties: { title: { title: [{ text: { content: 'Moving' } }] } } });
    const moved = await raw(`${h.standIn.url}/__admin/people/${IDS.grace}/pages/${page.id}/move`, { method: 'POST', json: { parent: { page_id: IDS.root } } });
    expect(moved.status).toBe(200);
    await h.standIn.settleWebhooks();
    expect(events().map((e) => e.json).find((e) => e.type === 'page.moved')).toMatchObject({
      entity: { id: page.id, type: 'page' },
      data: { parent: { id: IDS.root, type: 'page' } },
      authors: [{ id: IDS.grace, type: 'person' }],
    });
  });

  it('says nothing about pages the integration cannot see', async () => {
    h.standIn.replaceMarkdownAsPerson(IDS.ada, IDS.private, 'Secret edit');
    await h.standIn.settleWebhooks();
    expect(events()).toHaveLength(0);
  });

  it('retries a delivery answered with 5xx, with the same event id and attempt_number increasing', async () => {
    answers = [500, 503];
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 21 } } });
    await h.standIn.settleWebhooks();
    const attempts = events();
    expect(attempts.map((a) => a.json.attempt_number)).toEqual([1, 2, 3]);
    expect(new Set(attempts.map((a) => a.json.id)).size).toBe(1);
    for (const a of attempts) expect(await verifyWebhookSignature({ body: a.body, signature: a.signature, verificationToken: TOKEN })).toBe(true);
    expect(h.standIn.webhookDeliveries().filter((d) => d.eventId === attempts[0]!.json.id).map((d) => d.status)).toEqual([500, 503, 200]);
  });

  it('stops retrying when the stand-in closes, however long the backoff', async () => {
    const other = await startHarness({ webhook: { url: `${receiver.url}/down`, verificationToken: TOKEN, confirmed: true, backoffMs: 60_000 } });
    answers = [500];
    await other.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 23 } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await other.standIn.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(events()).toHaveLength(1);
  });

  it('does not retry a delivery answered with 4xx', async () => {
    answers = [400];
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 22 } } });
    await h.standIn.settleWebhooks();
    expect(events()).toHaveLength(1);
  });
});

describe('knobs', () => {
  it('drops events', async () => {
    h.standIn.setWebhookKnobs({ drop: 1 });
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 31 } } });
    await h.standIn.settleWebhooks();
    expect(events()).toHaveLength(0);
    expect(h.standIn.webhookDeliveries().at(-1)).toMatchObject({ status: 'dropped', type: 'page.properties_updated' });
  });

  it('duplicates events, so receivers must dedupe by event id', async () => {
    h.standIn.setWebhookKnobs({ duplicate: 1 });
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 32 } } });
    await h.standIn.settleWebhooks();
    expect(events()).toHaveLength(2);
    expect(events()[0]!.json.id).toBe(events()[1]!.json.id);
  });

  it('delays events', async () => {
    h.standIn.setWebhookKnobs({ delayMs: 150 });
    const started = Date.now();
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 33 } } });
    await h.standIn.settleWebhooks();
    expect(events()[0]!.at - started).toBeGreaterThanOrEqual(140);
  });

  it('reorders events, so receivers must sort by timestamp', async () => {
    h.standIn.setWebhookKnobs({ reorder: true, reorderWindowMs: 10_000 });
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 34 } } });
    await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Done: { checkbox: false } } });
    await h.standIn.settleWebhooks();
    const ds = await h.notion.dataSources.retrieve({ data_source_id: IDS.dataSource });
    const doneId = ('properties' in ds ? ds.properties.Done : undefined)!.id;
    const [first, second] = events().map((e) => e.json);
    // The later edit (Done) arrives first; the timestamps still tell the true order.
    expect(first.data.updated_properties).toEqual([doneId]);
    expect(second.data.updated_properties).not.toEqual([doneId]);
    expect(Date.parse(first.timestamp)).toBeGreaterThanOrEqual(Date.parse(second.timestamp));
  });
});
