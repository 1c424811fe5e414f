// The world Baton's integration tests and the offline demo run in: the people, pages, Drive
// folders and files the four example workflows (tests/fixtures/example-rows.ts) point at,
// seeded into the Notion and Drive stand-ins.
import type { NotionSeed, SeedDatabase } from '../emulators/notion';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { RUNS, WORKFLOWS, propertyRequest, type DatabaseSpec } from '../../src/registry/databases';

const { users: U, notionPages: P, driveFolders: F, driveFiles: D } = FIXTURE_IDS;

export const WORLD = {
  notionToken: 'ntn_baton_local_token',
  /** The teamspace page shared with the Baton integration: the only allowed Notion root. */
  rootPage: '0b47a7e5-1d2c-4f3a-9b8e-7c6d5e4f3a21',
  /** A page a person can see but Baton was never given. */
  privatePage: '0b47a7e5-1d2c-4f3a-9b8e-7c6d5e4f3a22',
  /** A shared drive: service accounts can only create files in shared drives. */
  teamDrive: '0AcmeTeamDriveXyz9PVA',
  serviceAccountEmail: 'baton@acme-baton.iam.gserviceaccount.com',
  /** Someone who is not any workflow's reviewer. */
  alex: '6c1e9f3a-2d4b-4e8a-8f70-3b5a1c9d2e05',
  /** The Workflows and Runs databases, as `npm run setup` creates them (same properties). */
  workflowsDatabase: FIXTURE_IDS.workflowsDatabase,
  workflowsDataSource: FIXTURE_IDS.workflowsDataSource,
  runsDatabase: '1f0c2a4e-8b7d-4c3e-9a51-6d2e8f4b7c20',
  runsDataSource: '1f0c2a4e-8b7d-4c3e-9a51-6d2e8f4b7c21',
  /** The sales team's Deals database: the kickoff brief starts when a row reaches Closed won. */
  dealsDatabase: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  dealsDataSource: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d7',
  /** A deal still in Proposal: the tests move it to Closed won. */
  acmeDeal: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5e1',
  /** A deal that was Closed won before Baton watched the database: it must start nothing. */
  oldDeal: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5e2',
  /** The hiring pipeline's sources and home: a folder of applications, the interview notes, the report page. */
  applicantsFolder: '1AppLcnt5Wq8xRv3mKp6LtYz2nBc7dHfJb',
  interviewNotesPage: '3b7d2e91-4c6a-4f1e-8d25-a09c7e5b3f11',
  hiringPage: '3b7d2e91-4c6a-4f1e-8d25-a09c7e5b3f12',
  /** Where the repurposed assets' Docs go. */
  contentLibraryFolder: '1CntLib4Xq7rT2vKp9mLw3NzY8bHcJf5dK',
} as const;

function dealsDatabase(): SeedDatabase {
  const title = (t: string) => [{ type: 'text' as const, text: { content: t } }];
  return {
    id: WORLD.dealsDatabase,
    data_source_id: WORLD.dealsDataSource,
    parent: { page_id: WORLD.rootPage },
    title: 'Deals',
    properties: {
      Name: { title: {} },
      Stage: { select: { options: [{ name: 'Lead' }, { name: 'Proposal' }, { name: 'Closed won' }, { name: 'Closed lost' }] } },
      Client: { rich_text: {} },
      Amount: { number: { format: 'number' } },
      Owner: { people: {} },
    },
    rows: [
      {
        id: WORLD.acmeDeal,
        properties: {
          Name: { title: title('Acme Corp — analytics rollout') },
          Stage: { select: { name: 'Proposal' } },
          Client: { rich_text: title('Acme Corp') },
          Amount: { number: 48000 },
          Owner: { people: [{ id: FIXTURE_IDS.users.accountOwner }] },
        },
        markdown: '## Notes\nAcme wants dashboards for 40 finance users by March.\nTheir CFO, Dana Wu, signs off on scope.',
      },
      {
        id: WORLD.oldDeal,
        properties: {
          Name: { title: title('Globex — renewal') },
          Stage: { select: { name: 'Closed won' } },
          Client: { rich_text: title('Globex') },
          Amount: { number: 12000 },
        },
        markdown: 'Renewed in October.',
      },
    ],
  };
}

function database(spec: DatabaseSpec, id: string, dataSourceId: string): SeedDatabase {
  const properties = Object.fromEntries(
    Object.entries(spec.properties).map(([name, p]) => [name, propertyRequest(p, WORLD.workflowsDataSource)]),
  ) as SeedDatabase['properties'];
  return { id, data_source_id: dataSourceId, parent: { page_id: WORLD.rootPage }, title: spec.title, properties };
}

export function notionWorld(): NotionSeed {
  const page = (id: string, title: string, markdown: string) => ({ id, parent: { page_id: WORLD.rootPage }, title, markdown });
  return {
    workspace: { name: 'Acme' },
    people: [
      { id: U.maya, name: 'Maya Okafor', email: 'maya@acme.example' },
      { id: U.lena, name: 'Lena Fischer', email: 'lena@acme.example' },
      { id: U.sam, name: 'Sam Rivera', email: 'sam@acme.example' },
      { id: U.accountOwner, name: 'Jordan Lee', email: 'jordan@acme.example' },
      { id: WORLD.alex, name: 'Alex Kim', email: 'alex@acme.example' },
    ],
    integrations: [{ token: WORLD.notionToken, name: 'Baton', bot_id: U.batonBot, shared: [WORLD.rootPage] }],
    pages: [
      { id: WORLD.rootPage, title: 'Acme HQ', markdown: 'Team home. Baton keeps its Workflows and Runs here.' },
      { id: WORLD.privatePage, title: 'Board notes', markdown: 'Not shared with Baton.' },
      page(
        P.ourPositioning,
        'Our positioning',
        '## Positioning\nWe sell to mid-market finance teams.\nOur Pro plan costs 49 EUR per seat.\nWe compete on onboarding speed, not on price.',
      ),
      page(P.competitiveIntelligence, 'Competitive intelligence', 'Dated competitive briefs live under this page.'),
      page(P.kickoffHowTo, 'Kickoff brief — how we run kickoffs', 'Every kickoff starts with goals, scope and stakeholders.'),
      page(P.clientOnboarding, 'Client onboarding', 'Kickoff briefs live under this page.'),
      page(P.brandVoiceGuide, 'Brand voice guide', 'Plain words. Short sentences. No hype.'),
      page(P.channelTemplates, 'Channel templates', 'LinkedIn: hook line, three short paragraphs, one link.'),
      page(P.contentLibrary, 'Content library', 'Repurposed content lives here.'),
      page(P.productWiki, 'Product wiki', 'Sprint syntheses live here.'),
      page(
        WORLD.interviewNotesPage,
        'Interview notes',
        '## This week\nNadia Perez impressed the panel with her SQL take-home.\nOmar Haddad needs a second technical interview.',
      ),
      page(WORLD.hiringPage, 'Hiring', 'Weekly pipeline reports live under this page.'),
      // The weekly brief in trial: its Trial page, and the briefs Maya's team writes by hand.
      page(P.trialBriefs, 'Trial briefs', 'Baton’s trial briefs land here while the team compares them with its own.'),
      page(P.humanBriefs, 'Strategy briefs', 'The briefs the strategy team writes, one page a week.'),
      {
        id: P.humanBrief23Nov,
        parent: { page_id: P.humanBriefs },
        title: 'Brief — 23 Nov',
        markdown: '## Summary\nQuiet week: no competitor changed its prices.',
      },
      {
        id: P.humanBrief30Nov,
        parent: { page_id: P.humanBriefs },
        title: 'Brief — 30 Nov',
        markdown: [
          '## Summary',
          '- Rival A launched a Teams plan at 39 EUR per seat on 18 November.',
          '- Two customers asked us about SSO pricing.',
          '## Pricing moves',
          'Rival A now undercuts our Pro plan by 10 EUR per seat.',
          '## Customer signals',
          'Finance teams ask for single sign-on in every demo.',
        ].join('\n'),
      },
    ],
    databases: [
      database(WORKFLOWS, WORLD.workflowsDatabase, WORLD.workflowsDataSource),
      database(RUNS, WORLD.runsDatabase, WORLD.runsDataSource),
      dealsDatabase(),
    ],
  };
}

export interface DriveSeedFile {
  id?: string;
  name: string;
  parent: string;
  markdown?: string;
  rows?: string[][];
  text?: string;
  mimeType?: string;
  modifiedTime?: string;
}

export function driveWorld(): { drives: { id: string; name: string }[]; files: DriveSeedFile[] } {
  const folder = (id: string, name: string): DriveSeedFile => ({ id, name, parent: WORLD.teamDrive });
  return {
    drives: [{ id: WORLD.teamDrive, name: 'Acme team' }],
    files: [
      folder(F.competitorUpdates, 'Competitor updates'),
      folder(F.competitiveIntelligence, 'Competitive intelligence'),
      folder(F.closedWonDeals, 'Closed-won deals'),
      folder(F.clients, 'Clients'),
      folder(F.publishedArticles, 'Published articles'),
      folder(F.callNotes, 'Call notes'),
      folder(WORLD.applicantsFolder, 'Applicants'),
      folder(WORLD.contentLibraryFolder, 'Content library'),
      folder(F.trialBriefs, 'Trial briefs'),
      { name: 'Nadia Perez — application', parent: WORLD.applicantsFolder, markdown: '# Nadia Perez\nApplied for Data analyst on 24 November.\nFive years of SQL at a logistics firm.', modifiedTime: '2026-11-26T09:00:00.000Z' },
      { name: 'Omar Haddad — application', parent: WORLD.applicantsFolder, markdown: '# Omar Haddad\nApplied for Backend engineer on 25 November.\nBuilt payment APIs in Go.', modifiedTime: '2026-11-27T09:00:00.000Z' },
      {
        name: 'Rival A press release',
        parent: F.competitorUpdates,
        markdown: '# Rival A launches Teams plan\nRival A launched a Teams plan at 39 EUR per seat on 18 November.\nThe plan bundles SSO at no extra cost.',
        modifiedTime: '2026-11-27T10:00:00.000Z',
      },
      {
        name: 'Rival B changelog',
        parent: F.competitorUpdates,
        markdown: '# Rival B changelog\nRival B shipped an AI onboarding assistant.\nRival B deprecated its free tier.',
        modifiedTime: '2026-11-26T15:00:00.000Z',
      },
      {
        id: D.competitorPricing,
        name: 'Competitor pricing',
        parent: F.competitorUpdates,
        rows: [
          ['competitor', 'plan', 'price', 'date seen'],
          ['Rival A', 'Teams', '39 EUR', '2026-11-18'],
          ['Rival B', 'Pro', '55 EUR', '2026-11-20'],
        ],
        modifiedTime: '2026-11-25T09:00:00.000Z',
      },
      { id: D.supportTicketsExport, name: 'Support tickets export', parent: F.callNotes, rows: [['ticket', 'theme'], ['T-1', 'exports are slow']] },
      { id: D.surveyAnswers, name: 'Survey answers', parent: F.callNotes, rows: [['answer'], ['Love the onboarding']] },
    ],
  };
}
