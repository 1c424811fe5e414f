// What a run's provenance says about its review that the run function does not carry: what the
// reviews changed, from Baton's first draft of the last review to the text its reviewer approved.
// Reads D1 artifacts only (draft-N, approved-N); the comparison itself is round-summary.ts.
import type { Services } from '../services';
import type { Plan } from '../domain/plan';
import { approvedName } from '../review/round-records';
import { summarizeChanges, type ChangeSummary } from '../review/round-summary';
import { draftName } from './activities';
import { openPart } from './step-outputs';

/**
 * Null without review, or when a draft or the approved text is no longer in D1. Rounds count on
 * across a run's reviews, so the last review's first round follows the one before it.
 */
export async function reviewChangesOf(services: Services, runId: string, plan: Plan, approvedRounds: Readonly<Record<string, number>>): Promise<ChangeSummary | null> {
  const last = plan.reviewGates.at(-1);
  const lastRound = last ? approvedRounds[last.id] : undefined;
  if (!last || lastRound === undefined) return null;
  const before = plan.reviewGates.at(-2);
  const firstRound = before ? (approvedRounds[before.id] ?? 0) + 1 : 1;
  const draft = await services.store.getArtifact(runId, draftName(firstRound));
  const approved = await services.store.getArtifact(runId, approvedName(lastRound));
  return draft === null || approved === null ? null : summarizeChanges(draft, openPart(approved));
}
