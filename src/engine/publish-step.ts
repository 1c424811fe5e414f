// The steps after the decision: publish, then finish.
//
// publish may overwrite: D1 status (Approved → Publishing), D1 artifacts `published-page`,
//   `published-doc`, `published`; without a review, the Run page's body while it is still empty
//   (run-page-record.ts). It re-checks in D1 that this round was approved, publishes
//   the text as it stood when the reviewer approved (`approved-N`), never the page as it is now,
//   checks the destinations are still allowed and writable, and creates each output at most
//   once (publish.ts).
// finish may overwrite: the Run row's Status (→ Published), Finished, Output, Output page,
//   Tokens; the workflow row's Last run and Next run. If the Run page changed after the
//   approval it tells the reviewer, once, that those edits were not published (read here
//   without healthy webhooks; with them, when the edit's event arrives: review/late-edits.ts).
import { NonRetryableError } from 'cloudflare:workflows';
import { requireDrive, requireNotion } from '../services';
import { PUBLISHED_ARTIFACT } from '../adapters/store';
import { inertMarkdown } from '../publish/inert-markdown';
import { outputTitle, provenanceMarkdown } from '../publish/naming';
import { subjectName } from '../domain/trigger-subject';
import { admitChainedRuns } from '../triggers/chain';
import { publishGoogleDoc, publishNotionPage, type PublishedPage } from '../publish/publish';
import { publishTrial } from '../publish/trial-publish';
import { nextRun } from '../schedule';
import { definitionSchedule } from '../registry/definition-schedule';
import { checkOutputDestinations } from '../registry/output-destinations';
import { createUnderNotionPage, notPublished } from '../publish/destination-refusal';
import { approvedName, decisionName, RecordedDecision } from '../review/round-records';
import { composeSet, outputsOf } from './step-outputs';
import { planVersion } from '../plan/compile';
import { reviewChangesOf } from './provenance-facts';
import { loadStepTokens } from './step-tokens';
import { stepTokensLine } from '../context/step-context';
import { recordPublishedText } from './run-page-record';
import { loadLessons, runPage, type GatherSummary, type RunScope } from './activities';
import { dateProperty, statusProperty, text } from './run-row';
import { LATE_EDITS_NOTED, noteLateEdits } from '../review/late-edits';
import { webhooksHealthy } from '../review/reconcile-rule';
import { createWebhookStore } from '../adapters/webhook-store';
import * as z from 'zod';

export interface PublishLinks {
  pageUrl: string | null;
  /** The run's Doc, or the first of a set's Docs. */
  docUrl: string | null;
  /** A set's Docs, one per part, in plan order (one entry for a single output). */
  docUrls?: string[];
}

const Published = z.object({ id: z.string(), url: z.string() });

/**
 * `approvedRounds`: each review gate's last round, all approved (the run function only gets
 * here after every gate); `lastRound` the run's last review round (0 without reviews).
 */
export async function publishStep(scope: RunScope, lastRound: number, gathered: GatherSummary, approvedRounds: Readonly<Record<string, number>> = {}): Promise<PublishLinks> {
  const { services, run, definition, plan, now } = scope;
  const { store } = services;
  const gates = plan.reviewGates;
  const decisions = await Promise.all(gates.map(async (g) => ({ gate: g, round: approvedRounds[g.id], decision: approvedRounds[g.id] === undefined ? null : await store.getJson(run.run_id, decisionName(approvedRounds[g.id]!), RecordedDecision) })));
  if (run.status !== 'Publishing') {
    const unapproved = decisions.find((d) => d.decision?.decision !== 'approved');
    if (unapproved) {
      throw new NonRetryableError(`Baton reached publishing, but the review "${unapproved.gate.title}" is not recorded as approved by ${unapproved.gate.reviewerName ?? 'its reviewer'} (the run is ${run.status}); nothing was published`);
    }
    if (gates.length > 0 && !(run.status === 'Approved' && run.review_round === lastRound) && run.status !== 'Running') {
      throw new NonRetryableError(`Baton reached publishing, but the run is ${run.status} after review round ${lastRound}; nothing was published`);
    }
  }
  if (definition.mode !== 'Trial') {
    // Destinations are checked again now, not only when the row was edited: a folder moved out
    // of the allowed roots, or one the service account cannot write, fails the run before
    // anything is published.
    const refused = await checkOutputDestinations(services, definition);
    if (refused) throw notPublished(refused);
  }
  if (run.status !== 'Publishing') await store.moveRun(run.run_id, run.status === 'Approved' ? 'Approved' : 'Running', 'Publishing', now);

  // What the reviewers approved where they reviewed it, else what the steps drafted.
  const parts = (await outputsOf(services, run.run_id, plan, plan.outputs, approvedRounds)).map((p) => ({ ...p, text: inertMarkdown(p.text.trim()) }));
  const approved = composeSet(parts);
  const subject = subjectName(run.trigger_subject);
  const title = outputTitle(definition.name, new Date(run.scheduled_for ?? run.created_at), definition.timeZone, subject);
  const reviewers = [...new Set(decisions.map((d) => d.gate.reviewerName ?? definition.reviewer?.name ?? null).filter((n): n is string => n !== null))];
  const provenance = [provenanceMarkdown({
    runId: run.run_id,
    workflowName: definition.name,
    workflowUrl: null,
    trigger: subject ? `${run.trigger_kind} (${subject})` : run.trigger_kind,
    scheduledFor: run.scheduled_for,
    sources: gathered.used,
    reviewer: reviewers.length > 0 ? reviewers.join(', ') : null,
    approvedAt: decisions.at(-1)?.decision?.at ?? null,
    rounds: lastRound,
    reviewChanges: await reviewChangesOf(services, run.run_id, plan, approvedRounds),
    model: services.config.model.name,
    tokens: run.tokens,
    planVersion: planVersion(definition),
    lessons: await loadLessons(scope),
  }), stepTokensLine(await loadStepTokens(services, run.run_id, plan))].filter((line) => line !== null).join('\n');
  const markdown = `${approved}\n\n${provenance}`;
  const links: PublishLinks = { pageUrl: null, docUrl: null };
  if (definition.mode === 'Trial') {
    // Trial runs go through review like live ones but publish only under the Trial page and
    // folder, with a comparison against the Human version (publish/trial-publish.ts).
    const reviewed = plan.reviewGates.length > 0;
    const trial = await publishTrial({ services, runId: run.run_id, runPageId: runPage(run), definition, now, title, markdown, approved, parts, provenance, reviewed });
    // Without a review the Run page is still empty; it keeps the trial's text like a live run's.
    await recordPublishedText(services, run, plan, markdown, now);
    return { pageUrl: trial.pageUrl, docUrl: trial.docUrl, ...(trial.docUrls ? { docUrls: trial.docUrls } : {}) };
  }

  /** Creates one output once: D1 remembers it was created, and that a create may have been sent. */
  const once = async (name: string, create: (mayExist: boolean) => Promise<PublishedPage>): Promise<PublishedPage> => {
    const done = await store.getJson(run.run_id, name, Published);
    if (done) return done;
    const mayExist = (await store.getArtifact(run.run_id, `${name}-sent`)) !== null;
    if (!mayExist) await store.putArtifact(run.run_id, `${name}-sent`, now.toISOString(), now);
    const made = await create(mayExist);
    await store.putArtifact(run.run_id, name, JSON.stringify(made), now);
    return made;
  };
  if (definition.outputPage?.kind === 'notion_page') {
    const parent = definition.outputPage.id;
    const made = await createUnderNotionPage(services, definition, 'output', () =>
      once('published-page', (mayExist) => publishNotionPage(requireNotion(services), parent, { runId: run.run_id, title, markdown, mayExist })),
    );
    links.pageUrl = made.url;
  }
  if (definition.outputFolder?.kind === 'drive_folder') {
    const folder = definition.outputFolder.id;
    const doc = (name: string, docTitle: string, body: string, part: string | null) =>
      once(name, async (mayExist) => {
        const file = await publishGoogleDoc(requireDrive(services), folder, { runId: run.run_id, title: docTitle, markdown: body, mayExist, part });
        return { id: file.id, url: file.webViewLink ?? `https://docs.google.com/document/d/${file.id}/edit` };
      });
    // A set: a Doc per part ("… — LinkedIn post"), each with the provenance; one output: one Doc.
    const docs =
      parts.length === 1
        ? [await doc('published-doc', title, markdown, null)]
        : await Promise.all(parts.map((p) => doc(`published-doc-${p.step.id}`, `${title} — ${p.step.label}`, `${p.text}\n\n${provenance}`, p.step.id)));
    links.docUrls = docs.map((d) => d.url);
    links.docUrl = links.docUrls[0] ?? null;
  }
  const url = links.pageUrl ?? links.docUrl;
  await store.putArtifact(run.run_id, PUBLISHED_ARTIFACT, JSON.stringify({ title, url, markdown: approved }), now);
  // Without a review the Run page is still empty: it gets what was published, as the run's record.
  await recordPublishedText(services, run, plan, markdown, now);
  // Workflows that follow this one start from what it published, once per published run.
  await admitChainedRuns(services, run, definition, { title, url }, now);
  return links;
}

export async function finishStep(scope: RunScope, lastRound: number, links: PublishLinks): Promise<void> {
  const { services, run, definition, plan, now } = scope;
  const notion = requireNotion(services);
  if (run.status === 'Published') return;
  // The last review opened is the last one decided: its reviewer approved what the page shows.
  const reviewerId = plan.reviewGates.at(-1)?.reviewerId ?? null;
  const approved = reviewerId && lastRound > 0 ? await services.store.getArtifact(run.run_id, approvedName(lastRound)) : null;
  // With healthy webhooks a late edit is noticed when its event arrives (review/late-edits.ts),
  // saving this read; without them the page is read and compared here, once.
  const healthy = webhooksHealthy(Boolean(services.config.notion.webhookSecret), await createWebhookStore(services.config.db).health());
  if (reviewerId && approved !== null && !healthy && (await services.store.getArtifact(run.run_id, LATE_EDITS_NOTED)) === null) {
    const { markdown } = await notion.readMarkdown(runPage(run));
    await noteLateEdits(services, run, markdown, approved, reviewerId, now);
    await services.store.putArtifact(run.run_id, LATE_EDITS_NOTED, now.toISOString(), now);
  }
  await notion.updatePage(runPage(run), {
    ...statusProperty('Published'),
    ...dateProperty('Finished', now),
    Output: { url: links.docUrl },
    'Output page': { url: links.pageUrl },
    Tokens: { number: run.tokens },
  });
  await services.store.moveRun(run.run_id, 'Publishing', 'Published', now);
  await services.store.setLastFailure(definition.pageId, null);
  const schedule = definitionSchedule(definition);
  const next = schedule ? nextRun(schedule, now) : null;
  await notion.updatePage(definition.pageId, { ...dateProperty('Last run', now), 'Next run': { date: next ? { start: next.toISOString() } : null } });
}
