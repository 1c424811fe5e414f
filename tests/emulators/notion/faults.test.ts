import { Client, LogLevel } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_EXEMPT_HEADER } from '../shared/fault-rate';
import { failure, IDS, raw, startHarness, TOKEN, type Harness } from './test-support';

describe('Notion stand-in: server faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.standIn.close();
  });

  it('answers an injected 503 in Notion’s error shape, and the SDK retries a GET through it', async () => {
    h.standIn.injectFault({ method: 'GET', path: '^/v1/pages/', status: 503, count: 1 });
    const page = await h.client({ retry: true }).pages.retrieve({ page_id: IDS.notes });
    expect(page.id).toBe(IDS.notes);
    expect(h.standIn.requests.filter((r) => r.path === `/v1/pages/${IDS.notes}`).map((r) => r.status).slice(-2)).toEqual([503, 200]);
  });

  it('fails a create with 500 after applying it, so a blind retry would duplicate the page', async () => {
    const res = await fetch(`${h.standIn.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ method: 'POST', path: '^/v1/pages$', status: 500, afterCommit: true }) });
    expect(res.status).toBe(200);
    const notion = h.client({ retry: true });
    const error = await failure(
      notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Committed then failed' } }] } } }),
    );
    expect(error).toMatchObject({ status: 500, code: 'internal_server_error', body: { object: 'error', status: 500 } });
    const found = await notion.search({ query: 'Committed then failed' });
    expect(found.results).toHaveLength(1);
  });

  it('rejects a fault rule it cannot apply', async () => {
    const res = await fetch(`${h.standIn.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ status: 418 }) });
    expect(res.status).toBe(400);
  });
});

describe('Notion stand-in: fault rate', () => {
  let h: Harness;
  const admin = (method: string, body?: unknown) => raw(`${h.standIn.url}/__admin/fault-rate`, { method, json: body });
  const create = (notion: Client, title: string) =>
    notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: title } }] } } });
  const found = async (title: string) => (await h.notion.search({ query: title })).results.length;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(() => h.standIn.clearFaultRate());
  afterAll(async () => {
    await h.standIn.close();
  });

  it('answers 429 rate_limited with an integer Retry-After, and never faults admin calls', async () => {
    expect((await admin('PUT', { rate: 1, statuses: [429], retryAfter: 2 })).status).toBe(200);
    const error = await failure(h.client({ retry: false }).pages.retrieve({ page_id: IDS.notes }));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', body: { object: 'error', status: 429, code: 'rate_limited' } });
    expect((error.headers as Headers).get('retry-after')).toBe('2');
    expect((await raw(`${h.standIn.url}/__admin/clock`)).status).toBe(200);
    const { body } = await admin('GET');
    expect(body.counts).toMatchObject({ requests: 1, injected: 1, byKind: { '429': 1 }, byEndpoint: { 'GET /v1/pages/{id}': { '429': 1 } } });
  });

  it('sends 529 service_overload with Retry-After', async () => {
    h.standIn.setFaultRate({ rate: 1, statuses: [529], retryAfter: 0 });
    const error = await failure(h.client({ retry: false }).pages.retrieve({ page_id: IDS.notes }));
    expect(error).toMatchObject({ status: 529, code: 'service_overload' });
    expect((error.headers as Headers).get('retry-after')).toBe('0');
  });

  it('applies a faulted write before the error when asked, so a blind retry duplicates it', async () => {
    h.standIn.setFaultRate({ rate: 1, statuses: [500], afterCommitShare: 1 });
    expect(await failure(create(h.client({ retry: false }), 'Rate committed'))).toMatchObject({ status: 500, code: 'internal_server_error' });
    h.standIn.setFaultRate({ rate: 1, statuses: [429], afterCommitShare: 1 });
    expect(await failure(create(h.client({ retry: false }), 'Rate limited, not committed'))).toMatchObject({ status: 429 });
    expect(h.standIn.faultRateCounts().byKind).toEqual({ '429': 1 });
    h.standIn.clearFaultRate();
    expect(await found('Rate committed')).toBe(1);
    expect(await found('Rate limited, not committed')).toBe(0);
  });

  it('holds a timed-out write past the client timeout, applied or not', async () => {
    const impatient = new Client({ auth: TOKEN, baseUrl: h.standIn.url, notionVersion: '2025-09-03', logLevel: LogLevel.ERROR, retry: false, timeoutMs: 100 });
    h.standIn.setFaultRate({ rate: 1, timeoutShare: 1, timeoutMs: 300, afterCommitShare: 1 });
    await expect(create(impatient, 'Timed out but applied')).rejects.toMatchObject({ code: 'notionhq_client_request_timeout' });
    h.standIn.setFaultRate({ rate: 1, timeoutShare: 1, timeoutMs: 300, afterCommitShare: 0 });
    await expect(create(impatient, 'Timed out, dropped')).rejects.toMatchObject({ code: 'notionhq_client_request_timeout' });
    expect(h.standIn.faultRateCounts().byKind).toEqual({ 'timeout (not applied)': 1 });
    h.standIn.clearFaultRate();
    await new Promise((r) => setTimeout(r, 350));
    expect(await found('Timed out but applied')).toBe(1);
    expect(await found('Timed out, dropped')).toBe(0);
    const late = h.standIn.requests.filter((r) => r.path === '/v1/pages' && r.method === 'POST').slice(-2).map((r) => r.status);
    expect(late).toEqual([200, 504]);
  });

  it('fails about the given share, the same requests for the same seed', async () => {
    const statuses = async () => {
      h.standIn.setFaultRate({ rate: 0.3, seed: 42 });
      const notion = h.client({ retry: false });
      const out: number[] = [];
      for (let i = 0; i < 100; i += 1) out.push(await notion.users.me({}).then(() => 200, (e: { status: number }) => e.status));
      return out;
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    const failed = first.filter((s) => s !== 200);
    expect(failed.length).toBeGreaterThan(15);
    expect(failed.length).toBeLessThan(45);
    expect(new Set(failed)).toEqual(new Set([429, 500, 503, 504, 529]));
    expect(h.standIn.faultRateCounts()).toMatchObject({ requests: 100, injected: failed.length });
  });

  it('only faults the paths and methods it is given, and stops when turned off (counts kept)', async () => {
    h.standIn.setFaultRate({ rate: 1, statuses: [503], paths: '^/v1/comments', methods: ['POST'] });
    await h.client({ retry: false }).pages.retrieve({ page_id: IDS.notes });
    expect((await admin('DELETE')).body).toMatchObject({ settings: null, counts: { requests: 0, injected: 0 } });
  });

  it('lets an observer read through it with the exempt header, uncounted', async () => {
    h.standIn.setFaultRate({ rate: 1 });
    const res = await raw(`${h.standIn.url}/v1/users/me`, { headers: { authorization: `Bearer ${TOKEN}`, 'notion-version': '2025-09-03', [FAULT_EXEMPT_HEADER]: '1' } });
    expect(res.status).toBe(200);
    expect(h.standIn.faultRateCounts().requests).toBe(0);
  });

  it('refuses settings it cannot apply', async () => {
    expect((await admin('PUT', { rate: 2 })).status).toBe(400);
    expect((await admin('PUT', { rate: 0.1, statuses: [418] })).status).toBe(400);
    expect((await admin('PUT', { rate: 0.1, wobble: true })).status).toBe(400);
    expect((await admin('GET')).body.settings).toBeNull();
  });
});
