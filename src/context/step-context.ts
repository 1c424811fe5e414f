// What one step of a plan is shown of the run's sources, and what its prompt may cost. Pure.
//
// A step reads the sources its words name (PlanStep.reads), or all of Context when it names none.
// "All" leaves out the previous output when a step this one needs (directly or through others)
// reads it by name: that step made the comparison, and its output reaches this one. The previous
// output is the one source that carries history; sent again to every later step it was the largest
// part of their prompts (tests/bench/prompts.ts). This week's own sources stay: the step that
// writes the published text sees them first-hand. So does a first run's notice that there is no
// previous output (NO_PREVIOUS_OUTPUT, ~35 tokens): it tells the writer what to say instead of
// listing changes, which a comparison step's output may not repeat.
import * as z from 'zod';
import type { Plan, PlanStep } from '../domain/plan';
import { estimateTokens, sourcesFor, type ContextSource } from './pack';
import { NO_PREVIOUS_OUTPUT } from './previous-output';

export function stepSources(sources: readonly ContextSource[], plan: Plan, step: PlanStep): ContextSource[] {
  if (step.reads !== 'all') return sourcesFor(sources, step.reads);
  const compared = upstreamSteps(plan, step).some((s) => s.reads !== 'all' && s.reads.some((r) => r.kind === 'previous_output'));
  return compared ? sources.filter((s) => s.kind !== 'previous_output' || s.text === NO_PREVIOUS_OUTPUT) : [...sources];
}

/** The drafting steps `step` needs, directly or through other steps and reviews, in plan order. */
export function upstreamSteps(plan: Plan, step: PlanStep): PlanStep[] {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const needs = plan.steps.find((s) => s.id === id)?.dependsOn ?? plan.reviewGates.find((g) => g.id === id)?.dependsOn ?? [];
    needs.forEach(visit);
  };
  step.dependsOn.forEach(visit);
  return plan.steps.filter((s) => s.id !== step.id && seen.has(s.id));
}

/** What a step's prompt cost, against what it may cost: recorded per step, shown in provenance. */
export const StepTokens = z.object({
  number: z.number().int(),
  title: z.string(),
  /** Estimated tokens of the messages sent (estimateTokens of system + user), last attempt. */
  promptTokens: z.number(),
  /** The most its sources may take (CONTEXT_BUDGET_TOKENS after packing). */
  budgetTokens: z.number(),
  /** What the model reported (usage.prompt_tokens), summed over the step's attempts. */
  reportedPromptTokens: z.number(),
  attempts: z.number().int().positive(),
});
export type StepTokens = z.infer<typeof StepTokens>;

/** Estimated tokens of a prompt's messages: the same rule of thumb as the sources' budget. */
export function promptTokens(messages: { system: string; user: string }): number {
  return estimateTokens(messages.system) + estimateTokens(messages.user);
}

/** "Prompt tokens by step: 1 Read the updates 496 of 24,000 · 2 …" for the provenance block. */
export function stepTokensLine(steps: readonly StepTokens[]): string | null {
  if (steps.length === 0) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = steps.map((s) => `step ${s.number}: ${n(s.reportedPromptTokens || s.promptTokens)}${s.attempts > 1 ? ` in ${s.attempts} attempts` : ''}`);
  return `- Prompt tokens by step (sources budget ${n(steps[0]!.budgetTokens)} each): ${parts.join(' · ')}`;
}
