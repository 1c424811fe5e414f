// The workspace the offline stack starts from: the example world (tests/support/world.ts) with
// the given Workflows rows, each as its author (Maya) wrote it. `npm start` adds what a team
// would really have around the four workflows of EXAMPLES.md (demoExtras): CRM notes for the
// kickoff brief to link, a signed proposal waiting to be dropped, a sprint's worth of feedback.
import type { NotionSeed } from '../emulators/notion';
import { FIXTURE_IDS, kickoffBrief, type FixtureRow } from '../fixtures/example-rows';
import { driveWorld, notionWorld, WORLD, type DriveSeedFile } from '../support/world';

const D = FIXTURE_IDS.driveFiles;
const CRM_NOTES_PAGE = '3b7d2e91-4c6a-4f1e-8d25-a09c7e5b3f21';
const CRM_NOTES_URL = `https://www.notion.so/CRM-notes-${CRM_NOTES_PAGE.replaceAll('-', '')}`;

export function demoNotionWorld(rows: FixtureRow[], extras = false): NotionSeed {
  const seed = notionWorld();
  const workflows = seed.databases?.find((d) => d.data_source_id === WORLD.workflowsDataSource);
  if (!workflows) throw new Error('The world has no Workflows database');
  const written = extras ? rows.map(withCrmNotes) : rows;
  workflows.rows = written.map((row) => ({ id: row.pageId, properties: row.properties, markdown: row.markdown, created_by: FIXTURE_IDS.users.maya }));
  if (extras) {
    seed.pages?.push({
      id: CRM_NOTES_PAGE,
      parent: { page_id: WORLD.rootPage },
      title: 'CRM notes',
      markdown: [
        '## Acme Corp',
        'Champion: Dana Wu (CFO). Wants dashboards for 40 finance users by March.',
        'Worried about the data migration from their old BI tool; asked twice about SSO.',
        '## Globex',
        'Renewed in October. Happy with support; wants quarterly business reviews.',
      ].join('\n'),
    });
  }
  return seed;
}

/** The kickoff brief as a team writes it once Health asked for a link to "CRM notes for this client". */
function withCrmNotes(row: FixtureRow): FixtureRow {
  if (row.pageId !== kickoffBrief.pageId) return row;
  return { ...row, markdown: row.markdown.replace('- Notion: CRM notes for this client', `- Notion: <mention-page url="${CRM_NOTES_URL}">CRM notes</mention-page>`) };
}

/** The example Drive, with a sprint's feedback and a signed proposal ready to drop into Closed-won deals. */
export function demoDriveWorld(): ReturnType<typeof driveWorld> {
  const world = driveWorld();
  const byId = new Map(world.files.filter((f) => f.id).map((f) => [f.id, f]));
  const tickets = byId.get(D.supportTicketsExport);
  if (tickets) {
    tickets.rows = [
      ['ticket', 'opened', 'theme', 'customer'],
      ['T-1041', '2026-11-23', 'CSV exports time out over 50k rows', 'Acme Corp'],
      ['T-1043', '2026-11-24', 'CSV exports time out over 50k rows', 'Initech'],
      ['T-1050', '2026-11-25', 'SSO setup docs are out of date', 'Globex'],
      ['T-1052', '2026-11-26', 'Dashboard filters reset after refresh', 'Acme Corp'],
      ['T-1057', '2026-11-27', 'CSV exports time out over 50k rows', 'Umbrella'],
    ];
  }
  const survey = byId.get(D.surveyAnswers);
  if (survey) {
    survey.rows = [
      ['answer', 'score'],
      ['Love the onboarding, it took ten minutes.', '9'],
      ['Exports are painfully slow for our month-end close.', '5'],
      ['Please add SSO to the Pro plan.', '6'],
      ['Filters forget what I picked.', '4'],
    ];
  }
  const callNotes = world.files.find((f) => f.name === 'Call notes');
  const proposals = '1PropSals8Lq3xRv8mKt2NwYp5zBc9dHfQ';
  const extra: DriveSeedFile[] = [
    { id: proposals, name: 'Proposals', parent: WORLD.teamDrive },
    {
      name: 'Acme Corp — signed proposal',
      parent: proposals,
      markdown: [
        '# Proposal: analytics rollout for Acme Corp',
        'Signed by Dana Wu (CFO) on 30 November 2026. 48,000 EUR for the first year.',
        '## Scope',
        'Finance dashboards for 40 users, SSO, migration of three years of data from their old BI tool.',
        '## Timeline',
        'Kickoff in the first week of December; dashboards live by 1 March.',
      ].join('\n'),
      modifiedTime: '2026-11-30T18:00:00.000Z',
    },
    {
      name: 'Call — Acme Corp, 24 Nov',
      parent: callNotes?.id ?? WORLD.teamDrive,
      markdown: '# Call with Acme Corp\nDana Wu: month-end exports time out; they split files by hand.\nThey would pay for SSO on Pro.',
      modifiedTime: '2026-11-24T15:00:00.000Z',
    },
    {
      name: 'Call — Initech, 26 Nov',
      parent: callNotes?.id ?? WORLD.teamDrive,
      markdown: '# Call with Initech\nOnboarding was smooth.\nDashboard filters reset after a refresh, which annoys their analysts.',
      modifiedTime: '2026-11-26T16:30:00.000Z',
    },
  ];
  return { ...world, files: [...world.files, ...extra] };
}
