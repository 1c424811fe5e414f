// What starts a workflow, read from its Trigger property or Trigger section (trigger-text.ts).
import { describe, expect, it } from 'vitest';
import { buildDefinition, parseBody, parseTriggerPhrase, readTriggers, rowProblemMessage, type RowProblem } from '../../src/registry';
import { examplePage, FIXTURE_IDS, FIXTURE_URLS as L, kickoffBrief, sprintSynthesis, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const DEALS = FIXTURE_IDS.dealsDatabase;
const DEALS_HEX = DEALS.replace(/-/g, '');
const MENTION = `<mention-database url="https://www.notion.so/${DEALS_HEX}">Deals</mention-database>`;
const FOLDER = FIXTURE_IDS.driveFolders.closedWonDeals;
const build = (row: FixtureRow, page: unknown = examplePage(row)) =>
  buildDefinition({ page, markdown: row.markdown, defaultTimeZone: 'UTC', now: NOW });
const rowTrigger = (raw: string) => {
  const reading = parseTriggerPhrase(raw);
  return reading.ok && reading.phrase.kind === 'row' ? reading.phrase.rowTrigger : reading;
};
const problemOf = (raw: string): RowProblem => {
  const reading = parseTriggerPhrase(raw);
  if (reading.ok) throw new Error(`read '${raw}' as ${JSON.stringify(reading.phrase)}`);
  return reading.problem;
};

describe('a Notion row trigger', () => {
  const deals = { databaseId: DEALS, property: 'Stage', value: 'Closed won' };

  it.each([
    `when a row in ${MENTION} has Stage = Closed won`,
    `When a row in ${MENTION} has Stage = Closed won.`,
    `Runs when a row in ${MENTION} reaches Stage = Closed won`,
    `Start when a row in ${MENTION} has Stage is Closed won`,
    `when a row in ${MENTION} has Stage becomes Closed won`,
    `when a row in ${MENTION} has Stage changes to Closed won`,
    `WHEN A ROW IN ${MENTION} HAS Stage = Closed won`,
    `when a row in ${MENTION} has Stage = “Closed won”`,
    `when a row in ${MENTION} has ‘Stage’ = 'Closed won'`,
    `when a ${MENTION} row reaches Stage = Closed won`,
    `when Stage in ${MENTION} becomes Closed won`,
    `Trigger: when any page in the ${MENTION} database gets Stage set to Closed won`.replace('set to', '= '),
  ])('reads %s', (raw) => {
    expect(rowTrigger(raw)).toMatchObject({ ...deals, label: 'Deals' });
  });

  it('takes the database from a pasted address, a markdown link or a page mention, labelled by its title or address', () => {
    expect(rowTrigger(`when a row in ${L.deals} has Stage = Closed won`)).toEqual({ ...deals, url: L.deals, label: L.deals });
    expect(rowTrigger(`when a row in [Deals](${L.deals}) has Stage = Closed won`)).toEqual({ ...deals, url: L.deals, label: 'Deals' });
    expect(rowTrigger(`when a row in <mention-page url="${L.deals}">Deals</mention-page> has Stage = Closed won`)).toEqual({ ...deals, url: L.deals, label: 'Deals' });
  });

  it('keeps the property and value as written, spaces and all', () => {
    expect(rowTrigger(`when a row in ${MENTION} has Deal stage is set to Closed – won`)).toMatchObject({ property: 'Deal stage', value: 'Closed – won' });
    expect(rowTrigger(`when a row in ${MENTION} has Discount is 10`)).toMatchObject({ property: 'Discount', value: '10' });
    expect(rowTrigger(`when a row in ${MENTION} has Ready = checked`)).toMatchObject({ property: 'Ready', value: 'checked' });
  });

  it('asks for the column and value when the phrase names only a state', () => {
    const problem = problemOf(`when a row in ${MENTION} reaches Closed won`);
    expect(problem).toMatchObject({ kind: 'trigger_unreadable', reason: 'no_condition', severity: 'error' });
    expect(rowProblemMessage(problem)).toContain("write the column's name, then =, then the value: 'when a row in @Deals has Stage = Closed won'");
  });

  it('asks for the link when the database is named in words', () => {
    const problem = problemOf('when a row in Deals has Stage = Closed won');
    expect(problem).toMatchObject({ kind: 'trigger_unreadable', reason: 'no_database_link', named: 'Deals' });
    expect(rowProblemMessage(problem)).toContain("names 'Deals' without linking it — type @ and pick the database");
    expect(problemOf('when a Deals row reaches Stage = Closed won')).toMatchObject({ reason: 'no_database_link', named: 'Deals' });
    expect(problemOf('when Stage in Deals becomes Closed won')).toMatchObject({ reason: 'no_database_link', named: 'Deals' });
  });

  it('refuses a Drive or web link where the database should be', () => {
    const problem = problemOf(`when a row in ${L.closedWonDeals} has Stage = Closed won`);
    expect(problem).toMatchObject({ kind: 'trigger_link_not_database', url: L.closedWonDeals, found: 'drive_folder' });
    expect(rowProblemMessage(problem)).toContain('which is not a Notion database (it is a Drive folder) — link the database whose rows start a run');
    expect(problemOf('when a row in https://crm.example.com/deals has Stage = Closed won')).toMatchObject({ kind: 'trigger_link_not_database', found: 'other_link' });
  });
});

describe('another workflow publishing', () => {
  it.each([
    ['when Weekly competitive brief publishes', 'Weekly competitive brief'],
    ['after Weekly competitive brief is published', 'Weekly competitive brief'],
    ['When “Weekly competitive brief” is published.', 'Weekly competitive brief'],
    ["Runs when 'Sprint feedback synthesis' publishes", 'Sprint feedback synthesis'],
    [`when <mention-page url="https://www.notion.so/${FIXTURE_IDS.rows.weeklyBrief.replace(/-/g, '')}">Weekly competitive brief</mention-page> publishes`, 'Weekly competitive brief'],
  ])('reads %s as following %s', (raw, workflowName) => {
    expect(parseTriggerPhrase(raw)).toEqual({ ok: true, phrase: { kind: 'chain', afterWorkflow: { workflowName } } });
  });
});

describe('a file landing in a folder', () => {
  it.each([
    `when a file lands in ${L.closedWonDeals}`,
    `When a new file is added to [Closed-won deals](${L.closedWonDeals})`,
    `a document is uploaded to the folder ${L.closedWonDeals}`,
  ])('reads %s as the Watch folder', (raw) => {
    const reading = parseTriggerPhrase(raw);
    expect(reading.ok && reading.phrase.kind === 'folder' && reading.phrase.folder).toMatchObject({ kind: 'drive_folder', id: FOLDER, url: L.closedWonDeals });
  });

  it('refuses a folder named without its link, or a link that is not a Drive folder', () => {
    expect(rowProblemMessage(problemOf('when a file lands in Closed-won deals'))).toContain(
      "names 'Closed-won deals' without its link — paste the Google Drive folder's address",
    );
    expect(problemOf(`when a file lands in ${L.surveyAnswers}`)).toMatchObject({ kind: 'trigger_folder_invalid', found: 'drive_file' });
  });
});

describe('what Baton does not understand', () => {
  it('quotes the line and shows one example of each form', () => {
    const message = rowProblemMessage(problemOf('as soon as the deal is signed'));
    expect(message).toContain("Trigger 'as soon as the deal is signed' is not something Baton understands — write one of: 'when a row in @Deals has Stage = Closed won'");
    expect(message).toContain("'when Weekly competitive brief publishes'");
    expect(message).toContain("'when a file lands in https://drive.google.com/drive/folders/…'");
  });

  it('sends a schedule to the Schedule column', () => {
    expect(rowProblemMessage(problemOf('every Monday at 9:00'))).toContain("Trigger 'every Monday at 9:00' is a schedule — write it in the Schedule column");
  });

  it('refuses two different triggers of one kind, and reads the same one twice as one', () => {
    const other = `when a row in ${MENTION} has Stage = Proposal`;
    const same = readTriggers([`when a row in ${MENTION} has Stage = Closed won`, `When a row in [Deals](${L.deals}) has stage = closed won`]);
    expect(same.problems).toEqual([]);
    expect(same.rowTrigger).toMatchObject({ property: 'Stage', value: 'Closed won' });
    const two = readTriggers([`when a row in ${MENTION} has Stage = Closed won\n${other}`]);
    expect(two.rowTrigger).toBeNull();
    expect(two.problems.map((p) => p.kind)).toEqual(['trigger_several']);
  });

  it('reads several kinds in one cell, one per line or joined by "or when"', () => {
    const reading = readTriggers([`when a file lands in ${L.closedWonDeals} or when a row in ${MENTION} has Stage = Closed won; when Weekly competitive brief publishes`]);
    expect(reading.problems).toEqual([]);
    expect(reading.folder?.id).toBe(FOLDER);
    expect(reading.rowTrigger?.value).toBe('Closed won');
    expect(reading.afterWorkflow?.workflowName).toBe('Weekly competitive brief');
  });
});

describe('triggers in a row', () => {
  it('reads the Trigger property, a database mention included', async () => {
    const page = examplePage(variant(weeklyBrief, { properties: { Schedule: null } }));
    const withMention = {
      ...page,
      properties: {
        ...page.properties,
        Trigger: {
          id: 'Tr',
          type: 'rich_text',
          rich_text: [
            { type: 'text', text: { content: 'When a row in ', link: null }, plain_text: 'When a row in ', href: null },
            { type: 'mention', mention: { type: 'database', database: { id: DEALS } }, plain_text: 'Deals', href: `https://www.notion.so/${DEALS_HEX}` },
            { type: 'text', text: { content: ' has Stage = Closed won', link: null }, plain_text: ' has Stage = Closed won', href: null },
          ],
        },
      },
    };
    const { definition, problems } = await build(weeklyBrief, withMention);
    expect(problems).toEqual([]);
    expect(definition?.rowTrigger).toEqual({ databaseId: DEALS, url: `https://www.notion.so/${DEALS_HEX}`, label: 'Deals', property: 'Stage', value: 'Closed won' });
  });

  it('reads a Trigger section in the body, without mistaking it for Steps or Context', async () => {
    for (const heading of ['## Trigger', '## When it runs', '### Starts when', '**Trigger:**']) {
      const body = parseBody([heading, `- When a row in ${MENTION} has Stage = Closed won`, '## Goal', 'Brief the team.', '## Steps', '1. Read.'].join('\n'));
      expect(body.problems).toEqual([]);
      expect(body.trigger).toEqual([`When a row in ${MENTION} has Stage = Closed won`]);
      expect(body.steps).toEqual([{ number: 1, text: 'Read.' }]);
      expect(body.context).toEqual([]);
    }
  });

  it('counts a row trigger or a chain as what starts an Active row', async () => {
    const bare = variant(weeklyBrief, { properties: { Schedule: null } });
    expect((await build(bare)).problems.map((p) => p.kind)).toEqual(['nothing_starts_it']);
    const chained = variant(bare, { properties: { Trigger: { rich_text: text('when Sprint feedback synthesis publishes') } } });
    const built = await build(chained);
    expect(built.problems).toEqual([]);
    expect(built.definition?.afterWorkflow).toEqual({ workflowName: 'Sprint feedback synthesis' });
  });

  it('lets "the new file", "the deal" and "the brief" mean what started the run when a row or workflow starts it', async () => {
    const lines = ['- The deal (its properties and notes)', '- The brief', '- The triggering row'];
    const body = (trigger: string) => ['## Goal', 'G', '## Trigger', trigger, '## Context', ...lines].join('\n');
    const byRow = await build(variant(weeklyBrief, { markdown: body(`when a row in ${MENTION} has Stage = Closed won`) }));
    expect(byRow.problems).toEqual([]);
    expect(byRow.definition?.context.map((c) => c.kind)).toEqual(['trigger_file', 'trigger_file', 'trigger_file']);
    const byChain = await build(variant(weeklyBrief, { markdown: body('when Sprint feedback synthesis publishes') }));
    expect(byChain.problems).toEqual([]);
    const none = await build(variant(weeklyBrief, { markdown: ['## Goal', 'G', '## Context', ...lines].join('\n') }));
    expect(none.problems.map((p) => p.kind)).toEqual(['trigger_file_without_watch_folder', 'trigger_file_without_watch_folder', 'trigger_file_without_watch_folder']);
  });

  it('takes "a file lands in" as the Watch folder, and refuses a second, different folder', async () => {
    const byTrigger = variant(kickoffBrief, { properties: { 'Watch folder': null, Trigger: { rich_text: text(`when a file lands in ${L.closedWonDeals}`) } } });
    const built = await build(byTrigger);
    expect(built.problems.map((p) => p.kind)).toEqual(['context_no_link']);
    expect(built.definition?.watchFolder).toMatchObject({ kind: 'drive_folder', id: FOLDER });
    const same = variant(kickoffBrief, { properties: { Trigger: { rich_text: text(`when a file lands in ${L.closedWonDeals}`) } } });
    expect((await build(same)).problems.map((p) => p.kind)).toEqual(['context_no_link']);
    const other = variant(kickoffBrief, { properties: { Trigger: { rich_text: text(`when a file lands in ${L.publishedArticles}`) } } });
    const conflict = (await build(other)).problems.find((p) => p.kind === 'trigger_folder_conflict');
    expect(conflict && rowProblemMessage(conflict)).toContain('but Watch folder is another folder');
  });

  it('refuses a workflow that follows itself', async () => {
    const self = variant(weeklyBrief, { properties: { Trigger: { rich_text: text('when the weekly competitive brief publishes') } } });
    const built = await build(self);
    expect(built.problems.map((p) => p.kind)).toEqual(['chain_self']);
    expect(built.definition?.afterWorkflow).toBeNull();
    expect(rowProblemMessage(built.problems[0]!)).toContain('that is this workflow itself');
  });
});

describe('Run now and the schedule anchor', () => {
  it('reads the Run now box without changing the content hash', async () => {
    const ticked = variant(weeklyBrief, { properties: { 'Run now': { checkbox: true } } });
    const cleared = variant(weeklyBrief, { properties: { 'Run now': { checkbox: false } } });
    const [a, b, c] = await Promise.all([build(ticked), build(cleared), build(weeklyBrief)]);
    expect([a.runNow, b.runNow, c.runNow]).toEqual([true, false, false]);
    expect(a.problems).toEqual([]);
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).toBe(c.contentHash);
  });

  it('says a Run now column that is not a checkbox has the wrong type', async () => {
    const text_ = variant(weeklyBrief, { properties: { 'Run now': { rich_text: text('yes') } } });
    expect((await build(text_)).problems.map((p) => [p.kind, 'expected' in p && p.expected])).toEqual([['property_wrong_type', 'Checkbox']]);
  });

  it("anchors a schedule at the row's creation date in its own time zone", async () => {
    const page = (row: FixtureRow, created: string) => ({ ...examplePage(row), created_time: created });
    // 23:30 UTC on 1 Nov is already 2 Nov in Paris, still 1 Nov in New York.
    expect((await build(weeklyBrief, page(weeklyBrief, '2026-11-01T23:30:00.000Z'))).definition?.scheduleAnchor).toBe('2026-11-02');
    expect((await build(sprintSynthesis, page(sprintSynthesis, '2026-11-01T23:30:00.000Z'))).definition?.scheduleAnchor).toBe('2026-11-01');
    expect((await build(kickoffBrief)).definition?.scheduleAnchor).toBeNull();
  });
});
