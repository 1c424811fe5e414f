// Checking a row trigger's database against Notion (check-links.ts, allowed-roots.ts): shared,
// inside the allowed pages, and holding the column and value the row names. Notion is a small
// fake answering as the API does: 404 object_not_found for what is not shared, 400
// validation_error for a page id on databases.retrieve, the schema on the data source.
import { APIErrorCode, APIResponseError, type DataSourceObjectResponse, type PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { buildDefinition, rowProblemMessage } from '../../src/registry';
import { createRootsGuard } from '../../src/registry/allowed-roots';
import { createLinkChecker } from '../../src/registry/check-links';
import type { Services } from '../../src/services';
import type { RowTrigger, WorkflowDefinition } from '../../src/domain/workflow-definition';
import { DEAL_STAGES, examplePage, FIXTURE_IDS, FIXTURE_URLS as L, kickoffBrief } from '../fixtures/example-rows';

const ROOT = 'cccccccc-0000-4000-8000-000000000001';
const CRM = 'cccccccc-0000-4000-8000-000000000002';
const ELSEWHERE = 'cccccccc-0000-4000-8000-000000000003';
const DEALS = FIXTURE_IDS.dealsDatabase;
const DEALS_SOURCE = FIXTURE_IDS.dealsDataSource;
const OUTSIDE_DB = 'cccccccc-0000-4000-8000-000000000004';
const HIDDEN_DB = 'cccccccc-0000-4000-8000-000000000005';

const error = (code: APIErrorCode, status: number, message: string) =>
  new APIResponseError({ code, status, message, headers: new Headers(), rawBodyText: '', additional_data: undefined, request_id: undefined });
const notFound = (id: string) => error(APIErrorCode.ObjectNotFound, 404, `Could not find database with ID: ${id}.`);

const page = (id: string, parent: PageObjectResponse['parent']) => ({ object: 'page', id, parent, in_trash: false }) as unknown as PageObjectResponse;
const PAGES: Record<string, PageObjectResponse> = {
  [ROOT]: page(ROOT, { type: 'workspace', workspace: true }),
  [CRM]: page(CRM, { type: 'page_id', page_id: ROOT }),
  [ELSEWHERE]: page(ELSEWHERE, { type: 'workspace', workspace: true }),
};
const DATABASES: Record<string, { id: string; title: string; dataSourceIds: string[]; parentPageId: string | null }> = {
  [DEALS]: { id: DEALS, title: 'Deals', dataSourceIds: [DEALS_SOURCE], parentPageId: CRM },
  [OUTSIDE_DB]: { id: OUTSIDE_DB, title: 'Leads', dataSourceIds: ['leads-source'], parentPageId: ELSEWHERE },
  [HIDDEN_DB]: { id: HIDDEN_DB, title: 'Secret', dataSourceIds: ['secret-source'], parentPageId: 'cccccccc-0000-4000-8000-0000000000ff' },
};

/** The Deals data source as GET /v1/data_sources/{id} returns its schema. */
function dealsSource(inTrash = false): DataSourceObjectResponse {
  const property = (name: string, type: string, config: object = {}) => ({ id: name.slice(0, 3), name, description: null, type, [type]: config });
  const options = (names: readonly string[]) => ({ options: names.map((name, i) => ({ id: `o${i}`, name, color: 'default', description: null })) });
  return {
    object: 'data_source',
    id: DEALS_SOURCE,
    in_trash: inTrash,
    properties: {
      Name: property('Name', 'title'),
      Stage: property('Stage', 'select', options(DEAL_STAGES)),
      Client: property('Client', 'rich_text'),
      Amount: property('Amount', 'number', { format: 'number' }),
      Owner: property('Owner', 'people'),
      Signed: property('Signed', 'checkbox'),
      Health: property('Health', 'status', { ...options(['Not started', 'At risk', 'Done']), groups: [] }),
      Contract: property('Contract', 'files'),
    },
  } as unknown as DataSourceObjectResponse;
}

function fakeServices(options: { sourceInTrash?: boolean; fail?: APIResponseError } = {}): Services & { calls: string[] } {
  const calls: string[] = [];
  const notion = {
    async retrievePage(id: string) {
      calls.push(`page ${id}`);
      if (options.fail) throw options.fail;
      if (DATABASES[id]) throw error(APIErrorCode.ValidationError, 400, `Provided ID ${id} is a database, not a page. Use the retrieve database API instead.`);
      const hit = PAGES[id];
      if (!hit) throw notFound(id);
      return hit;
    },
    async retrieveDatabase(id: string) {
      calls.push(`database ${id}`);
      if (options.fail) throw options.fail;
      if (PAGES[id]) throw error(APIErrorCode.ValidationError, 400, `Provided ID ${id} is a page, not a database. Use the retrieve page API instead.`);
      const hit = DATABASES[id];
      if (!hit) throw notFound(id);
      return hit;
    },
    async retrieveDataSource(id: string) {
      calls.push(`data source ${id}`);
      if (id !== DEALS_SOURCE) throw notFound(id);
      return dealsSource(options.sourceInTrash);
    },
  };
  return {
    calls,
    config: { allowedDriveRoots: [], allowedNotionPages: [ROOT], google: {} },
    notion,
    drive: null,
  } as unknown as Services & { calls: string[] };
}

const trigger = (change: Partial<RowTrigger> = {}): RowTrigger => ({
  databaseId: DEALS,
  url: L.deals,
  label: 'Deals',
  property: 'Stage',
  value: 'Closed won',
  ...change,
});

async function check(rowTrigger: RowTrigger, services = fakeServices()) {
  const { definition } = await buildDefinition({ page: examplePage(kickoffBrief), markdown: kickoffBrief.markdown, defaultTimeZone: 'UTC', now: new Date('2026-11-24T10:00:00Z') });
  if (!definition) throw new Error('fixture changed');
  const only: WorkflowDefinition = { ...definition, context: [], watchFolder: null, outputFolder: null, outputPage: null, rowTrigger };
  return createLinkChecker(services).check(only);
}

describe("a row trigger's database", () => {
  it('passes when it is shared, under an allowed page, and has the column and value', async () => {
    expect(await check(trigger())).toEqual([]);
    expect(await check(trigger({ property: 'stage', value: 'closed WON' }))).toEqual([]);
    expect(await check(trigger({ property: 'Signed', value: 'checked' }))).toEqual([]);
    expect(await check(trigger({ property: 'Health', value: 'at risk' }))).toEqual([]);
    expect(await check(trigger({ property: 'Client', value: 'Acme Corp' }))).toEqual([]);
  });

  it('names the columns it has when the named one is missing', async () => {
    const [problem] = await check(trigger({ property: 'Status' }));
    expect(problem).toMatchObject({ kind: 'trigger_property_missing', database: 'Deals', property: 'Status' });
    expect(rowProblemMessage(problem!)).toContain(
      "the 'Deals' database has no 'Status' column — it has 'Name', 'Stage', 'Client', 'Amount', 'Owner', 'Signed', 'Health' and 'Contract'",
    );
  });

  it('names the options when the value is not one of them', async () => {
    const [problem] = await check(trigger({ value: 'Won' }));
    expect(problem).toMatchObject({ kind: 'trigger_value_unknown', type: 'select', options: [...DEAL_STAGES] });
    expect(rowProblemMessage(problem!)).toContain("'Won' is not one of the 'Stage' options in 'Deals' — use one of 'Lead', 'Proposal', 'Closed won' and 'Closed lost'");
    const [checkbox] = await check(trigger({ property: 'Signed', value: 'maybe' }));
    expect(rowProblemMessage(checkbox!)).toContain("is a checkbox, so 'maybe' can't be its value — write 'checked' or 'unchecked'");
  });

  it('refuses a column a value cannot be compared with', async () => {
    const [problem] = await check(trigger({ property: 'Contract', value: 'signed.pdf' }));
    expect(problem).toMatchObject({ kind: 'trigger_property_unsupported', type: 'files' });
    expect(rowProblemMessage(problem!)).toContain("'Contract' in 'Deals' is a Files column");
  });

  it('says a database that is not shared is not shared, in database words', async () => {
    const [problem] = await check(trigger({ databaseId: 'cccccccc-0000-4000-8000-0000000000aa' }));
    expect(problem).toMatchObject({ kind: 'link_not_shared', field: 'Trigger', service: 'notion' });
    expect(rowProblemMessage(problem!)).toContain("Trigger 'Deals' (" + L.deals + ") can't be opened: the Notion database is not shared with Baton");
  });

  it('refuses a database outside the allowed pages, or under a page Baton cannot see', async () => {
    expect((await check(trigger({ databaseId: OUTSIDE_DB }))).map((p) => p.kind)).toEqual(['link_outside_allowed_roots']);
    expect((await check(trigger({ databaseId: HIDDEN_DB }))).map((p) => p.kind)).toEqual(['link_parent_not_shared']);
  });

  it('refuses a page where a database should be', async () => {
    const [problem] = await check(trigger({ databaseId: CRM }));
    expect(problem).toMatchObject({ kind: 'trigger_link_not_database', found: 'notion_page' });
    expect(rowProblemMessage(problem!)).toContain('which is not a Notion database (it is a Notion page)');
  });

  it("refuses a database whose data source is in the trash", async () => {
    expect((await check(trigger(), fakeServices({ sourceInTrash: true }))).map((p) => p.kind)).toEqual(['page_trashed']);
  });

  it('lets a rate limit through for the sync to try again', async () => {
    const limited = error(APIErrorCode.RateLimited, 429, 'Rate limited');
    await expect(check(trigger(), fakeServices({ fail: limited }))).rejects.toBe(limited);
  });

  it('looks each database up once per check', async () => {
    const services = fakeServices();
    const guard = createRootsGuard(services);
    expect(await guard.notionDatabase(DEALS)).toBe('allowed');
    expect(await guard.notionDatabase(DEALS)).toBe('allowed');
    expect(await guard.notion(DEALS)).toBe('database');
    expect(services.calls.filter((c) => c === `database ${DEALS}`)).toHaveLength(1);
  });
});
