import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, IDS, startHarness, type Harness } from './test-support';

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
