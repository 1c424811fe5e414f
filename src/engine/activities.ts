// The bodies of a run's durable steps before and after review. Each is idempotent against
// itself AND against people: it first reads what is there (D1 artifacts, the Run row) and does
// only what is still missing, so a retried step — or the whole run replayed by the watchdog in
// a fresh instance — picks up where the last attempt stopped.
//
// What each step may overwrite:
//   start            D1 artifact `plan` (only when absent); D1 status Queued → Running; the Run
//                    row's Status and Started only for a row created Queued (before rows were
//                    created Running: triggers/create-run-row.ts); nothing a person writes
//   gather context   D1 artifacts `lessons` (from the workflow page, or D1's copy of it while
//                    webhooks are healthy), `context`,
//                    `context-summary` (each only when absent)
//   draft step N     D1 artifacts `step-N-try-K` (each only when absent; the run's token count
//                    once per answer) and `step-N` (the answer that passed its checks)
//   revise round N   D1 artifacts `revised-from-N`, `draft-(N+1)` (only when absent)
//   record failure   D1 status → Failed (only from a live state); the Run row's Status → Failed
// open-review.ts and publish-step.ts list their own.
import * as z from 'zod';
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import { NonRetryableError } from 'cloudflare:workflows';
import type { Plan, PlanStep, ReviewGate } from '../domain/plan';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { gatherContext } from '../context/gather';
import { packContext, sourcesFor, type ContextSource } from '../context/pack';
import { promptTokens, stepSources } from '../context/step-context';
import { attemptUsageArtifact, recordStepTokens } from './step-tokens';
import { draftPrompt, revisionPrompt } from './prompt';
import { localDate } from '../publish/naming';
import { dateProperty, statusProperty, text } from './run-row';
import { RUN_ROW_SENT } from '../triggers/create-run-row';
import { createWebhookStore } from '../adapters/webhook-store';
import { webhooksHealthy } from '../review/reconcile-rule';
import { revisedFromName } from '../review/round-records';
import { stripRevisionNotes } from '../review/revision-notes';
import { readLessons } from '../review/lessons-page';
import { checkOutput, violationList, type Violation } from './check-output';
import { attemptArtifact, openPart, outputsOf, reviewedSteps, stepArtifact } from './step-outputs';

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

/** The plan the run follows, as compiled when it started. */
export const PLAN_ARTIFACT = 'plan';

export async function markRunning({ services, run, plan, now }: RunScope): Promise<void> {
  if ((await services.store.getArtifact(run.run_id, PLAN_ARTIFACT)) === null) await services.store.putArtifact(run.run_id, PLAN_ARTIFACT, JSON.stringify(plan), now);
  if (run.status !== 'Queued') return;
  // A row created by createRunRow is Running already (saving one PATCH per run); one created
  // Queued by an earlier version is moved here.
  if ((await services.store.getArtifact(run.run_id, RUN_ROW_SENT)) === null) {
    await requireNotion(services).updatePage(runPage(run), { ...statusProperty('Running'), ...dateProperty('Started', now) });
  }
  await services.store.moveRun(run.run_id, 'Queued', 'Running', now);
}

export const GatherSummary = z.object({
  // modifiedTime: the version read, for provenance; absent in summaries kept before it was recorded.
  used: z.array(z.object({ name: z.string(), url: z.string().nullable(), modifiedTime: z.string().nullable().optional() })),
  left_out: z.array(z.object({ name: z.string(), reason: z.string() })),
  tokens: z.number(),
});
export type GatherSummary = z.infer<typeof GatherSummary>;

export async function gatherStep({ services, run, definition, now }: RunScope): Promise<GatherSummary> {
  const done = await services.store.getJson(run.run_id, 'context-summary', GatherSummary);
  if (done) return done;
  // The lessons the workflow page holds now (the page is their source of truth: a lesson a
  // person deleted there is gone from this run, an unticked proposal is not used yet).
  // While webhooks are healthy, D1's copy of the page's lessons is as fresh as the definition the
  // run was admitted with (a person's edit marks the row dirty, and the sync reads it again), so
  // the page is not read again here. Saving: one GET /v1/pages/{id}/markdown per run.
  if ((await services.store.getArtifact(run.run_id, LESSONS_ARTIFACT)) === null) {
    const healthy = webhooksHealthy(Boolean(services.config.notion.webhookSecret), await createWebhookStore(services.config.db).health());
    // A row a webhook marked as edited by a person (store.markRowDirty) is read from the page.
    const pending = (await services.store.getMeta(`dirty:${definition.pageId}`)) !== null;
    const known = healthy && !pending ? ((await services.store.getDefinition(definition.pageId))?.page_lessons_json ?? null) : null;
    const lessons = known ?? readLessons((await requireNotion(services).readMarkdown(definition.pageId)).markdown).accepted.map((l) => l.text);
    await services.store.putArtifact(run.run_id, LESSONS_ARTIFACT, JSON.stringify(lessons), now);
  }
  const gathered = await gatherContext(services, definition, run.run_id, run.trigger_subject);
  const packed = packContext(gathered.sources, CONTEXT_BUDGET_TOKENS);
  await services.store.putArtifact(run.run_id, 'context', JSON.stringify(packed.included), now);
  const summary: GatherSummary = {
    used: packed.included.map((s) => ({ name: s.name, url: s.url, modifiedTime: s.modifiedTime ?? null })),
    left_out: [...gathered.unavailable, ...packed.omitted],
    tokens: packed.tokens,
  };
  await services.store.putArtifact(run.run_id, 'context-summary', JSON.stringify(summary), now);
  return summary;
}

/** Attempts per step: the first answer and up to two more, each told what the last one broke. */
export const MAX_STEP_ATTEMPTS = 3;

/**
 * Drafts one step: its own sources, the outputs of exactly the steps it needs, and its checks.
 * An answer that breaks a check goes back to the model with the violations; after
 * MAX_STEP_ATTEMPTS the run fails, saying which step, which rule and what came back.
 */
export async function draftStep(scope: RunScope, stepId: string, approvedRounds: Readonly<Record<string, number>>): Promise<void> {
  const { services, run, definition, plan, now } = scope;
  const step = plan.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`The plan has no ${stepId}`);
  if ((await services.store.getArtifact(run.run_id, stepArtifact(step))) !== null) return;

  const needed = step.dependsOn.flatMap((id) => (id.startsWith('review') ? (plan.reviewGates.find((g) => g.id === id)?.reviews ?? []) : [id]));
  const inputs = await outputsOf(services, run.run_id, plan, [...new Set(needed)], approvedRounds);
  // Only what this step needs: the previous output goes to the step that compares with it (step-context.ts).
  const sources = packContext(stepSources(await loadContext(scope), plan, step), CONTEXT_BUDGET_TOKENS).included;
  const lessons = await loadLessons(scope);
  const prompt = (fix?: { draft: string; violations: string }) =>
    draftPrompt({
      workflowName: definition.name,
      goal: definition.goal,
      step,
      inputs: inputs.map((i) => ({ step: i.step, output: i.text })),
      sources,
      template: step.output.sections.length > 0 ? definition.outputTemplate : null,
      published: plan.outputs.includes(step.id),
      lessons,
      today: localDate(now, definition.timeZone),
      ...(fix ? { fix } : {}),
    });

  // A step whose output is just a list ("a talk-track outline (5 beats)") asks for one as
  // Structured Outputs; one with headings or a hook line before it writes markdown.
  const items = step.output.rules.find((r) => r.kind === 'items');
  const list = items && step.output.sections.length === 0 && !step.output.rules.some((r) => r.kind === 'hook_line') ? { min: items.count, max: items.count } : null;
  let last: { text: string; violations: Violation[] } | null = null;
  for (let attempt = 1; attempt <= MAX_STEP_ATTEMPTS; attempt++) {
    const name = attemptArtifact(step, attempt);
    let text = await services.store.getArtifact(run.run_id, name);
    if (text === null) {
      const messages = prompt(last ? { draft: last.text, violations: violationList(last.violations) } : undefined);
      const completion = await services.llm.complete({ ...messages, ...(list ? { list } : {}) });
      text = completion.text;
      await services.store.putArtifact(run.run_id, attemptUsageArtifact(name), JSON.stringify({ prompt: completion.usage.prompt, estimated: promptTokens(messages) }), now);
      await services.store.putCompletion(run.run_id, name, text, completion.usage.prompt + completion.usage.completion, now);
    }
    const violations = checkOutput(text, step.output);
    if (violations.length === 0) {
      await recordStepTokens(services, run.run_id, step, attempt, CONTEXT_BUDGET_TOKENS, now);
      await services.store.putArtifact(run.run_id, stepArtifact(step), text, now);
      return;
    }
    last = { text, violations };
  }
  throw new NonRetryableError(stepFailure(step, last!.violations, last!.text));
}

/** "Step 2 (Write the LinkedIn post) broke "under 1,300 characters" (it has 1,412) 3 times; the last answer began: …" */
export function stepFailure(step: PlanStep, violations: readonly Violation[], text: string): string {
  const rules = violations.map((v) => `"${v.rule}" (${v.found})`).join(', ');
  const shown = text.replace(/\s+/g, ' ').trim();
  const start = shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
  return `Step ${step.number} (${step.title}) broke ${rules} in all ${MAX_STEP_ATTEMPTS} answers from the model; the last one began: "${start}". Loosen the rule in the step's words or make the task clearer, then start a new run`;
}

/**
 * Revises what the reviewer of `gate` left on the Run page (its open part), with their
 * feedback, from the sources the reviewed steps read. The model is shown the reviewed steps'
 * tasks again (their limits with them); the revision is not failed for breaking them — the
 * reviewer sees it and decides.
 */
export async function reviseStep(scope: RunScope, round: number, feedback: string, gate: ReviewGate): Promise<void> {
  const { services, run, definition, plan, now } = scope;
  if ((await services.store.getArtifact(run.run_id, draftName(round + 1))) !== null) return;
  // The reviewer may have edited the draft before asking for changes: revise what they left,
  // and remember it — it is the text the next round's write may replace.
  let base = await services.store.getArtifact(run.run_id, revisedFromName(round));
  if (base === null) {
    base = openPart((await requireNotion(services).readMarkdown(runPage(run))).markdown);
    await services.store.putArtifact(run.run_id, revisedFromName(round), base, now);
  }
  const reviewed = reviewedSteps(plan, gate);
  const single = reviewed.length === 1 ? reviewed[0]! : null;
  const readsAll = reviewed.some((s) => s.reads === 'all');
  const context = await loadContext(scope);
  const sources = readsAll ? context : [...new Map(reviewed.flatMap((s) => sourcesFor(context, s.reads)).map((s) => [s.name, s])).values()];
  const messages = revisionPrompt({
    workflowName: definition.name,
    goal: definition.goal,
    template: single && single.output.sections.length > 0 ? definition.outputTemplate : null,
    draft: base,
    feedback: feedback || '(The reviewer asked for changes without saying which.)',
    lessons: await loadLessons(scope),
    sources: packContext(sources, CONTEXT_BUDGET_TOKENS).included,
    task: single ? single.instruction : reviewed.map((s) => `${s.label}: ${s.instruction}`).join('\n'),
  });
  const completion = await services.llm.complete(messages);
  // The model's notes about its revision ("> Revised per feedback: …") are not output: the
  // reviewer is told what changed in the round's comment instead (review/revision-notes.ts).
  await services.store.putCompletion(run.run_id, draftName(round + 1), stripRevisionNotes(completion.text), completion.usage.prompt + completion.usage.completion, now);
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

/** What a run's prompts carry of the workflow's lessons: read from its page when the run gathered context. */
export const LESSONS_ARTIFACT = 'lessons';

export async function loadLessons({ services, run, definition }: RunScope): Promise<string[]> {
  const kept = await services.store.getJson(run.run_id, LESSONS_ARTIFACT, z.array(z.string()));
  // A run that gathered before lessons were read from the page uses what the row said then.
  return kept ?? definition.lessons;
}

export async function loadContext({ services, run }: RunScope): Promise<ContextSource[]> {
  const raw = await services.store.getArtifact(run.run_id, 'context');
  return raw ? (JSON.parse(raw) as ContextSource[]) : [];
}

export function runPage(run: StoredRun): string {
  if (!run.run_page_id) throw new Error(`Run ${run.run_id} has no Run row yet`);
  return run.run_page_id;
}
