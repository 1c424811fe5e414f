// Admission: due schedule slots become runs, exactly once.
//
// A slot is claimed with a D1 unique key (workflow, slot) in the same batch that records the
// run; only the tick that wins the claim goes on. Creating the Run row and the Workflow
// instance happens after the claim and is retried by every tick until it is confirmed, so a
// crash between the two loses nothing. (Creating an instance with an existing id does not fail
// in every runtime version, so the id alone is not the dedupe.)
//
// Runs do not wait on one another: every due slot is claimed (D1 only), then the Run rows and
// instances are created START_CONCURRENCY at a time. One that fails is logged and left for the
// next tick; it never stops the rest. Creating a Run row is a Notion request, so under load it
// waits for its permit in the rate gate (src/gate/) instead of failing.
//
// Admission does not start more than the budget can serve: while a window's worth of Notion
// requests already waits in the connection's gate, further runs stay claimed and unstarted until
// a later tick. Otherwise every started run would wait its turn for each request behind all the
// others, and at Notion's real budget (180 a minute) a thousand runs started at once would wait
// longer than a step may take (10 minutes) and fail steps that would have succeeded later.
import type { Services } from '../services';
import type { StoredRun } from '../adapters/store';
import { latestDueSlot, nextRun } from '../schedule';
import { definitionSchedule } from '../registry/definition-schedule';
import { runIdFor } from './run-id';
import { createRunRow } from './create-run-row';

export const SCHEDULE_CHECKED_KEY = 'schedule_checked_until';
/** After downtime, slots older than this are not made up. */
const CATCH_UP_MS = 24 * 60 * 60 * 1000;

export async function admitScheduledRuns(services: Services, now: Date): Promise<string[]> {
  const { store } = services;
  const checked = await store.getMeta(SCHEDULE_CHECKED_KEY);
  const from = new Date(Math.max(checked ? Date.parse(checked) : now.getTime() - 60_000, now.getTime() - CATCH_UP_MS));
  const admitted: string[] = [];
  let failures = 0;
  await eachBounded(await store.activeDefinitions(), CLAIM_CONCURRENCY, async (row) => {
    const definition = row.definition_json;
    try {
      const schedule = definitionSchedule(definition);
      if (!schedule) return;
      // Several missed slots (after downtime) run once, for the latest: a late brief, not three.
      const slot = latestDueSlot(schedule, from, now);
      if (!slot) return;
      const slotIso = slot.toISOString();
      const runId = await runIdFor(definition.pageId, 'schedule', slotIso);
      const claimed = await store.claimScheduledRun(
        slotIso,
        { runId, workflowPageId: definition.pageId, triggerKind: 'schedule', triggerKey: slotIso, scheduledFor: slotIso, reviewerId: definition.reviewer?.id ?? null, definition },
        now,
      );
      if (claimed) {
        admitted.push(runId);
        const next = nextRun(schedule, now);
        await store.setNextRun(definition.pageId, next ? next.toISOString() : null);
      }
    } catch (error) {
      failures += 1;
      console.error(`schedule admission: ${definition.pageId} not claimed yet: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  // A slot that could not be claimed is still due: the window is not moved past it.
  if (failures > 0) return admitted;
  if (!checked || Date.parse(checked) < now.getTime()) await store.setMeta(SCHEDULE_CHECKED_KEY, now.toISOString(), now);
  return admitted;
}

/** How long one tick may take to create a Run row and instance before another may try. */
const START_LEASE_MS = 2 * 60_000;
/** D1 claims at once (each a few rows in one batch). */
const CLAIM_CONCURRENCY = 16;
/**
 * Runs started at once. Each start is two Notion requests and an instance create; the rate gate
 * paces the requests, so this bounds only what one tick holds open (sockets, memory), not the rate.
 */
export const START_CONCURRENCY = 32;

/**
 * Creates the Run row and the Workflow instance for every claimed run not yet started, several
 * at once. Ticks can overlap (a slow tick, or several at once), so each run is leased to one of
 * them first.
 */
export async function startPendingRuns(services: Services, now: Date): Promise<string[]> {
  const started: string[] = [];
  let full = false;
  await eachBounded(await services.store.unstartedRuns(), START_CONCURRENCY, async (run) => {
    if (full || (full = await budgetFull(services))) return;
    if (await startLeased(services, run, now)) started.push(run.run_id);
  });
  return started;
}

/** True while a window's worth of Notion requests waits in the gate (unknown counts as room). */
async function budgetFull(services: Services): Promise<boolean> {
  try {
    const backlog = await services.notionBacklog();
    return backlog !== null && backlog.queued >= backlog.budget;
  } catch (error) {
    console.warn(`start admitted runs: the rate gate's backlog is unknown (${error instanceof Error ? error.message : String(error)}); starting anyway`);
    return false;
  }
}

/** Runs `work` over `items`, at most `limit` at a time; `work` must not throw (each catches its own). */
async function eachBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Starts one admitted run now (an event trigger or Run now, without waiting for the tick); false
 * when it is started already, another caller holds its start lease, or it could not start yet
 * (the tick retries it).
 */
export async function startAdmittedRun(services: Services, runId: string, now: Date): Promise<boolean> {
  const run = await services.store.getRun(runId);
  return run !== null && !run.started && (await startLeased(services, run, now));
}

async function startLeased(services: Services, run: StoredRun, now: Date): Promise<boolean> {
  try {
    if (!(await services.store.leaseStart(run.run_id, now, START_LEASE_MS))) return false;
    await startRun(services, run, now);
    return true;
  } catch (error) {
    // One run that cannot start now never keeps the others from starting; a later tick retries it.
    console.error(`start admitted runs: run ${run.run_id} did not start yet: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

async function startRun(services: Services, run: StoredRun, now: Date): Promise<void> {
  // Created Running, looked up by Run ID only on a retry (create-run-row.ts).
  const runPageId = await createRunRow(services, run, now);
  await services.store.setRunPage(run.run_id, runPageId, now);
  try {
    await services.config.runs.create({ id: run.run_id, params: { runId: run.run_id } });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  await services.store.markStarted(run.run_id, runPageId, now);
  // Heartbeats are wall-clock (the watchdog compares them with the real time, not the slot's).
  await services.store.heartbeat(run.run_id, new Date());
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && /already[ _]exists/i.test(error.message);
}
