// What every view and action needs: the readers and writers of the two stand-ins, the Worker's
// address, and where the Workflows and Runs databases are (found by the titles `npm run setup`
// gives them, as a person finds them in the sidebar).
import type { DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';
import { RUNS, WORKFLOWS } from '../../../src/registry/databases';
import { createDriveSource, type DriveSource } from './drive-source';
import { createNotionActions, type NotionActions } from './notion-actions';
import { createNotionSource, titleOf, type NotionSource, type Person } from './notion-source';
import { WORKING_STATUSES } from './notion-views';
import { propertyText } from './properties';

export interface Workspace {
  notion: NotionSource;
  actions: NotionActions;
  drive: DriveSource;
  workerUrl: string;
  people(): Promise<Person[]>;
  /** The Workflows and Runs data sources, when the integration can see them. */
  baton(): Promise<{ workflows?: DataSourceObjectResponse; runs?: DataSourceObjectResponse }>;
  /** Whether Baton has the next move on something: a run in progress, or Run now ticked. */
  live(): Promise<boolean>;
}

export interface WorkspaceConfig {
  notionUrl: string;
  driveUrl: string;
  workerUrl: string;
  notionToken: string;
  serviceAccountEmail: string;
}

export function createWorkspace(c: WorkspaceConfig): Workspace {
  const notion = createNotionSource(c.notionUrl, c.notionToken);
  const ws: Workspace = {
    notion,
    actions: createNotionActions(c.notionUrl),
    drive: createDriveSource(c.driveUrl, c.serviceAccountEmail),
    workerUrl: c.workerUrl.replace(/\/+$/, ''),
    people: () => notion.people(),
    async baton() {
      const sources = await notion.dataSources();
      return { workflows: sources.find((s) => titleOf(s) === WORKFLOWS.title), runs: sources.find((s) => titleOf(s) === RUNS.title) };
    },
    async live() {
      const { workflows, runs } = await ws.baton();
      const status = (row: PageObjectResponse) => (row.properties.Status ? propertyText(row.properties.Status) : '');
      const runRows = runs ? await notion.rows(runs.id) : [];
      if (runRows.some((r) => WORKING_STATUSES.includes(status(r)))) return true;
      const workflowRows = workflows ? await notion.rows(workflows.id) : [];
      return workflowRows.some((r) => r.properties['Run now']?.type === 'checkbox' && r.properties['Run now'].checkbox);
    },
  };
  return ws;
}
