// Admission for everything that is not the clock: a Drive file, a Notion row entering a state,
// Run now, another workflow's publication. Like a schedule slot, each trigger key is claimed
// once by the runs table's unique key (workflow, kind, key); the caller's key must be the same
// whoever observes the event (webhook, reconcile, a retry), so duplicates start nothing.
import type { Services } from '../services';
import type { TriggerKind } from '../domain/run';
import type { TriggerSubject } from '../domain/trigger-subject';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { refreshHealth } from '../registry/row-health';
import { startAdmittedRun } from './admit';
import { runIdFor } from './run-id';

export interface EventTrigger {
  kind: Exclude<TriggerKind, 'schedule'>;
  /** Unique per run for this workflow and kind: the file id, "row@entered", the upstream run id. */
  key: string;
  subject: TriggerSubject;
  /** Said in Health as "last: <label>, <time>". */
  label: string;
}

/** Claims the run; its id, or null when this trigger already has one. */
export async function admitEventRun(services: Services, definition: WorkflowDefinition, trigger: EventTrigger, now: Date): Promise<string | null> {
  const runId = await runIdFor(definition.pageId, trigger.kind, trigger.key);
  const claimed = await services.store.claimRun(
    {
      runId,
      workflowPageId: definition.pageId,
      triggerKind: trigger.kind,
      triggerKey: trigger.key,
      scheduledFor: null,
      reviewerId: definition.reviewer?.id ?? null,
      definition,
      subject: trigger.subject,
    },
    now,
  );
  if (!claimed) return null;
  await services.store.setLastTrigger(definition.pageId, { label: trigger.label, at: now.toISOString() });
  return runId;
}

/**
 * Starts an admitted run at once rather than on the next tick, and updates the row's Health
 * ("last: …"). Neither may fail the caller: the tick starts what did not start, and Health is
 * rewritten at the next change.
 */
export async function startNow(services: Services, runId: string, workflowPageId: string, now: Date): Promise<void> {
  await startAdmittedRun(services, runId, now);
  try {
    await refreshHealth(services, workflowPageId, now);
  } catch (error) {
    console.warn(`trigger: Health of ${workflowPageId} not updated yet: ${error instanceof Error ? error.message : String(error)}`);
  }
}
