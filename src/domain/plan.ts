// A compiled workflow: steps with ids and dependencies, ready for the engine.
import * as z from 'zod';
import { ContextReference, Person } from './workflow-definition';
import { OutputRule } from './output-rule';

/** What a step reads of the row's Context: the sources its words name, or all of Context. */
export const StepReads = z.union([z.literal('all'), z.array(ContextReference)]);
export type StepReads = z.infer<typeof StepReads>;

export const OutputExpectation = z.object({
  /** Headings the output must contain, in order (the Output template's, for the published step). */
  sections: z.array(z.string()),
  /** The Output template's word limit. */
  maxWords: z.number().int().positive().nullable(),
  /** The limits the step's own words state ("under 1,300 characters", "5 beats"). */
  rules: z.array(OutputRule).default([]),
});
export type OutputExpectation = z.infer<typeof OutputExpectation>;

/** Ids of drafting steps ("step-3") and review gates ("review-4"; "review" for the Reviewer's own). */
export const NodeId = z.string().regex(/^(step|review)(-\d+)?$/);

export const PlanStep = z.object({
  id: NodeId,
  /** As numbered in Steps; 0 is the Goal drafted as one step. */
  number: z.number().int().nonnegative(),
  /** Verb and object: "Draft the pipeline report". */
  title: z.string(),
  /** A few words: "Pipeline report" — the heading of this step's part of a published set. */
  label: z.string(),
  instruction: z.string(),
  /** Steps and reviews this step needs; it starts only when they are done (and approved). */
  dependsOn: z.array(NodeId),
  /** The Context sources it reads: those its words name, or all of Context. */
  reads: StepReads,
  /** What its output is checked against before anything that needs it starts. */
  output: OutputExpectation,
});
export type PlanStep = z.infer<typeof PlanStep>;

export const ReviewGate = z.object({
  id: NodeId,
  number: z.number().int().nonnegative().nullable(),
  title: z.string(),
  /** What must be done (and approved) before the review opens. */
  dependsOn: z.array(NodeId),
  /** The drafting steps whose outputs the reviewer is shown, as one set when several. */
  reviews: z.array(NodeId).min(1),
  /** Null when nobody can approve it: the plan then has an error and never runs. */
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  maxRounds: z.number().int().positive(),
});
export type ReviewGate = z.infer<typeof ReviewGate>;

export const Plan = z.object({
  workflowPageId: z.string(),
  /** The definition's contentHash this plan was compiled from. */
  definitionHash: z.string(),
  steps: z.array(PlanStep).min(1),
  /** In the order they open (one review is open on a Run page at a time). */
  reviewGates: z.array(ReviewGate),
  /** The steps whose outputs are published: one, or a set (a section and a Doc each). */
  outputs: z.array(NodeId).min(1),
});
export type Plan = z.infer<typeof Plan>;


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
