// The fixture format a stand-in starts from: people, integrations (token, name, what is shared
// with them), pages with markdown bodies, databases with their schema and rows. Property values
// and schemas use the API's own request shapes, so the same validation applies.
import type { CreatePageParameters } from '@notionhq/client';
import type { PropertyConfigurationRequest } from '@notionhq/client/build/src/api-endpoints';

export interface SeedPerson {
  id?: string;
  name: string;
  email?: string;
  avatar_url?: string | null;
}

export interface SeedIntegration {
  /** The bearer token clients use. */
  token: string;
  name?: string;
  /** Id of the integration's bot user. */
  bot_id?: string;
  /** Page and database ids shared with the integration; their descendants are shared too. */
  shared?: string[];
}

export interface SeedPage {
  id?: string;
  /** Omitted: a workspace-level page (only fixtures can make those). */
  parent?: { page_id: string };
  title: string;
  /** The body, in Notion-flavored markdown. */
  markdown?: string;
  icon?: string;
  /** A person's id; default the first person. */
  created_by?: string;
  in_trash?: boolean;
}

export interface SeedRow {
  id?: string;
  properties: NonNullable<CreatePageParameters['properties']>;
  markdown?: string;
  created_by?: string;
}

export interface SeedDatabase {
  id?: string;
  data_source_id?: string;
  parent: { page_id: string };
  title: string;
  is_inline?: boolean;
  properties: Record<string, PropertyConfigurationRequest>;
  rows?: SeedRow[];
}

export interface SeedComment {
  /** A page or block id. */
  on: string;
  /** A person's id; default the first person. */
  author?: string;
  markdown: string;
  resolved?: boolean;
}

export interface NotionSeed {
  workspace?: { id?: string; name?: string };
  people?: SeedPerson[];
  integrations: SeedIntegration[];
  pages?: SeedPage[];
  databases?: SeedDatabase[];
  comments?: SeedComment[];
}

/** Fixed ids of the default seed, for tests and the demo. */
export const DEFAULT_IDS = {
  workspace: '0f0e0d0c-0b0a-4908-8706-050403020100',
  ada: '11111111-1111-4111-8111-111111111111',
  grace: '22222222-2222-4222-8222-222222222222',
  bot: '33333333-3333-4333-8333-333333333333',
  root: '44444444-4444-4444-8444-444444444444',
  notes: '55555555-5555-4555-8555-555555555555',
  private: '66666666-6666-4666-8666-666666666666',
  database: '77777777-7777-4777-8777-777777777777',
  dataSource: '88888888-8888-4888-8888-888888888888',
  firstRow: '99999999-9999-4999-8999-999999999999',
  secondRow: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
} as const;

export interface DefaultSeedOptions {
  token?: string;
  integrationName?: string;
}

/**
 * A small workspace: two people, one integration given the "Workspace home" page (and so its
 * notes page and its database), and one page the integration was not given.
 */
export function defaultSeed(options: DefaultSeedOptions = {}): NotionSeed {
  const ids = DEFAULT_IDS;
  const text = (content: string) => [{ text: { content } }];
  return {
    workspace: { id: ids.workspace, name: 'Acme' },
    people: [
      { id: ids.ada, name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: ids.grace, name: 'Grace Hopper', email: 'grace@example.com' },
    ],
    integrations: [
      { token: options.token ?? 'ntn_stand_in_token', name: options.integrationName ?? 'Baton', bot_id: ids.bot, shared: [ids.root] },
    ],
    pages: [
      { id: ids.root, title: 'Workspace home', markdown: '# Welcome\nPages under this one are shared with the integration.' },
      {
        id: ids.notes,
        parent: { page_id: ids.root },
        title: 'Meeting notes',
        markdown: `## Agenda\n- Review the **roadmap**\n- [ ] Send the summary to <mention-user url="user://${ids.grace}"/>\n`,
      },
      { id: ids.private, title: 'Private plans', markdown: 'Not shared with any integration.' },
    ],
    databases: [
      {
        id: ids.database,
        data_source_id: ids.dataSource,
        parent: { page_id: ids.root },
        title: 'Tasks',
        properties: {
          Name: { title: {} },
          Status: { status: { options: [{ name: 'To do', color: 'gray' }, { name: 'Doing', color: 'blue' }, { name: 'Done', color: 'green' }] } },
          Owner: { people: {} },
          Due: { date: {} },
          Priority: { select: { options: [{ name: 'High', color: 'red' }, { name: 'Low', color: 'gray' }] } },
          Tags: { multi_select: { options: [{ name: 'ops' }, { name: 'writing' }] } },
          Estimate: { number: { format: 'number' } },
          Done: { checkbox: {} },
          Link: { url: {} },
          Notes: { rich_text: {} },
        },
        rows: [
          {
            id: ids.firstRow,
            properties: {
              Name: { title: text('Write the launch post') },
              Status: { status: { name: 'Doing' } },
              Owner: { people: [{ id: ids.ada }] },
              Due: { date: { start: '2026-12-01' } },
              Priority: { select: { name: 'High' } },
              Tags: { multi_select: [{ name: 'writing' }] },
              Estimate: { number: 3 },
            },
            markdown: 'Draft the post, then ask Grace to review it.',
          },
          {
            id: ids.secondRow,
            properties: {
              Name: { title: text('Rotate the keys') },
              Status: { status: { name: 'To do' } },
              Owner: { people: [{ id: ids.grace }] },
              Priority: { select: { name: 'Low' } },
              Tags: { multi_select: [{ name: 'ops' }] },
              Done: { checkbox: false },
            },
          },
        ],
      },
    ],
    comments: [{ on: ids.notes, author: ids.grace, markdown: 'Can we move this to Thursday?' }],
  };
}
