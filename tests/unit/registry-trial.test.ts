// Trial mode on a Workflows row: Trial page, Trial folder and Human version are read like the
// output destinations, and Health says where a Trial run's output will go.
import { describe, expect, it } from 'vitest';
import { buildDefinition, rowProblemMessage } from '../../src/registry';
import { examplePage, FIXTURE_IDS, FIXTURE_URLS as L, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const build = (row: FixtureRow) => buildDefinition({ page: examplePage(row), markdown: row.markdown, defaultTimeZone: 'UTC', now: NOW });
const trial = (properties: Parameters<typeof variant>[1]['properties'] = {}) =>
  variant(weeklyBrief, { properties: { Mode: { select: { name: 'Trial' } }, ...properties } });

describe('a Trial workflow row', () => {
  it('reads its Trial page, Trial folder and Human version', async () => {
    const { definition, problems } = await build(trial({ 'Trial page': { url: L.trialBriefsPage }, 'Trial folder': { url: L.trialBriefsFolder }, 'Human version': { url: L.humanBriefs } }));
    expect(problems).toEqual([]);
    expect(definition?.trialPage).toMatchObject({ kind: 'notion_page', id: FIXTURE_IDS.notionPages.trialBriefs });
    expect(definition?.trialFolder).toMatchObject({ kind: 'drive_folder', id: FIXTURE_IDS.driveFolders.trialBriefs });
    expect(definition?.humanVersion).toMatchObject({ kind: 'notion_page', id: FIXTURE_IDS.notionPages.humanBriefs });
  });

  it('warns that trial output will only stay on the Run page without a Trial page or folder', async () => {
    const { definition, problems } = await build(trial());
    expect(definition).not.toBeNull();
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([['trial_without_destination', 'warning']]);
    expect(rowProblemMessage(problems[0]!)).toContain('trial output will only stay on the Run page');
  });

  it('needs no live Output page or folder when it has a Trial page', async () => {
    const { problems } = await build(trial({ 'Output page': null, 'Output folder': null, 'Trial page': { url: L.trialBriefsPage } }));
    expect(problems).toEqual([]);
  });

  it('refuses a Trial folder that is not a Drive folder, and warns about a Human version it cannot compare with', async () => {
    const { problems } = await build(trial({ 'Trial folder': { url: L.ourPositioning }, 'Human version': { url: 'https://example.com/brief' } }));
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([
      ['trial_link_invalid', 'error'],
      ['human_version_invalid', 'warning'],
    ]);
    expect(rowProblemMessage(problems[0]!)).toContain('Trial folder');
    expect(rowProblemMessage(problems[0]!)).toContain('(it is a Notion page)');
  });

  it('accepts a Google Doc or a Drive folder as the Human version', async () => {
    const doc = await build(trial({ 'Trial page': { url: L.trialBriefsPage }, 'Human version': { url: 'https://docs.google.com/document/d/1HumDoc2Xq8rT5vKp3mLw9NzY4bHcJf7dQ/edit' } }));
    expect(doc.definition?.humanVersion).toMatchObject({ kind: 'drive_file', id: '1HumDoc2Xq8rT5vKp3mLw9NzY4bHcJf7dQ' });
    const folder = await build(trial({ 'Trial page': { url: L.trialBriefsPage }, 'Human version': { url: L.competitorUpdates } }));
    expect(folder.definition?.humanVersion).toMatchObject({ kind: 'drive_folder' });
  });
});
