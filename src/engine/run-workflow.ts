// One run of a workflow as a durable Cloudflare Workflows instance.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers';
import { NonRetryableError } from 'cloudflare:workflows';

export interface RunParams {
  runId: string;
}

export class RunWorkflow extends WorkflowEntrypoint<Cloudflare.Env, RunParams> {
  override async run(event: WorkflowEvent<RunParams>, _step: WorkflowStep): Promise<void> {
    throw new NonRetryableError(`Run ${event.payload.runId}: the run engine is not wired yet`);
  }
}
