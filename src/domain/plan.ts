// A compiled workflow: steps with ids and dependencies, ready for the engine.
import { z } from 'zod';
import { ContextReference } from './workflow-definition';

export const OutputExpectation = z.object({
  /** Headings the output must contain, in order. */
  sections: z.array(z.string()),
  maxWords: z.number().int().positive().nullable(),
});
export type OutputExpectation = z.infer<typeof OutputExpectation>;

export const PlanStep = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  instruction: z.string(),
  /** Ids of the steps whose outputs this step needs; it starts only when they are valid. */
  dependsOn: z.array(z.string()),
  context: z.array(ContextReference),
  output: OutputExpectation.nullable(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const ReviewGate = z.object({
  /** The gate opens once this step's output is ready. */
  afterStep: z.string(),
  reviewerId: z.string(),
  maxRounds: z.number().int().positive(),
});
export type ReviewGate = z.infer<typeof ReviewGate>;

export const Plan = z.object({
  workflowPageId: z.string(),
  /** The definition's contentHash this plan was compiled from. */
  definitionHash: z.string(),
  steps: z.array(PlanStep).min(1),
  reviewGates: z.array(ReviewGate),
});
export type Plan = z.infer<typeof Plan>;
