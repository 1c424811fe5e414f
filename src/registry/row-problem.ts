// Everything a Workflows row can get wrong, as tagged data. Words for people are made in one
// place, row-problem-message.ts, by a switch over `kind`, so a kind without words fails to compile.
//
// Severity is fixed per kind (SEVERITY below): an `error` means Baton will not run the row
// until it is fixed; a `warning` is shown in Health but the row still runs. The one exception is
// `plan`, which carries a problem the plan compiler found and keeps that problem's severity. The
// first group of kinds comes from reading the row (buildDefinition); then those from checking its
// links against Drive and Notion, which the adapters do and report with the same type; last the
// plan compiler's, which the sync reports after the other checks.
import * as z from 'zod';
import { PlanProblem } from '../plan/plan-problem';
import type { ScheduleProblem as ScheduleProblemType } from '../schedule';
import { SectionName } from './section-headings';

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

/** The row property (or body section) a link came from, named as the person sees it. */
export const LinkField = z.enum(['Context', 'Watch folder', 'Output folder', 'Output page', 'Trigger', 'Trial page', 'Trial folder', 'Human version']);
export type LinkField = z.infer<typeof LinkField>;

/** What a value that should have been a particular link turned out to be. */
export const LinkFound = z.enum(['drive_folder', 'drive_file', 'unreadable_link', 'notion_page', 'other_link', 'not_a_link']);
export type LinkFound = z.infer<typeof LinkFound>;


// The schedule module owns its problem type and its words; a row only carries it along.
const ScheduleProblem = z.custom<ScheduleProblemType>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string',
);

const base = { severity: Severity };
const linked = { ...base, field: LinkField, label: z.string(), url: z.string() };

export const RowProblem = z.discriminatedUnion('kind', [
  // Properties
  z.object({ ...base, kind: z.literal('property_wrong_type'), property: z.string(), expected: z.string(), found: z.string() }),
  z.object({ ...base, kind: z.literal('missing_name') }),
  z.object({ ...base, kind: z.literal('unknown_state'), value: z.string() }),
  z.object({ ...base, kind: z.literal('unknown_mode'), value: z.string() }),
  z.object({ ...base, kind: z.literal('unknown_learning'), value: z.string() }),
  z.object({ ...base, kind: z.literal('schedule_invalid'), text: z.string(), problem: ScheduleProblem }),
  z.object({ ...base, kind: z.literal('schedule_unsupported'), text: z.string(), problem: ScheduleProblem }),
  z.object({ ...base, kind: z.literal('schedule_never_runs'), text: z.string() }),
  z.object({ ...base, kind: z.literal('time_zone_invalid'), value: z.string(), suggestion: z.string(), defaultTimeZone: z.string() }),
  z.object({ ...base, kind: z.literal('nothing_starts_it') }),
  z.object({ ...base, kind: z.literal('watch_folder_invalid'), value: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('output_folder_invalid'), value: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('output_page_invalid'), value: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('no_output_destination') }),
  // Trial mode (Trial page, Trial folder, Human version)
  z.object({ ...base, kind: z.literal('trial_link_invalid'), field: z.enum(['Trial page', 'Trial folder']), value: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('trial_without_destination') }),
  z.object({ ...base, kind: z.literal('human_version_invalid'), value: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('reviewer_not_person'), name: z.string().nullable(), type: z.enum(['bot', 'group']) }),
  z.object({ ...base, kind: z.literal('reviewer_several'), names: z.array(z.string()), used: z.string() }),
  z.object({ ...base, kind: z.literal('no_reviewer') }),
  z.object({ ...base, kind: z.literal('reviewer_required') }),
  z.object({ ...base, kind: z.literal('schedule_too_frequent'), text: z.string(), minutes: z.number().int() }),
  // Review reminders and timeout (review-properties.ts)
  z.object({ ...base, kind: z.literal('remind_after_invalid'), value: z.string(), used: z.string() }),
  z.object({ ...base, kind: z.literal('if_nobody_reviews_unknown'), value: z.string() }),
  // Trigger (property or section; trigger-text.ts)
  z.object({
    ...base,
    kind: z.literal('trigger_unreadable'),
    /** The phrase as the person reads it. */
    text: z.string(),
    /** What is missing: the whole form, "<Property> = <value>", the database's or folder's link; or it is a schedule. */
    reason: z.enum(['not_understood', 'no_condition', 'no_database_link', 'no_folder_link', 'schedule']),
    /** The database or folder named without a link. */
    named: z.string().nullable(),
  }),
  /** The row trigger's link is not a Notion database (found at parse time, or `notion_page` when checked). */
  z.object({ ...base, kind: z.literal('trigger_link_not_database'), label: z.string(), url: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('trigger_folder_invalid'), value: z.string(), found: LinkFound }),
  z.object({ ...base, kind: z.literal('trigger_folder_conflict'), triggerUrl: z.string(), watchFolderUrl: z.string() }),
  z.object({ ...base, kind: z.literal('trigger_several'), what: z.enum(['row', 'chain', 'folder']), texts: z.array(z.string()) }),
  z.object({ ...base, kind: z.literal('chain_self'), name: z.string() }),
  // Body
  z.object({ ...base, kind: z.literal('body_truncated') }),
  z.object({ ...base, kind: z.literal('unknown_section'), heading: z.string(), keptIn: SectionName }),
  z.object({ ...base, kind: z.literal('duplicate_section'), heading: z.string(), section: SectionName }),
  z.object({ ...base, kind: z.literal('no_goal'), bodyEmpty: z.boolean() }),
  z.object({ ...base, kind: z.literal('too_many_steps'), count: z.number().int(), max: z.number().int() }),
  z.object({ ...base, kind: z.literal('step_number_duplicate'), number: z.number().int() }),
  z.object({ ...base, kind: z.literal('step_number_gap'), missing: z.array(z.number().int()) }),
  z.object({ ...base, kind: z.literal('context_link_unsupported'), line: z.string(), url: z.string() }),
  z.object({ ...base, kind: z.literal('context_no_link'), line: z.string(), service: z.enum(['notion', 'drive']) }),
  /** A Context line with no link and no service that Baton cannot resolve to anything it reads. */
  z.object({ ...base, kind: z.literal('context_unresolved'), line: z.string() }),
  z.object({ ...base, kind: z.literal('trigger_file_without_watch_folder'), line: z.string() }),
  z.object({ ...base, kind: z.literal('output_template_no_headings') }),
  // People named in Steps (step-people.ts), against the workspace's user list
  /** A first name written in Steps that several people in the workspace have. */
  z.object({ ...base, kind: z.literal('step_person_ambiguous'), name: z.string(), people: z.array(z.string()) }),
  /**
   * Notion would not list the workspace's people, so names in Steps stay unmatched: `no_capability`
   * when the integration lacks user information (403), `unavailable` after a rate limit or outage
   * (the row is read again next tick), `failed` for any other answer; `detail` says what Notion said.
   */
  z.object({ ...base, kind: z.literal('people_unreadable'), reason: z.enum(['no_capability', 'unavailable', 'failed']), detail: z.string().nullable() }),
  // Link checks (reported by the adapters)
  z.object({
    ...linked,
    kind: z.literal('link_not_shared'),
    service: z.enum(['drive', 'notion']),
    /** Who Drive items must be shared with; null when the Drive settings are missing. */
    serviceAccountEmail: z.string().nullable(),
  }),
  z.object({ ...linked, kind: z.literal('link_outside_allowed_roots'), service: z.enum(['drive', 'notion']) }),
  z.object({ ...linked, kind: z.literal('link_not_folder') }),
  z.object({ ...linked, kind: z.literal('page_trashed') }),
  z.object({ ...linked, kind: z.literal('link_parent_not_shared') }),
  z.object({ ...linked, kind: z.literal('link_is_database') }),
  // The row trigger's database, checked (check-links.ts); `database` is its name as Health shows it.
  z.object({ ...base, kind: z.literal('trigger_property_missing'), database: z.string(), property: z.string(), available: z.array(z.string()) }),
  z.object({
    ...base,
    kind: z.literal('trigger_value_unknown'),
    database: z.string(),
    property: z.string(),
    value: z.string(),
    type: z.enum(['select', 'status', 'multi_select', 'checkbox']),
    options: z.array(z.string()),
  }),
  z.object({ ...base, kind: z.literal('trigger_property_unsupported'), database: z.string(), property: z.string(), type: z.string() }),
  // "When <workflow> publishes", against the other cached rows (chain-loop.ts)
  z.object({ ...base, kind: z.literal('chain_unknown_workflow'), name: z.string(), closest: z.array(z.string()) }),
  /** The loop in the order runs would go, starting and ending with this workflow. */
  z.object({ ...base, kind: z.literal('chain_loop'), names: z.array(z.string()) }),
  // Checking the row itself failed (an answer Baton did not expect); the row does not run.
  z.object({ ...base, kind: z.literal('row_check_failed'), reason: z.string() }),
  // The plan compiler (src/plan): what it finds wrong with the Steps, with that problem's own
  // severity, and its plain-words remarks, as warnings.
  z.object({ ...base, kind: z.literal('plan'), problem: PlanProblem }),
  z.object({ ...base, kind: z.literal('plan_note'), text: z.string() }),
]);
export type RowProblem = z.infer<typeof RowProblem>;
export type RowProblemKind = RowProblem['kind'];

/** Fixed per kind (a `plan` problem keeps the compiler's severity); a kind missing here fails to compile. */
export const SEVERITY: Record<Exclude<RowProblemKind, 'plan'>, Severity> = {
  property_wrong_type: 'error',
  missing_name: 'error',
  unknown_state: 'error',
  unknown_mode: 'error',
  // Lessons are a help, not the run: an unknown value learns as Automatic would.
  unknown_learning: 'warning',
  schedule_invalid: 'error',
  schedule_unsupported: 'error',
  schedule_never_runs: 'error',
  time_zone_invalid: 'error',
  nothing_starts_it: 'error',
  watch_folder_invalid: 'error',
  output_folder_invalid: 'error',
  output_page_invalid: 'error',
  no_output_destination: 'error',
  trial_link_invalid: 'error',
  // A Trial run still drafts and is reviewed; only where its output lands, or the comparison, is missing.
  trial_without_destination: 'warning',
  human_version_invalid: 'warning',
  reviewer_not_person: 'error',
  reviewer_several: 'warning',
  no_reviewer: 'warning',
  reviewer_required: 'error',
  schedule_too_frequent: 'warning',
  remind_after_invalid: 'warning',
  if_nobody_reviews_unknown: 'warning',
  trigger_unreadable: 'error',
  trigger_link_not_database: 'error',
  trigger_folder_invalid: 'error',
  trigger_folder_conflict: 'error',
  trigger_several: 'error',
  chain_self: 'error',
  body_truncated: 'warning',
  unknown_section: 'warning',
  duplicate_section: 'warning',
  no_goal: 'error',
  too_many_steps: 'error',
  step_number_duplicate: 'error',
  step_number_gap: 'warning',
  context_link_unsupported: 'warning',
  context_no_link: 'warning',
  context_unresolved: 'warning',
  trigger_file_without_watch_folder: 'warning',
  output_template_no_headings: 'warning',
  step_person_ambiguous: 'warning',
  people_unreadable: 'warning',
  link_not_shared: 'error',
  link_outside_allowed_roots: 'error',
  link_not_folder: 'error',
  page_trashed: 'error',
  link_parent_not_shared: 'error',
  link_is_database: 'error',
  trigger_property_missing: 'error',
  trigger_value_unknown: 'error',
  trigger_property_unsupported: 'error',
  chain_unknown_workflow: 'error',
  chain_loop: 'error',
  row_check_failed: 'error',
  plan_note: 'warning',
};

type WithoutSeverity<T> = T extends unknown ? Omit<T, 'severity'> : never;
export type RowProblemInput = WithoutSeverity<RowProblem>;

/** Makes a problem with its kind's severity: `rowProblem({ kind: 'missing_name' })`. */
export function rowProblem(input: RowProblemInput): RowProblem {
  const severity = input.kind === 'plan' ? input.problem.severity : SEVERITY[input.kind];
  return { ...input, severity } as RowProblem;
}

/** True when Baton must not run the row. */
export function hasErrors(problems: readonly RowProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
