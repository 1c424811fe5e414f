// What Baton keeps in D1 about each review round, so that every step and both decision paths
// (webhook and reconcile) can tell Baton's own last write from a person's change since.
//
//   seen-N       the page as Baton last saw it while it waited in round N (body, last edit); first
//                the draft Baton put there itself
//   decision-N   the decision taken for round N, who made it, and on what evidence
//   approved-N   the body as it stood when the reviewer's approval was taken: what is published
//   revised-from-N  the body the revision of round N started from (the page Baton may replace next)
//   opened-N     round N's Needs review is on the row: only from then is a Status there round N's
import * as z from 'zod';

export const seenName = (round: number) => `seen-${round}`;
export const decisionName = (round: number) => `decision-${round}`;
export const approvedName = (round: number) => `approved-${round}`;
export const revisedFromName = (round: number) => `revised-from-${round}`;
export const announcedName = (round: number) => `announced-${round}`;
/** Round N's Status is on the Notion row (or a person's decision was found there instead). */
export const openedName = (round: number) => `opened-${round}`;

export const SeenPage = z.object({
  markdown: z.string(),
  /** Null when Baton did not read the page's edit stamp after its own write. */
  lastEditedTime: z.string().nullable(),
  lastEditedBy: z.string().nullable(),
  /** Set when Baton asked the reviewer to confirm a decision it could not attribute. */
  confirmationAskedAt: z.string().nullable().default(null),
});
export type SeenPage = z.infer<typeof SeenPage>;

export const RecordedDecision = z.object({
  decision: z.enum(['approved', 'changes_requested']),
  feedback: z.string(),
  /** The Notion user whose change this decision is. */
  by: z.string(),
  evidence: z.enum(['webhook', 'page', 'comment']),
  at: z.string(),
});
export type RecordedDecision = z.infer<typeof RecordedDecision>;

/**
 * The row still shows round N-1's "Changes requested" (Baton has not put round N's Needs review
 * there yet): the same Status with the same Feedback as the decision recorded for N-1.
 */
export function showsPreviousDecision(row: { status: string | null; feedback: string }, previous: RecordedDecision | null): boolean {
  return row.status === 'Changes requested' && row.feedback.trim() === (previous?.feedback ?? '').trim();
}

/**
 * Equal for a reader: Notion hands markdown back with its own escapes, blank-line handling and
 * `<empty-block/>` markers, so texts are compared without them.
 */
export function sameText(a: string, b: string): boolean {
  return comparable(a) === comparable(b);
}

function comparable(text: string): string {
  return text
    .replace(/<empty-block\s*\/>/g, '')
    .replace(/\\([\\`*_{}[\]()<>#+\-.!|~$^])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
