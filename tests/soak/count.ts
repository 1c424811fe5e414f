// What the soak counts, from what it observed: pure functions over plain data, so each counter
// can be shown to fire on synthetic data (tests/unit/soak-count.test.ts) — a harness that cannot
// see a duplicate would pass every engine.
import { findLiveMarkup } from '../../src/publish/inert-markdown';
import { hasBatonNote } from '../support/baton-notes';

/**
 * A non-reviewer's approval is set back from its webhook delivery, or Notion's retry of it, in
 * seconds (the soak's longest after the lease fix: 5.7 s over 15 reverts, seed 2, 90 runs). One
 * standing longer was found by a backstop (the 20 s reconcile, or a lease expiring): under the
 * bug this counter is for, an approval stood 66 s; in production it would stand until the
 * 15-minute backstop.
 */
export const NON_REVIEWER_STANDING_MS = 30_000;

export type Behaviour = 'approve' | 'edit-then-approve' | 'changes-then-approve' | 'non-reviewer-first';

/** What the simulated reviewers did to one run, and what they saw Baton do. */
export interface ReviewRecord {
  runId: string;
  pageId: string;
  behaviour: Behaviour;
  /** The line the reviewer inserted before approving (edit-then-approve). */
  marker?: string;
  /** Approvals the reviewer (Maya) gave. */
  approvals: number;
  /** Times Baton could not tell who set Status and asked Maya to confirm (she replied "confirm"). */
  confirmationsAsked?: number;
  /** Times Baton put the run back to Needs review (or Changes requested) after Maya had approved. */
  approvalResets: number;
  /** Alex (not the reviewer) set Approved. */
  nonReviewerApproved: boolean;
  /** Baton reverted Alex's approval (Status left Approved for Needs review). */
  nonReviewerReverted: boolean;
  /** Wall-clock ms: when Alex's approval was written, and when the reviewer first saw Baton set it back (or hold it for Maya). */
  nonReviewerApprovedAt?: number;
  nonReviewerRevertedAt?: number;
  /** The run moved to Publishing/Published while only Alex had approved. */
  publishedOnNonReviewer: boolean;
}

export interface RunRowSeen {
  pageId: string;
  runId: string;
  status: string;
  /** Comments on the Run page written by Baton's bot. */
  botComments: string[];
}

export interface PublishedPageSeen {
  pageId: string;
  parentId: string;
  title: string;
  markdown: string;
}

export interface DocSeen {
  fileId: string;
  runId: string | null;
  trashed: boolean;
  content: string | null;
}

export interface D1RunSeen {
  run_id: string;
  status: string;
  failure_reason?: string | null;
}

export interface Observations {
  reviews: ReviewRecord[];
  runRows: RunRowSeen[];
  publishedPages: PublishedPageSeen[];
  docs: DocSeen[];
  /** Baton's own index (null when it could not be read). */
  d1Runs: D1RunSeen[] | null;
}

export interface SoakCounts {
  duplicatePages: number;
  duplicateRunRows: number;
  duplicateDocs: number;
  lostApprovals: number;
  lostEdits: number;
  nonReviewerApprovalsPublished: number;
  nonReviewerApprovalsNotReverted: number;
  /** Set back, but only after NON_REVIEWER_STANDING_MS: found by a backstop, not by the event's delivery or its retry. */
  nonReviewerApprovalsStoodLong: number;
  strandedRuns: number;
  failedWithoutReason: number;
  liveMarkupPublished: number;
  batonNotesPublished: number;
}

export interface SoakSummary {
  counts: SoakCounts;
  runs: number;
  published: number;
  failed: number;
  byBehaviour: Record<string, number>;
  /** Run ids behind each non-zero count, for the report. */
  examples: Partial<Record<keyof SoakCounts, string[]>>;
}

const RUN_ID_LINE = /Run ID: (run-[a-z]+-[0-9a-f]{24})/;
const FINAL = new Set(['Published', 'Failed']);

export function runIdOfPublished(markdown: string): string | null {
  return RUN_ID_LINE.exec(markdown)?.[1] ?? null;
}

function groupCount<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const duplicated = <T>(groups: Map<string, T[]>) => [...groups].filter(([, list]) => list.length > 1).map(([id]) => id);

export function countSoak(o: Observations): SoakSummary {
  const examples: SoakSummary['examples'] = {};
  const note = (key: keyof SoakCounts, ids: string[]) => {
    if (ids.length) examples[key] = [...new Set(ids)].slice(0, 5);
    return ids.length;
  };

  const rowsByRun = groupCount(o.runRows, (r) => r.runId || null);
  const pagesByRun = groupCount(o.publishedPages, (p) => runIdOfPublished(p.markdown));
  const docsByRun = groupCount(
    o.docs.filter((d) => !d.trashed),
    (d) => d.runId,
  );
  // The final status of a run: its Run row (the first one when duplicated), else Baton's D1 view.
  const d1 = new Map((o.d1Runs ?? []).map((r) => [r.run_id, r]));
  const finalStatus = (runId: string) => rowsByRun.get(runId)?.[0]?.status ?? d1.get(runId)?.status ?? 'missing';
  const allRuns = new Set([...rowsByRun.keys(), ...d1.keys(), ...o.reviews.map((r) => r.runId)]);

  const lost = o.reviews.flatMap((r) => {
    const notPublished = r.approvals > 0 && finalStatus(r.runId) !== 'Published' ? 1 : 0;
    return Array.from({ length: r.approvalResets + notPublished }, () => r.runId);
  });
  const lostEdits = o.reviews
    .filter((r) => r.marker && finalStatus(r.runId) === 'Published')
    .filter((r) => {
      const pages = pagesByRun.get(r.runId) ?? [];
      const docs = docsByRun.get(r.runId) ?? [];
      const inPages = pages.length > 0 && pages.every((p) => p.markdown.includes(r.marker!));
      const inDocs = docs.length > 0 && docs.every((d) => d.content?.includes(r.marker!) ?? false);
      return !inPages || !inDocs;
    })
    .map((r) => r.runId);
  const nonReviewerPublished = o.reviews
    .filter((r) => r.nonReviewerApproved && (r.publishedOnNonReviewer || (r.approvals === 0 && (pagesByRun.has(r.runId) || finalStatus(r.runId) === 'Published'))))
    .map((r) => r.runId);
  const notReverted = o.reviews.filter((r) => r.nonReviewerApproved && !r.nonReviewerReverted && !r.publishedOnNonReviewer).map((r) => r.runId);
  const stoodLong = o.reviews
    .filter((r) => r.nonReviewerReverted && r.nonReviewerApprovedAt !== undefined && r.nonReviewerRevertedAt !== undefined && r.nonReviewerRevertedAt - r.nonReviewerApprovedAt > NON_REVIEWER_STANDING_MS)
    .map((r) => `${r.runId} (${((r.nonReviewerRevertedAt! - r.nonReviewerApprovedAt!) / 1000).toFixed(1)} s)`);
  const stranded = [...allRuns].filter((id) => !FINAL.has(finalStatus(id)) || (d1.size > 0 && d1.has(id) && !FINAL.has(d1.get(id)!.status)));
  const failedWithoutReason = o.runRows.filter((r) => r.status === 'Failed' && !r.botComments.some((c) => /fail/i.test(c) && c.length > 20)).map((r) => r.runId);
  const live = o.publishedPages.filter((p) => findLiveMarkup(p.markdown).length > 0).map((p) => runIdOfPublished(p.markdown) ?? p.pageId);
  const noted = o.publishedPages.filter((p) => hasBatonNote(p.markdown)).map((p) => runIdOfPublished(p.markdown) ?? p.pageId);

  const described = (ids: string[]) => ids.map((id) => `${id} (${finalStatus(id)}${d1.has(id) ? `, D1 ${d1.get(id)!.status}` : ''})`);
  const counts: SoakCounts = {
    duplicatePages: note('duplicatePages', duplicated(pagesByRun)),
    duplicateRunRows: note('duplicateRunRows', duplicated(rowsByRun)),
    duplicateDocs: note('duplicateDocs', duplicated(docsByRun)),
    lostApprovals: note('lostApprovals', lost),
    lostEdits: note('lostEdits', lostEdits),
    nonReviewerApprovalsPublished: note('nonReviewerApprovalsPublished', nonReviewerPublished),
    nonReviewerApprovalsNotReverted: note('nonReviewerApprovalsNotReverted', notReverted),
    nonReviewerApprovalsStoodLong: note('nonReviewerApprovalsStoodLong', stoodLong),
    strandedRuns: note('strandedRuns', described(stranded)),
    failedWithoutReason: note('failedWithoutReason', failedWithoutReason),
    liveMarkupPublished: note('liveMarkupPublished', live),
    batonNotesPublished: note('batonNotesPublished', noted),
  };
  const byBehaviour: Record<string, number> = {};
  for (const r of o.reviews) byBehaviour[r.behaviour] = (byBehaviour[r.behaviour] ?? 0) + 1;
  const statuses = [...allRuns].map(finalStatus);
  return {
    counts,
    runs: allRuns.size,
    published: statuses.filter((s) => s === 'Published').length,
    failed: statuses.filter((s) => s === 'Failed').length,
    byBehaviour,
    examples,
  };
}

export const COUNT_LABELS: Record<keyof SoakCounts, string> = {
  duplicatePages: 'duplicate published Notion pages (Run IDs)',
  duplicateRunRows: 'duplicate Run rows (Run IDs)',
  duplicateDocs: 'duplicate Google Docs (Run IDs)',
  lostApprovals: 'lost approvals',
  lostEdits: 'lost reviewer edits',
  nonReviewerApprovalsPublished: 'non-reviewer approvals published',
  nonReviewerApprovalsNotReverted: 'non-reviewer approvals not reverted',
  nonReviewerApprovalsStoodLong: 'non-reviewer approvals set back only after 30 s',
  strandedRuns: 'stranded runs (not Published/Failed)',
  failedWithoutReason: 'runs Failed without a reason comment',
  liveMarkupPublished: 'published pages with live markup',
  batonNotesPublished: 'published pages with a Baton note',
};

export function totalProblems(counts: SoakCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
