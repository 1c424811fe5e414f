// Each soak counter fires on the failure it names (synthetic observations), and stays at zero on
// a clean run — so a soak that reports zeros has looked.
import { describe, expect, it } from 'vitest';
import { countSoak, totalProblems, type Observations, type ReviewRecord } from '../soak/count';

const id = (n: number) => `run-schedule-${n.toString(16).padStart(24, '0')}`;
const review = (n: number, extra: Partial<ReviewRecord> = {}): ReviewRecord => ({
  runId: id(n),
  pageId: `page-${n}`,
  behaviour: 'approve',
  approvals: 1,
  approvalResets: 0,
  nonReviewerApproved: false,
  nonReviewerReverted: false,
  publishedOnNonReviewer: false,
  ...extra,
});
const page = (n: number, body = 'The brief.') => ({ pageId: `pub-${n}-${Math.random()}`, parentId: 'out', title: 'T', markdown: `${body}\n---\n### Provenance\n- Run ID: ${id(n)}` });
const doc = (n: number, content: string | null = 'The brief.') => ({ fileId: `doc-${n}-${Math.random()}`, runId: id(n), trashed: false, content });
const row = (n: number, status = 'Published', botComments: string[] = []) => ({ pageId: `page-${n}`, runId: id(n), status, botComments });

function clean(): Observations {
  return {
    reviews: [review(1), review(2, { behaviour: 'edit-then-approve', marker: 'Reviewer marker x1' })],
    runRows: [row(1), row(2)],
    publishedPages: [page(1), page(2, 'The brief.\nReviewer marker x1')],
    docs: [doc(1), doc(2, 'The brief.\nReviewer marker x1')],
    d1Runs: [
      { run_id: id(1), status: 'Published' },
      { run_id: id(2), status: 'Published' },
    ],
  };
}

describe('countSoak', () => {
  it('counts nothing on a clean run', () => {
    const summary = countSoak(clean());
    expect(totalProblems(summary.counts)).toBe(0);
    expect(summary).toMatchObject({ runs: 2, published: 2, failed: 0 });
  });

  it('counts a Run ID published twice as a duplicate page', () => {
    const o = clean();
    o.publishedPages.push(page(1));
    expect(countSoak(o).counts.duplicatePages).toBe(1);
  });

  it('counts a second Run row with the same Run ID', () => {
    const o = clean();
    o.runRows.push({ ...row(1), pageId: 'other' });
    expect(countSoak(o).counts.duplicateRunRows).toBe(1);
  });

  it('counts a second Doc with the same batonRunId, but not a trashed one', () => {
    const o = clean();
    o.docs.push(doc(2, 'x'));
    expect(countSoak(o).counts.duplicateDocs).toBe(1);
    o.docs[o.docs.length - 1]!.trashed = true;
    expect(countSoak(o).counts.duplicateDocs).toBe(0);
  });

  it('counts an approval Baton reset, and an approved run that did not publish', () => {
    const o = clean();
    o.reviews[0]!.approvalResets = 2;
    expect(countSoak(o).counts.lostApprovals).toBe(2);
    const failed = clean();
    failed.runRows[0]!.status = 'Failed';
    failed.runRows[0]!.botComments = ['This run failed: the model kept refusing'];
    expect(countSoak(failed).counts.lostApprovals).toBe(1);
  });

  it('counts a reviewer edit missing from the published page or from the Doc', () => {
    const fromPage = clean();
    fromPage.publishedPages[1] = page(2);
    expect(countSoak(fromPage).counts.lostEdits).toBe(1);
    const fromDoc = clean();
    fromDoc.docs[1] = doc(2, 'The brief.');
    expect(countSoak(fromDoc).counts.lostEdits).toBe(1);
    const noDoc = clean();
    noDoc.docs.pop();
    expect(countSoak(noDoc).counts.lostEdits).toBe(1);
  });

  it('counts a run published on a non-reviewer’s approval, and one never reverted', () => {
    const published = clean();
    published.reviews[0] = review(1, { behaviour: 'non-reviewer-first', approvals: 0, nonReviewerApproved: true });
    expect(countSoak(published).counts.nonReviewerApprovalsPublished).toBe(1);
    const seen = clean();
    seen.reviews[0] = review(1, { behaviour: 'non-reviewer-first', nonReviewerApproved: true, publishedOnNonReviewer: true });
    expect(countSoak(seen).counts.nonReviewerApprovalsPublished).toBe(1);
    const stuck = clean();
    stuck.reviews[0] = review(1, { behaviour: 'non-reviewer-first', approvals: 0, nonReviewerApproved: true });
    stuck.runRows[0]!.status = 'Approved';
    stuck.publishedPages.shift();
    expect(countSoak(stuck).counts).toMatchObject({ nonReviewerApprovalsNotReverted: 1, nonReviewerApprovalsPublished: 0 });
  });

  it('counts a non-reviewer approval set back only after 30 s, and not one set back in seconds', () => {
    const slow = clean();
    slow.reviews[0] = review(1, { behaviour: 'non-reviewer-first', nonReviewerApproved: true, nonReviewerReverted: true, nonReviewerApprovedAt: 1_000, nonReviewerRevertedAt: 67_000 });
    expect(countSoak(slow).counts.nonReviewerApprovalsStoodLong).toBe(1);
    expect(countSoak(slow).examples.nonReviewerApprovalsStoodLong?.[0]).toMatch(/66\.0 s/);
    const quick = clean();
    quick.reviews[0] = review(1, { behaviour: 'non-reviewer-first', nonReviewerApproved: true, nonReviewerReverted: true, nonReviewerApprovedAt: 1_000, nonReviewerRevertedAt: 6_700 });
    expect(countSoak(quick).counts.nonReviewerApprovalsStoodLong).toBe(0);
  });

  it('counts runs left short of Published/Failed, in the Run rows or in D1', () => {
    const row = clean();
    row.runRows[0]!.status = 'Publishing';
    expect(countSoak(row).counts.strandedRuns).toBe(1);
    const d1 = clean();
    d1.d1Runs![1]!.status = 'Publishing';
    expect(countSoak(d1).counts.strandedRuns).toBe(1);
    const rowless = clean();
    rowless.d1Runs!.push({ run_id: id(3), status: 'Queued' });
    expect(countSoak(rowless).counts.strandedRuns).toBe(1);
  });

  it('counts a Failed run without Baton’s comment saying why', () => {
    const o = clean();
    o.reviews = [];
    o.runRows[0]!.status = 'Failed';
    expect(countSoak(o).counts.failedWithoutReason).toBe(1);
    o.runRows[0]!.botComments = ['This run failed: Notion kept answering 503; start a new run.'];
    expect(countSoak(o).counts.failedWithoutReason).toBe(0);
  });

  it('counts a published page with live markup in it', () => {
    const o = clean();
    o.publishedPages[0] = page(1, 'Ask <mention-user url="user://x"/> now');
    expect(countSoak(o).counts.liveMarkupPublished).toBe(1);
  });

  it('counts a published page with a Baton note in it', () => {
    const o = clean();
    o.publishedPages[0] = page(1, '### Summary\n- Prices fell.\n\n> Revised per feedback: too long');
    expect(countSoak(o).counts.batonNotesPublished).toBe(1);
  });
});
