// Plain-language definition → validated Plan. Pure: same definition, same plan.
//
// The Steps are read as a graph (plan-graph.ts: what each step needs and reads, who reviews,
// what is published), and the Plan the engine runs is that graph:
// - Each drafting step becomes a PlanStep "step-N" (N as numbered in Steps; "step-0" is the
//   Goal, drafted in one step when no step drafts anything). It needs the steps and reviews the
//   graph says, and reads the Context sources its words name, or all of Context.
// - Each review becomes a ReviewGate "review-N" ("review" for the one the row's Reviewer gives
//   when no step asks for a review): it opens once what it needs is done and shows the reviewer
//   the outputs of the drafting steps it needs, as one set when several. The person a review
//   step names approves it when they are in the workspace ("Alex checks step 3"); else the row's
//   Reviewer. Gates open one at a time, in dependency order, so a Run page holds one open review.
// - Every step is held to the limits its own words state ("under 1,300 characters", "5 beats",
//   output-rules.ts); a step whose output alone is published is also held to the Output
//   template (its headings, in order, and its word limit).
// - What is published: the graph's outputs — one step, or a set with a section and a Doc each.
// - A plan with errors (PlanProblem severity "error") still compiles, so the row can say what
//   to fix; the registry never lets it run.
import { Plan, type PlanGraph, type PlanStep, type ReviewGate } from '../domain/plan';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import type { PlanProblem } from './plan-problem';
import { readPlanGraph } from './plan-graph';
import { readOutputRules } from './output-rules';
import { readStep, shorten, titleOf } from './step-text';
import { planGraph } from './render-graph';
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
  /** Lines of the Steps section that are not steps, in order; the definition's stepNotes by default. */
  notes?: readonly string[];
}

interface DraftingStep {
  id: string;
  number: number;
  title: string;
  instruction: string;
}

export function compilePlan(definition: WorkflowDefinition, options: CompilePlanOptions = {}): CompiledPlan {
  const notes: string[] = [];
  const drafting: DraftingStep[] = [];
  for (const step of definition.steps) {
    const reading = readStep(step.text);
    if (reading.reviewOnly || reading.instruction === '') continue;
    drafting.push({ id: `step-${drafting.length + 1}`, number: step.number, title: titleOf(reading.instruction, `Step ${step.number}`), instruction: reading.instruction });
  }
  if (drafting.length === 0) {
    const instruction = definition.goal.trim() || `Produce the output of "${definition.name}".`;
    drafting.push({ id: 'step-1', number: 0, title: titleOf(instruction, 'Goal'), instruction });
    notes.push(
      definition.steps.length === 0
        ? 'The row has no Steps — Baton works on the Goal in one step'
        : 'The Steps only ask for a review — Baton works on the Goal in one step before it',
    );
  }

  const stepNotes = options.notes ?? definition.stepNotes ?? [];
  const { graph, problems } = readPlanGraph(definition, { steps: drafting }, { notes: stepNotes });
  const nodeId = (number: number | null) => {
    const node = graph.steps.find((s) => s.number === number);
    return node?.kind === 'review' ? (number === null ? 'review' : `review-${number}`) : `step-${number ?? 0}`;
  };
  const byId = new Map(drafting.map((d) => [d.id, d]));
  const template = readOutputExpectation(definition.outputTemplate);
  const single = graph.outputs.length === 1;

  const steps: PlanStep[] = [];
  const reviewGates: ReviewGate[] = [];
  for (const node of graph.steps) {
    const dependsOn = node.dependsOn.map(nodeId);
    if (node.kind === 'draft') {
      const written = byId.get(node.planStepId ?? '');
      const instruction = written?.instruction ?? node.title;
      const published = single && graph.outputs[0] === node.number;
      steps.push({
        id: nodeId(node.number),
        number: node.number ?? 0,
        title: node.title,
        label: node.label,
        instruction,
        dependsOn,
        reads: node.reads,
        output: {
          sections: published ? (template?.sections ?? []) : [],
          maxWords: published ? (template?.maxWords ?? null) : null,
          rules: readOutputRules(instruction),
        },
      });
    } else {
      const reviews = dependsOn.filter((id) => id.startsWith('step-'));
      reviewGates.push({
        id: nodeId(node.number),
        number: node.number,
        title: node.number === null ? 'Review' : node.title,
        dependsOn,
        reviews: reviews.length > 0 ? reviews : graph.outputs.map((n) => `step-${n}`),
        reviewerId: node.reviewer?.id ?? null,
        reviewerName: node.reviewer?.name ?? null,
        maxRounds: MAX_REVIEW_ROUNDS,
      });
    }
  }

  const plan = Plan.parse({
    workflowPageId: definition.pageId,
    definitionHash: definition.contentHash,
    steps,
    reviewGates: inOpeningOrder(reviewGates, steps),
    outputs: graph.outputs.length > 0 ? graph.outputs.map((n) => `step-${n}`) : [steps.at(-1)?.id ?? 'step-0'],
  });
  return { plan, notes, graph, problems };
}

/**
 * Reviews in the order they open: one whose needs (followed through the steps) include another
 * review comes after it; otherwise as written. Cycles are plan errors and never run, so a gate
 * caught in one keeps its written place.
 */
function inOpeningOrder(gates: readonly ReviewGate[], steps: readonly PlanStep[]): ReviewGate[] {
  const needs = new Map<string, readonly string[]>([...steps, ...gates].map((n) => [n.id, n.dependsOn]));
  const upstream = (id: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(needs.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(needs.get(next) ?? []));
    }
    return seen;
  };
  const ordered: ReviewGate[] = [];
  const left = [...gates];
  while (left.length > 0) {
    const i = left.findIndex((g) => !left.some((other) => other !== g && upstream(g.id).has(other.id)));
    ordered.push(...left.splice(i === -1 ? 0 : i, 1));
  }
  return ordered;
}

/**
 * The Run row's Plan: the row version (its content hash, short) and the graph the run follows,
 * "v3f9a1c2d · 1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish".
 */
export function planVersion(definition: WorkflowDefinition): string {
  const { graph } = compilePlan(definition);
  const names = Object.fromEntries([definition.reviewer, ...(definition.people ?? [])].flatMap((p) => (p?.name ? [[p.id, p.name]] : [])));
  return shorten(`v${definition.contentHash.slice(0, 8)} · ${planGraph(graph, { reviewerNames: names })}`, 2000);
}
