// Admission: due schedule slots become runs, exactly once.
//
// A slot is claimed with a D1 unique key (workflow, slot) in the same batch that records the
// run; only the tick that wins the claim goes on. Creating the Run row and the Workflow
// instance happens after the claim and is retried by every tick until it is confirmed, so a
// crash between the two loses nothing. (Creating an instance with an existing id does not fail
// in every runtime version, so the id alone is not the dedupe.)
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
  for (const row of await store.activeDefinitions()) {
    const definition = row.definition_json;
    const schedule = definitionSchedule(definition);
    if (!schedule) continue;
    // Several missed slots (after downtime) run once, for the latest: a late brief, not three.
    const slot = latestDueSlot(schedule, from, now);
    if (!slot) continue;
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
  }
  if (!checked || Date.parse(checked) < now.getTime()) await store.setMeta(SCHEDULE_CHECKED_KEY, now.toISOString(), now);
  return admitted;
}

/** How long one tick may take to create a Run row and instance before another may try. */
const START_LEASE_MS = 2 * 60_000;

/**
 * Creates the Run row and the Workflow instance for every claimed run not yet started. Ticks
 * can overlap (a slow tick, or several at once), so each run is leased to one of them first.
 */
export async function startPendingRuns(services: Services, now: Date): Promise<string[]> {
  const started: string[] = [];
  for (const run of await services.store.unstartedRuns()) {
    if (await startLeased(services, run, now)) started.push(run.run_id);
  }
  return started;
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
  if (!(await services.store.leaseStart(run.run_id, now, START_LEASE_MS))) return false;
  try {
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
