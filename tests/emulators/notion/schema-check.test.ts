// The schema fidelity check: JSON Schemas generated from the SDK's own types validate every
// request, response and webhook. A response that breaks them (a page without `url`) is caught,
// as is a field 2026-03-11 removed, and a vitest globalSetup fails the run on any violation.
import { Client, LogLevel } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notionGlobalSetup } from './global-setup';
import { defaultSeed } from './seed';
import { failure, type Harness, IDS, startHarness, TOKEN } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // Test-only hook: break responses on purpose.
    responseHook: ({ endpoint, body }) => {
      const page = body as Record<string, unknown>;
      if (endpoint === 'GET /v1/pages/:page_id' && page.id === IDS.firstRow) {
        const { url: _url, ...rest } = page;
        return rest;
      }
      if (endpoint === 'GET /v1/pages/:page_id' && page.id === IDS.secondRow) return { ...page, archived: false };
      return body;
    },
  });
});
afterAll(() => h.standIn.close());

describe('schema check', () => {
  it('reports how the schemas were obtained and how long it took', () => {
    const info = h.standIn.schemaInfo;
    expect(info.sdkVersion).toBe('5.26.0');
    expect(info.cacheDir).toContain('notion-stand-in-schemas');
    expect(info.elapsedMs).toBeGreaterThan(0);
    expect(info.generationMs).toBeGreaterThan(0);
  });

  it('catches a page response without `url`', async () => {
    const page = await h.notion.pages.retrieve({ page_id: IDS.firstRow });
    expect('url' in page).toBe(false);
    const [violation, ...rest] = h.standIn.schemaViolations;
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ direction: 'response', endpoint: 'GET /v1/pages/:page_id', type: 'PageObjectResponse', version: '2025-09-03' });
    expect(violation!.errors[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'url' } });
    expect(() => h.standIn.assertNoSchemaViolations()).toThrow(/GET \/v1\/pages\/:page_id \(PageObjectResponse, 2025-09-03\)/);
    h.standIn.takeSchemaViolations();
    expect(() => h.standIn.assertNoSchemaViolations()).not.toThrow();
  });

  it('knows that 2026-03-11 removed `archived`: a response that still has it is caught', async () => {
    await h.client({ version: '2026-03-11' }).pages.retrieve({ page_id: IDS.secondRow });
    const violations = h.standIn.takeSchemaViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ version: '2026-03-11', errors: [{ keyword: 'additionalProperties', params: { additionalProperty: 'archived' } }] });
    // The same response is right on 2025-09-03.
    await h.notion.pages.retrieve({ page_id: IDS.secondRow });
    expect(h.standIn.takeSchemaViolations()).toEqual([]);
  });

  it('records a request the SDK types reject and answers it like Notion, with validation_error', async () => {
    const error = await failure(
      h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'x' } }] } }, icon: { emoji: '🎯', size: 'large' } as never }),
    );
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
    const violations = h.standIn.takeSchemaViolations();
    expect(violations.map((v) => [v.direction, v.endpoint, v.type])).toEqual([['request', 'POST /v1/pages', 'CreatePageParameters']]);
  });

  it('checks path and query parameters together with the body, as the Parameters types expect', async () => {
    await h.notion.blocks.children.list({ block_id: IDS.notes, page_size: 1 });
    await h.notion.dataSources.query({ data_source_id: IDS.dataSource, filter_properties: ['title'] });
    expect(h.standIn.takeSchemaViolations()).toEqual([]);
  });
});

describe('globalSetup helper', () => {
  it('fails the run at teardown when any violation was recorded', async () => {
    let url = '';
    const setup = notionGlobalSetup({
      seed: defaultSeed({ token: TOKEN }),
      responseHook: ({ body }) => ({ ...(body as object), unexpected: true }),
    });
    const teardown = await setup({ provide: (key, value) => key === 'notionUrl' && (url = String(value)) });
    const notion = new Client({ auth: TOKEN, baseUrl: url, notionVersion: '2025-09-03', logLevel: LogLevel.ERROR });
    await notion.users.me({});
    await expect(teardown()).rejects.toThrow(/1 schema violation/);
  });
});
