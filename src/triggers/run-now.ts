// Run now: the row's checkbox, or POST /api/workflows/:id/runs. Each request starts one manual
// run; neither touches any schedule's bookkeeping (a manual run has no slot).
//
// The checkbox: a ticked box is claimed in D1 (run_now_requests, one per row) together with its
// run, then Baton clears the box and forgets the claim. A retry after a crash finds the claim and
// finishes it, so one tick of the box is one run, and ticking it again afterwards is another.
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { admitEventRun, startNow } from './admit-event';
import { runIdFor } from './run-id';

/** The registry sync saw Run now ticked on a runnable row. */
export async function requestRunNow(services: Services, definition: WorkflowDefinition, now: Date): Promise<string | null> {
  const { triggers } = services;
  const pending = await triggers.runNowRequest(definition.pageId);
  const key = pending ? pending.trigger_key : `checkbox-${crypto.randomUUID()}`;
  if (!pending && !(await triggers.claimRunNow(definition.pageId, key, now))) return null;
  const runId = await admitEventRun(services, definition, { kind: 'manual', key, subject: { kind: 'manual', via: 'checkbox' }, label: 'Run now' }, now);
  // Baton clears the box it was asked with; a person ticking it again is a new request.
  await requireNotion(services).updatePage(definition.pageId, { 'Run now': { checkbox: false } });
  await triggers.finishRunNow(definition.pageId);
  if (runId) await startNow(services, runId, definition.pageId, now);
  return runId;
}

/** The API: one manual run per call, or per Idempotency-Key when the caller sends one. */
export async function runFromApi(services: Services, definition: WorkflowDefinition, idempotencyKey: string | null, now: Date): Promise<{ runId: string; created: boolean }> {
  const key = idempotencyKey ? `api-${idempotencyKey}` : `api-${crypto.randomUUID()}`;
  const runId = await admitEventRun(services, definition, { kind: 'manual', key, subject: { kind: 'manual', via: 'api' }, label: 'Run now (API)' }, now);
  if (runId) {
    await startNow(services, runId, definition.pageId, now);
    return { runId, created: true };
  }
  return { runId: await runIdFor(definition.pageId, 'manual', key), created: false };
}
