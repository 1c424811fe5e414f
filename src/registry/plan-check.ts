// The plan compiler's verdict on a row, in the registry's terms, so it reaches Health the way
// every other problem does (composeHealth): each PlanProblem becomes a RowProblem of kind `plan`
// with the PlanProblem's own severity (a plan error stops the row, like any other error), each
// compiler note a warning. Beside them, the line for the row's Plan property: the graph the run
// executes, with reviewers by name. Pure.
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { compilePlan } from '../plan/compile';
import { planGraph } from '../plan/render-graph';
import { rowProblem, type RowProblem } from './row-problem';

export interface PlanCheck {
  problems: RowProblem[];
  /** "1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish" (≤ 2000 chars). */
  planLine: string;
}

export function checkPlan(definition: WorkflowDefinition): PlanCheck {
  const compiled = compilePlan(definition);
  const problems = [
    ...compiled.problems.map((problem) => rowProblem({ kind: 'plan', problem })),
    ...compiled.notes.map((text) => rowProblem({ kind: 'plan_note', text })),
  ];
  return { problems, planLine: planGraph(compiled.graph, { reviewerNames: reviewerNames(definition) }) };
}

/** Names by Notion user id: the Reviewer and every person the Steps name. */
export function reviewerNames(definition: Pick<WorkflowDefinition, 'reviewer' | 'people'>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const person of [...definition.people, ...(definition.reviewer ? [definition.reviewer] : [])]) {
    if (person.name?.trim()) names[person.id] = person.name.trim();
  }
  return names;
}
