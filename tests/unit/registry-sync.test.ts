// Issue 8: in the registry sync, one row's failure is that row's alone. A rate limit or outage
// leaves the row for the next tick without writing anything on it; any other failure is written
// on its Health. Notion and D1 are small in-memory fakes; the workerd test in
// tests/integration/registry.test.ts runs the poison row against the stand-ins.
import { APIErrorCode, APIResponseError, type PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { syncRegistry } from '../../src/registry/sync';
import type { Services } from '../../src/services';
import type { DefinitionRecord, StoredDefinition } from '../../src/adapters/store';
import { examplePage, variant, weeklyBrief } from '../fixtures/example-rows';

const error = (code: APIErrorCode, status: number) =>
  new APIResponseError({ code, status, message: `${code} from Notion`, headers: new Headers(), rawBodyText: '', additional_data: undefined, request_id: undefined });

const GOOD = '3b000000-0000-4000-8000-000000000001';
const FLAKY = '3b000000-0000-4000-8000-000000000002';
const BROKEN = '3b000000-0000-4000-8000-000000000003';

function world() {
  const rows = [GOOD, FLAKY, BROKEN].map((id) => examplePage(variant({ ...weeklyBrief, pageId: id }, {})));
  const meta = new Map<string, string>();
  const definitions = new Map<string, StoredDefinition>();
  const dirty = new Set<string>();
  const writes: { id: string; health: string }[] = [];
  const markdownFailures = new Map<string, APIResponseError[]>([
    [FLAKY, [error(APIErrorCode.ServiceUnavailable, 503)]],
    [BROKEN, [error(APIErrorCode.ValidationError, 400)]],
  ]);
  let queryResult: PageObjectResponse[] = rows;
  const notion = {
    queryDataSource: async () => [...queryResult],
    botUserId: async () => 'baton-bot',
    retrievePage: async (id: string) => {
      const row = rows.find((r) => r.id === id);
      if (row) return row;
      throw error(APIErrorCode.ObjectNotFound, 404);
    },
    retrieveDatabase: async () => {
      throw error(APIErrorCode.ObjectNotFound, 404);
    },
    readMarkdown: async (id: string) => {
      const failure = markdownFailures.get(id)?.shift();
      if (failure) throw failure;
      return { markdown: weeklyBrief.markdown, truncated: false };
    },
    updatePage: async (id: string, properties: { Health: { rich_text: { text: { content: string } }[] } }) => {
      writes.push({ id, health: properties.Health.rich_text.map((t) => t.text.content).join('') });
      return rows.find((r) => r.id === id);
    },
  };
  const store = {
    getMeta: async (key: string) => meta.get(key) ?? null,
    setMeta: async (key: string, value: string) => void meta.set(key, value),
    markRowDirty: async (id: string) => void dirty.add(id),
    takeDirtyRows: async () => {
      const taken = [...dirty];
      dirty.clear();
      return taken;
    },
    getDefinition: async (id: string) => definitions.get(id) ?? null,
    saveDefinition: async (r: DefinitionRecord) =>
      void definitions.set(r.pageId, {
        page_id: r.pageId,
        name: r.name,
        state: r.state,
        content_hash: r.contentHash,
        definition_json: r.definition,
        runnable: r.runnable,
        health: r.health,
        next_run: r.nextRun,
        in_trash: false,
        last_failure: null,
        synced_at: '',
      }),
    definitionIds: async () => [...definitions.keys()],
    markTrashed: async () => undefined,
  };
  const services = {
    config: {
      notion: { workflowsDataSourceId: 'workflows-ds' },
      defaultTimeZone: 'UTC',
      requireReviewer: false,
      allowedDriveRoots: [],
      allowedNotionPages: [],
      google: { serviceAccountEmail: 'baton@acme.iam.gserviceaccount.com' },
    },
    notion,
    drive: null,
    store,
  } as unknown as Services;
  return { services, writes, definitions, dirty, quiet: () => (queryResult = []) };
}

describe('registry sync, one row at a time', () => {
  it('leaves a row Notion answered 503 for to the next tick, writes nothing on it, and syncs the rest', async () => {
    const w = world();
    const first = await syncRegistry(w.services, new Date('2026-11-24T10:00:00Z'));
    expect(first).toMatchObject({ queried: 3, read: 3, deferred: 1, failed: 1, full: true });
    expect(w.writes.map((x) => x.id).sort()).toEqual([GOOD, BROKEN].sort());
    expect(w.definitions.has(FLAKY)).toBe(false);
    expect([...w.dirty]).toEqual([FLAKY]);

    // Next tick: nothing was edited, yet the deferred row is read and written.
    w.quiet();
    const second = await syncRegistry(w.services, new Date('2026-11-24T10:01:00Z'));
    expect(second).toMatchObject({ queried: 0, read: 1, written: 1, deferred: 0, failed: 0 });
    expect(w.writes.at(-1)?.id).toBe(FLAKY);
    expect(w.definitions.get(FLAKY)?.health).toBe(w.definitions.get(GOOD)?.health);
  });

  it('writes an unexpected answer on that row’s Health in words, and stops it running', async () => {
    const w = world();
    await syncRegistry(w.services, new Date('2026-11-24T10:00:00Z'));
    const broken = w.writes.find((x) => x.id === BROKEN);
    expect(broken?.health).toMatch(/^Baton could not check this row: Notion answered validation_error: validation_error from Notion\. It will not run until/);
    expect(w.definitions.get(BROKEN)).toMatchObject({ runnable: false });
  });
});
