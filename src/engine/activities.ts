// The bodies of a run's durable steps. Each is idempotent (safe to run twice) and returns a
// small JSON result; drafts and gathered context live in D1 artifacts, not in step results
// (those are capped at 1 MiB).
import type { Services } from '../services';
import { requireDrive, requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import { PUBLISHED_ARTIFACT } from '../adapters/store';
import type { Plan } from '../domain/plan';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import type { TokenUsage } from '../domain/run';
import { isFinal } from '../domain/run-status';
import { gatherContext } from '../context/gather';
import { packContext, type ContextSource } from '../context/pack';
import { draftPrompt, revisionPrompt } from './prompt';
import { localDate, outputTitle, provenanceMarkdown } from '../publish/naming';
import { publishGoogleDoc, publishNotionPage } from '../publish/publish';
import { dateProperty, statusProperty, text } from './run-row';
import { nextRun, parseSchedule } from '../schedule';

/** Context handed to the model per run, in estimated tokens. */
export const CONTEXT_BUDGET_TOKENS = 24_000;

export interface RunScope {
  services: Services;
  run: StoredRun;
  definition: WorkflowDefinition;
  plan: Plan;
  now: Date;
}

const draftName = (round: number) => `draft-${round}`;

export async function markRunning({ services, run, now }: RunScope): Promise<void> {
  await requireNotion(services).updatePage(runPage(run), { ...statusProperty('Running'), ...dateProperty('Started', now) });
  await services.store.moveRun(run.run_id, 'Queued', 'Running', now);
}

export async function gatherStep({ services, run, definition, now }: RunScope) {
  const gathered = await gatherContext(services, definition, run.run_id);
  const packed = packContext(gathered.sources, CONTEXT_BUDGET_TOKENS);
  await services.store.putArtifact(run.run_id, 'context', JSON.stringify(packed.included), now);
  return {
    used: packed.included.map((s) => ({ name: s.name, url: s.url })),
    left_out: [...gathered.unavailable, ...packed.omitted],
    tokens: packed.tokens,
  };
}

export async function draftStep(scope: RunScope, index: number): Promise<TokenUsage> {
  const { services, run, definition, plan, now } = scope;
  const step = plan.steps[index];
  if (!step) throw new Error(`Plan has no step ${index + 1}`);
  const sources = await loadContext(scope);
  const earlier: { title: string; output: string }[] = [];
  for (let i = 0; i < index; i++) {
    earlier.push({ title: plan.steps[i]?.title ?? `Step ${i + 1}`, output: (await services.store.getArtifact(run.run_id, `step-${i + 1}`)) ?? '' });
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
  await services.store.putArtifact(run.run_id, `step-${index + 1}`, completion.text, now);
  if (index === plan.steps.length - 1) await services.store.putArtifact(run.run_id, draftName(1), completion.text, now);
  return completion.usage;
}

export async function openReview({ services, run, definition, now }: RunScope, round: number): Promise<void> {
  const notion = requireNotion(services);
  const reviewer = definition.reviewer;
  if (!reviewer) throw new Error('openReview called for a workflow without a reviewer');
  const draft = (await services.store.getArtifact(run.run_id, draftName(round))) ?? '';
  await notion.replaceMarkdown(runPage(run), draft);
  await notion.updatePage(runPage(run), {
    ...statusProperty('Needs review'),
    Reviewer: { people: [{ id: reviewer.id }] },
    Feedback: { rich_text: [] },
  });
  const intro = round === 1 ? ' — the draft is ready for your review. ' : ` — revision ${round} is ready for your review. `;
  await notion.comment(runPage(run), [
    { type: 'mention', mention: { user: { id: reviewer.id } } },
    ...text(`${intro}Edit it in place if you like, then set Status to Approved, or to Changes requested with a sentence in Feedback.`),
  ]);
  const from = round === 1 ? 'Running' : 'Changes requested';
  await services.store.moveRun(run.run_id, from, 'Needs review', now, round);
}

export async function reviseStep(scope: RunScope, round: number, feedback: string): Promise<TokenUsage> {
  const { services, run, definition, now } = scope;
  // The reviewer may have edited the draft before asking for changes: revise what they left.
  const { markdown } = await requireNotion(services).readMarkdown(runPage(run));
  const messages = revisionPrompt({
    workflowName: definition.name,
    goal: definition.goal,
    template: definition.outputTemplate,
    draft: markdown,
    feedback: feedback || '(The reviewer asked for changes without saying which.)',
    lessons: definition.lessons,
    sources: await loadContext(scope),
  });
  const completion = await services.llm.complete(messages);
  await services.store.putArtifact(run.run_id, draftName(round + 1), completion.text, now);
  return completion.usage;
}

/** The text to publish: the Run page as the reviewer left it, or the draft when no review. */
export async function finalText({ services, run, definition }: RunScope, lastRound: number): Promise<string> {
  if (definition.reviewer) return (await requireNotion(services).readMarkdown(runPage(run))).markdown;
  return (await services.store.getArtifact(run.run_id, draftName(lastRound))) ?? '';
}

export interface PublishLinks {
  pageUrl: string | null;
  docUrl: string | null;
}

export async function publishStep(scope: RunScope, approved: string, sources: { name: string; url: string | null }[]): Promise<PublishLinks> {
  const { services, run, definition, now } = scope;
  await requireNotion(services).updatePage(runPage(run), statusProperty('Publishing'));
  await services.store.moveRun(run.run_id, definition.reviewer ? 'Approved' : 'Running', 'Publishing', now);
  const instant = new Date(run.scheduled_for ?? run.created_at);
  const title = outputTitle(definition.name, instant, definition.timeZone);
  const markdown = `${approved.trim()}\n\n${provenanceMarkdown({
    runId: run.run_id,
    workflowName: definition.name,
    workflowUrl: null,
    trigger: run.trigger_kind,
    scheduledFor: run.scheduled_for,
    sources,
    reviewer: definition.reviewer?.name ?? null,
    approvedAt: definition.reviewer ? now.toISOString() : null,
    model: services.config.model.name,
  })}`;
  const links: PublishLinks = { pageUrl: null, docUrl: null };
  if (definition.mode === 'Trial') {
    // Trial runs go through review like live ones but never touch the live destinations.
    await requireNotion(services).comment(runPage(run), text('Trial mode: approved, and nothing was published. Set Mode to Live on the workflow to publish.'));
    return links;
  }
  if (definition.outputPage?.kind === 'notion_page') {
    links.pageUrl = (await publishNotionPage(requireNotion(services), definition.outputPage.id, { runId: run.run_id, title, markdown })).url;
  }
  if (definition.outputFolder?.kind === 'drive_folder') {
    const doc = await publishGoogleDoc(requireDrive(services), definition.outputFolder.id, { runId: run.run_id, title, markdown });
    links.docUrl = doc.webViewLink ?? `https://docs.google.com/document/d/${doc.id}/edit`;
  }
  await services.store.putArtifact(run.run_id, PUBLISHED_ARTIFACT, JSON.stringify({ title, url: links.pageUrl ?? links.docUrl, markdown: approved }), now);
  return links;
}

export async function finishStep({ services, run, definition, now }: RunScope, links: PublishLinks, tokens: TokenUsage): Promise<void> {
  const notion = requireNotion(services);
  await notion.updatePage(runPage(run), {
    ...statusProperty('Published'),
    ...dateProperty('Finished', now),
    Output: { url: links.docUrl },
    'Output page': { url: links.pageUrl },
    Tokens: { number: tokens.prompt + tokens.completion },
  });
  await services.store.moveRun(run.run_id, 'Publishing', 'Published', now);
  await services.store.setLastFailure(definition.pageId, null);
  const schedule = definition.schedule ? parseSchedule(definition.schedule, definition.timeZone) : null;
  const next = schedule?.ok ? nextRun(schedule.schedule, now) : null;
  await notion.updatePage(definition.pageId, { ...dateProperty('Last run', now), 'Next run': { date: next ? { start: next.toISOString() } : null } });
}

export async function failStep({ services, run, definition, now }: RunScope, reason: string): Promise<void> {
  const current = await services.store.getRun(run.run_id);
  if (current && !isFinal(current.status)) await services.store.moveRun(run.run_id, current.status, 'Failed', now);
  await services.store.setLastFailure(definition.pageId, reason);
  if (!run.run_page_id || !services.notion) return;
  await services.notion.updatePage(run.run_page_id, { ...statusProperty('Failed'), ...dateProperty('Finished', now) });
  await services.notion.comment(run.run_page_id, text(`This run failed: ${reason}`));
  await services.notion.updatePage(definition.pageId, { Health: { rich_text: text(`Last run failed: ${reason}`) } });
}

async function loadContext({ services, run }: RunScope): Promise<ContextSource[]> {
  const raw = await services.store.getArtifact(run.run_id, 'context');
  return raw ? (JSON.parse(raw) as ContextSource[]) : [];
}

function runPage(run: StoredRun): string {
  if (!run.run_page_id) throw new Error(`Run ${run.run_id} has no Run row yet`);
  return run.run_page_id;
}
