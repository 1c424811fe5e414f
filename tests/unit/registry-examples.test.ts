import { describe, expect, it } from 'vitest';
import { buildDefinition, hasErrors, healthText } from '../../src/registry';
import { checkPlan } from '../../src/registry/plan-check';
import {
  examplePage,
  FIXTURE_IDS,
  FIXTURE_USERS,
  FIXTURE_URLS as L,
  kickoffBrief,
  repurposeArticles,
  sprintSynthesis,
  weeklyBrief,
  type FixtureRow,
} from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z'); // a Tuesday
const { driveFolders: F, driveFiles: D, notionPages: P, users: U, rows: R } = FIXTURE_IDS;

function build(row: FixtureRow) {
  return buildDefinition({ page: examplePage(row), markdown: row.markdown, truncated: row.truncated, defaultTimeZone: 'UTC', now: NOW });
}

describe('the four example workflows', () => {
  it('reads the weekly competitive brief: Monday 9:00 in Paris, Maya reviews, Drive and Notion outputs', async () => {
    const { definition, problems, notes, nextRun } = await build(weeklyBrief);
    expect(problems).toEqual([]);
    expect(notes).toEqual([]);
    expect(nextRun).toEqual(new Date('2026-11-30T08:00:00Z'));
    expect(definition).toMatchObject({
      pageId: R.weeklyBrief,
      name: 'Weekly competitive brief',
      state: 'Active',
      mode: 'Live',
      schedule: 'every Monday at 9:00',
      timeZone: 'Europe/Paris',
      watchFolder: null,
      reviewer: { id: U.maya, name: 'Maya Okafor' },
      outputFolder: { kind: 'drive_folder', id: F.competitiveIntelligence, url: L.competitiveIntelligenceFolder },
      outputPage: { kind: 'notion_page', id: P.competitiveIntelligence, url: L.competitiveIntelligencePage, label: 'Competitive intelligence' },
      rowTrigger: null,
      afterWorkflow: null,
      scheduleAnchor: '2026-11-02',
      goal: 'Tell the strategy team what our competitors did last week and what changed since the last brief.',
      outputTemplate: '### Summary (3 bullets)\n### Changes since last week\n### Pricing moves\n### What to watch\nKeep it under 500 words.',
      lessons: [],
    });
    expect(definition?.steps).toEqual([
      { number: 1, text: 'Read the competitor updates that came in this week.' },
      { number: 2, text: "Compare them with last week's brief and list what is new, what changed, and what went quiet." },
      { number: 3, text: 'Draft the brief with the template below. Flag anything that affects our pricing.' },
      { number: 4, text: 'Send it to Maya for review.' },
    ]);
    expect(definition?.context).toEqual([
      { kind: 'drive_folder', id: F.competitorUpdates, url: L.competitorUpdates, label: 'Competitor updates' },
      { kind: 'previous_output', label: "Last week's brief" },
      { kind: 'notion_page', id: P.ourPositioning, url: L.ourPositioning, label: 'Our positioning' },
    ]);
    expect(definition?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the client kickoff brief: started by the Closed-won deals folder or a deal closing, the CRM line asks for a link', async () => {
    const { definition, problems, nextRun } = await build(kickoffBrief);
    expect(problems.map((p) => p.kind)).toEqual(['context_no_link']);
    expect(hasErrors(problems)).toBe(false);
    expect(nextRun).toBeNull();
    expect(definition).toMatchObject({
      name: 'Client kickoff brief',
      state: 'Active',
      mode: 'Live',
      schedule: null,
      timeZone: 'UTC',
      watchFolder: { kind: 'drive_folder', id: F.closedWonDeals, url: L.closedWonDeals },
      rowTrigger: { databaseId: FIXTURE_IDS.dealsDatabase, url: L.deals, label: 'Deals', property: 'Stage', value: 'Closed won' },
      afterWorkflow: null,
      scheduleAnchor: null,
      reviewer: { id: U.accountOwner, name: 'Jordan Lee' },
      outputFolder: { kind: 'drive_folder', id: F.clients },
      outputPage: { kind: 'notion_page', id: P.clientOnboarding, label: 'Client onboarding' },
      outputTemplate: '### Client and goals\n### Scope we sold\n### Stakeholders\n### Risks and open questions\n### First 30 days',
    });
    expect(definition?.steps.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(definition?.context).toEqual([
      { kind: 'trigger_file', label: 'The new file (the signed proposal)' },
      { kind: 'described', label: 'CRM notes for this client' },
      { kind: 'notion_page', id: P.kickoffHowTo, url: L.kickoffHowTo, label: 'Kickoff brief — how we run kickoffs' },
    ]);
  });

  it('reads the repurposing workflow: the parallel-steps sentence is kept as a note, not a step', async () => {
    const { definition, problems, notes } = await build(repurposeArticles);
    expect(problems).toEqual([]);
    expect(notes).toEqual(['Steps 2, 3 and 4 only need the article, so they can run at the same time.']);
    expect(definition?.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(definition?.steps[4]).toEqual({ number: 5, text: 'Lena reviews the set together.' });
    expect(definition).toMatchObject({
      watchFolder: { kind: 'drive_folder', id: F.publishedArticles },
      reviewer: { id: U.lena, name: 'Lena Fischer' },
      outputFolder: null,
      outputPage: { kind: 'notion_page', id: P.contentLibrary },
      outputTemplate: null,
    });
    expect(definition?.context).toEqual([
      { kind: 'trigger_file', label: 'The new article' },
      { kind: 'notion_page', id: P.brandVoiceGuide, url: L.brandVoiceGuide, label: 'Brand voice guide' },
      { kind: 'notion_page', id: P.channelTemplates, url: L.channelTemplates, label: 'Channel templates' },
    ]);
  });

  it('reads the sprint synthesis: every other Friday at 4pm New York time, Sheets by id, lessons one per item', async () => {
    const { definition, problems, nextRun } = await build(sprintSynthesis);
    expect(problems).toEqual([]);
    // Counted from the row's creation (Mon 2 Nov): Fridays 6 Nov, 20 Nov, 4 Dec…; not 27 Nov.
    expect(nextRun).toEqual(new Date('2026-12-04T21:00:00Z'));
    expect(definition).toMatchObject({
      schedule: 'every other Friday at 4pm',
      timeZone: 'America/New_York',
      reviewer: { id: U.sam, name: 'Sam Rivera' },
      outputPage: { kind: 'notion_page', id: P.productWiki },
      outputTemplate: '### Top themes (with counts and sources)\n### Repeated across sources\n### Urgent\n### Quotes',
      lessons: [
        '2026-11-13 — Sam: Put the count next to each theme, not in a table at the end.',
        "2026-11-13 — Sam: Quote customers word for word; don't paraphrase.",
      ],
    });
    expect(definition?.context).toEqual([
      { kind: 'drive_folder', id: F.callNotes, url: L.callNotes, label: 'Call notes' },
      { kind: 'drive_file', id: D.supportTicketsExport, url: L.supportTicketsExport, label: 'Support tickets export (Sheet)' },
      { kind: 'drive_file', id: D.surveyAnswers, url: L.surveyAnswers, label: 'Survey answers (Sheet)' },
      { kind: 'previous_output', label: "Last sprint's synthesis" },
    ]);
  });

  it('says OK with the next run in the row time zone, or the folder that starts it', async () => {
    const brief = await build(weeklyBrief);
    expect(healthText({ problems: brief.problems, state: 'Active', timeZone: 'Europe/Paris', nextRun: brief.nextRun })).toBe(
      'OK — next run Mon 30 Nov 09:00 (Europe/Paris)',
    );
    const repurpose = await build(repurposeArticles);
    expect(
      healthText({ problems: repurpose.problems, state: 'Active', timeZone: 'UTC', watchFolder: repurpose.definition?.watchFolder }),
    ).toBe(`OK — runs when a file lands in the Watch folder (${L.publishedArticles})`);
    const kickoff = await build(kickoffBrief);
    const definition = kickoff.definition;
    expect(
      healthText({ problems: [], state: 'Active', timeZone: 'UTC', watchFolder: definition?.watchFolder, rowTrigger: definition?.rowTrigger }),
    ).toBe(`OK — runs when a file lands in the Watch folder (${L.closedWonDeals}); also runs when a row in Deals has Stage = Closed won`);
  });
});

describe('the four example workflows on the row’s Plan', () => {
  // The workspace's people as GET /v1/users lists them (bots and groups are not people).
  const people = Object.values(FIXTURE_USERS).flatMap((u) => (u.object === 'user' && u.type === 'person' && u.name ? [{ id: u.id, name: u.name }] : []));
  const planOf = async (row: FixtureRow) => {
    const { definition } = await buildDefinition({ page: examplePage(row), markdown: row.markdown, defaultTimeZone: 'UTC', now: NOW, people: { ok: true, people } });
    return { definition, ...checkPlan(definition!) };
  };

  it.each([
    { name: 'the weekly competitive brief', row: weeklyBrief, line: "1 Competitor updates → 2 Compare them with last week's brief → 3 Brief → review (Maya Okafor) → publish", named: ['Maya Okafor'] },
    { name: 'the client kickoff brief', row: kickoffBrief, line: '1 Pull what we know about the client → 2 Kickoff brief → review (Jordan Lee) → publish', named: [] },
    { name: 'content repurposing', row: repurposeArticles, line: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section ∥ 4 Talk-track outline → review (Lena Fischer) → publish', named: ['Lena Fischer'] },
    { name: 'the sprint feedback synthesis', row: sprintSynthesis, line: '1 Feedback → 2 Group it by theme → 3 Synthesis → review (Sam Rivera) → publish', named: ['Sam Rivera'] },
  ])('shows $name as its graph, with nothing wrong in its Steps', async ({ row, line, named }) => {
    const { definition, planLine, problems } = await planOf(row);
    expect(planLine).toBe(line);
    expect(problems).toEqual([]);
    expect(definition?.people.map((p) => p.name)).toEqual(named);
  });

  it('keeps the repurposing row’s runs-together line in the definition, for the compiler', async () => {
    const { definition } = await planOf(repurposeArticles);
    expect(definition?.stepNotes).toEqual(['Steps 2, 3 and 4 only need the article, so they can run at the same time.']);
  });
});
