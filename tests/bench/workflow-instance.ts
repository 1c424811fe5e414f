// A run's Workflow instance as `wrangler dev` reports it: its Local Explorer API (served by the dev
// session itself, under /cdn-cgi/local/explorer/api; `wrangler workflows instances describe
// --local` reads the same) answers GET /workflows/<name>/instances/<id> with the instance's status
// and its steps, from the local Workflows engine. Baton's own HTTP routes expose no run status, and
// the instance id is the run id (src/triggers/admit.ts), which the Run row holds in Run ID.
// Each answer costs the runtime a few ms of CPU (the engine reads its log): callers ask rarely.
import * as z from 'zod';

export const EXPLORER_API = '/cdn-cgi/local/explorer/api';
/** wrangler.toml's [[workflows]] name. */
export const RUN_WORKFLOW_NAME = 'baton-run';

export const InstanceDetails = z.object({
  success: z.literal(true),
  result: z.object({
    /** queued, running, paused, errored, terminated, complete, waitingForPause, waiting (the engine's names). */
    status: z.string(),
    end: z.string().nullable(),
    steps: z.array(z.object({ name: z.string(), type: z.string() })),
  }),
});
export type InstanceDetails = z.infer<typeof InstanceDetails>;

const ENDED = new Set(['complete', 'errored', 'terminated']);

export interface InstanceState {
  ended: boolean;
  status: string;
  /** When the engine logged the end (the worker's clock, ms since the epoch), if it has ended. */
  endedAt: number | null;
  steps: string[];
}

export async function readInstance(workerUrl: string, instanceId: string, options: { fetch?: typeof fetch } = {}): Promise<InstanceState> {
  const res = await (options.fetch ?? fetch)(`${workerUrl}${EXPLORER_API}/workflows/${RUN_WORKFLOW_NAME}/instances/${encodeURIComponent(instanceId)}`);
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`wrangler dev's explorer API answered ${res.status} for instance ${instanceId}: ${JSON.stringify(body)}`);
  const { result } = InstanceDetails.parse(body);
  return { ended: ENDED.has(result.status), status: result.status, endedAt: result.end ? Date.parse(result.end) : null, steps: result.steps.map((s) => s.name) };
}
