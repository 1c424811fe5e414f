// `npm run setup`: create (or complete) the Workflows and Runs databases under a page.
// Idempotent: finds what exists by title among the page's child databases, adds missing
// properties and select options, never deletes, renames or duplicates anything.
import { extractPageId, type CreateDatabaseParameters } from '@notionhq/client';
import { isNotionNotFound, isNotionUnauthorized, type NotionAdapter } from '../adapters/notion';
import { RUNS, WORKFLOWS, propertyRequest, type DatabaseSpec } from './databases';

export interface DatabaseReport {
  title: string;
  databaseId: string;
  dataSourceId: string;
  created: boolean;
  addedProperties: string[];
  addedOptions: string[];
  /** Properties that exist with another type: left alone, reported for a person to fix. */
  conflicts: string[];
}

export interface SetupReport {
  parentPageId: string;
  workflows: DatabaseReport;
  runs: DatabaseReport;
}

export class SetupError extends Error {
  override name = 'SetupError';
}

export async function ensureDatabases(notion: NotionAdapter, parent: string): Promise<SetupReport> {
  const parentPageId = extractPageId(parent);
  if (!parentPageId) {
    throw new SetupError(`'${parent}' is not a Notion page link or id — copy the page's link (Share → Copy link) and pass it with --parent`);
  }
  try {
    await notion.retrievePage(parentPageId);
  } catch (error) {
    if (isNotionNotFound(error)) {
      throw new SetupError(
        'Baton cannot see that page. Share the page with your integration (••• menu at the top right → Connections → add your integration), then run setup again.',
      );
    }
    if (isNotionUnauthorized(error)) {
      throw new SetupError('Notion refused the token. Check NOTION_TOKEN: it is the integration secret from notion.so/profile/integrations.');
    }
    throw error;
  }
  const children = await notion.listChildDatabases(parentPageId);
  const workflows = await ensureDatabase(notion, parentPageId, children, WORKFLOWS);
  const runs = await ensureDatabase(notion, parentPageId, children, RUNS, workflows.dataSourceId);
  return { parentPageId, workflows, runs };
}

async function ensureDatabase(
  notion: NotionAdapter,
  parentPageId: string,
  children: { id: string; title: string }[],
  spec: DatabaseSpec,
  workflowsDataSourceId?: string,
): Promise<DatabaseReport> {
  const existing = children.find((c) => c.title.trim().toLowerCase() === spec.title.toLowerCase());
  if (!existing) {
    const properties = Object.fromEntries(
      Object.entries(spec.properties).map(([name, p]) => [name, propertyRequest(p, workflowsDataSourceId)]),
    ) as NonNullable<CreateDatabaseParameters['initial_data_source']>['properties'];
    const created = await notion.createDatabase({
      parent: { type: 'page_id', page_id: parentPageId },
      title: [{ type: 'text', text: { content: spec.title } }],
      initial_data_source: { properties },
    });
    const dataSourceId = created.dataSourceIds[0];
    if (!dataSourceId) throw new Error(`Notion created ${spec.title} without a data source`);
    return { title: spec.title, databaseId: created.databaseId, dataSourceId, created: true, addedProperties: Object.keys(spec.properties), addedOptions: [], conflicts: [] };
  }

  const database = await notion.retrieveDatabase(existing.id);
  const dataSourceId = database.dataSourceIds[0];
  if (!dataSourceId) throw new SetupError(`The ${spec.title} database has no data source; delete it or rename it and run setup again`);
  const current = (await notion.retrieveDataSource(dataSourceId)).properties;
  const update: Record<string, ReturnType<typeof propertyRequest>> = {};
  const report: DatabaseReport = { title: spec.title, databaseId: database.id, dataSourceId, created: false, addedProperties: [], addedOptions: [], conflicts: [] };

  for (const [name, wanted] of Object.entries(spec.properties)) {
    // Every database has exactly one title property; whatever it is called, it is ours.
    const have = wanted.type === 'title' ? Object.values(current).find((p) => p.type === 'title') : current[name];
    if (!have) {
      update[name] = propertyRequest(wanted, workflowsDataSourceId);
      report.addedProperties.push(name);
      continue;
    }
    const wantedType = wanted.type === 'relation' ? 'relation' : wanted.type;
    if (have.type !== wantedType) {
      report.conflicts.push(`${spec.title} › ${name} is a ${have.type} property; Baton expects ${wantedType}`);
      continue;
    }
    if (wanted.type === 'select' && have.type === 'select') {
      const names = new Set(have.select.options.map((o) => o.name));
      const missing = wanted.options.filter((o) => !names.has(o.name));
      if (missing.length > 0) {
        // Existing options left out of an update are removed, so send them along
        // (developers.notion.com/reference/update-data-source-properties, "Select configuration updates").
        update[name] = { type: 'select', select: { options: [...have.select.options.map((o) => ({ name: o.name })), ...missing] } };
        report.addedOptions.push(...missing.map((o) => `${name}: ${o.name}`));
      }
    }
  }
  if (Object.keys(update).length > 0) await notion.updateDataSource(dataSourceId, update);
  return report;
}
