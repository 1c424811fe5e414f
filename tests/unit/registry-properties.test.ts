import { describe, expect, it } from 'vitest';
import { buildDefinition, readRowProperties } from '../../src/registry';
import { examplePage, FIXTURE_IDS, FIXTURE_URLS as L, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const { notionPages: P, users: U, driveFolders: F } = FIXTURE_IDS;
const build = (row: FixtureRow, page: unknown = examplePage(row)) =>
  buildDefinition({ page, markdown: row.markdown, defaultTimeZone: 'Europe/Paris', now: NOW });

describe("reading a row's properties", () => {
  it('reads a row that has only a Name and a body as a Draft in the default time zone', async () => {
    const row: FixtureRow = { pageId: FIXTURE_IDS.rows.weeklyBrief, properties: { Name: { title: text('New idea') } }, markdown: 'Summarise the week.' };
    const { definition, problems } = await build(row);
    expect(definition).toMatchObject({ name: 'New idea', state: 'Draft', mode: 'Live', timeZone: 'Europe/Paris', schedule: null, reviewer: null });
    expect(problems.map((p) => p.kind)).toEqual(['no_output_destination']);
  });

  it('takes the first related page when Output page is a relation', async () => {
    const row = variant(weeklyBrief, { properties: { 'Output page': { relation: [{ id: P.competitiveIntelligence }, { id: P.productWiki }] } } });
    const { definition, problems } = await build(row);
    expect(problems).toEqual([]);
    expect(definition?.outputPage).toMatchObject({ kind: 'notion_page', id: P.competitiveIntelligence });
  });

  it('reads a page @-mentioned in a text Output page, and a link in a text Watch folder', async () => {
    const row = variant(weeklyBrief, {
      properties: {
        'Output page': { rich_text: [{ type: 'mention', mention: { page: { id: P.productWiki } } }] },
        'Watch folder': { rich_text: text('Published articles', L.publishedArticles) },
      },
    });
    const { definition, problems } = await build(row);
    expect(problems).toEqual([]);
    expect(definition?.outputPage).toMatchObject({ kind: 'notion_page', id: P.productWiki });
    expect(definition?.watchFolder).toMatchObject({ kind: 'drive_folder', id: F.publishedArticles });
  });

  it('matches renamed columns and option names whatever their case', async () => {
    const page = examplePage(variant(weeklyBrief, { properties: { State: { select: { name: 'active' } }, Mode: { select: { name: 'TRIAL' } } } }));
    const { ['Time zone']: zone, ...rest } = page.properties;
    const renamed = { ...page, properties: { ...rest, Timezone: zone } };
    const { definition, problems } = await build(weeklyBrief, renamed);
    // A Trial row without a Trial page or folder: its output stays on the Run page (registry-trial.test.ts).
    expect(problems.map((p) => p.kind)).toEqual(['trial_without_destination']);
    expect(definition).toMatchObject({ state: 'Active', mode: 'Trial', timeZone: 'Europe/Paris' });
  });

  it('accepts a reviewer Notion returns without user details as a person', async () => {
    const page = examplePage(weeklyBrief);
    const partial = { ...page, properties: { ...page.properties, Reviewer: { id: 'R', type: 'people', people: [{ object: 'user', id: U.maya }] } } };
    const { definition, problems } = await build(weeklyBrief, partial);
    expect(problems).toEqual([]);
    expect(definition?.reviewer).toEqual({ id: U.maya, name: null });
  });

  it('reads a schedule typed into a select or computed by a formula', async () => {
    const page = examplePage(weeklyBrief);
    const formula = { ...page, properties: { ...page.properties, Schedule: { id: 'S', type: 'formula', formula: { type: 'string', string: 'every Monday at 9:00' } } } };
    expect((await build(weeklyBrief, formula)).nextRun).toEqual(new Date('2026-11-30T08:00:00Z'));
    const select = variant(weeklyBrief, { properties: { Schedule: { select: { name: 'every Monday at 9:00' } } } });
    expect((await build(select)).definition?.schedule).toBe('every Monday at 9:00');
  });

  it('gives the dashed page id and whether the row is in the trash', () => {
    const page = examplePage(weeklyBrief);
    const { properties } = readRowProperties({ ...page, id: page.id.replace(/-/g, ''), in_trash: true });
    expect(properties).toMatchObject({ pageId: FIXTURE_IDS.rows.weeklyBrief, inTrash: true, name: 'Weekly competitive brief' });
  });

  it('refuses something that is not a Notion page object', () => {
    expect(() => readRowProperties({ object: 'database', id: 'x' })).toThrow();
    expect(() => readRowProperties(null)).toThrow();
  });
});
