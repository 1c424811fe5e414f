// A compiled workflow: steps with ids and dependencies, ready for the engine.
import { z } from 'zod';
import { ContextReference, Person } from './workflow-definition';

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

/** What a step reads of the row's Context: the sources its words name, or all of Context. */
export const StepReads = z.union([z.literal('all'), z.array(ContextReference)]);
export type StepReads = z.infer<typeof StepReads>;

/**
 * One step of the plan as a graph, numbered as the person numbered it in Steps: a drafting step
 * or a review gate. Dependencies are step numbers, the words people use ("after steps 1 and 2").
 */
export const GraphStep = z.object({
  /**
   * As written in Steps. 0 is the Goal, drafted as one step when no step drafts anything; null
   * is the review the row's Reviewer gives when no step asks for one (nothing can name it).
   */
  number: z.number().int().nonnegative().nullable(),
  kind: z.enum(['draft', 'review']),
  /** The Plan step this drafts (`plan.steps[].id`); null for a review. */
  planStepId: z.string().nullable(),
  /** Verb and object: "Draft the pipeline report". */
  title: z.string(),
  /** A few words for the Plan row: "Pipeline report". */
  label: z.string(),
  /** Numbers of the steps this one needs; it starts only once they are done (and approved, for a review). */
  dependsOn: z.array(z.number().int().nonnegative()),
  /** Drafting steps: the sources they read. Reviews read nothing (`[]`). */
  reads: StepReads,
  /** Reviews: who approves (the row's Reviewer); null when nobody can. Drafting steps: null. */
  reviewer: Person.nullable(),
});
export type GraphStep = z.infer<typeof GraphStep>;

export const PlanGraph = z.object({
  /** In the order written; a review from the row's Reviewer alone comes last. */
  steps: z.array(GraphStep),
  /** Numbers of the drafting steps whose outputs are published, as one set when several. */
  outputs: z.array(z.number().int().nonnegative()),
});
export type PlanGraph = z.infer<typeof PlanGraph>;
