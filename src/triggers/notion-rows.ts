// "When a row in <database> has <Property> = <value>": a row reaching the value starts a run.
//
// - One run per (workflow, row, time it entered the state). D1 keeps whether each watched row is
//   in the state (notion_row_states); the observer that moves it in (a compare-and-set) records
//   when, and the run's key is "row@entered". A duplicate or reordered event re-reads the row as
//   it is now and finds it already in: nothing new. Leaving and coming back is a new entry.
// - Webhooks (page.created, page.properties_updated) are hints: the row is re-fetched. The tick's
//   reconcile queries rows edited since its watermark (overlapping by two minutes, since
//   `last_edited_time` is rounded down to the minute; notion.md) and catches what webhooks missed.
// - A watch begins with a baseline: rows already in the state then start nothing.
// - A run claimed but not started (a crash in between) is claimed again, idempotently, the next
//   time its row is seen in the state.
import type { PageObjectResponse, QueryDataSourceParameters } from '@notionhq/client';
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { RowTrigger, WorkflowDefinition } from '../domain/workflow-definition';
import type { StoredNotionWatch } from '../adapters/trigger-store';
import { admitEventRun, startNow } from './admit-event';
import { findProperty, rowMatches, rowTitle } from './row-match';
import { checkboxValue } from '../registry/trigger-text';

const OVERLAP_MS = 2 * 60_000;

interface Watched {
  watch: StoredNotionWatch;
  definition: WorkflowDefinition & { rowTrigger: RowTrigger };
}

export interface RowTriggerReport {
  watching: number;
  admitted: string[];
}

/** The tick: watches kept in step with the rows, then each watched database reconciled. */
export async function runNotionTriggers(services: Services, now: Date): Promise<RowTriggerReport> {
  const report: RowTriggerReport = { watching: 0, admitted: [] };
  const wanted = (await services.store.activeDefinitions()).map((d) => d.definition_json).filter(hasRowTrigger);
  const existing = new Map((await services.triggers.notionWatches()).map((w) => [w.workflow_page_id, w]));
  for (const definition of wanted) {
    const watch = existing.get(definition.pageId);
    existing.delete(definition.pageId);
    try {
      const ready = await keepWatch(services, definition, watch ?? null, now);
      if (!ready) continue;
      report.watching++;
      report.admitted.push(...(await reconcile(services, { watch: ready, definition }, now)));
    } catch (error) {
      // One row's database that cannot be read never stops the others.
      console.warn(`notion triggers: ${definition.pageId} not checked: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const gone of existing.keys()) await services.triggers.deleteNotionWatch(gone);
  return report;
}

/**
 * A webhook named a page in some data source: if workflows watch it, the row is read once and
 * observed for each. Returns the runs admitted (already being started).
 */
export async function handleRowEvent(services: Services, pageId: string, dataSourceId: string, now: Date): Promise<string[] | null> {
  const watches = (await services.triggers.notionWatches()).filter((w) => w.data_source_id === dataSourceId && w.baseline_done);
  if (watches.length === 0) return null;
  const definitions = new Map((await services.store.activeDefinitions()).map((d) => [d.page_id, d.definition_json]));
  const page = await requireNotion(services).retrievePage(pageId);
  const admitted: string[] = [];
  for (const watch of watches) {
    const definition = definitions.get(watch.workflow_page_id);
    if (!definition || !hasRowTrigger(definition)) continue;
    const runId = await observeRow(services, { watch, definition }, page, now);
    if (runId) admitted.push(runId);
  }
  return admitted;
}

function hasRowTrigger(definition: WorkflowDefinition): definition is WorkflowDefinition & { rowTrigger: RowTrigger } {
  return definition.rowTrigger !== null;
}

/** Which trigger a watch was made for: a changed database, property or value starts afresh. */
function specKey(trigger: RowTrigger): string {
  return JSON.stringify([trigger.databaseId, trigger.property.trim().toLowerCase(), trigger.value.trim().toLowerCase()]);
}

/** The watch, with its baseline taken; null while it cannot be (the next tick tries again). */
async function keepWatch(services: Services, definition: Watched['definition'], watch: StoredNotionWatch | null, now: Date): Promise<StoredNotionWatch | null> {
  const key = specKey(definition.rowTrigger);
  if (watch && watch.spec_key === key && watch.baseline_done) return watch;
  const notion = requireNotion(services);
  let dataSourceId = watch?.spec_key === key ? watch.data_source_id : null;
  if (!dataSourceId) {
    const database = await notion.retrieveDatabase(definition.rowTrigger.databaseId);
    dataSourceId = database.dataSourceIds[0] ?? null;
    if (!dataSourceId) throw new Error(`database ${definition.rowTrigger.databaseId} has no data source`);
    await services.triggers.saveNotionWatch(definition.pageId, key, dataSourceId, now);
  }
  const inState = (await queryRows(services, dataSourceId, stateFilter(await propertyType(services, dataSourceId, definition.rowTrigger.property), definition.rowTrigger))).filter(
    (row) => rowMatches(row, definition.rowTrigger.property, definition.rowTrigger.value),
  );
  await services.triggers.markRowsInState(definition.pageId, inState.map((r) => r.id), now);
  await services.triggers.finishNotionBaseline(definition.pageId, now.toISOString());
  return services.triggers.notionWatch(definition.pageId);
}

async function reconcile(services: Services, watched: Watched, now: Date): Promise<string[]> {
  const since = new Date(Date.parse(watched.watch.checked_until ?? now.toISOString()) - OVERLAP_MS).toISOString();
  const rows = await queryRows(services, watched.watch.data_source_id, { timestamp: 'last_edited_time', last_edited_time: { on_or_after: since } });
  const admitted: string[] = [];
  for (const row of rows) {
    try {
      const runId = await observeRow(services, watched, row, now);
      if (runId) admitted.push(runId);
    } catch (error) {
      console.warn(`notion triggers: row ${row.id} not observed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await services.triggers.setNotionCheckedUntil(watched.definition.pageId, now.toISOString());
  return admitted;
}

/** Records the row's state; claims and starts a run when it has entered the trigger's state. */
async function observeRow(services: Services, { definition }: Watched, row: PageObjectResponse, now: Date): Promise<string | null> {
  const trigger = definition.rowTrigger;
  if (row.in_trash || !rowMatches(row, trigger.property, trigger.value)) {
    await services.triggers.leaveRowState(definition.pageId, row.id, now);
    return null;
  }
  await services.triggers.enterRowState(definition.pageId, row.id, now.toISOString(), now);
  const entered = await services.triggers.rowState(definition.pageId, row.id);
  // In the state since before the watch began (baseline): nothing to start.
  if (!entered?.entered_at) return null;
  const title = rowTitle(row);
  const runId = await admitEventRun(
    services,
    definition,
    {
      kind: 'notion',
      key: `${row.id}@${entered.entered_at}`,
      subject: { kind: 'notion_row', pageId: row.id, title, url: row.url ?? null, enteredAt: entered.entered_at },
      label: title,
    },
    now,
  );
  if (runId) await startNow(services, runId, definition.pageId, now);
  return runId;
}

async function queryRows(services: Services, dataSourceId: string, filter: QueryDataSourceParameters['filter'] | undefined): Promise<PageObjectResponse[]> {
  return requireNotion(services).queryDataSource(dataSourceId, filter ? { filter } : {});
}

async function propertyType(services: Services, dataSourceId: string, name: string): Promise<{ name: string; type: string } | null> {
  const source = await requireNotion(services).retrieveDataSource(dataSourceId);
  const found = findProperty(source.properties, name);
  return found ? { name: found.name, type: found.property.type } : null;
}

/** A query filter for rows in the state, when the property's kind has one; else every row is read. */
function stateFilter(property: { name: string; type: string } | null, trigger: RowTrigger): QueryDataSourceParameters['filter'] | undefined {
  if (!property) return undefined;
  switch (property.type) {
    case 'select':
      return { property: property.name, select: { is_not_empty: true } };
    case 'status':
      return { property: property.name, status: { is_not_empty: true } };
    case 'checkbox':
      return { property: property.name, checkbox: { equals: checkboxValue(trigger.value) ?? false } };
    default:
      return undefined;
  }
}
