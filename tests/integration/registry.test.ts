// Issue 4 in workerd against the Notion and Drive stand-ins: setup, reading rows, Health on the
// row, and the request budget of a quiet tick. Issue 10: the compiled plan's graph on Plan, its
// problems on Health, and the people the Steps name.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNotionAdapter, createNotionClient } from '../../src/adapters/notion';
import { createStore } from '../../src/adapters/store';
import { ensureDatabases } from '../../src/registry/setup';
import { EXAMPLE_ROWS, FIXTURE_IDS, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { hiringPipeline } from '../support/hiring-rows';
import { LINKED_MALFORMED_ROWS, MALFORMED_ROWS } from '../fixtures/malformed-rows';
import { REGISTRY_SWEPT_KEY, syncRegistry } from '../../src/registry/sync';
import { loadConfig } from '../../src/env';
import { servicesFor } from '../../src/services';
import { WORLD } from '../support/world';
import { createRow, deliverWebhooks, driveAdmin, notionAdmin, notionRequests, resetWorld, setNotionClock, tick, updateAsPerson } from './harness';

const notion = createNotionAdapter(createNotionClient({ token: env.NOTION_TOKEN as string, baseUrl: env.NOTION_API_URL }));
const store = createStore(env.DB);

async function planOf(pageId: string): Promise<string> {
  const plan = (await notion.retrievePage(pageId)).properties.Plan;
  return plan?.type === 'rich_text' ? plan.rich_text.map((t) => t.plain_text).join('') : '';
}

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

  it('writes each example row’s plan on Plan as a graph, reviewers by name', async () => {
    const plans = await Promise.all(Object.values(EXAMPLE_ROWS).map(async (row) => [row.pageId, await planOf(rows.get(row.pageId)!)]));
    expect(Object.fromEntries(plans)).toEqual({
      [FIXTURE_IDS.rows.weeklyBrief]: "1 Competitor updates → 2 Compare them with last week's brief → 3 Brief → review (Maya Okafor) → publish",
      [FIXTURE_IDS.rows.kickoffBrief]: '1 Pull what we know about the client → 2 Kickoff brief → review (Jordan Lee) → publish',
      [FIXTURE_IDS.rows.repurposeArticles]: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section ∥ 4 Talk-track outline → review (Lena Fischer) → publish',
      [FIXTURE_IDS.rows.sprintSynthesis]: '1 Feedback → 2 Group it by theme → 3 Synthesis → review (Sam Rivera) → publish',
    });
    const repurpose = await store.getDefinition(rows.get(FIXTURE_IDS.rows.repurposeArticles)!);
    expect(repurpose?.definition_json).toMatchObject({
      stepNotes: ['Steps 2, 3 and 4 only need the article, so they can run at the same time.'],
      people: [{ id: FIXTURE_IDS.users.lena, name: 'Lena Fischer' }],
    });
  });

  it('does not read any row again on a quiet tick, though Baton wrote Health on all of them', async () => {
    const before = (await notionRequests()).length;
    await tick('2026-11-24T10:01:30.000Z');
    const during = (await notionRequests()).slice(before);
    // The registry query, and the kickoff brief's Trigger reconcile of the Deals database (a query,
    // not a row read): nothing else.
    expect(during.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v1/data_sources/${WORLD.workflowsDataSource}/query`,
      `POST /v1/data_sources/${WORLD.dealsDataSource}/query`,
    ]);
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

  it('still reads a person’s edit that Baton’s own write hid, when the webhook names it', async () => {
    const weekly = rows.get(weeklyBrief.pageId)!;
    await setNotionClock('2026-11-24T10:04:10.000Z');
    await deliverWebhooks(); // earlier events
    await updateAsPerson(FIXTURE_IDS.users.maya, weekly, { Schedule: { rich_text: text('every Wednesday at 11:00') } });
    // Baton writes to the row in the same minute, so the row's last editor is Baton's bot.
    await notion.updatePage(weekly, { Plan: { rich_text: text('…') } });
    expect((await deliverWebhooks()).filter((a) => (a as { outcome?: string }).outcome === 'row_dirty')).toHaveLength(1);
    await tick('2026-11-24T10:05:00.000Z');
    expect((await healthOf(weekly)).health).toBe('OK — next run Wed 25 Nov 11:00 (Europe/Paris)');
  });

  it('drops a row moved to the trash at the next full sweep', async () => {
    const kickoff = rows.get(FIXTURE_IDS.rows.kickoffBrief)!;
    await notionAdmin(`people/${FIXTURE_IDS.users.accountOwner}/pages/${kickoff}`, { in_trash: true }, 'PATCH');
    await tick('2026-11-24T11:01:00.000Z'); // an hour after the first full sweep
    expect(await store.getDefinition(kickoff)).toMatchObject({ in_trash: true });
    expect((await store.activeDefinitions()).map((d) => d.page_id)).not.toContain(kickoff);
  });

  it('keeps a paused row out of scheduling and says so on the row', async () => {
    const sprint = rows.get(FIXTURE_IDS.rows.sprintSynthesis)!;
    await setNotionClock('2026-11-24T11:02:00.000Z');
    await updateAsPerson(FIXTURE_IDS.users.sam, sprint, { State: { select: { name: 'Paused' } } });
    await tick('2026-11-24T11:03:00.000Z');
    expect((await healthOf(sprint)).health).toBe('OK — paused');
    expect((await store.activeDefinitions()).map((d) => d.page_id)).not.toContain(sprint);
  });
});

describe('links Baton may not follow', () => {
  beforeAll(resetWorld);

  const withContext = (line: string, properties: FixtureRow['properties'] = {}): FixtureRow => ({
    ...weeklyBrief,
    properties: { ...weeklyBrief.properties, ...properties },
    markdown: weeklyBrief.markdown.replace(/## Context\n[\s\S]*?## Output template/, `## Context\n- ${line}\n## Output template`),
  });

  it('says which link is not shared, outside the allowed roots, or not a folder', async () => {
    await setNotionClock('2026-11-24T12:00:00.000Z');
    const hiddenPage = await createRow(withContext(`Notion: Board notes (https://www.notion.so/acme/Board-notes-${WORLD.privatePage.replace(/-/g, '')})`));
    const myDriveFolder = (await driveAdmin('files', { name: 'Personal notes', parentId: 'root' })) as { id: string };
    const outside = await createRow(withContext(`Drive folder: Personal notes (https://drive.google.com/drive/folders/${myDriveFolder.id})`));
    const notAFolder = await createRow(
      withContext('Last week’s brief', { 'Output folder': { url: `https://drive.google.com/drive/folders/${FIXTURE_IDS.driveFiles.competitorPricing}` } }),
    );
    await tick('2026-11-24T12:00:30.000Z');
    expect((await healthOf(hiddenPage)).health).toContain('the Notion page is not shared with Baton, or was deleted. Share it with the Baton integration');
    expect((await healthOf(outside)).health).toContain('is outside the folders Baton may use — ask an admin to add it (or a folder above it) to ALLOWED_DRIVE_ROOTS');
    expect((await healthOf(notAFolder)).health).toContain('is a file, not a folder');
    for (const id of [hiddenPage, outside, notAFolder]) expect(await store.getDefinition(id)).toMatchObject({ runnable: false });
  });
});

describe('malformed rows', () => {
  // Rows Notion itself cannot hold are covered by the pure tests (tests/unit/registry-malformed):
  // a column of another type cannot exist in Baton's own database, the world has no people
  // groups, Notion renumbers numbered lists (so duplicate or skipped numbers do not survive),
  // and a body long enough to be truncated is ~20,000 blocks. (Duplicate or skipped numbers typed
  // as "Step N:" text do survive, and are tested here.)
  const notExpressible = new Set(['property_wrong_type', 'body_truncated']);
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

describe('one bad row never stalls the others', () => {
  const withContext = (line: string): FixtureRow => ({
    ...weeklyBrief,
    markdown: weeklyBrief.markdown.replace(/## Context\n[\s\S]*?## Output template/, `## Context\n- ${line}\n## Output template`),
  });
  let poison = '';
  let good = '';
  let doomed = '';
  let databaseOutput = '';

  beforeAll(async () => {
    await resetWorld();
    await setNotionClock('2026-11-24T13:00:00.000Z');
    // A page shared with the integration on its own, under a parent page that is not shared.
    const shared = (await notionAdmin(`people/${WORLD.alex}/pages`, {
      parent: { page_id: WORLD.privatePage },
      properties: { title: { title: text('Board summary') } },
      markdown: 'Shared on its own.',
    })) as { id: string };
    await notionAdmin('share', { ids: [shared.id] });
    poison = await createRow(withContext(`Notion: Board summary (https://www.notion.so/acme/Board-summary-${shared.id.replace(/-/g, '')})`));
    good = await createRow(weeklyBrief);
    doomed = await createRow(EXAMPLE_ROWS.sprintSynthesis);
    databaseOutput = await createRow(LINKED_MALFORMED_ROWS[0]!.row);
    await tick('2026-11-24T13:00:30.000Z');
  });

  it('gives the poison row its own Health and keeps the good row OK', async () => {
    expect((await healthOf(poison)).health).toContain(
      'is shared with Baton, but the page above it is not, so Baton cannot confirm it lies inside the pages it may use — share the page above it',
    );
    expect(await store.getDefinition(poison)).toMatchObject({ runnable: false });
    expect((await healthOf(good)).health).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)');
    expect((await store.activeDefinitions()).map((d) => d.page_id)).toContain(good);
  });

  it('says a database given as Output page is a database, not that it is not shared', async () => {
    const { health } = await healthOf(databaseOutput);
    expect(health).toContain(LINKED_MALFORMED_ROWS[0]!.fragment);
    expect(health).not.toContain('not shared');
  });

  it('completes the hourly sweep next to the poison row, so a trashed row stops running', async () => {
    expect((await store.activeDefinitions()).map((d) => d.page_id)).toContain(doomed);
    await notionAdmin(`people/${FIXTURE_IDS.users.accountOwner}/pages/${doomed}`, { in_trash: true }, 'PATCH');
    const at = new Date('2026-11-24T14:01:00.000Z'); // an hour after the first full sweep
    const report = await syncRegistry(servicesFor(loadConfig(env)), at);
    expect(report).toMatchObject({ full: true, trashed: 1, failed: 0, deferred: 0 });
    expect(await store.getMeta(REGISTRY_SWEPT_KEY)).toBe(at.toISOString());
    expect(await store.getDefinition(doomed)).toMatchObject({ in_trash: true });
    expect((await store.activeDefinitions()).map((d) => d.page_id)).not.toContain(doomed);
    expect((await healthOf(poison)).health).toContain('the page above it is not');
  });
});

describe('the plan on the row', () => {
  let hiring = '';
  let askAna = '';
  let stray = '';
  const withSteps = (steps: string[], properties: FixtureRow['properties'] = {}): FixtureRow =>
    variant(weeklyBrief, {
      properties,
      markdown: weeklyBrief.markdown.replace(/## Steps\n[\s\S]*?## Context/, `## Steps\n${steps.join('\n')}\n## Context`),
    });

  beforeAll(async () => {
    await resetWorld();
    await setNotionClock('2026-11-24T15:00:00.000Z');
    hiring = await createRow(hiringPipeline());
    askAna = await createRow(
      withSteps(['1. Read the competitor updates that came in this week.', '2. Draft the brief with the template below, then ask Ana to review it.'], { Reviewer: { people: [] } }),
    );
    stray = await createRow(withSteps([...weeklyBrief.markdown.split('\n').filter((l) => /^\d\. /.test(l)), 'Remember the board meets on Thursdays.']));
    await tick('2026-11-24T15:00:30.000Z');
  });

  it('shows the hiring pipeline’s two summaries side by side on Plan, then the report and Sam’s review', async () => {
    expect(await planOf(hiring)).toBe('1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Sam Rivera) → publish');
    expect((await healthOf(hiring)).health).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)');
    expect((await store.getDefinition(hiring))?.definition_json).toMatchObject({ people: [{ id: FIXTURE_IDS.users.sam, name: 'Sam Rivera' }], stepNotes: [] });
  });

  it('does not run a row that asks Ana to review while Reviewer is empty, and says why on Health', async () => {
    const { health, nextRun } = await healthOf(askAna);
    expect(health).toMatch(/^Step 2 asks for a review \('.*ask Ana to review it\.'\), but the row has no Reviewer, so nobody could approve it — put Ana in the Reviewer column/);
    expect(nextRun).toBeNull();
    expect(await planOf(askAna)).toBe('');
    expect(await store.getDefinition(askAna)).toMatchObject({ runnable: false });
    expect((await store.activeDefinitions()).map((d) => d.page_id)).not.toContain(askAna);
  });

  it('shows a Steps line Baton cannot place on Health, keeps it in the definition, and still runs the row', async () => {
    const { health } = await healthOf(stray);
    expect(health).toMatch(/^OK — next run Mon 30 Nov 09:00 \(Europe\/Paris\)\n/);
    expect(health).toContain("Warning: The line 'Remember the board meets on Thursdays.' in Steps is not a numbered step");
    expect((await store.getDefinition(stray))?.definition_json?.stepNotes).toEqual(['Remember the board meets on Thursdays.']);
  });
});
