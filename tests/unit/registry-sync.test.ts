// Issue 8: in the registry sync, one row's failure is that row's alone. A rate limit or outage
// leaves the row for the next tick without writing anything on it; any other failure is written
// on its Health. Notion and D1 are small in-memory fakes; the workerd test in
// tests/integration/registry.test.ts runs the poison row against the stand-ins. Also here: Run
// now handed to the trigger code, chains checked against the other cached rows, the compiled plan
// on Plan and Health, and the workspace's people listed once per sync.
import { APIErrorCode, APIResponseError, type PageObjectResponse } from '@notionhq/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REGISTRY_PARSER_KEY, syncRegistry } from '../../src/registry/sync';
import { rowHealth } from '../../src/registry/row-health';
import { requestRunNow } from '../../src/triggers/run-now';
import type { Config } from '../../src/env';
import type { Services } from '../../src/services';
import type { DefinitionRecord, StoredDefinition } from '../../src/adapters/store';
import type { UserList } from '../../src/adapters/notion';
import { examplePage, FIXTURE_IDS, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

vi.mock('../../src/triggers/run-now', () => ({ requestRunNow: vi.fn(async () => null) }));
beforeEach(() => vi.mocked(requestRunNow).mockClear());

const error = (code: APIErrorCode, status: number) =>
  new APIResponseError({ code, status, message: `${code} from Notion`, headers: new Headers(), rawBodyText: '', additional_data: undefined, request_id: undefined });

const GOOD = '3b000000-0000-4000-8000-000000000001';
const FLAKY = '3b000000-0000-4000-8000-000000000002';
const BROKEN = '3b000000-0000-4000-8000-000000000003';

const A = '3b000000-0000-4000-8000-0000000000a1';
const B = '3b000000-0000-4000-8000-0000000000b2';
const C = '3b000000-0000-4000-8000-0000000000c3';
const OUTPUT_PAGE = FIXTURE_IDS.notionPages.competitiveIntelligence;

const row = (pageId: string, properties: Parameters<typeof variant>[1]['properties'] = {}): FixtureRow => variant({ ...weeklyBrief, pageId }, { properties });

/** The people GET /v1/users lists in this small world. */
const PEOPLE = [
  { id: FIXTURE_IDS.users.maya, name: 'Maya Okafor' },
  { id: 'user-priya', name: 'Priya Shah' },
];

function world(initial: FixtureRow[] = [GOOD, FLAKY, BROKEN].map((id) => row(id))) {
  let fixtures = initial;
  const rows = fixtures.map(examplePage);
  const meta = new Map<string, string>();
  const definitions = new Map<string, StoredDefinition>();
  const dirty = new Set<string>();
  const writes: { id: string; health: string; plan: string }[] = [];
  const users = { calls: 0, answer: async (): Promise<UserList> => ({ ok: true, people: PEOPLE }) };
  const markdownFailures = new Map<string, APIResponseError[]>([
    [FLAKY, [error(APIErrorCode.ServiceUnavailable, 503)]],
    [BROKEN, [error(APIErrorCode.ValidationError, 400)]],
  ]);
  let queryResult: PageObjectResponse[] = rows;
  const notion = {
    queryDataSource: async () => [...queryResult],
    botUserId: async () => 'baton-bot',
    retrievePage: async (id: string) => {
      const found = rows.find((r) => r.id === id);
      if (found) return found;
      if (id === OUTPUT_PAGE) return { object: 'page', id, parent: { type: 'workspace', workspace: true }, in_trash: false };
      throw error(APIErrorCode.ObjectNotFound, 404);
    },
    retrieveDatabase: async () => {
      throw error(APIErrorCode.ObjectNotFound, 404);
    },
    readMarkdown: async (id: string) => {
      const failure = markdownFailures.get(id)?.shift();
      if (failure) throw failure;
      return { markdown: fixtures.find((f) => f.pageId === id)?.markdown ?? weeklyBrief.markdown, truncated: false };
    },
    updatePage: async (id: string, properties: Record<'Health' | 'Plan', { rich_text: { text: { content: string } }[] }>) => {
      const plain = (p: keyof typeof properties) => properties[p].rich_text.map((t) => t.text.content).join('');
      writes.push({ id, health: plain('Health'), plan: plain('Plan') });
      return rows.find((r) => r.id === id);
    },
    listUsers: async () => {
      users.calls++;
      return users.answer();
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
        problems_json: [...r.problems],
        last_trigger_json: definitions.get(r.pageId)?.last_trigger_json ?? null,
        page_lessons_json: r.pageLessons ? [...r.pageLessons] : null,
      }),
    definitionIds: async () => [...definitions.keys()],
    markTrashed: async () => undefined,
  };
  const config = {
    notion: { workflowsDataSourceId: 'workflows-ds' },
    defaultTimeZone: 'UTC',
    requireReviewer: false,
    allowedDriveRoots: [],
    allowedNotionPages: [OUTPUT_PAGE],
    google: { serviceAccountEmail: 'baton@acme.iam.gserviceaccount.com' },
    model: { baseUrl: 'http://model.test', name: 'scripted' },
  } as unknown as Config;
  const triggers = { watches: async () => [], feed: async () => null };
  const services = { config, notion, drive: null, store, triggers } as unknown as Services;
  /** A person edits rows: the next query returns them (and only them). */
  const edit = (...changed: FixtureRow[]) => {
    for (const fixture of changed) {
      fixtures = [...fixtures.filter((f) => f.pageId !== fixture.pageId), fixture];
      const page = examplePage(fixture);
      const at = rows.findIndex((r) => r.id === page.id);
      if (at >= 0) rows[at] = page;
      else rows.push(page);
    }
    queryResult = changed.map((f) => rows.find((r) => r.id === f.pageId)!);
  };
  // After Baton wrote on them, a quiet query finds nothing (its own edits are skipped anyway).
  /** Baton's write-back was the last edit on every row, and the query still returns them all. */
  const botWroteLast = () => {
    for (const r of rows) r.last_edited_by = { object: 'user', id: 'baton-bot' };
    queryResult = rows;
  };
  return { services, config, writes, definitions, dirty, users, quiet: () => (queryResult = []), edit, botWroteLast };
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

/** A row Baton can run in this small world: a Notion output page it may use, no Drive links. */
const runnable = (pageId: string, properties: Parameters<typeof variant>[1]['properties'] = {}, steps = '1. Draft the brief for the team.'): FixtureRow =>
  variant(row(pageId, { 'Output folder': null, ...properties }), { markdown: `## Goal\nBrief the team.\n## Steps\n${steps}` });

describe('registry sync, triggers', () => {
  const healthOf = (w: ReturnType<typeof world>, id: string) => w.definitions.get(id)?.health ?? '';

  it('hands a runnable row with Run now ticked to the trigger code, and keeps a broken one waiting', async () => {
    const ticked = runnable(A, { 'Run now': { checkbox: true } });
    const broken = runnable(B, { 'Run now': { checkbox: true }, 'Output folder': null, 'Output page': null });
    const idle = runnable(C, { 'Run now': { checkbox: false } });
    const w = world([ticked, broken, idle]);
    await syncRegistry(w.services, new Date('2026-11-24T10:00:00Z'));
    expect(vi.mocked(requestRunNow).mock.calls.map(([, definition]) => definition.pageId)).toEqual([A]);
    expect(healthOf(w, B)).toContain('nowhere to publish');
  });

  it('refuses a chain that loops back to the row, naming the loop in Health', async () => {
    const brief = runnable(A, { Trigger: { rich_text: text('when Summary publishes') } });
    const summary = runnable(B, { Name: { title: text('Summary') }, Trigger: { rich_text: text('when Weekly competitive brief publishes') } });
    const w = world([brief, summary]);
    await syncRegistry(w.services, new Date('2026-11-24T10:00:00Z'));
    // The first row read saw the second by its title only; the second closes the loop and is refused.
    expect(healthOf(w, A)).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris); also runs when Summary publishes');
    expect(healthOf(w, B)).toContain('Trigger makes a loop: Summary → Weekly competitive brief → Summary');
    expect(w.definitions.get(B)?.runnable).toBe(false);
  });

  it('reads a follower again when the workflow it names appears, so its Health stops saying it is unknown', async () => {
    const follower = runnable(A, { Trigger: { rich_text: text('when Digest publishes') } });
    const w = world([follower]);
    await syncRegistry(w.services, new Date('2026-11-24T10:00:00Z'));
    expect(healthOf(w, A)).toContain("runs when 'Digest' publishes, but no workflow in Workflows is called that");

    w.edit(runnable(B, { Name: { title: text('Digest') } }));
    await syncRegistry(w.services, new Date('2026-11-24T10:01:00Z'));
    expect([...w.dirty]).toEqual([A]);
    w.quiet();
    await syncRegistry(w.services, new Date('2026-11-24T10:02:00Z'));
    expect(healthOf(w, A)).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris); also runs when Digest publishes');
    expect(w.dirty.size).toBe(0);
  });

  it('writes the Health that rowHealth computes from what it saved', async () => {
    const w = world([runnable(A, { 'Watch folder': { url: 'https://drive.google.com/drive/folders/1ClWonD3aLs7qPx2mRv9KtY4nBz6cWfHj' } }), runnable(B), runnable(C)]);
    await syncRegistry(w.services, new Date('2026-11-24T10:00:00Z'));
    for (const stored of w.definitions.values()) expect(rowHealth(stored, w.config)).toBe(stored.health);
  });
});

describe('registry sync, the plan', () => {
  const at = new Date('2026-11-24T10:00:00Z');
  const healthOf = (w: ReturnType<typeof world>, id: string) => w.definitions.get(id)?.health ?? '';
  const planOf = (w: ReturnType<typeof world>, id: string) => w.writes.filter((x) => x.id === id).at(-1)?.plan ?? '';

  it('writes the graph on Plan, naming the person the Steps name as reviewer', async () => {
    const steps = ['1. Summarise the competitor news.', '2. Summarise the pricing changes.', '3. After steps 1 and 2, draft the brief.', '4. Priya reviews it.'].join('\n');
    const w = world([runnable(A, { Reviewer: { people: [{ id: 'user-priya' }] } }, steps)]);
    await syncRegistry(w.services, at);
    expect(planOf(w, A)).toBe('1 Competitor news ∥ 2 Pricing changes → 3 Brief → review (Priya Shah) → publish');
    expect(w.definitions.get(A)?.definition_json?.people).toEqual([{ id: 'user-priya', name: 'Priya Shah' }]);
  });

  it('does not run a row whose Steps ask Ana (nobody in the workspace) to review while Reviewer is empty, and says so on Health', async () => {
    const w = world([runnable(A, { Reviewer: null }, '1. Draft the brief for the team.\n2. Ask Ana to review it.')]);
    await syncRegistry(w.services, at);
    expect(healthOf(w, A)).toMatch(/^Step 2 asks for a review \('.*'\), but the row has no Reviewer, so nobody could approve it/);
    expect(w.definitions.get(A)).toMatchObject({ runnable: false, next_run: null });
    expect(planOf(w, A)).toBe('');
  });

  it('shows a Steps line Baton cannot place on Health, as a warning, and still runs the row', async () => {
    const w = world([runnable(A, {}, '1. Draft the brief for the team.\nRemember the board meets on Thursdays.')]);
    await syncRegistry(w.services, at);
    expect(healthOf(w, A)).toContain("Warning: The line 'Remember the board meets on Thursdays.' in Steps is not a numbered step");
    expect(healthOf(w, A)).toMatch(/^OK — next run/);
    expect(w.definitions.get(A)?.definition_json?.stepNotes).toEqual(['Remember the board meets on Thursdays.']);
  });

  it('lists the workspace’s people once per sync, however many rows it reads, and not on a quiet tick', async () => {
    const w = world([runnable(A), runnable(B), runnable(C)]);
    await syncRegistry(w.services, at);
    expect(w.users.calls).toBe(1);
    w.quiet();
    await syncRegistry(w.services, new Date('2026-11-24T10:01:00Z'));
    expect(w.users.calls).toBe(1);
  });

  it('reads a page that several rows link to once per sync (the Output page they share)', async () => {
    const w = world([runnable(A), runnable(B), runnable(C)]);
    const notion = w.services.notion as unknown as { retrievePage: (id: string) => Promise<unknown> };
    const real = notion.retrievePage;
    const reads: string[] = [];
    notion.retrievePage = (id) => (reads.push(id), real(id));
    await syncRegistry(w.services, at);
    expect(reads.filter((id) => id === OUTPUT_PAGE)).toHaveLength(1);
  });

  it('runs a row without names when Notion will not list people (403), and says which capability to give', async () => {
    const w = world([runnable(A, {}, '1. Draft the brief for the team.\n2. Maya reviews it.')]);
    w.users.answer = async () => ({ ok: false, reason: 'no_user_information' });
    await syncRegistry(w.services, at);
    expect(healthOf(w, A)).toMatch(/^OK — next run/);
    expect(healthOf(w, A)).toContain("Warning: Baton may not read this workspace's list of people");
    expect(healthOf(w, A)).toContain("'Read user information without email addresses' capability");
    expect(w.definitions.get(A)?.definition_json?.people).toEqual([]);
    expect(w.dirty.size).toBe(0);
  });

  it('reads the rows again next tick when the people list failed for a passing reason', async () => {
    const w = world([runnable(A), runnable(B)]);
    w.users.answer = async () => Promise.reject(error(APIErrorCode.ServiceUnavailable, 503));
    const report = await syncRegistry(w.services, at);
    expect(report).toMatchObject({ read: 2, written: 2, failed: 0, deferred: 0 });
    expect(w.users.calls).toBe(1);
    expect(healthOf(w, A)).toContain("Warning: Baton could not read this workspace's list of people just now");
    expect([...w.dirty].sort()).toEqual([A, B]);

    w.users.answer = async () => ({ ok: true, people: PEOPLE });
    w.quiet();
    await syncRegistry(w.services, new Date('2026-11-24T10:01:00Z'));
    expect(healthOf(w, A)).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)');
  });

  it('reads every row again once when the parser version changes, even those Baton last edited', async () => {
    const w = world([runnable(A)]);
    await syncRegistry(w.services, at);
    w.botWroteLast();
    expect(await syncRegistry(w.services, new Date('2026-11-24T10:01:00Z'))).toMatchObject({ full: false, read: 0 });
    await w.services.store.setMeta(REGISTRY_PARSER_KEY, '1', at); // what an older Baton left
    expect(await syncRegistry(w.services, new Date('2026-11-24T10:02:00Z'))).toMatchObject({ full: true, read: 1 });
    expect(await syncRegistry(w.services, new Date('2026-11-24T10:03:00Z'))).toMatchObject({ full: false, read: 0 });
  });
});
