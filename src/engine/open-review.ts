// The step that opens review round N: the draft onto the Run page, D1 to Needs review (with
// this review's reviewer), the Run row's Status to Needs review, and a comment mentioning the
// reviewer. Rounds are counted across the run: a plan with two reviews has rounds 1…k for the
// first and k+1… for the second, one open at a time.
//
// It may overwrite only what Baton itself last put there, and reads before every write:
//   - the page body, only while it still holds Baton's previous text (empty for round 1 — whose
//     first write appends instead, overwriting nothing — the
//     page as the last review approved it for a later review's first round — kept below the new
//     draft under "Reviewed earlier in this run" — and the text the revision started from for
//     later rounds) — a person's edit since is kept;
//   - Status/Reviewer/Feedback, only while Status is still Baton's previous one (Queued or
//     Running for a review's first round; Changes requested with that round's Feedback for
//     later ones) — a decision a person made meanwhile is kept, and taken by the decision
//     paths, because D1 says Needs review before Notion does. Until `opened-N` is recorded, a
//     decision Status on the row is the previous round's (decide.ts ignores it), so it is never
//     taken for this round.
// A decision already recorded for the round (a replay after a restart) is returned at once.
import { requireNotion } from '../services';
import type { RunStatus } from '../domain/run-status';
import { mentionList, readRunRow, statusProperty, text } from './run-row';
import { draftName, runPage, type RunScope } from './activities';
import { inertMarkdown } from '../publish/inert-markdown';
import {
  approvedName,
  announcedName,
  decisionName,
  openedName,
  RecordedDecision,
  revisedFromName,
  sameText,
  showsPreviousDecision,
  seenName,
  type SeenPage,
} from '../review/round-records';
import type { ReviewDecision } from './review-decision';
import type { ReviewGate } from '../domain/plan';
import { NonRetryableError } from 'cloudflare:workflows';
import { composeSet, openPart, outputsOf, pageWithRecord } from './step-outputs';
import { roundSummaryLine } from '../review/round-summary';
import { carriedReviewers, reviewersForGate, roundReviewers, saveRoundReviewers } from '../review/round-reviewers';

/** D1 artifact: round 1's draft was sent to the Run page (a retry reads the page first). */
export const DRAFT_SENT = 'draft-1-sent';

const DECIDED: readonly RunStatus[] = ['Approved', 'Changes requested', 'Publishing', 'Published'];

/** Where a gate's round sits in the run: the gate's first round and what earlier reviews approved. */
export interface ReviewOpening {
  gate: ReviewGate;
  /** The run's round number of this gate's first round (rounds count on across gates). */
  firstRound: number;
  /** Gate id → last round, for the gates approved before this one. */
  approvedRounds: Readonly<Record<string, number>>;
}

export async function openReview(scope: RunScope, round: number, opening: ReviewOpening): Promise<{ decided: ReviewDecision | null }> {
  const { services, run, plan, now } = scope;
  const { gate, firstRound, approvedRounds } = opening;
  const notion = requireNotion(services);
  if (!gate.reviewerId) throw new NonRetryableError(`The review "${gate.title}" has nobody who can approve it; put the reviewer in the Reviewer column or name a person of the workspace in the step`);
  const reviewer = { id: gate.reviewerId };
  const gateWithReviewer = { ...gate, reviewerId: gate.reviewerId };
  const page = runPage(run);
  const gateStart = round === firstRound;

  // A replay: this round was decided before (the watchdog restarted the run, or D1 moved on —
  // past a later review's first round, or back to Running after this review).
  const recorded = await services.store.getJson(run.run_id, decisionName(round), RecordedDecision);
  if (recorded) return { decided: { decision: recorded.decision, feedback: recorded.feedback } };
  if (run.review_round > round || (run.review_round === round && DECIDED.includes(run.status))) {
    return { decided: await decisionFor(scope, round) };
  }

  const opened = run.review_round === round && run.status === 'Needs review';
  if (!opened) {
    // A gate's first draft is what the steps it reviews produced, as a set when several.
    let draftText = await services.store.getArtifact(run.run_id, draftName(round));
    if (draftText === null && gateStart) {
      draftText = composeSet(await outputsOf(services, run.run_id, plan, gate.reviews, approvedRounds));
      await services.store.putArtifact(run.run_id, draftName(round), draftText, now);
    }
    const draft = pageWithRecord(inertMarkdown(draftText ?? ''), await earlierReviews(scope, approvedRounds));
    // Round 1's first write goes to the page this run created, with no body: appended at the end
    // (insert_content), it cannot overwrite anything a person typed meanwhile, so it is sent
    // without reading first, and Notion answers with the page as it is after the write. Saving:
    // one GET /v1/pages/{id}/markdown per run. A retry (DRAFT_SENT in D1: the write may have
    // landed) reads first and writes only over Baton's own text, as every later round does.
    const firstWrite = round === 1 && (await services.store.getArtifact(run.run_id, DRAFT_SENT)) === null;
    if (firstWrite) await services.store.putArtifact(run.run_id, DRAFT_SENT, now.toISOString(), now);
    const { markdown } = firstWrite ? { markdown: (await notion.insertMarkdown(page, { content: draft })).markdown } : await notion.readMarkdown(page);
    let written = markdown;
    if (!firstWrite && !sameText(markdown, draft)) {
      // Baton's previous text: nothing (round 1), the page as the last review approved it (a
      // new gate; kept below, in the record), or the text the revision started from.
      const before = round === 1 ? '' : gateStart ? await services.store.getArtifact(run.run_id, approvedName(round - 1)) : await services.store.getArtifact(run.run_id, revisedFromName(round - 1));
      const current = gateStart ? markdown : openPart(markdown);
      if (before !== null && sameText(current, before)) {
        await notion.replaceMarkdown(page, draft);
        written = draft;
      } else {
        console.warn(`run ${run.run_id}: the Run page changed since Baton's last write; round ${round} keeps the person's text`);
      }
    }
    const seen: SeenPage = { markdown: written, lastEditedTime: null, lastEditedBy: null, confirmationAskedAt: null };
    await services.store.putArtifact(run.run_id, seenName(round), JSON.stringify(seen), now);
    // D1 first: from here a decision on the Notion row is taken for this round, from this gate's reviewers.
    // A revision goes to whoever the last round ended with (a hand-over holds for the rest of the review).
    const reviewers = (!gateStart && (await carriedReviewers(services.store, run.run_id, round))) || reviewersForGate(gateWithReviewer, scope.definition.reviewPolicy);
    await saveRoundReviewers(services.store, run, round, reviewers, now);
    await services.store.setReviewer(run.run_id, reviewers.reviewers[0] ?? reviewer.id);
    await services.store.moveRun(run.run_id, gateStart ? 'Running' : 'Changes requested', 'Needs review', now, round);
  }

  const row = readRunRow(await notion.retrievePage(page));
  // Everyone who may decide (several people in Reviewer), the first being D1's reviewer; a hand-over since is kept.
  const deciders = (await roundReviewers(services.store, { ...run, reviewer_id: reviewer.id }, round))?.reviewers ?? [reviewer.id];
  const previous = gateStart ? null : await services.store.getJson(run.run_id, decisionName(round - 1), RecordedDecision);
  const stillBatons = gateStart ? row.status === null || row.status === 'Queued' || row.status === 'Running' : showsPreviousDecision(row, previous);
  if (stillBatons) {
    await notion.updatePage(page, { ...statusProperty('Needs review'), Reviewer: { people: deciders.map((id) => ({ id })) }, Feedback: { rich_text: [] } });
  } else {
    // Baton did not write Reviewer: what the row shows is the baseline a hand-over is told from.
    const record = await roundReviewers(services.store, { ...run, reviewer_id: reviewer.id }, round);
    if (record) await saveRoundReviewers(services.store, run, round, { ...record, rowPeople: row.reviewers }, now);
  }
  await services.store.putArtifact(run.run_id, openedName(round), now.toISOString(), now);
  if ((await services.store.getArtifact(run.run_id, announcedName(round))) === null) {
    const what = plan.reviewGates.length > 1 ? ` ${gate.title} (review ${plan.reviewGates.findIndex((g) => g.id === gate.id) + 1} of ${plan.reviewGates.length}):` : '';
    // A revision says what it changed in the text the reviewer left (review/round-summary.ts).
    const since = gateStart ? '' : roundSummaryLine(await services.store.getArtifact(run.run_id, revisedFromName(round - 1)), await services.store.getArtifact(run.run_id, draftName(round)));
    const intro = gateStart ? `${what} the draft is ready for your review. ` : `${what} revision ${round - firstRound + 1} is ready for your review.${since} `;
    await notion.comment(page, [
      ...mentionList(deciders),
      ...text(` —${intro}Edit it in place if you like, then set Status to Approved, or to Changes requested with a sentence in Feedback.`),
    ]);
    await services.store.putArtifact(run.run_id, announcedName(round), now.toISOString(), now);
  }
  return { decided: null };
}

/**
 * After a review that is not the run's last word: D1 and the Run row go back to Running while
 * the steps after it draft (the approval is recorded in D1 and the page keeps it below the
 * next review). The row moves only while it still shows that approval.
 */
export async function resumeAfterReview({ services, run, now }: RunScope, round: number): Promise<void> {
  if (run.status !== 'Approved' || run.review_round !== round) return;
  const notion = requireNotion(services);
  const row = readRunRow(await notion.retrievePage(runPage(run)));
  if (row.status === 'Approved') await notion.updatePage(runPage(run), statusProperty('Running'));
  await services.store.moveRun(run.run_id, 'Approved', 'Running', now);
}

/** What the reviews approved before the open one, for the record on the Run page. */
async function earlierReviews({ services, run, plan }: RunScope, approvedRounds: Readonly<Record<string, number>>): Promise<{ title: string; reviewer: string; text: string }[]> {
  const out: { title: string; reviewer: string; text: string }[] = [];
  for (const gate of plan.reviewGates) {
    const round = approvedRounds[gate.id];
    if (round === undefined) continue;
    const approved = await services.store.getArtifact(run.run_id, approvedName(round));
    if (approved !== null) out.push({ title: gate.title, reviewer: gate.reviewerName ?? 'the reviewer', text: openPart(approved) });
  }
  return out;
}

/**
 * The decision D1 holds for a round. Every decision is recorded before D1 moves (decide.ts), so
 * a missing record is only possible for a round passed before records existed: a past round was
 * one where changes were asked for (that is how a run gets to the next round).
 */
async function decisionFor({ services, run }: RunScope, round: number): Promise<ReviewDecision> {
  const recorded = await services.store.getJson(run.run_id, decisionName(round), RecordedDecision);
  if (recorded) return { decision: recorded.decision, feedback: recorded.feedback };
  if (round < run.review_round || run.status === 'Changes requested') return { decision: 'changes_requested', feedback: '' };
  return { decision: 'approved', feedback: '' };
}
