// Issue 4 in workerd against the Notion and Drive stand-ins: setup, reading rows, Health on the
// row, and the request budget of a quiet tick.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNotionAdapter, createNotionClient } from '../../src/adapters/notion';
import { createStore } from '../../src/adapters/store';
import { ensureDatabases } from '../../src/registry/setup';
import { EXAMPLE_ROWS, FIXTURE_IDS, text, weeklyBrief } from '../fixtures/example-rows';
import { MALFORMED_ROWS } from '../fixtures/malformed-rows';
import { WORLD } from '../support/world';
import { createRow, notionAdmin, notionRequests, resetWorld, setNotionClock, tick, updateAsPerson } from './harness';

const notion = createNotionAdapter(createNotionClient({ token: env.NOTION_TOKEN as string, baseUrl: env.NOTION_API_URL }));
const store = createStore(env.DB);

async function healthOf(pageId: string): Promise<{ health: string; nextRun: string | null }> {
  const page = await notion.retrievePage(pageId);
  const health = page.properties.Health;
  const next = page.properties['Next run'];
  return {
    health: health?.type === 'rich_text' ? health.rich_text.map((t) => t.plain_text).join('') : '',
    nextRun: next?.type === 'date' ? (next.date?.start ?? null) : null,
  };
}

describe('setup', () => {
  beforeAll(resetWorld);

  it('creates the Workflows and Runs databases under a page, and a second run creates nothing', async () => {
    const parent = (await notionAdmin(`people/${WORLD.alex}/pages`, {
      parent: { page_id: WORLD.rootPage },
      properties: { title: { title: text('Baton (fresh)') } },
    })) as { id: string; url: string };

    const first = await ensureDatabases(notion, parent.url);
    expect(first.workflows).toMatchObject({ title: 'Workflows', created: true });
    expect(first.runs).toMatchObject({ title: 'Runs', created: true });
    const runsSchema = await notion.retrieveDataSource(first.runs.dataSourceId);
    expect(runsSchema.properties.Workflow).toMatchObject({ type: 'relation', relation: { data_source_id: first.workflows.dataSourceId } });
    expect(runsSchema.properties.Status).toMatchObject({ type: 'select' });

    const before = (await notionRequests()).length;
    const second = await ensureDatabases(notion, parent.id);
    const during = (await notionRequests()).slice(before);
    expect(second.workflows).toMatchObject({ created: false, databaseId: first.workflows.databaseId, addedProperties: [], addedOptions: [] });
    expect(second.runs).toMatchObject({ created: false, databaseId: first.runs.databaseId, addedProperties: [], addedOptions: [] });
    expect(during.filter((r) => r.method !== 'GET' && !r.path.endsWith('/query'))).toEqual([]);
  });

  it('tells the person to share a page Baton cannot see', async () => {
    await expect(ensureDatabases(notion, WORLD.privatePage)).rejects.toThrow(/Share the page with your integration/);
  });
});

describe('registry sync', () => {
  const rows = new Map<string, string>();
  beforeAll(async () => {
    await resetWorld();
    await setNotionClock('2026-11-24T10:00:00.000Z');
    // Keyed by the fixture's id; the stand-in gives each created row its own.
    for (const row of Object.values(EXAMPLE_ROWS)) rows.set(row.pageId, await createRow(row));
    await tick('2026-11-24T10:00:30.000Z');
  });

  it('reads the four example rows into definitions and writes OK with the next run on each', async () => {
    const weekly = rows.get(weeklyBrief.pageId)!;
    const cached = await store.getDefinition(weekly);
    expect(cached).toMatchObject({ name: 'Weekly competitive brief', state: 'Active', runnable: true });
    expect(cached?.definition_json).toMatchObject({
      schedule: 'every Monday at 9:00',
      timeZone: 'Europe/Paris',
      reviewer: { id: FIXTURE_IDS.users.maya, name: 'Maya Okafor' },
      outputFolder: { kind: 'drive_folder', id: FIXTURE_IDS.driveFolders.competitiveIntelligence },
      outputPage: { kind: 'notion_page', id: FIXTURE_IDS.notionPages.competitiveIntelligence },
    });
    expect(cached?.definition_json?.context.map((c) => c.kind)).toEqual(['drive_folder', 'previous_output', 'notion_page']);
    expect(await healthOf(weekly)).toEqual({ health: 'OK — next run Mon 30 Nov 09:00 (Europe/Paris)', nextRun: '2026-11-30T08:00:00.000Z' });

    const all = await Promise.all([...rows.values()].map((id) => store.getDefinition(id)));
    expect(all.map((d) => d?.runnable)).toEqual([true, true, true, true]);
    const kickoff = await healthOf(rows.get(FIXTURE_IDS.rows.kickoffBrief)!);
    expect(kickoff.health).toMatch(/^OK — runs when a file lands in/);
    expect(kickoff.health).toContain("Warning: 'Notion: CRM notes for this client' has no link");
  });

  it('does not read any row again on a quiet tick, though Baton wrote Health on all of them', async () => {
    const before = (await notionRequests()).length;
    await tick('2026-11-24T10:01:30.000Z');
    const during = (await notionRequests()).slice(before);
    expect(during.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /v1/data_sources/${WORLD.workflowsDataSource}/query`]);
  });

  it('picks up a person’s edit within one tick, and writes only that row back', async () => {
    const weekly = rows.get(weeklyBrief.pageId)!;
    await setNotionClock('2026-11-24T10:02:10.000Z');
    await updateAsPerson(FIXTURE_IDS.users.maya, weekly, { Schedule: { rich_text: text('every Tuesday at 10:00') } });
    const before = (await notionRequests()).length;
    await tick('2026-11-24T10:03:00.000Z');
    const during = (await notionRequests()).slice(before);
    expect(await healthOf(weekly)).toEqual({ health: 'OK — next run Tue 1 Dec 10:00 (Europe/Paris)', nextRun: '2026-12-01T09:00:00.000Z' });
    expect(during.filter((r) => r.path === `/v1/pages/${weekly}/markdown`)).toHaveLength(1);
    expect(during.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([`/v1/pages/${weekly}`]);
  });

  it('keeps a paused row out of scheduling and says so on the row', async () => {
    const sprint = rows.get(FIXTURE_IDS.rows.sprintSynthesis)!;
    await setNotionClock('2026-11-24T10:04:00.000Z');
    await updateAsPerson(FIXTURE_IDS.users.sam, sprint, { State: { select: { name: 'Paused' } } });
    await tick('2026-11-24T10:05:00.000Z');
    expect((await healthOf(sprint)).health).toBe('OK — paused');
    expect((await store.activeDefinitions()).map((d) => d.page_id)).not.toContain(sprint);
  });
});

describe('malformed rows', () => {
  // Rows Notion itself cannot hold are covered by the pure tests (tests/unit/registry-malformed):
  // a column of another type cannot exist in Baton's own database, the world has no people
  // groups, Notion renumbers numbered lists (so duplicate or skipped numbers do not survive),
  // and a body long enough to be truncated is ~20,000 blocks.
  const notExpressible = new Set(['property_wrong_type', 'step_number_duplicate', 'step_number_gap', 'body_truncated']);
  const expressible = MALFORMED_ROWS.filter(
    (m) => !notExpressible.has(m.kind) && !JSON.stringify(m.row.properties).includes(FIXTURE_IDS.users.strategyGroup),
  );
  const created: { id: string; fragment: string; name: string }[] = [];
  let good = '';

  beforeAll(async () => {
    await resetWorld();
    await setNotionClock('2026-11-24T11:00:00.000Z');
    good = await createRow(weeklyBrief);
    for (const m of expressible) created.push({ id: await createRow(m.row), fragment: m.fragment, name: m.name });
    await tick('2026-11-24T11:00:30.000Z');
  });

  it(`gives each of at least 25 malformed rows its own message in Health`, async () => {
    expect(created.length).toBeGreaterThanOrEqual(25);
    const messages = new Set<string>();
    const missing: string[] = [];
    for (const row of created) {
      const { health } = await healthOf(row.id);
      if (!health.includes(row.fragment)) missing.push(`${row.name}: ${health}`);
      messages.add(health);
    }
    expect(missing).toEqual([]);
    expect(messages.size).toBe(created.length);
  });

  it('keeps the valid row working next to them', async () => {
    expect((await healthOf(good)).health).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)');
    expect((await store.activeDefinitions()).map((d) => d.page_id)).toContain(good);
  });
});
