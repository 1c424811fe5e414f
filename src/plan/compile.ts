// Plain-language definition → validated Plan. Pure: same definition, same plan.
//
// Rules (plans are linear for now; graphs come later and fit the same Plan shape):
// - Each drafting step of the definition becomes a PlanStep "step-1", "step-2", … that depends
//   on the drafting step before it.
// - Steps that only hand the work to a person ("Send it to Maya for review.", "Sam reviews it.")
//   are not drafting steps. They become the plan's review gate, after the last drafting step,
//   for the row's Reviewer — who is the only one the gate will accept decisions from. A row
//   with a Reviewer gets the gate even when no step mentions a review; a review step without a
//   Reviewer gets a note, because nobody could approve it.
// - Every step sees the row's whole Context. A Context section is a handful of links, the
//   context packer holds each step to its token budget, and a step that cannot see the sources
//   can neither check facts against them nor follow a voice guide. Narrowing context per step
//   comes with graph plans, where steps name what they need.
// - Only the last drafting step is held to the Output template (its headings, in order, and its
//   word limit); earlier steps produce working notes for the steps after them.
// - Hints a linear plan cannot honour yet ("Steps 2, 3 and 4 … can run at the same time") are
//   cut from the instruction and kept as notes.
// - Beside the linear plan the engine runs today, the same Steps are read as a graph
//   (plan-graph.ts: what each step needs and reads, who reviews, what is published), with the
//   problems found reading them. The graph is what the run will execute once the engine runs
//   steps side by side; until then nothing on the row claims it.
import { Plan, type PlanGraph, type PlanStep, type ReviewGate } from '../domain/plan';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import type { PlanProblem } from './plan-problem';
import { readPlanGraph } from './plan-graph';
import { isParallelHint, readStep, shorten, splitSentences, titleOf } from './step-text';
import { readOutputExpectation } from './template';

/** How many review rounds (drafts shown to the reviewer) a gate allows before the run fails. */
export const MAX_REVIEW_ROUNDS = 3;

export interface CompiledPlan {
  plan: Plan;
  /** Plain-words remarks for the row's Health: what Baton understood differently than written. */
  notes: string[];
  /** The Steps as a graph: what each step needs (by number) and reads, reviews, outputs. */
  graph: PlanGraph;
  /** What is wrong with the Steps as a graph, for Health (planProblemMessage gives the words). */
  problems: PlanProblem[];
}

export interface CompilePlanOptions {
  /** Lines of the Steps section that are not steps, in order (BuiltDefinition.notes). */
  notes?: readonly string[];
}

interface DraftingStep {
  number: number | null;
  instruction: string;
}

export function compilePlan(definition: WorkflowDefinition, options: CompilePlanOptions = {}): CompiledPlan {
  const notes: string[] = [];
  const drafting: DraftingStep[] = [];
  const reviewRequests: number[] = [];
  const earlyReviews: number[] = [];

  for (const step of definition.steps) {
    const reading = readStep(step.text);
    for (const hint of reading.parallelHints) {
      notes.push(`Step ${step.number} says "${hint}" — for now Baton runs the steps one after another`);
    }
    if (reading.asksForReview) reviewRequests.push(step.number);
    if (reading.reviewOnly) {
      earlyReviews.push(step.number);
      continue;
    }
    if (reading.instruction === '') continue;
    drafting.push({ number: step.number, instruction: reading.instruction });
    // A review step followed by more drafting: the single gate still comes at the end.
    notes.push(...earlyReviews.splice(0).map((n) => earlyReviewNote(n, definition)).filter((n) => n !== null));
  }

  if (drafting.length === 0) {
    drafting.push({ number: null, instruction: definition.goal.trim() || `Produce the output of "${definition.name}".` });
    notes.push(
      definition.steps.length === 0
        ? 'The row has no Steps — Baton works on the Goal in one step'
        : 'The Steps only ask for a review — Baton works on the Goal in one step before it',
    );
  }

  const expectation = readOutputExpectation(definition.outputTemplate);
  const steps: PlanStep[] = drafting.map((step, i) => ({
    id: stepId(i),
    title: titleOf(step.instruction, `Step ${i + 1}`),
    instruction: step.instruction,
    dependsOn: i === 0 ? [] : [stepId(i - 1)],
    context: definition.context,
    output: i === drafting.length - 1 ? expectation : null,
  }));

  const reviewGates: ReviewGate[] = [];
  const last = steps.at(-1);
  if (definition.reviewer !== null && last !== undefined) {
    reviewGates.push({ afterStep: last.id, reviewerId: definition.reviewer.id, maxRounds: MAX_REVIEW_ROUNDS });
  } else {
    for (const n of reviewRequests) {
      notes.push(`Step ${n} asks for a review but the row has no Reviewer — the output will publish without one`);
    }
  }

  for (const line of options.notes ?? []) {
    for (const hint of splitSentences(line).filter(isParallelHint)) {
      notes.push(`Steps says "${hint}" — for now Baton runs the steps one after another`);
    }
  }

  const plan = Plan.parse({
    workflowPageId: definition.pageId,
    definitionHash: definition.contentHash,
    steps,
    reviewGates,
  });
  const { graph, problems } = readPlanGraph(definition, plan, { notes: options.notes ?? [] });
  return { plan, notes, graph, problems };
}

function stepId(index: number): string {
  return `step-${index + 1}`;
}

function earlyReviewNote(stepNumber: number, definition: WorkflowDefinition): string | null {
  if (definition.reviewer === null) return null;
  return `Step ${stepNumber} asks for a review before later steps — for now the review comes once, after the last step`;
}

// Notion rejects a rich-text object over 2000 characters, and the Plan property is one.
const SUMMARY_MAX_CHARS = 2000;
const SUMMARY_TITLE_CHARS = [40, 24, 12] as const;

export interface RenderPlanSummaryOptions {
  /** Reviewer names by Notion user id, for "review by Maya"; unknown ids read "the Reviewer". */
  reviewerNames?: Readonly<Record<string, string | null | undefined>>;
}

/**
 * One line for the row's Plan property: "1. Read the competitor updates… → 2. Compare… →
 * 3. Draft… → review by Maya". At most 2000 characters: titles are shortened further when needed.
 */
export function renderPlanSummary(plan: Plan, options: RenderPlanSummaryOptions = {}): string {
  const names = options.reviewerNames ?? {};
  let line = '';
  for (const max of SUMMARY_TITLE_CHARS) {
    const parts: string[] = [];
    plan.steps.forEach((step, i) => {
      parts.push(`${i + 1}. ${shorten(step.title, max)}`);
      for (const gate of plan.reviewGates.filter((g) => g.afterStep === step.id)) {
        parts.push(`review by ${names[gate.reviewerId]?.trim() || 'the Reviewer'}`);
      }
    });
    line = parts.join(' → ');
    if (line.length <= SUMMARY_MAX_CHARS) return line;
  }
  return shorten(line, SUMMARY_MAX_CHARS);
}
