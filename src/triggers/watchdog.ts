// The watchdog, run by every tick: no run is left stranded.
//
// A live run (started, not Published/Failed/Cancelled) is looked at through its Workflow
// instance and its D1 heartbeat (every step attempt writes one):
// - instance errored, terminated, complete or missing while D1 says the run is live → the
//   instance is restarted from the top; the steps skip what D1 shows done (engine/run-workflow.ts);
// - a decision recorded in D1 that the instance has not acted on → the event is sent again
//   (one event type per round, so a duplicate is never taken for a later round);
// - no heartbeat for longer than RUN_STALE_SECONDS while not waiting for a reviewer (a step timeout is 10 minutes
//   plus backoff, so the default is 20 minutes) → restarted, as the instance is stuck (a killed
//   `wrangler dev` leaves an instance waiting on a retry timer that never fires);
// - after MAX_RESTARTS the run is failed with a plain reason, saying if it was half published.
// It compares wall-clock times with wall-clock heartbeats, so it is given the real time, not
// the cron's scheduled time.
import type { Services } from '../services';
import type { StoredRun } from '../adapters/store';
import { recordFailure } from '../engine/activities';
import { deliverDecision } from '../review/decide';
import { announcedName, decisionName, RecordedDecision } from '../review/round-records';

export const MAX_RESTARTS = 3;
/** A decision the instance has not acted on after this long is sent again. */
const RESEND_AFTER_MS = 30_000;

export type WatchAction = { runId: string; action: 'ok' | 'resent' | 'restarted' | 'failed' | 'skipped'; reason?: string };

export async function watchRuns(services: Services, now: Date): Promise<WatchAction[]> {
  const actions: WatchAction[] = [];
  for (const run of await services.store.liveRuns()) {
    try {
      actions.push(await watchOne(services, run, now));
    } catch (error) {
      // One run's trouble never stops the watch over the others.
      console.error(`watchdog: run ${run.run_id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return actions;
}

async function watchOne(services: Services, run: StoredRun, now: Date): Promise<WatchAction> {
  let instance: WorkflowInstance | null = null;
  let state = 'missing';
  try {
    instance = await services.config.runs.get(run.run_id);
    state = (await instance.status()).status;
  } catch {
    instance = null;
  }
  const quietMs = run.heartbeat_at ? now.getTime() - Date.parse(run.heartbeat_at) : 0;
  if (state === 'errored' || state === 'terminated' || state === 'complete' || state === 'missing') {
    return takeOver(services, run, instance, `its Workflow instance is ${state}`, now);
  }
  if ((run.status === 'Approved' || run.status === 'Changes requested') && quietMs > RESEND_AFTER_MS) {
    const recorded = await services.store.getJson(run.run_id, decisionName(run.review_round), RecordedDecision);
    if (recorded && quietMs <= services.config.runStaleSeconds * 1000) {
      await deliverDecision(services, run.run_id, run.review_round, { decision: recorded.decision, feedback: recorded.feedback });
      return { runId: run.run_id, action: 'resent' };
    }
  }
  // D1 says Needs review before the Run row does (open-review.ts), so only an announced review is
  // a run waiting for a person; one still opening its review is as stuck as any other step.
  const waitingForReviewer = run.status === 'Needs review' && (await services.store.getArtifact(run.run_id, announcedName(run.review_round))) !== null;
  if (!waitingForReviewer && quietMs > services.config.runStaleSeconds * 1000) {
    return takeOver(services, run, instance, `no step has run for ${Math.round(quietMs / 60_000)} minutes`, now);
  }
  return { runId: run.run_id, action: 'ok' };
}

async function takeOver(services: Services, run: StoredRun, instance: WorkflowInstance | null, why: string, now: Date): Promise<WatchAction> {
  if (run.restarts >= MAX_RESTARTS) {
    const reason = `Baton restarted this run ${run.restarts} times and it still could not finish (${why})${await halfPublished(services, run)}; start a new run`;
    await recordFailure(services, run, reason, now);
    return { runId: run.run_id, action: 'failed', reason };
  }
  // Counted with a compare-and-set, so two overlapping ticks restart it once.
  if (!(await services.store.countRestart(run.run_id, run.restarts, now))) return { runId: run.run_id, action: 'skipped' };
  console.warn(`watchdog: restarting run ${run.run_id}: ${why}`);
  if (instance) {
    await instance.restart();
  } else {
    await services.config.runs.create({ id: run.run_id, params: { runId: run.run_id } });
  }
  return { runId: run.run_id, action: 'restarted', reason: why };
}

async function halfPublished(services: Services, run: StoredRun): Promise<string> {
  const page = await services.store.getArtifact(run.run_id, 'published-page');
  const doc = await services.store.getArtifact(run.run_id, 'published-doc');
  const wantsDoc = run.definition_json.outputFolder?.kind === 'drive_folder';
  if (page && wantsDoc && !doc) return ' — the Notion page was published, the Google Doc was not';
  if (doc && !page && run.definition_json.outputPage?.kind === 'notion_page') return ' — the Google Doc was published, the Notion page was not';
  return '';
}
