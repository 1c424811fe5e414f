// Handing a review over: while a run waits in review, a change of the Run row's Reviewer by one
// of the round's reviewers, the backup reviewer or the workflow's owner (the row's creator)
// makes the people now in Reviewer the round's reviewers — from then Baton takes decisions only
// from them, and the old reviewer's is set back like anyone else's. Anyone else's change of
// Reviewer (or emptying it) is set back with a comment saying why.
//
// Who changed it is read as attribution.ts reads a Status change: a webhook's single author, or
// else the page's last editor when it is not Baton itself; when Baton cannot tell, it changes
// nothing and looks again next time (the Reviewer property keeps the person's change).
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import { mentionList, readRunRow, text, type RunRowState } from '../engine/run-row';
import { approvalsName, approvalsSoFar, roundReviewers, sameSet, saveRoundReviewers } from './round-reviewers';
import { SeenPage, seenName } from './round-records';

/** How long one path's setting back keeps the other path (webhook or reconcile) from doing it again. */
const LEASE_MS = 60_000;

export type HandOver = { kind: 'none' } | { kind: 'handed_over'; to: string[] } | { kind: 'hand_over_reverted'; editorId: string } | { kind: 'hand_over_unattributed' };

export async function applyHandOver(services: Services, run: StoredRun, row: RunRowState, webhookAuthors: string[] | null, now: Date): Promise<HandOver> {
  const round = run.review_round;
  const record = await roundReviewers(services.store, run, round);
  // Only once the round's own Reviewer is on the row (its record exists) is a difference a change.
  if (!record || sameSet(record.rowPeople, row.reviewers)) return { kind: 'none' };
  const notion = requireNotion(services);
  const bot = await notion.botUserId();
  const editor = webhookAuthors?.length === 1 ? webhookAuthors[0]! : row.lastEditedBy !== bot ? row.lastEditedBy : null;
  if (!editor) return { kind: 'hand_over_unattributed' };
  const page = run.run_page_id!;
  const owner = run.definition_json.reviewPolicy.ownerId;
  const allowed = [...record.reviewers, ...(record.backup ? [record.backup] : []), ...(owner ? [owner] : [])];
  const people = row.reviewers.filter((id) => id !== bot);

  if (!allowed.includes(editor) || people.length === 0) {
    const claim = `handover-revert-${round}-${editor}`;
    if (!(await services.store.claimArtifact(run.run_id, claim, String(Date.now()), now))) {
      if (Date.now() - Number((await services.store.getArtifact(run.run_id, claim)) ?? 0) < LEASE_MS) return { kind: 'hand_over_reverted', editorId: editor };
      await services.store.putArtifact(run.run_id, claim, String(Date.now()), now);
    }
    await notion.updatePage(page, { Reviewer: { people: record.rowPeople.map((id) => ({ id })) } });
    const why = people.length === 0 ? ', but a run in review needs a reviewer' : ', but only the reviewer, the backup reviewer or the workflow’s owner may hand a review over';
    await notion.comment(page, [
      ...text('Reviewer was changed by '),
      { type: 'mention', mention: { user: { id: editor } } },
      ...text(`${why}, so Baton set it back.`),
    ]);
    await rememberPage(services, run, now);
    return { kind: 'hand_over_reverted', editorId: editor };
  }

  // Approvals already given by people who stay reviewers still count.
  const kept = (await approvalsSoFar(services.store, run.run_id, round)).filter((id) => people.includes(id));
  await saveRoundReviewers(services.store, run, round, { ...record, reviewers: people, rule: people.length > 1 ? record.rule : 'any', rowPeople: row.reviewers }, now);
  await services.store.putArtifact(run.run_id, approvalsName(round), JSON.stringify(kept), now);
  await services.store.setReviewer(run.run_id, people[0]!);
  await notion.comment(page, [
    ...mentionList(people),
    ...text(' — '),
    { type: 'mention', mention: { user: { id: editor } } },
    ...text(' handed this review over to you: Baton now takes the decision only from you. Set Status to Approved, or to Changes requested with a sentence in Feedback.'),
  ]);
  await rememberPage(services, run, now);
  return { kind: 'handed_over', to: people };
}

/** The page as it is now becomes what Baton last saw in the round (a later Status change is told from it). */
async function rememberPage(services: Services, run: StoredRun, now: Date): Promise<void> {
  const notion = requireNotion(services);
  const page = await notion.retrievePage(run.run_page_id!);
  const row = readRunRow(page);
  const previous = await services.store.getJson(run.run_id, seenName(run.review_round), SeenPage);
  const seen: SeenPage = {
    markdown: (await notion.readMarkdown(page.id)).markdown,
    lastEditedTime: row.lastEditedTime,
    lastEditedBy: row.lastEditedBy,
    confirmationAskedAt: previous?.confirmationAskedAt ?? null,
  };
  await services.store.putArtifact(run.run_id, seenName(run.review_round), JSON.stringify(seen), now);
}
