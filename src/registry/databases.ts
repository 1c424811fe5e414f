// The two databases Baton keeps in Notion (DESIGN.md, "The user's world"): their property
// names and types, used by `npm run setup` to create them and by everything that reads rows.
//
// Run Status is a `select`, not a `status`: the API can create status options but every one of
// them lands in the To-do group and groups cannot be set through the API
// (makenotion/notion-mcp-server#232, #347), so "Published" would count as not started in
// Notion's own progress views. A select is fully under the API's control, colours included.
import type { DataSourcePropertiesRequest } from '../adapters/notion';
import { RunStatus } from '../domain/run-status';
import { TriggerKind } from '../domain/run';
import { WorkflowLearning, WorkflowMode, WorkflowState } from '../domain/workflow-definition';

type Color = 'default' | 'gray' | 'brown' | 'orange' | 'yellow' | 'green' | 'blue' | 'purple' | 'pink' | 'red';

export type PropertySpec =
  | { type: 'title' | 'rich_text' | 'url' | 'people' | 'date' | 'checkbox' }
  | { type: 'number'; format: 'number' }
  | { type: 'select'; options: { name: string; color: Color }[] }
  | { type: 'relation'; to: 'workflows' };

export interface DatabaseSpec {
  key: 'workflows' | 'runs';
  title: string;
  properties: Record<string, PropertySpec>;
}

const STATE_COLORS: Record<WorkflowState, Color> = { Draft: 'gray', Active: 'green', Paused: 'yellow' };
const STATUS_COLORS: Record<RunStatus, Color> = {
  Queued: 'gray',
  Running: 'blue',
  'Needs review': 'orange',
  'Changes requested': 'pink',
  Approved: 'purple',
  Publishing: 'blue',
  Published: 'green',
  Failed: 'red',
  Cancelled: 'brown',
  Expired: 'gray',
};

export const WORKFLOWS: DatabaseSpec = {
  key: 'workflows',
  title: 'Workflows',
  properties: {
    Name: { type: 'title' },
    State: { type: 'select', options: WorkflowState.options.map((name) => ({ name, color: STATE_COLORS[name] })) },
    Schedule: { type: 'rich_text' },
    'Time zone': { type: 'rich_text' },
    'Watch folder': { type: 'url' },
    // "when a row in @Deals has Stage = Closed won", "when Weekly competitive brief publishes".
    Trigger: { type: 'rich_text' },
    Reviewer: { type: 'people' },
    // Reviews that are left alone: a reminder after a delay ("1 working day", the default), then the backup; then Fail or Expire.
    'Remind after': { type: 'rich_text' },
    'Backup reviewer': { type: 'people' },
    'If nobody reviews': { type: 'select', options: [{ name: 'Fail', color: 'red' }, { name: 'Expire', color: 'gray' }] },
    'Output folder': { type: 'url' },
    'Output page': { type: 'url' },
    Mode: { type: 'select', options: WorkflowMode.options.map((name) => ({ name, color: name === 'Live' ? 'green' : 'gray' })) },
    // Trial mode: where a Trial workflow publishes instead of the Output page/folder, and the human-made version it is compared with.
    'Trial page': { type: 'url' },
    'Trial folder': { type: 'url' },
    'Human version': { type: 'url' },
    Learning: { type: 'select', options: WorkflowLearning.options.map((name) => ({ name, color: name === 'Off' ? 'gray' : 'blue' })) },
    // Ticked by a person, cleared by Baton once the run is started.
    'Run now': { type: 'checkbox' },
    Health: { type: 'rich_text' },
    Plan: { type: 'rich_text' },
    'Last run': { type: 'date' },
    'Next run': { type: 'date' },
  },
};

export const RUNS: DatabaseSpec = {
  key: 'runs',
  title: 'Runs',
  properties: {
    Name: { type: 'title' },
    Workflow: { type: 'relation', to: 'workflows' },
    Status: { type: 'select', options: RunStatus.options.map((name) => ({ name, color: STATUS_COLORS[name] })) },
    Reviewer: { type: 'people' },
    Feedback: { type: 'rich_text' },
    Trigger: { type: 'select', options: TriggerKind.options.map((name) => ({ name, color: 'default' as const })) },
    'Scheduled for': { type: 'date' },
    Started: { type: 'date' },
    Finished: { type: 'date' },
    Output: { type: 'url' },
    'Output page': { type: 'url' },
    'Run ID': { type: 'rich_text' },
    /** The plan the run follows, with the version of the row it was compiled from. */
    Plan: { type: 'rich_text' },
    Tokens: { type: 'number', format: 'number' },
  },
};

/** The request body for one property, as data sources create/update take it. */
export function propertyRequest(spec: PropertySpec, workflowsDataSourceId?: string): DataSourcePropertiesRequest[string] {
  switch (spec.type) {
    case 'title':
      return { type: 'title', title: {} };
    case 'rich_text':
      return { type: 'rich_text', rich_text: {} };
    case 'url':
      return { type: 'url', url: {} };
    case 'people':
      return { type: 'people', people: {} };
    case 'date':
      return { type: 'date', date: {} };
    case 'checkbox':
      return { type: 'checkbox', checkbox: {} };
    case 'number':
      return { type: 'number', number: { format: spec.format } };
    case 'select':
      return { type: 'select', select: { options: spec.options } };
    case 'relation':
      if (!workflowsDataSourceId) throw new Error('The Runs database needs the Workflows data source id for its relation');
      return { type: 'relation', relation: { data_source_id: workflowsDataSourceId, type: 'single_property', single_property: {} } };
  }
}
