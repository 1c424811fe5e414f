// The event a review decision travels in, from the decision paths to the waiting run. One event
// type per round, so a late duplicate for round 1 can never be taken as round 2's decision.
import * as z from 'zod';

export const ReviewDecision = z.object({
  /** `timed_out`: nobody decided within the review timeout (the tick says so; review/close-unreviewed.ts). */
  decision: z.enum(['approved', 'changes_requested', 'timed_out']),
  feedback: z.string(),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const reviewEventType = (round: number) => `review-round-${round}`;
