// Each drafting step's prompt tokens, kept in D1 beside its answers, for the run's provenance.
//   step-N-try-K-usage  what the model reported for attempt K (usage.prompt_tokens) and Baton's
//                       estimate of the messages sent (context/step-context.ts promptTokens)
//   step-N-tokens       the step's total over its attempts, against its sources budget
// Written once per answer and once per passed step; a replay rewrites the same values.
import * as z from 'zod';
import type { Services } from '../services';
import type { Plan, PlanStep } from '../domain/plan';
import { StepTokens } from '../context/step-context';
import { attemptArtifact } from './step-outputs';

const AttemptUsage = z.object({ prompt: z.number(), estimated: z.number() });

export const attemptUsageArtifact = (attempt: string) => `${attempt}-usage`;
const stepTokensArtifact = (step: Pick<PlanStep, 'number'>) => `step-${step.number}-tokens`;

/** Sums the usage of a passed step's attempts; nothing when none was recorded (answers kept before usage was). */
export async function recordStepTokens(services: Services, runId: string, step: PlanStep, attempts: number, budgetTokens: number, now: Date): Promise<void> {
  const usage = [];
  for (let k = 1; k <= attempts; k++) usage.push(await services.store.getJson(runId, attemptUsageArtifact(attemptArtifact(step, k)), AttemptUsage));
  const known = usage.filter((u) => u !== null);
  if (known.length === 0) return;
  const tokens: StepTokens = {
    number: step.number,
    title: step.title,
    promptTokens: known.at(-1)!.estimated,
    budgetTokens,
    reportedPromptTokens: known.reduce((sum, u) => sum + u.prompt, 0),
    attempts,
  };
  await services.store.putArtifact(runId, stepTokensArtifact(step), JSON.stringify(tokens), now);
}

/** Every drafting step's prompt tokens that were recorded, in plan order. */
export async function loadStepTokens(services: Services, runId: string, plan: Plan): Promise<StepTokens[]> {
  const all = await Promise.all(plan.steps.map((s) => services.store.getJson(runId, stepTokensArtifact(s), StepTokens)));
  return all.filter((t) => t !== null);
}
