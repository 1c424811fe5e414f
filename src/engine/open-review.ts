// The step that opens review round N: the draft onto the Run page, D1 to Needs review, the Run
// row's Status to Needs review, and a comment mentioning the reviewer.
//
// It may overwrite only what Baton itself last put there, and reads before every write:
//   - the page body, only while it still holds Baton's previous text (empty for round 1, the
//     text the revision started from for later rounds) — a person's edit since is kept;
//   - Status/Reviewer/Feedback, only while Status is still Baton's previous one (Queued or
//     Running for round 1; Changes requested with that round's Feedback for later ones) — a
//     decision a person made meanwhile is kept, and taken by the decision paths, because D1
//     says Needs review before Notion does. Until `opened-N` is recorded, a decision Status on the
//     row is the previous round's (decide.ts ignores it), so it is never taken for this round.
// A decision already recorded for the round (a replay after a restart) is returned at once.
import { requireNotion } from '../services';
import type { RunStatus } from '../domain/run-status';
import { readRunRow, statusProperty, text } from './run-row';
import { draftName, runPage, type RunScope } from './activities';
import { inertMarkdown } from '../publish/inert-markdown';
import {
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

const DECIDED: readonly RunStatus[] = ['Approved', 'Changes requested', 'Publishing', 'Published'];

export async function openReview(scope: RunScope, round: number): Promise<{ decided: ReviewDecision | null }> {
  const { services, run, definition, now } = scope;
  const notion = requireNotion(services);
  const reviewer = definition.reviewer;
  if (!reviewer) throw new Error('openReview called for a workflow without a reviewer');
  const page = runPage(run);

  // A replay: this round was decided before (the watchdog restarted the run, or D1 moved on).
  if (run.review_round > round || (run.review_round === round && DECIDED.includes(run.status))) {
    return { decided: await decisionFor(scope, round) };
  }

  const opened = run.review_round === round && run.status === 'Needs review';
  if (!opened) {
    const draft = inertMarkdown((await services.store.getArtifact(run.run_id, draftName(round))) ?? '');
    const before = round === 1 ? '' : await services.store.getArtifact(run.run_id, revisedFromName(round - 1));
    const { markdown } = await notion.readMarkdown(page);
    let written = markdown;
    if (!sameText(markdown, draft)) {
      if (before !== null && sameText(markdown, before)) {
        await notion.replaceMarkdown(page, draft);
        written = draft;
      } else {
        console.warn(`run ${run.run_id}: the Run page changed since Baton's last write; round ${round} keeps the person's text`);
      }
    }
    const seen: SeenPage = { markdown: written, lastEditedTime: null, lastEditedBy: null, confirmationAskedAt: null };
    await services.store.putArtifact(run.run_id, seenName(round), JSON.stringify(seen), now);
    // D1 first: from here a decision on the Notion row is taken for this round.
    await services.store.moveRun(run.run_id, round === 1 ? 'Running' : 'Changes requested', 'Needs review', now, round);
  }

  const row = readRunRow(await notion.retrievePage(page));
  const previous = round === 1 ? null : await services.store.getJson(run.run_id, decisionName(round - 1), RecordedDecision);
  const stillBatons =
    round === 1 ? row.status === null || row.status === 'Queued' || row.status === 'Running' : showsPreviousDecision(row, previous);
  if (stillBatons) {
    await notion.updatePage(page, { ...statusProperty('Needs review'), Reviewer: { people: [{ id: reviewer.id }] }, Feedback: { rich_text: [] } });
  }
  await services.store.putArtifact(run.run_id, openedName(round), now.toISOString(), now);
  if ((await services.store.getArtifact(run.run_id, announcedName(round))) === null) {
    const intro = round === 1 ? ' — the draft is ready for your review. ' : ` — revision ${round} is ready for your review. `;
    await notion.comment(page, [
      { type: 'mention', mention: { user: { id: reviewer.id } } },
      ...text(`${intro}Edit it in place if you like, then set Status to Approved, or to Changes requested with a sentence in Feedback.`),
    ]);
    await services.store.putArtifact(run.run_id, announcedName(round), now.toISOString(), now);
  }
  return { decided: null };
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
