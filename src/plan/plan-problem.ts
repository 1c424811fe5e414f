// What the plan compiler finds wrong with a row's Steps, as tagged data. Words for people are
// made in one place, plan-problem-message.ts, by a switch over `kind`, so a kind without words
// fails to compile (the registry's RowProblem and the schedule module's problems work the same
// way). Severity is fixed per kind: an `error` means the plan cannot run as written; a
// `warning` is shown on Health and the plan still runs.
//
// `step` is the step's number as written in Steps; null when the words are a line of Steps that
// is not a numbered step ("Steps 2, 3 and 4 only need the article, so …").
import * as z from 'zod';

export const PlanSeverity = z.enum(['error', 'warning']);
export type PlanSeverity = z.infer<typeof PlanSeverity>;

const base = { severity: PlanSeverity };
const where = z.number().int().nonnegative().nullable();

export const PlanProblem = z.discriminatedUnion('kind', [
  /** "after step 7" in a list of four. */
  z.object({ ...base, kind: z.literal('step_unknown'), step: where, words: z.string(), wanted: z.number().int(), known: z.array(z.number().int()) }),
  /**
   * Steps that wait for each other: `cycle` in the order of waiting, first step repeated at the
   * end ([2, 3, 2]: step 2 needs step 3, which needs step 2). `implicit` are the steps in it that
   * name no step and so take the one before them.
   */
  z.object({ ...base, kind: z.literal('step_cycle'), cycle: z.array(z.number().int()), implicit: z.array(z.number().int()) }),
  /** A drafting step whose output no later step uses and that is not published. */
  z.object({ ...base, kind: z.literal('step_unused'), step: z.number().int(), title: z.string() }),
  /** A source the step names that the Context section does not hold. */
  z.object({
    ...base,
    kind: z.literal('source_unknown'),
    step: where,
    source: z.enum(['named', 'previous_output', 'trigger_file']),
    /** For `named`: the service the step says the source is in. */
    service: z.enum(['drive_folder', 'drive_file', 'notion_page']).nullable(),
    /** The source's name, or the words the step uses for it. */
    name: z.string(),
  }),
  /** A sentence of Steps Baton cannot place in the plan; it is shown, never silently dropped. */
  z.object({
    ...base,
    kind: z.literal('sentence_unplaced'),
    step: where,
    sentence: z.string(),
    reason: z.enum(['not_a_step', 'names_no_step', 'together_without_numbers']),
    /** For `names_no_step`: the words that name the step ("once the research is done"). */
    words: z.string().nullable(),
  }),
  /** "Steps 2 and 3 can run at the same time" while step 3 says it uses step 2. */
  z.object({ ...base, kind: z.literal('steps_together_but_dependent'), sentence: z.string(), step: z.number().int(), needs: z.number().int() }),
  /** A review step, or a step asking for a review, with nobody who can approve it. */
  z.object({ ...base, kind: z.literal('review_no_reviewer'), step: where, sentence: z.string(), named: z.string().nullable() }),
  /** A review step names someone Baton cannot find among the workspace's people: the row's Reviewer approves it instead. */
  z.object({ ...base, kind: z.literal('review_other_person'), step: z.number().int(), named: z.string(), reviewer: z.string() }),
]);
export type PlanProblem = z.infer<typeof PlanProblem>;
export type PlanProblemKind = PlanProblem['kind'];

/** Fixed per kind; a kind missing here fails to compile. */
export const PLAN_SEVERITY: Record<PlanProblemKind, PlanSeverity> = {
  step_unknown: 'error',
  step_cycle: 'error',
  step_unused: 'warning',
  source_unknown: 'error',
  sentence_unplaced: 'warning',
  steps_together_but_dependent: 'warning',
  review_no_reviewer: 'error',
  review_other_person: 'warning',
};

type WithoutSeverity<T> = T extends unknown ? Omit<T, 'severity'> : never;
export type PlanProblemInput = WithoutSeverity<PlanProblem>;

/** Makes a problem with its kind's severity: `planProblem({ kind: 'step_unused', step: 2, title })`. */
export function planProblem(input: PlanProblemInput): PlanProblem {
  return { ...input, severity: PLAN_SEVERITY[input.kind] } as PlanProblem;
}

/** True when the plan must not run as written. */
export function hasPlanErrors(problems: readonly PlanProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
