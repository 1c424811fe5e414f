// A row's Health from what D1 holds about it — the cached definition, its problems, next run,
// what last started it and the last run's failure — so it can be rewritten after a trigger fires
// without reading the row again. The registry sync composes Health with the same function
// (composeHealth), so a sync and a refresh can never say different things about the same row.
//
// refreshHealth writes only what changed: Notion first, then D1, so a failed D1 write is
// repaired by the next refresh (which finds D1 different and writes again), never hidden by it.
import type { Config } from '../env';
import { integrations } from '../env';
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredDefinition } from '../adapters/store';
import type { LastTrigger } from '../domain/trigger-subject';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { text } from '../engine/run-row';
import { healthText } from './health-text';
import { RowProblem } from './row-problem';

export interface HealthInputs {
  definition: WorkflowDefinition | null;
  problems: readonly RowProblem[];
  runnable: boolean;
  nextRun: Date | null;
  lastTrigger: LastTrigger | null;
  /** The last run's failure, shown under an OK line (a row that cannot run says why instead). */
  lastFailure: string | null;
  /** Why Google refused a push channel for the Watch folder's drive, if it did (drivePushRefusal). */
  drivePushRefused?: string | null;
}

export function composeHealth(inputs: HealthInputs, config: Config): string {
  const { definition } = inputs;
  const { drivePush, notionWebhooks } = integrations(config);
  const health = healthText({
    problems: inputs.problems,
    state: definition?.state ?? null,
    timeZone: definition?.timeZone ?? config.defaultTimeZone,
    nextRun: inputs.nextRun,
    watchFolder: definition?.watchFolder ?? null,
    rowTrigger: definition?.rowTrigger ?? null,
    afterWorkflow: definition?.afterWorkflow ?? null,
    lastTrigger: inputs.lastTrigger,
    capabilities: { drivePush, notionWebhooks, drivePushRefused: inputs.drivePushRefused ?? null },
  });
  return inputs.lastFailure && inputs.runnable ? `${health}\nLast run failed: ${inputs.lastFailure}` : health;
}

/** The row's Health recomputed from its D1 record; problems that no longer parse are dropped. */
export function rowHealth(stored: StoredDefinition, config: Config, drivePushRefused: string | null = null): string {
  const problems = (stored.problems_json ?? []).flatMap((p) => {
    const parsed = RowProblem.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
  const nextRun = stored.next_run ? new Date(stored.next_run) : null;
  return composeHealth(
    {
      definition: stored.definition_json,
      problems,
      runnable: stored.runnable,
      nextRun: nextRun && !Number.isNaN(nextRun.getTime()) ? nextRun : null,
      lastTrigger: stored.last_trigger_json,
      lastFailure: stored.last_failure,
      drivePushRefused,
    },
    config,
  );
}

/** Why Google refused a push channel for the drive of this row's Watch folder; null when it did not. */
export async function drivePushRefusal(services: Services, pageId: string): Promise<string | null> {
  const watch = (await services.triggers.watches()).find((w) => w.workflow_page_id === pageId);
  return watch ? ((await services.triggers.feed(watch.drive_key))?.push_problem ?? null) : null;
}

/**
 * Rewrites the row's Health if what D1 now holds says something else (after a trigger started a
 * run: "last: Acme Corp, 3 Dec 10:14"). A trashed or unknown row is left alone. `now` is the
 * caller's clock, kept for symmetry with the other write-backs; nothing here depends on it.
 */
export async function refreshHealth(services: Services, pageId: string, _now: Date): Promise<string | null> {
  const stored = await services.store.getDefinition(pageId);
  if (!stored || stored.in_trash) return null;
  const refused = stored.definition_json?.watchFolder ? await drivePushRefusal(services, pageId) : null;
  const health = rowHealth(stored, services.config, refused);
  if (health === stored.health) return health;
  await requireNotion(services).updatePage(pageId, { Health: { rich_text: text(health) } });
  await services.store.setHealth(pageId, health);
  return health;
}
