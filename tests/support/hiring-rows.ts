// Rows of the team's own beside the four examples: the hiring pipeline of issue 10 (two
// summaries side by side, then the report) and the same work written as a plain chain, so the
// workerd tests and `npm run bench` run exactly the same plans.
import { text, type FixtureRow } from '../fixtures/notion-page';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { WORLD } from './world';

const hex = (id: string) => id.replace(/-/g, '');
export const HIRING_URLS = {
  applicants: `https://drive.google.com/drive/folders/${WORLD.applicantsFolder}`,
  interviewNotes: `https://www.notion.so/acme/Interview-notes-${hex(WORLD.interviewNotesPage)}`,
  hiring: `https://www.notion.so/acme/Hiring-${hex(WORLD.hiringPage)}`,
};

export interface TeamRowOptions {
  pageId?: string;
  /** Instead of the row's usual Name. */
  name?: string;
  schedule?: string;
  context?: string[];
}

/** A weekly row that publishes under the Hiring page; `steps` are the lines of its Steps section. */
export function teamRow(name: string, steps: string[], reviewer: string, options: TeamRowOptions = {}): FixtureRow {
  return {
    pageId: options.pageId ?? `row-${name}`,
    properties: {
      Name: { title: text(options.name ?? name) },
      State: { select: { name: 'Active' } },
      Schedule: { rich_text: text(options.schedule ?? 'every Monday at 9:00') },
      'Time zone': { rich_text: text('Europe/Paris') },
      Reviewer: { people: [{ id: reviewer }] },
      'Output page': { url: HIRING_URLS.hiring },
      Mode: { select: { name: 'Live' } },
    },
    markdown: ['## Goal', 'Tell the hiring team where every candidate stands.', '## Steps', ...steps, '## Context', ...(options.context ?? [])].join('\n'),
  };
}

const HIRING_CONTEXT = [`- Drive folder: Applicants (${HIRING_URLS.applicants})`, `- Notion: Interview notes (${HIRING_URLS.interviewNotes})`];

/** 1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Sam) → publish */
export const hiringPipeline = (options: Omit<TeamRowOptions, 'context'> = {}) =>
  teamRow(
    'Weekly hiring pipeline',
    [
      '1. Summarise new applicants (Drive folder Applicants).',
      '2. Summarise interview notes (Notion page Interview notes).',
      '3. After steps 1 and 2, draft the pipeline report.',
      '4. Sam reviews it.',
    ],
    FIXTURE_IDS.users.sam,
    { ...options, context: HIRING_CONTEXT },
  );

/** The same three steps as a chain: 1 → 2 → 3 → review (Sam) → publish. */
export const hiringPipelineInOrder = (options: Omit<TeamRowOptions, 'context'> = {}) =>
  teamRow(
    'Weekly hiring pipeline, one step at a time',
    ['1. Summarise new applicants (Drive folder Applicants).', '2. Summarise interview notes (Notion page Interview notes).', '3. Draft the pipeline report.', '4. Sam reviews it.'],
    FIXTURE_IDS.users.sam,
    { ...options, context: HIRING_CONTEXT },
  );
