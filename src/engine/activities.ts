// The bodies of a run's durable steps before and after review. Each is idempotent against
// itself AND against people: it first reads what is there (D1 artifacts, the Run row) and does
// only what is still missing, so a retried step — or the whole run replayed by the watchdog in
// a fresh instance — picks up where the last attempt stopped.
//
// What each step may overwrite:
//   start            the Run row's Status (Queued → Running) and Started; nothing a person writes
//   gather context   D1 artifacts `context`, `context-summary` (only when absent)
//   draft step N     D1 artifact `step-N` (only when absent); the run's token count, once
//   revise round N   D1 artifacts `revised-from-N`, `draft-(N+1)` (only when absent)
//   record failure   D1 status → Failed (only from a live state); the Run row's Status → Failed
// open-review.ts and publish-step.ts list their own.
import { z } from 'zod';
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import type { Plan } from '../domain/plan';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { gatherContext } from '../context/gather';
import { packContext, type ContextSource } from '../context/pack';
import { draftPrompt, revisionPrompt } from './prompt';
import { localDate } from '../publish/naming';
import { dateProperty, statusProperty, text } from './run-row';
import { revisedFromName } from '../review/round-records';

/** Context handed to the model per run, in estimated tokens. */
export const CONTEXT_BUDGET_TOKENS = 24_000;

export interface RunScope {
  services: Services;
  run: StoredRun;
  definition: WorkflowDefinition;
  plan: Plan;
  now: Date;
}

export const draftName = (round: number) => `draft-${round}`;
const stepName = (index: number) => `step-${index + 1}`;

export async function markRunning({ services, run, now }: RunScope): Promise<void> {
  if (run.status !== 'Queued') return;
  await requireNotion(services).updatePage(runPage(run), { ...statusProperty('Running'), ...dateProperty('Started', now) });
  await services.store.moveRun(run.run_id, 'Queued', 'Running', now);
}

export const GatherSummary = z.object({
  used: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  left_out: z.array(z.object({ name: z.string(), reason: z.string() })),
  tokens: z.number(),
});
export type GatherSummary = z.infer<typeof GatherSummary>;

export async function gatherStep({ services, run, definition, now }: RunScope): Promise<GatherSummary> {
  const done = await services.store.getJson(run.run_id, 'context-summary', GatherSummary);
  if (done) return done;
  const gathered = await gatherContext(services, definition, run.run_id, run.trigger_subject);
  const packed = packContext(gathered.sources, CONTEXT_BUDGET_TOKENS);
  await services.store.putArtifact(run.run_id, 'context', JSON.stringify(packed.included), now);
  const summary: GatherSummary = {
    used: packed.included.map((s) => ({ name: s.name, url: s.url })),
    left_out: [...gathered.unavailable, ...packed.omitted],
    tokens: packed.tokens,
  };
  await services.store.putArtifact(run.run_id, 'context-summary', JSON.stringify(summary), now);
  return summary;
}

export async function draftStep(scope: RunScope, index: number): Promise<void> {
  const { services, run, definition, plan, now } = scope;
  const step = plan.steps[index];
  if (!step) throw new Error(`Plan has no step ${index + 1}`);
  const last = index === plan.steps.length - 1;
  const existing = await services.store.getArtifact(run.run_id, stepName(index));
  if (existing !== null) {
    if (last && (await services.store.getArtifact(run.run_id, draftName(1))) === null) await services.store.putArtifact(run.run_id, draftName(1), existing, now);
    return;
  }
  const sources = await loadContext(scope);
  const earlier: { title: string; output: string }[] = [];
  for (let i = 0; i < index; i++) {
    earlier.push({ title: plan.steps[i]?.title ?? `Step ${i + 1}`, output: (await services.store.getArtifact(run.run_id, stepName(i))) ?? '' });
  }
  const messages = draftPrompt({
    workflowName: definition.name,
    goal: definition.goal,
    step,
    stepIndex: index,
    stepCount: plan.steps.length,
    earlier,
    sources,
    template: step.output ? definition.outputTemplate : null,
    lessons: definition.lessons,
    today: localDate(now, definition.timeZone),
  });
  const completion = await services.llm.complete(messages);
  await services.store.putCompletion(run.run_id, stepName(index), completion.text, completion.usage.prompt + completion.usage.completion, now);
  if (last) await services.store.putArtifact(run.run_id, draftName(1), completion.text, now);
}

export async function reviseStep(scope: RunScope, round: number, feedback: string): Promise<void> {
  const { services, run, definition, now } = scope;
  if ((await services.store.getArtifact(run.run_id, draftName(round + 1))) !== null) return;
  // The reviewer may have edited the draft before asking for changes: revise what they left,
  // and remember it — it is the text the next round's write may replace.
  let base = await services.store.getArtifact(run.run_id, revisedFromName(round));
  if (base === null) {
    base = (await requireNotion(services).readMarkdown(runPage(run))).markdown;
    await services.store.putArtifact(run.run_id, revisedFromName(round), base, now);
  }
  const messages = revisionPrompt({
    workflowName: definition.name,
    goal: definition.goal,
    template: definition.outputTemplate,
    draft: base,
    feedback: feedback || '(The reviewer asked for changes without saying which.)',
    lessons: definition.lessons,
    sources: await loadContext(scope),
  });
  const completion = await services.llm.complete(messages);
  await services.store.putCompletion(run.run_id, draftName(round + 1), completion.text, completion.usage.prompt + completion.usage.completion, now);
}

/**
 * Ends a run as Failed with a reason a person can act on: in D1 first (so nothing else moves
 * it), then on the Run row and the workflow's Health. Safe to call again.
 */
export async function recordFailure(services: Services, run: StoredRun, reason: string, now: Date): Promise<void> {
  const moved = await services.store.failRun(run.run_id, reason, now);
  await services.store.setLastFailure(run.workflow_page_id, reason);
  if (!run.run_page_id || !services.notion) return;
  const announced = await services.store.getArtifact(run.run_id, 'failure-announced');
  if (!moved && announced) return;
  await services.notion.updatePage(run.run_page_id, { ...statusProperty('Failed'), ...dateProperty('Finished', now) });
  if (!announced) {
    await services.notion.comment(run.run_page_id, text(`This run failed: ${reason}`));
    await services.store.putArtifact(run.run_id, 'failure-announced', now.toISOString(), now);
  }
  await services.notion.updatePage(run.workflow_page_id, { Health: { rich_text: text(`Last run failed: ${reason}`) } });
}

export async function loadContext({ services, run }: RunScope): Promise<ContextSource[]> {
  const raw = await services.store.getArtifact(run.run_id, 'context');
  return raw ? (JSON.parse(raw) as ContextSource[]) : [];
}

export function runPage(run: StoredRun): string {
  if (!run.run_page_id) throw new Error(`Run ${run.run_id} has no Run row yet`);
  return run.run_page_id;
}
