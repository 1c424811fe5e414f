// The Run row of an admitted run, created at most once and in its first state.
//
// - Created Running, with Started: the Workflow instance is started right after the row (admit.ts),
//   so a row that said Queued would be rewritten to Running a second later by the run's first
//   step. Saving: one PATCH /v1/pages/{id} per run (engine/activities.ts `markRunning` writes
//   nothing to Notion for a row created here).
// - No lookup on a first attempt. Notion has no idempotency key, so the Run ID is the key, and
//   D1 remembers (`run-row-sent`) that a create was sent before it is sent. Only when that mark is
//   there — a tick retrying a start that crashed or was answered doubtfully — is the row looked
//   up by Run ID before creating; after a doubtful answer to the create itself, createOnce looks
//   it up before trying again (adapters/notion-retry.ts). Saving: one POST
//   /v1/data_sources/{id}/query per run; a committed-then-failed create is still found, never
//   duplicated.
import { APIErrorCode, isNotionClientError } from '@notionhq/client';
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import { runTitle } from '../publish/naming';
import { dateProperty, newRunProperties } from '../engine/run-row';
import { planVersion } from '../plan/compile';
import { subjectName } from '../domain/trigger-subject';

/** D1 artifact: a create of this run's row was sent (at this time); a retry looks up first. */
export const RUN_ROW_SENT = 'run-row-sent';

/** The Run row's page id: found (on a retry) or created. */
export async function createRunRow(services: Services, run: StoredRun, now: Date): Promise<string> {
  const notion = requireNotion(services);
  const runsDataSource = services.config.notion.runsDataSourceId;
  if (!runsDataSource) throw new Error('NOTION_RUNS_DATA_SOURCE_ID is not set: run `npm run setup` and configure it');
  const definition = run.definition_json;
  const lookup = async () => (await notion.queryDataSource(runsDataSource, { filter: { property: 'Run ID', rich_text: { equals: run.run_id } } }))[0] ?? null;
  if ((await services.store.getArtifact(run.run_id, RUN_ROW_SENT)) !== null) {
    const found = await lookup();
    if (found) return found.id;
  } else {
    await services.store.putArtifact(run.run_id, RUN_ROW_SENT, now.toISOString(), now);
  }
  const row = {
    name: runTitle(definition.name, new Date(run.scheduled_for ?? run.created_at), definition.timeZone, subjectName(run.trigger_subject)),
    workflowPageId: run.workflow_page_id,
    runId: run.run_id,
    trigger: run.trigger_kind,
    scheduledFor: run.scheduled_for,
    reviewerId: run.reviewer_id,
    plan: planVersion(definition),
  };
  const create = (withPlan: boolean) =>
    notion.createPage(
      { parent: { type: 'data_source_id', data_source_id: runsDataSource }, properties: { ...newRunProperties(row, { withPlan, status: 'Running' }), ...dateProperty('Started', now) } },
      lookup,
    );
  try {
    return (await create(true)).id;
  } catch (error) {
    // A Runs database set up before runs had a Plan: the run starts all the same (a refused
    // create made nothing, so sending it again is safe) and the log says how to add it.
    if (!isMissingPlanProperty(error)) throw error;
    console.warn(`run ${run.run_id}: the Runs database has no Plan property; run \`npm run setup\` again to add it`);
    return (await create(false)).id;
  }
}

function isMissingPlanProperty(error: unknown): boolean {
  return isNotionClientError(error) && error.code === APIErrorCode.ValidationError && /^Plan is not a property that exists/.test(error.message);
}
