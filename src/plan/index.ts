// The plan module: plain-language Steps → the plan the engine runs, the same Steps as a graph,
// the problems found reading them, and their words for Health.
export { compilePlan, MAX_REVIEW_ROUNDS, type CompiledPlan, type CompilePlanOptions } from './compile';
export { readPlanGraph, type PlanGraphOptions, type PlanGraphReading } from './plan-graph';
export { hasPlanErrors, PLAN_SEVERITY, PlanProblem, planProblem, PlanSeverity, type PlanProblemInput, type PlanProblemKind } from './plan-problem';
export { planProblemMessage } from './plan-problem-message';
export { planGraph, type PlanGraphTextOptions } from './render-graph';
export { labelOf, titleOf } from './step-text';
