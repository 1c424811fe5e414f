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
import type { PageObjectResponse } from '@notionhq/client';
import type { Services } from '../services';
import { requireNotion } from '../services';
import { compilePlan, renderPlanSummary } from '../plan/compile';
import { text } from '../engine/run-row';
import { isNotionNotFound } from '../adapters/notion';
import { buildDefinition, hasErrors, healthText, rowProblem } from './index';
import { createLinkChecker, type LinkChecker } from './check-links';
import { failureReason, isTransientFailure } from './row-failure';
import type { StoredDefinition } from '../adapters/store';

export const REGISTRY_SYNCED_KEY = 'registry_synced_at';
export const REGISTRY_SWEPT_KEY = 'registry_swept_at';
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
  const full = !synced || !swept || now.getTime() - Date.parse(swept) >= SWEEP_EVERY_MS;

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
        }
        continue;
      }
      if (cached && !cached.in_trash && row.last_edited_by.id === bot && !dirty.has(row.id)) continue;
      report.read++;
      if (await syncRow(services, row, cached, now, links)) report.written++;
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
        await store.markTrashed(id, now);
        report.trashed++;
      }
    }
    await store.setMeta(REGISTRY_SWEPT_KEY, now.toISOString(), now);
  }
  await store.setMeta(REGISTRY_SYNCED_KEY, now.toISOString(), now);
  return report;
}

/**
 * A row whose check failed with an answer Baton did not expect: it stops running (its links
 * could not be confirmed) and its Health says what happened. The previous definition is kept for
 * the record, not for running.
 */
async function recordRowFailure(services: Services, row: PageObjectResponse, previous: StoredDefinition | null, error: unknown, now: Date): Promise<void> {
  const health = healthText({
    problems: [rowProblem({ kind: 'row_check_failed', reason: failureReason(error) })],
    timeZone: services.config.defaultTimeZone,
  });
  await services.store.saveDefinition(
    {
      pageId: row.id,
      name: previous?.name ?? '',
      state: previous?.state ?? 'Draft',
      contentHash: '',
      definition: previous?.definition_json ?? null,
      runnable: false,
      health,
      nextRun: null,
      problems: [],
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

/** Reads one row, caches its definition and writes Health/Plan/Next run back if they changed. */
async function syncRow(
  services: Services,
  row: PageObjectResponse,
  previous: StoredDefinition | null,
  now: Date,
  links: LinkChecker,
): Promise<boolean> {
  const notion = requireNotion(services);
  const { markdown, truncated } = await notion.readMarkdown(row.id);
  const built = await buildDefinition({
    page: row,
    markdown,
    truncated,
    defaultTimeZone: services.config.defaultTimeZone,
    requireReviewer: services.config.requireReviewer,
    now,
  });
  const { definition } = built;
  const problems = definition ? [...built.problems, ...(await links.check(definition))] : built.problems;
  const runnable = definition !== null && !hasErrors(problems);
  let health = healthText({
    problems,
    state: definition?.state ?? null,
    timeZone: definition?.timeZone ?? services.config.defaultTimeZone,
    nextRun: built.nextRun,
    watchFolder: definition?.watchFolder ?? null,
  });
  if (previous?.last_failure && runnable) health = `${health}\nLast run failed: ${previous.last_failure}`;
  const plan = runnable && definition ? renderPlanSummary(compilePlan(definition).plan, { reviewerNames: reviewerNames(definition) }) : '';
  const nextRun = runnable && definition?.state === 'Active' ? (built.nextRun?.toISOString() ?? null) : null;

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
    },
    now,
  );

  const current = currentWriteBack(row);
  const nextRunDate = nextRun ? nextRun.slice(0, 16) : null;
  if (current.health === health && current.plan === plan && current.nextRun === nextRunDate) return false;
  await notion.updatePage(row.id, {
    Health: { rich_text: text(health) },
    Plan: { rich_text: text(plan) },
    'Next run': { date: nextRun ? { start: nextRun } : null },
  });
  return true;
}

function reviewerNames(definition: { reviewer: { id: string; name: string | null } | null }): Record<string, string> {
  return definition.reviewer?.name ? { [definition.reviewer.id]: definition.reviewer.name } : {};
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
