// "When <workflow> publishes": a published run starts each workflow that follows it, once per
// published run (the upstream run id is the trigger key), with what it published as context.
//
// The registry refuses a row whose chain loops back to itself (chain-loop.ts), but rows are
// checked one at a time, so the run carries its chain's path too and a workflow already on the
// path is never started again: A → B → A stops at A, whatever the rows say.
import type { Services } from '../services';
import type { StoredRun } from '../adapters/store';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { sameWorkflowName } from '../registry/chain-loop';
import { admitEventRun } from './admit-event';

export async function admitChainedRuns(
  services: Services,
  run: StoredRun,
  definition: WorkflowDefinition,
  output: { title: string; url: string | null },
  now: Date,
): Promise<string[]> {
  const path = [...(run.trigger_subject?.kind === 'chain' ? run.trigger_subject.path : []), definition.pageId];
  const admitted: string[] = [];
  for (const row of await services.store.activeDefinitions()) {
    const follower = row.definition_json;
    if (!follower.afterWorkflow || !sameWorkflowName(follower.afterWorkflow.workflowName, definition.name)) continue;
    if (path.includes(follower.pageId)) {
      console.warn(`chain: ${follower.name} is already on this chain (${path.join(' → ')}); not started again`);
      continue;
    }
    const runId = await admitEventRun(
      services,
      follower,
      {
        kind: 'chain',
        key: run.run_id,
        subject: { kind: 'chain', upstreamRunId: run.run_id, workflowName: definition.name, title: output.title, url: output.url, path },
        label: output.title,
      },
      now,
    );
    if (runId) admitted.push(runId);
  }
  return admitted;
}
