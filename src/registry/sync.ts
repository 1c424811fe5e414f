// Registry sync, run by the minute tick: Workflows rows edited since the last sync become
// cached definitions, and each row's Health / Plan / Next run are written back.
//
// - `last_edited_time` is rounded down to the minute (developers.notion.com, page object), so
//   the query overlaps the previous window and rows are compared by content hash, not by time.
// - Rows whose last editor is Baton's own bot are skipped: those edits are Baton's write-back,
//   and re-reading them would make every write cost another sync. A person's edit made in the
//   same moment as Baton's write would hide behind it, so rows a webhook names as edited by a
//   person are read regardless.
// - Trashed rows drop out of queries, so an hourly full sweep notices rows that disappeared.
// - One bad row never stalls the others: whatever reading, building or checking one row throws
//   is caught for that row. A rate limit or outage leaves the row for the next tick (marked
//   dirty, nothing written); any other failure is written on its Health and it stops running.
//   The sweep always completes, so trashed rows stop running even next to a broken one.
// - Health is composed by row-health.ts from what is saved in D1, the same way a trigger's
//   refresh composes it, so the two never disagree.
// - The plan is compiled after the link and chain checks (plan-check.ts): its problems and notes
//   are the row's problems like any other (a plan error stops the row), and Plan shows its graph.
// - The workspace's people (for names in Steps) are listed once per pass (workspace-people.ts); a
//   list that fails leaves names unmatched and says so on Health, and never stops the sync.
// - A new REGISTRY_PARSER_VERSION reads every row again once (a full pass that skips none), so
//   cached definitions gain what the parser now reads without waiting for someone to edit them.
// - "When <workflow> publishes" is checked against the other cached rows (workflow-directory.ts):
//   the named workflow must exist, and following names must not loop back. Rows are read one at a
//   time, so when a row's name or chain changes, the rows whose verdict may change with it (those
//   that follow its old or new name, or had a chain problem) are marked to be read again next tick.
// - Run now: a runnable row with the box ticked is handed to the trigger code once it is synced
//   (requestRunNow claims the run and clears the box; that edit is Baton's, so it is not re-read).
//   A row with errors keeps the box ticked, and its Health says what to fix.
import type { PageObjectResponse } from '@notionhq/client';
import type { Services } from '../services';
import { requireNotion } from '../services';
import { text } from '../engine/run-row';
import { isNotionNotFound } from '../adapters/notion';
import { requestRunNow } from '../triggers/run-now';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { buildDefinition, hasErrors, REGISTRY_PARSER_VERSION, rowProblem, type RowProblem } from './index';
import { chainProblems, normaliseWorkflowName } from './chain-loop';
import { createLinkChecker, type LinkChecker } from './check-links';
import { checkPlan } from './plan-check';
import { composeHealth, drivePushRefusal } from './row-health';
import { failureReason, isTransientFailure } from './row-failure';
import { createWorkflowDirectory, type WorkflowDirectory } from './workflow-directory';
import { createPeopleDirectory, type PeopleDirectory } from './workspace-people';
import { readLessons } from '../review/lessons-page';
import type { StoredDefinition } from '../adapters/store';

export const REGISTRY_SYNCED_KEY = 'registry_synced_at';
export const REGISTRY_SWEPT_KEY = 'registry_swept_at';
/** The REGISTRY_PARSER_VERSION the cached definitions were read with. */
export const REGISTRY_PARSER_KEY = 'registry_parser_version';
const OVERLAP_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

export interface SyncReport {
  queried: number;
  read: number;
  written: number;
  trashed: number;
  /** Rows whose check failed for good this time: their Health says why and they do not run. */
  failed: number;
  /** Rows left for the next tick after a rate limit or outage (nothing written on them). */
  deferred: number;
  full: boolean;
}

export async function syncRegistry(services: Services, now: Date): Promise<SyncReport> {
  const notion = requireNotion(services);
  const dataSourceId = services.config.notion.workflowsDataSourceId;
  if (!dataSourceId) throw new Error('NOTION_WORKFLOWS_DATA_SOURCE_ID is not set: run `npm run setup` and configure it');
  const { store } = services;
  const synced = await store.getMeta(REGISTRY_SYNCED_KEY);
  const swept = await store.getMeta(REGISTRY_SWEPT_KEY);
  const reparse = (await store.getMeta(REGISTRY_PARSER_KEY)) !== String(REGISTRY_PARSER_VERSION);
  const full = reparse || !synced || !swept || now.getTime() - Date.parse(swept) >= SWEEP_EVERY_MS;

  // The query itself failing fails the tick's task: no row was read, and the next tick asks again.
  const rows = full
    ? await notion.queryDataSource(dataSourceId)
    : await notion.queryDataSource(dataSourceId, {
        filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: new Date(Date.parse(synced) - OVERLAP_MS).toISOString() } },
      });
  const bot = await notion.botUserId();
  const report: SyncReport = { queried: rows.length, read: 0, written: 0, trashed: 0, failed: 0, deferred: 0, full };
  const links = createLinkChecker(services);
  const dirty = new Set(await store.takeDirtyRows());
  const directory = createWorkflowDirectory(store, rows);
  const people = createPeopleDirectory(notion);
  /** Normalised names whose chain verdicts may have changed in this sync (renamed, new, gone, re-chained rows). */
  const chainNames = new Set<string>();
  const readNow = new Set<string>();
  const queried = new Set(rows.map((r) => r.id));
  const later = async (id: string) => {
    report.deferred++;
    await store.markRowDirty(id, now);
  };
  for (const id of dirty) {
    if (queried.has(id)) continue;
    try {
      rows.push(await notion.retrievePage(id));
    } catch (error) {
      // Gone or unshared: the full sweep drops it. Anything else: try again next tick.
      if (!isNotionNotFound(error)) await later(id);
    }
  }

  // One row at a time, each on its own: whatever one row throws is that row's problem.
  for (const row of rows) {
    let cached: StoredDefinition | null = null;
    try {
      cached = await store.getDefinition(row.id);
      if (row.in_trash) {
        // Only a dirty row's own page says it is trashed (queries leave trashed rows out).
        if (cached && !cached.in_trash) {
          await store.markTrashed(row.id, now);
          report.trashed++;
          directory.update(row.id, null);
          chainNames.add(normaliseWorkflowName(cached.name));
        }
        continue;
      }
      if (!reparse && cached && !cached.in_trash && row.last_edited_by.id === bot && !dirty.has(row.id)) continue;
      report.read++;
      readNow.add(row.id);
      const result = await syncRow(services, row, cached, now, { links, directory, people });
      if (result.written) report.written++;
      for (const name of result.chainNames) chainNames.add(name);
      if (result.runNow) {
        try {
          await requestRunNow(services, result.runNow, now);
        } catch (error) {
          // The row itself is fine; only the run could not be started. A transient failure is
          // tried again next tick (the box is still ticked); anything else is left for the logs.
          if (isTransientFailure(error)) await later(row.id);
          else console.warn(`registry sync: Run now on row ${row.id} failed: ${failureReason(error)}`);
        }
      }
    } catch (error) {
      if (isTransientFailure(error)) {
        await later(row.id);
        continue;
      }
      report.failed++;
      console.warn(`registry sync: row ${row.id} could not be checked: ${failureReason(error)}`);
      try {
        await recordRowFailure(services, row, cached, error, now);
      } catch (writeError) {
        if (isTransientFailure(writeError)) await later(row.id);
        else console.warn(`registry sync: could not write Health on row ${row.id}: ${failureReason(writeError)}`);
      }
    }
  }

  if (full) {
    const seen = new Set(rows.filter((r) => !r.in_trash).map((r) => r.id));
    for (const id of await store.definitionIds()) {
      if (!seen.has(id)) {
        const gone = await store.getDefinition(id);
        await store.markTrashed(id, now);
        report.trashed++;
        directory.update(id, null);
        if (gone) chainNames.add(normaliseWorkflowName(gone.name));
      }
    }
    await store.setMeta(REGISTRY_SWEPT_KEY, now.toISOString(), now);
  }
  if (chainNames.size > 0) await recheckFollowers(services, directory, chainNames, readNow, now);
  await store.setMeta(REGISTRY_SYNCED_KEY, now.toISOString(), now);
  // Every row was read with this version (rows left for later are dirty, so they are read next tick).
  if (reparse) await store.setMeta(REGISTRY_PARSER_KEY, String(REGISTRY_PARSER_VERSION), now);
  return report;
}

/** Marks for the next tick the rows whose chain verdict may have changed with this sync's rows. */
async function recheckFollowers(services: Services, directory: WorkflowDirectory, names: Set<string>, readNow: Set<string>, now: Date): Promise<void> {
  names.delete('');
  for (const entry of await directory.entries()) {
    if (readNow.has(entry.pageId)) continue;
    const follows = entry.afterWorkflow !== null && names.has(normaliseWorkflowName(entry.afterWorkflow.workflowName));
    if (follows || entry.chainProblem) await services.store.markRowDirty(entry.pageId, now);
  }
}

/**
 * A row whose check failed with an answer Baton did not expect: it stops running (its links
 * could not be confirmed) and its Health says what happened. The previous definition is kept for
 * the record, not for running.
 */
async function recordRowFailure(services: Services, row: PageObjectResponse, previous: StoredDefinition | null, error: unknown, now: Date): Promise<void> {
  const problems = [rowProblem({ kind: 'row_check_failed', reason: failureReason(error) })];
  const definition = previous?.definition_json ?? null;
  const health = composeHealth(
    { definition, problems, runnable: false, nextRun: null, lastTrigger: previous?.last_trigger_json ?? null, lastFailure: previous?.last_failure ?? null },
    services.config,
  );
  await services.store.saveDefinition(
    {
      pageId: row.id,
      name: previous?.name ?? '',
      state: previous?.state ?? 'Draft',
      contentHash: '',
      definition,
      runnable: false,
      health,
      nextRun: null,
      problems,
    },
    now,
  );
  if (currentWriteBack(row).health === health) return;
  await requireNotion(services).updatePage(row.id, {
    Health: { rich_text: text(health) },
    Plan: { rich_text: text('') },
    'Next run': { date: null },
  });
}

interface RowSync {
  /** Health, Plan or Next run was written on the row. */
  written: boolean;
  /** The definition to run now: Run now is ticked and the row can run. */
  runNow: WorkflowDefinition | null;
  /** Normalised names (old and new) whose followers must be checked again. */
  chainNames: string[];
}

/** What one sync pass keeps for all its rows. */
interface SyncCaches {
  links: LinkChecker;
  directory: WorkflowDirectory;
  people: PeopleDirectory;
}

/** Reads one row, caches its definition and writes Health/Plan/Next run back if they changed. */
async function syncRow(
  services: Services,
  row: PageObjectResponse,
  previous: StoredDefinition | null,
  now: Date,
  { links, directory, people }: SyncCaches,
): Promise<RowSync> {
  const notion = requireNotion(services);
  const { markdown, truncated } = await notion.readMarkdown(row.id);
  const workspace = await people.read();
  // Names went unmatched for a passing reason: read the row again next tick.
  if (!workspace.ok && workspace.reason === 'unavailable') await services.store.markRowDirty(row.id, now);
  const built = await buildDefinition({
    page: row,
    markdown,
    truncated,
    defaultTimeZone: services.config.defaultTimeZone,
    requireReviewer: services.config.requireReviewer,
    people: workspace,
    now,
  });
  const problems: RowProblem[] = [...built.problems];
  let planLine = '';
  let definition = built.definition;
  if (definition) {
    problems.push(...(await links.check(definition)));
    definition = await links.named(definition);
    if (definition.afterWorkflow) problems.push(...chainProblems(definition, await directory.entries()));
    const checked = checkPlan(definition);
    problems.push(...checked.problems);
    planLine = checked.planLine;
  }
  const runnable = definition !== null && !hasErrors(problems);
  const nextRun = runnable && definition?.state === 'Active' ? (built.nextRun?.toISOString() ?? null) : null;
  const health = composeHealth(
    {
      definition,
      problems,
      runnable,
      nextRun: nextRun ? new Date(nextRun) : null,
      lastTrigger: previous?.last_trigger_json ?? null,
      lastFailure: previous?.last_failure ?? null,
      drivePushRefused: definition?.watchFolder ? await drivePushRefusal(services, row.id) : null,
    },
    services.config,
  );
  const plan = runnable ? planLine : '';

  const result: RowSync = { written: false, runNow: built.runNow && runnable ? definition : null, chainNames: chainChange(previous, definition) };

  await services.store.saveDefinition(
    {
      pageId: row.id,
      name: definition?.name ?? '',
      state: definition?.state ?? 'Draft',
      contentHash: built.contentHash,
      definition,
      runnable,
      health,
      nextRun,
      problems,
      // The page's lessons as read now, so a run need not read the page again (engine/activities.ts gatherStep).
      pageLessons: readLessons(markdown).accepted.map((l) => l.text),
    },
    now,
  );
  const name = definition?.name ?? '';
  const chainProblem = problems.some((p) => p.kind === 'chain_unknown_workflow' || p.kind === 'chain_loop');
  directory.update(row.id, name === '' ? null : { pageId: row.id, name, afterWorkflow: definition?.afterWorkflow ?? null, chainProblem });

  const current = currentWriteBack(row);
  const nextRunDate = nextRun ? nextRun.slice(0, 16) : null;
  if (current.health === health && current.plan === plan && current.nextRun === nextRunDate) return result;
  await notion.updatePage(row.id, {
    Health: { rich_text: text(health) },
    Plan: { rich_text: text(plan) },
    'Next run': { date: nextRun ? { start: nextRun } : null },
  });
  return { ...result, written: true };
}

/** The old and new names of a row that is new, renamed or follows another workflow now; else none. */
function chainChange(previous: StoredDefinition | null, definition: WorkflowDefinition | null): string[] {
  const before = normaliseWorkflowName(previous?.definition_json?.name ?? previous?.name ?? '');
  const after = normaliseWorkflowName(definition?.name ?? '');
  const follows = (d: WorkflowDefinition | null | undefined) => (d?.afterWorkflow ? normaliseWorkflowName(d.afterWorkflow.workflowName) : null);
  const changed = previous === null || before !== after || follows(previous.definition_json) !== follows(definition);
  return changed ? [before, after] : [];
}

/** What Baton last wrote on the row, to avoid rewriting identical values. */
function currentWriteBack(row: PageObjectResponse): { health: string; plan: string; nextRun: string | null } {
  const plain = (name: string) => {
    const p = row.properties[name];
    return p?.type === 'rich_text' ? p.rich_text.map((t) => t.plain_text).join('') : '';
  };
  const next = row.properties['Next run'];
  const start = next?.type === 'date' ? (next.date?.start ?? null) : null;
  return { health: plain('Health'), plan: plain('Plan'), nextRun: start ? new Date(start).toISOString().slice(0, 16) : null };
}
