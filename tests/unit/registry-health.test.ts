import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildDefinition,
  canonicalJson,
  definitionHash,
  HEALTH_MAX_CHARS,
  healthText,
  rowProblem,
  rowProblemMessage,
  type RowProblem,
} from '../../src/registry';
import { examplePage, FIXTURE_URLS as L, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const MONDAY = new Date('2026-11-30T08:00:00Z');
const folder = { kind: 'drive_folder', id: 'x', url: L.publishedArticles, label: 'Published articles' } as const;

describe('the Health column', () => {
  it('says OK with the next run for a valid scheduled row', () => {
    expect(healthText({ problems: [], state: 'Active', timeZone: 'Europe/Paris', nextRun: MONDAY })).toBe(
      'OK — next run Mon 30 Nov 09:00 (Europe/Paris)',
    );
  });

  it('names the folder that starts a watch-folder row', () => {
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', watchFolder: folder })).toBe(
      'OK — runs when a file lands in Published articles',
    );
    expect(healthText({ problems: [], state: 'Active', timeZone: 'Europe/Paris', nextRun: MONDAY, watchFolder: folder })).toBe(
      'OK — next run Mon 30 Nov 09:00 (Europe/Paris); also runs when a file lands in Published articles',
    );
  });

  const deals = { databaseId: 'db', url: 'https://www.notion.so/acme/5d1e2f3a4b5c4d6e8f708192a3b4c5d6?v=1', label: 'Deals', property: 'Stage', value: 'Closed won' };
  const closedWon = { kind: 'drive_folder', id: 'y', url: L.closedWonDeals, label: 'Closed-won deals' } as const;
  const last = { label: 'Acme proposal', at: '2026-12-03T09:14:00.000Z' };
  const DEC_7 = new Date('2026-12-07T08:00:00Z');

  it('says what starts the row and when it last did, in the row time zone', () => {
    expect(healthText({ problems: [], state: 'Active', timeZone: 'Europe/Paris', nextRun: DEC_7, watchFolder: closedWon, lastTrigger: last })).toBe(
      'OK — next run Mon 7 Dec 09:00 (Europe/Paris); also runs when a file lands in Closed-won deals (last: Acme proposal, 3 Dec 10:14)',
    );
    expect(healthText({ problems: [], state: 'Active', timeZone: 'Europe/Paris', rowTrigger: deals, lastTrigger: { label: 'Acme Corp', at: last.at } })).toBe(
      'OK — runs when a row in Deals has Stage = Closed won (last: Acme Corp, 3 Dec 10:14)',
    );
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', afterWorkflow: { workflowName: 'Weekly competitive brief' } })).toBe(
      'OK — runs when Weekly competitive brief publishes',
    );
  });

  it('lists every way a row starts, with one "last" after the last of them', () => {
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', watchFolder: closedWon, rowTrigger: deals, lastTrigger: last })).toBe(
      'OK — runs when a file lands in Closed-won deals; also runs when a row in Deals has Stage = Closed won (last: Acme proposal, 3 Dec 09:14)',
    );
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', nextRun: DEC_7, lastTrigger: { label: 'Run now', at: last.at } })).toBe(
      'OK — next run Mon 7 Dec 08:00 (UTC); last: Run now, 3 Dec 09:14',
    );
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', rowTrigger: { ...deals, label: deals.url } })).toBe(
      `OK — runs when a row in the database at ${deals.url} has Stage = Closed won`,
    );
  });

  it('says new files and rows are found by the minute check when push and webhooks are off, and how to turn them on', () => {
    const off = { drivePush: false, notionWebhooks: false };
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', watchFolder: closedWon, rowTrigger: deals, capabilities: off })).toBe(
      "OK — runs when a file lands in Closed-won deals; new files are found by a check every minute (Drive push is off: set PUBLIC_URL to the worker's https address); also runs when a row in Deals has Stage = Closed won; rows are checked every minute (Notion webhooks are not set up: set NOTION_WEBHOOK_SECRET)",
    );
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', watchFolder: closedWon, rowTrigger: deals, capabilities: { drivePush: true, notionWebhooks: true } })).toBe(
      'OK — runs when a file lands in Closed-won deals; also runs when a row in Deals has Stage = Closed won',
    );
    // Nothing to say about a way the row does not start.
    expect(healthText({ problems: [], state: 'Active', timeZone: 'Europe/Paris', nextRun: MONDAY, capabilities: off })).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)');
  });

  it('keeps a long trigger line within the 2000-character limit', () => {
    const long = { ...deals, label: 'D'.repeat(3000) };
    expect(healthText({ problems: [], state: 'Active', timeZone: 'UTC', rowTrigger: long, lastTrigger: last }).length).toBeLessThanOrEqual(HEALTH_MAX_CHARS);
  });

  it('says paused for a paused row, and how to start a draft', () => {
    expect(healthText({ problems: [], state: 'Paused', timeZone: 'Europe/Paris', nextRun: MONDAY })).toBe('OK — paused');
    expect(healthText({ problems: [], state: 'Draft', timeZone: 'UTC' })).toBe('OK — draft; set State to Active to start it');
  });

  it('lists errors first, then warnings, instead of OK', () => {
    const problems: RowProblem[] = [
      rowProblem({ kind: 'step_number_gap', missing: [3] }),
      rowProblem({ kind: 'missing_name' }),
      rowProblem({ kind: 'no_output_destination' }),
    ];
    const lines = healthText({ problems, state: 'Active', timeZone: 'UTC', nextRun: MONDAY }).split('\n');
    expect(lines).toEqual([
      rowProblemMessage(problems[1] as RowProblem),
      rowProblemMessage(problems[2] as RowProblem),
      `Warning: ${rowProblemMessage(problems[0] as RowProblem)}`,
    ]);
  });

  it("keeps warnings visible under OK, and a paused row's errors visible too", () => {
    const gap = rowProblem({ kind: 'step_number_gap', missing: [3] });
    expect(healthText({ problems: [gap], state: 'Active', timeZone: 'Europe/Paris', nextRun: MONDAY })).toBe(
      `OK — next run Mon 30 Nov 09:00 (Europe/Paris)\nWarning: ${rowProblemMessage(gap)}`,
    );
    expect(healthText({ problems: [rowProblem({ kind: 'missing_name' })], state: 'Paused', timeZone: 'UTC' })).toContain('no Name');
  });

  it("fits Notion's 2000-character limit, ending with how many problems were left out", () => {
    const problems = Array.from({ length: 40 }, (_, i) =>
      rowProblem({ kind: 'context_link_unsupported', line: `Source number ${i} ${'x'.repeat(200)}`, url: `https://example.com/${i}` }),
    );
    const health = healthText({ problems, state: 'Active', timeZone: 'UTC' });
    expect(health.length).toBeLessThanOrEqual(HEALTH_MAX_CHARS);
    const shown = health.split('\n').filter((line) => line.startsWith('Warning:')).length;
    expect(health).toMatch(new RegExp(`…and ${40 - shown} more$`));
    expect(shown).toBeGreaterThan(1);
  });

  it('shows the words of the I/O checks with the fix', () => {
    const base = { field: 'Output folder', label: 'Competitive intelligence', url: L.competitiveIntelligenceFolder } as const;
    expect(rowProblemMessage(rowProblem({ ...base, kind: 'link_not_shared', service: 'drive', serviceAccountEmail: 'baton@acme.iam.gserviceaccount.com' }))).toContain(
      'Share the folder with baton@acme.iam.gserviceaccount.com as Editor',
    );
    expect(
      rowProblemMessage(rowProblem({ kind: 'link_not_shared', field: 'Context', label: 'Our positioning', url: L.ourPositioning, service: 'notion', serviceAccountEmail: null })),
    ).toContain('Share it with the Baton integration (open the page → ••• → Connections → add Baton)');
    expect(rowProblemMessage(rowProblem({ ...base, kind: 'link_outside_allowed_roots', service: 'drive' }))).toContain(
      "Output folder 'Competitive intelligence' (" + L.competitiveIntelligenceFolder + ') is outside the folders Baton may use — ask an admin to add it (or a folder above it) to ALLOWED_DRIVE_ROOTS',
    );
    expect(rowProblemMessage(rowProblem({ ...base, kind: 'link_outside_allowed_roots', field: 'Output page', service: 'notion' }))).toContain('ALLOWED_NOTION_PAGES');
    expect(rowProblemMessage(rowProblem({ ...base, kind: 'link_not_folder' }))).toContain('is a file, not a folder');
    expect(rowProblemMessage(rowProblem({ ...base, kind: 'page_trashed', field: 'Output page' }))).toContain("is in Notion's trash — restore it");
  });
});

describe('the content hash', () => {
  const build = (row: FixtureRow, page: unknown = examplePage(row)) =>
    buildDefinition({ page, markdown: row.markdown, defaultTimeZone: 'UTC', now: NOW });

  it('is the SHA-256 of the canonical JSON, whatever the key order', async () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    const expected = createHash('sha256').update('{"a":1,"b":2}').digest('hex');
    expect(await definitionHash({ b: 2, a: 1 })).toBe(expected);
    expect(await definitionHash({ a: 1, b: 2 })).toBe(expected);
  });

  it('does not change when Notion sends the same row with its properties in another order', async () => {
    const page = examplePage(weeklyBrief);
    const reordered = { ...page, properties: Object.fromEntries(Object.entries(page.properties).reverse()) };
    expect((await build(weeklyBrief, reordered)).contentHash).toBe((await build(weeklyBrief)).contentHash);
  });

  it("does not change when Baton writes the row's Health or Next run", async () => {
    const written = variant(weeklyBrief, { properties: { Health: { rich_text: text('OK — next run Mon 30 Nov 09:00 (Europe/Paris)') } } });
    expect((await build(written)).contentHash).toBe((await build(weeklyBrief)).contentHash);
  });

  it('changes with a one-character edit to the body or a property', async () => {
    const original = (await build(weeklyBrief)).contentHash;
    const body = variant(weeklyBrief, { markdown: weeklyBrief.markdown.replace('500 words', '400 words') });
    const schedule = variant(weeklyBrief, { properties: { Schedule: { rich_text: text('every Monday at 8:00') } } });
    expect((await build(body)).contentHash).not.toBe(original);
    expect((await build(schedule)).contentHash).not.toBe(original);
  });

  it('is the hash stored in the definition', async () => {
    const built = await build(weeklyBrief);
    expect(built.definition?.contentHash).toBe(built.contentHash);
  });
});
