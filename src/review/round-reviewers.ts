// Who may decide review round N, kept in D1 beside the round's other records (round-records.ts):
//
//   reviewers-N   the round's reviewers, the any/all rule, the backup and whether the round was
//                 escalated to them, and the people Baton last saw in the Run row's Reviewer (a
//                 change from those is a hand-over)
//   approvals-N   for an all-of round: who has approved so far
//   reminded-N, escalated-N, timed-out-N   claims: each happens once per round (remind-reviews.ts)
//
// D1's `reviewer_id` stays the round's first reviewer, so a record written before these existed
// reads as "that one person".
import * as z from 'zod';
import type { Store, StoredRun } from '../adapters/store';
import type { ReviewGate } from '../domain/plan';
import type { ReviewPolicy } from '../domain/workflow-definition';
import type { RoundReviewers } from './review-policy';

export const reviewersName = (round: number) => `reviewers-${round}`;
export const approvalsName = (round: number) => `approvals-${round}`;
export const remindedName = (round: number) => `reminded-${round}`;
export const escalatedName = (round: number) => `escalated-${round}`;
export const timedOutName = (round: number) => `timed-out-${round}`;

export const StoredRoundReviewers = z.object({
  reviewers: z.array(z.string()).min(1),
  rule: z.enum(['any', 'all']),
  backup: z.string().nullable(),
  escalated: z.boolean(),
  /** The Run row's Reviewer people as Baton last wrote or accepted them. */
  rowPeople: z.array(z.string()),
});
export type StoredRoundReviewers = z.infer<typeof StoredRoundReviewers>;

/**
 * A gate's reviewers for a new round: the row's Reviewer gate has every person of the column
 * (the gate's own first), a gate a step names ("Legal (Ana) checks step 1") only its person. The
 * backup is the Backup reviewer, else the workflow's owner; never one of the reviewers.
 */
export function reviewersForGate(gate: ReviewGate & { reviewerId: string }, policy: ReviewPolicy): StoredRoundReviewers {
  const column = policy.reviewers.map((p) => p.id);
  const reviewers = column.includes(gate.reviewerId) ? [gate.reviewerId, ...column.filter((id) => id !== gate.reviewerId)] : [gate.reviewerId];
  const backup = [policy.backup?.id, policy.ownerId].find((id): id is string => Boolean(id) && !reviewers.includes(id!)) ?? null;
  return { reviewers, rule: reviewers.length > 1 ? policy.approvalRule : 'any', backup, escalated: false, rowPeople: reviewers };
}

/** The reviewers round N-1 of the same review ended with, for its next round (not escalated again yet). */
export async function carriedReviewers(store: Store, runId: string, round: number): Promise<StoredRoundReviewers | null> {
  const previous = await store.getJson(runId, reviewersName(round - 1), StoredRoundReviewers);
  return previous ? { ...previous, escalated: false, rowPeople: previous.reviewers } : null;
}

/** The round's reviewers, or (for a round opened before these records) D1's one reviewer. */
export async function roundReviewers(store: Store, run: StoredRun, round = run.review_round): Promise<StoredRoundReviewers | null> {
  const stored = await store.getJson(run.run_id, reviewersName(round), StoredRoundReviewers);
  if (stored) return stored;
  return run.reviewer_id ? { reviewers: [run.reviewer_id], rule: 'any', backup: null, escalated: false, rowPeople: [run.reviewer_id] } : null;
}

export async function saveRoundReviewers(store: Store, run: StoredRun, round: number, value: StoredRoundReviewers, now: Date): Promise<void> {
  await store.putArtifact(run.run_id, reviewersName(round), JSON.stringify(value), now);
}

export function asPolicy(stored: StoredRoundReviewers): RoundReviewers {
  return { reviewers: stored.reviewers, rule: stored.rule, backup: stored.backup, escalated: stored.escalated };
}

export async function approvalsSoFar(store: Store, runId: string, round: number): Promise<string[]> {
  return (await store.getJson(runId, approvalsName(round), z.array(z.string()))) ?? [];
}

export const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));
