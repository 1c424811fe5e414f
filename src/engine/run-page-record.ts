// A run with no review gate leaves what it published on its Run page, so the Run row is a record
// of the output whether or not anybody reviewed it (with a review, the page already holds the
// text the reviewer approved).
//
// May overwrite: the Run page's body, only while it is still empty — Baton never writes there
// otherwise in a run without review, so anything on it is a person's and is kept. Idempotent:
// `run-page-recorded` says it was done; a retry that finds the text already there only records that.
import { requireNotion, type Services } from '../services';
import type { StoredRun } from '../adapters/store';
import type { Plan } from '../domain/plan';
import { sameText } from '../review/round-records';

export const RUN_PAGE_RECORDED = 'run-page-recorded';

/** Writes `markdown` (what was published) onto the Run page of a run without review; see the header. */
export async function recordPublishedText(services: Services, run: StoredRun, plan: Plan, markdown: string, now: Date): Promise<void> {
  if (plan.reviewGates.length > 0 || !run.run_page_id) return;
  if ((await services.store.getArtifact(run.run_id, RUN_PAGE_RECORDED)) !== null) return;
  const notion = requireNotion(services);
  const current = (await notion.readMarkdown(run.run_page_id)).markdown;
  if (sameText(current, '')) await notion.replaceMarkdown(run.run_page_id, markdown);
  else if (!sameText(current, markdown)) console.warn(`run ${run.run_id}: the Run page is not empty, so the published text was not copied onto it`);
  await services.store.putArtifact(run.run_id, RUN_PAGE_RECORDED, now.toISOString(), now);
}
