// Limits and errors exactly as Notion documents them (reference/request-limits,
// reference/status-codes): text over 2000 characters, more than 100 children, children nested
// too deep in one request, pages not shared, missing version, bad JSON, and the request budget
// with 429 + Retry-After that the SDK's own retry then gets past.
import type { BlockObjectRequest } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, raw, startHarness, TOKEN } from './test-support';

let h: Harness;
let pageId: string;
beforeAll(async () => {
  h = await startHarness();
  pageId = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Limits' } }] } } })).id;
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

// Typed loosely on purpose: the nesting test builds a shape the SDK types forbid.
const paragraph = (content: string, children?: object[]) => ({ bulleted_list_item: { rich_text: [{ text: { content } }], ...(children ? { children } : {}) } }) as BlockObjectRequest;

describe('size limits', () => {
  it('refuses text content of 2001 characters with the path to it', async () => {
    const error = await failure(h.notion.blocks.children.append({ block_id: pageId, children: [{ paragraph: { rich_text: [{ text: { content: 'x'.repeat(2001) } }] } }] }));
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_error',
      message: 'body failed validation: body.children[0].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.',
    });
    const property = await failure(h.notion.pages.update({ page_id: IDS.firstRow, properties: { Notes: { rich_text: [{ text: { content: 'y'.repeat(2001) } }] } } }));
    expect(property.message).toBe('body failed validation: body.properties.Notes.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.');
  });

  it('accepts exactly 2000 characters', async () => {
    await h.notion.blocks.children.append({ block_id: pageId, children: [{ paragraph: { rich_text: [{ text: { content: 'x'.repeat(2000) } }] } }] });
  });

  it('refuses 101 children in one request', async () => {
    const error = await failure(h.notion.blocks.children.append({ block_id: pageId, children: Array.from({ length: 101 }, (_, i) => paragraph(`${i}`)) }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'body failed validation: body.children.length should be ≤ `100`, instead was `101`.' });
  });

  it('refuses more than two levels of nesting below the children of one request', async () => {
    const deepest = [paragraph('level 4')];
    const tooDeep = [paragraph('level 1', [paragraph('level 2', [paragraph('level 3', deepest)])])];
    const error = await failure(h.notion.blocks.children.append({ block_id: pageId, children: tooDeep }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_error');
    expect(error.message).toMatch(
      /^body failed validation: body\.children\[0\]\.bulleted_list_item\.children\[0\]\.bulleted_list_item\.children\[0\]\.bulleted_list_item\.children should be not present, instead was `\[\{"bulleted_list_item":.*\.\.\.`\.$/,
    );
    // The SDK's own types forbid this shape too, so the request is also a recorded violation.
    expect(h.standIn.takeSchemaViolations().map((v) => v.direction)).toEqual(['request']);
    // Two levels pass.
    await h.notion.blocks.children.append({ block_id: pageId, children: [paragraph('1', [paragraph('2', [paragraph('3')])])] });
  });

  it('answers 404 with the sharing hint for a page that exists but is not shared', async () => {
    const error = await failure(h.notion.blocks.children.append({ block_id: IDS.private, children: [paragraph('x')] }));
    expect(error).toMatchObject({
      status: 404,
      code: 'object_not_found',
      message: `Could not find block with ID: ${IDS.private}. Make sure the relevant pages and databases are shared with your integration "Baton".`,
    });
  });
});

describe('request errors', () => {
  it('answers 400 missing_version without a Notion-Version header', async () => {
    const response = await raw(`${h.standIn.url}/v1/users/me`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      object: 'error',
      status: 400,
      code: 'missing_version',
      message: 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    });
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const response = await raw(`${h.standIn.url}/v1/pages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'notion-version': '2025-09-03' },
      body: '{"parent":',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_json', message: 'Error parsing JSON body.' });
  });

  it('answers 400 invalid_request_url for an endpoint that does not exist', async () => {
    const response = await raw(`${h.standIn.url}/v1/nothing-here`, { headers: { authorization: `Bearer ${TOKEN}`, 'notion-version': '2025-09-03' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_request_url' });
  });

  it('answers 401 unauthorized without a known bearer token', async () => {
    const response = await raw(`${h.standIn.url}/v1/users/me`, { headers: { 'notion-version': '2025-09-03' } });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'unauthorized', request_id: expect.any(String) });
  });
});

describe('rate limits', () => {
  it('answers a burst over the budget with 429 and Retry-After, and the SDK retry then succeeds', async () => {
    h.standIn.setRateLimit({ requests: 3, perMs: 1000 });
    try {
      const strict = h.client({ retry: false });
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => strict.users.me({})));
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected.length).toBe(2);
      const error = (rejected[0] as PromiseRejectedResult).reason as { code: string; status: number; headers: Headers };
      expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(error.headers.get('retry-after')).toBe('1');

      // A fresh budget; the default client retries after Retry-After seconds and gets through.
      h.standIn.setRateLimit({ requests: 3, perMs: 1000 });
      const started = Date.now();
      const users = await Promise.all(Array.from({ length: 5 }, () => h.notion.users.me({})));
      expect(users.every((u) => u.id === IDS.bot)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      const limited = h.standIn.requests.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(limited[0]!.response).toMatchObject({ object: 'error', status: 429, code: 'rate_limited', additional_data: { rate_limit_reason: 'public_api_request_rate_limit' } });
    } finally {
      h.standIn.setRateLimit(undefined);
    }
  });

  it('also limits the workspace as a whole, and the 429 says which limit was hit', async () => {
    h.standIn.setRateLimit({ connection: { requests: 10, perMs: 60_000 }, workspace: { requests: 2, perMs: 5000 } });
    try {
      const strict = h.client({ retry: false });
      const results = await Promise.allSettled(Array.from({ length: 3 }, () => strict.users.me({})));
      const rejected = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { status: number; additional_data?: unknown; headers: Headers });
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ status: 429, additional_data: { rate_limit_reason: 'public_api_space_request_rate_limit' } });
      expect(Number(rejected[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
    } finally {
      h.standIn.setRateLimit(undefined);
    }
  });
});
