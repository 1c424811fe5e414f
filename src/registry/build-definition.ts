// A Workflows row (page object + body markdown) → a WorkflowDefinition and every problem with it.
//
// Pure: `now` and the default time zone are passed in; no network, no storage, no clock.
//
// When is there a definition? Whenever the row has a name and a State, Mode and time zone
// Baton understands — those are the fields a definition cannot exist without. Other mistakes
// leave the definition in place (so the cache holds what the row says) with the faulty field
// set to null: an invalid schedule, a watch folder that is not a Drive folder, and so on never
// reach the engine as if they were valid. Callers must not run a row that has any
// error-severity problem (`hasErrors(problems)`); warnings are shown in Health and the row runs.
import { nextRun as nextScheduledRun, parseSchedule, shortestInterval, type Schedule } from '../schedule';
// Not re-exported by the schedule module's index (yet); the same check its parseSchedule makes.
import { readTimeZone } from '../schedule';
import {
  WorkflowDefinition,
  WorkflowLearning,
  WorkflowMode,
  WorkflowState,
  type ContextReference,
  type Person,
} from '../domain/workflow-definition';
import { parseBody } from './body-sections';
import { sameWorkflowName } from './chain-loop';
import { parseContextLine } from './context-reference';
import { definitionHash } from './definition-hash';
import { linkService } from './links';
import { rowProblem, type LinkFound, type RowProblem } from './row-problem';
import { readRowProperties, type RowProperties } from './row-properties';
import { readReviewProperties, reviewPolicyOf } from './review-properties';
import { readApprovalRule } from '../review/review-policy';
import { peopleNamedInSteps, type WorkspacePeople } from './step-people';
import { readTriggers } from './trigger-text';

/**
 * Bump when parsing changes meaning, so every cached definition is rebuilt: the sync reads every
 * row again once after a deploy that changes it (sync.ts). 3: Steps notes and people named in Steps.
 */
export const REGISTRY_PARSER_VERSION = 3;

export interface BuildDefinitionOptions {
  /** The row's page object, as Notion returned it. */
  page: unknown;
  /** The row's body, from GET /v1/pages/{id}/markdown. */
  markdown: string;
  /** That response's `truncated` flag. */
  truncated?: boolean;
  /** Used when the row's Time zone is empty (config DEFAULT_TIME_ZONE). */
  defaultTimeZone: string;
  /** The operator's REQUIRE_REVIEWER: a Live workflow without a Reviewer is then an error. */
  requireReviewer?: boolean;
  /**
   * The workspace's people (Notion's user list, read once per sync), for the names Steps write;
   * omitted = nobody. When Notion would not list them the row gets a warning and names nobody.
   */
  people?: WorkspacePeople;
  now: Date;
}

/** Runs closer together than this are worth a warning: each drafts with the model, and may ask for a review. */
export const MIN_QUIET_MINUTES = 15;

export interface BuiltDefinition {
  /** Null only when the name, State, Mode or time zone is missing or not understood. */
  definition: WorkflowDefinition | null;
  /** Property problems first, then the body's, each in the order found. */
  problems: RowProblem[];
  /** Lines of the Steps section that are not steps, for the plan compiler (also the definition's `stepNotes`). */
  notes: string[];
  /** The first scheduled slot after `now`; null without a valid schedule. */
  nextRun: Date | null;
  contentHash: string;
  /** The row's Run now box is ticked (a request to the sync, not part of the definition). */
  runNow: boolean;
}

export async function buildDefinition(options: BuildDefinitionOptions): Promise<BuiltDefinition> {
  const { properties: row, problems } = readRowProperties(options.page);
  const body = parseBody(options.markdown);

  if (row.name === '') problems.push(rowProblem({ kind: 'missing_name' }));
  const state = row.state === null ? 'Draft' : oneOf(WorkflowState.options, row.state);
  if (state === null) problems.push(rowProblem({ kind: 'unknown_state', value: row.state ?? '' }));
  const mode = row.mode === null ? 'Live' : oneOf(WorkflowMode.options, row.mode);
  if (mode === null) problems.push(rowProblem({ kind: 'unknown_mode', value: row.mode ?? '' }));
  const learning = row.learning === null ? 'Automatic' : oneOf(WorkflowLearning.options, row.learning);
  if (learning === null) problems.push(rowProblem({ kind: 'unknown_learning', value: row.learning ?? '' }));

  // A place name only: "EST" or "+01:00" would run an hour off for half the year.
  const zoneText = row.timeZone ?? options.defaultTimeZone;
  const zone = readTimeZone(zoneText);
  const timeZone = zone.ok ? zone.timeZone : null;
  if (!zone.ok) {
    problems.push(rowProblem({ kind: 'time_zone_invalid', value: zoneText, suggestion: zone.suggestion, defaultTimeZone: options.defaultTimeZone }));
  }
  // The date a skipping schedule ("every other Friday") counts from, unless it states one: the
  // row's creation date, in its time zone (UTC while the zone is wrong, already reported).
  const anchor = dateIn(row.createdTime, timeZone ?? 'UTC');
  const { schedule, nextRun } = readSchedule(row.schedule, timeZone, anchor, options, problems);

  let watchFolder = folderLink(row.watchFolder, 'watch_folder_invalid', problems);
  // What else starts it: the Trigger property's lines, then the body's Trigger section.
  const triggerTexts = [...(row.trigger === null ? [] : [row.trigger]), ...body.trigger];
  const triggers = readTriggers(triggerTexts);
  problems.push(...triggers.problems);
  if (triggers.folder) {
    if (row.watchFolder === null) watchFolder = triggers.folder;
    else if (watchFolder && watchFolder.kind === 'drive_folder' && watchFolder.id !== triggers.folder.id) {
      problems.push(rowProblem({ kind: 'trigger_folder_conflict', triggerUrl: triggers.folder.url, watchFolderUrl: watchFolder.url }));
    }
  }
  let afterWorkflow = triggers.afterWorkflow;
  if (afterWorkflow && row.name !== '' && sameWorkflowName(afterWorkflow.workflowName, row.name)) {
    problems.push(rowProblem({ kind: 'chain_self', name: afterWorkflow.workflowName }));
    afterWorkflow = null;
  }
  const rowTrigger = triggers.rowTrigger;
  const outputFolder = folderLink(row.outputFolder, 'output_folder_invalid', problems);
  const outputPage = pageLink(row.outputPage, problems);
  // Trial mode: a Trial page / Trial folder take the live destinations' place; a Human version is compared with.
  const trialPage = trialLink(row.trialPage, 'Trial page', problems);
  const trialFolder = trialLink(row.trialFolder, 'Trial folder', problems);
  const humanVersion = humanVersionLink(row.humanVersion, problems);
  const trialDestination = row.trialPage !== null || row.trialFolder !== null;
  if (mode === 'Trial' && !trialDestination) problems.push(rowProblem({ kind: 'trial_without_destination' }));
  if (row.outputFolder === null && row.outputPage === null && !(mode === 'Trial' && trialDestination)) problems.push(rowProblem({ kind: 'no_output_destination' }));
  const reviewer = readReviewer(row, problems);
  const review = readReviewProperties(options.page);
  problems.push(...review.problems);
  // Anyone who can edit the row can empty Reviewer; Health says so, and the operator can forbid it.
  // Trial runs never reach the live destinations, so only Live workflows with somewhere to publish do so unreviewed.
  const publishes = mode === 'Live' && (row.outputFolder !== null || row.outputPage !== null);
  if (row.reviewers.length === 0 && publishes) {
    problems.push(rowProblem({ kind: options.requireReviewer ? 'reviewer_required' : 'no_reviewer' }));
  }
  // Words that were meant to start it count even when they are wrong: their own problem says what to fix.
  const hasTrigger = triggerTexts.length > 0;
  if (state === 'Active' && row.schedule === null && row.watchFolder === null && !hasTrigger) problems.push(rowProblem({ kind: 'nothing_starts_it' }));

  if (options.truncated) problems.push(rowProblem({ kind: 'body_truncated' }));
  problems.push(...body.problems);
  // "The new file" / "the deal" / "the brief" is whatever started the run: a file, a row or the
  // upstream workflow's output. Only a workflow nothing of the kind starts has none.
  if (row.watchFolder === null && !hasTrigger) {
    for (const ref of body.context) {
      if (ref.kind === 'trigger_file') problems.push(rowProblem({ kind: 'trigger_file_without_watch_folder', line: ref.label }));
    }
  }

  // The people Steps name, from the workspace's list (names nobody when Notion would not list it).
  const workspace: WorkspacePeople = options.people ?? { ok: true, people: [] };
  const stepLines = [...body.steps.map((s) => s.text), ...body.notes];
  // Several reviewers who must all approve is what the row asks for, not a mistake to warn about.
  const several = problems.findIndex((p) => p.kind === 'reviewer_several');
  if (several >= 0 && readApprovalRule(stepLines) === 'all') problems.splice(several, 1);
  const named = peopleNamedInSteps(stepLines, workspace.ok ? workspace.people : []);
  problems.push(...named.problems);
  if (!workspace.ok && stepLines.length > 0) problems.push(rowProblem({ kind: 'people_unreadable', reason: workspace.reason, detail: workspace.detail }));

  // Run now is a request, not part of what the workflow is: ticking or clearing it changes no hash.
  // The people named come from the workspace, not the row, and change the plan: they are hashed
  // too, so one hash always means one plan.
  const { runNow, ...hashed } = row;
  const contentHash = await definitionHash({
    version: REGISTRY_PARSER_VERSION,
    properties: { ...hashed, timeZone: timeZone ?? row.timeZone },
    body: options.markdown.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim(),
    truncated: options.truncated ?? false,
    people: named.people,
    // Only rows that set a review property hash it, so every other row's hash stays as it was.
    ...(review.hashed ? { review: review.hashed } : {}),
  });

  const buildable = row.name !== '' && state !== null && mode !== null && timeZone !== null;
  const definition = buildable
    ? WorkflowDefinition.parse({
        pageId: row.pageId,
        name: row.name,
        state,
        schedule: schedule?.text ?? null,
        timeZone,
        watchFolder,
        rowTrigger,
        afterWorkflow,
        scheduleAnchor: schedule ? anchor : null,
        reviewer,
        reviewPolicy: reviewPolicyOf(review, row.reviewers.filter((r) => r.type === 'person' || r.type === 'unknown').map((r) => ({ id: r.id, name: r.name })), stepLines),
        outputFolder,
        outputPage,
        trialPage,
        trialFolder,
        humanVersion,
        mode,
        goal: body.goal,
        steps: body.steps,
        stepNotes: body.notes,
        people: named.people,
        context: body.context,
        outputTemplate: body.outputTemplate,
        lessons: body.lessons,
        learning: learning ?? 'Automatic',
        contentHash,
      } satisfies WorkflowDefinition)
    : null;
  return { definition, problems, notes: body.notes, nextRun, contentHash, runNow };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone; null without an instant. */
function dateIn(iso: string | null, timeZone: string): string | null {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function oneOf<T extends string>(options: readonly T[], value: string): T | null {
  return options.find((o) => o.toLowerCase() === value.trim().toLowerCase()) ?? null;
}

function readSchedule(
  text: string | null,
  timeZone: string | null,
  anchor: string | null,
  options: BuildDefinitionOptions,
  problems: RowProblem[],
): { schedule: Schedule | null; nextRun: Date | null } {
  if (text === null) return { schedule: null, nextRun: null };
  // With a bad time zone (already reported) the words are still checked, read in UTC.
  const parsed = parseSchedule(text, timeZone ?? 'UTC', anchor ? { anchor } : {});
  if (!parsed.ok) {
    const problem = parsed.problem;
    switch (problem.kind) {
      case 'schedule_invalid':
      case 'schedule_unsupported':
        problems.push(rowProblem({ kind: problem.kind, text, problem }));
        break;
      case 'schedule_too_long':
        problems.push(rowProblem({ kind: 'schedule_invalid', text, problem }));
        break;
      case 'time_zone_invalid':
        // Checked above with the same rule; reached only if the default time zone is refused.
        break;
    }
    return { schedule: null, nextRun: null };
  }
  if (timeZone === null) return { schedule: null, nextRun: null };
  const next = nextScheduledRun(parsed.schedule, options.now);
  if (next === null) {
    problems.push(rowProblem({ kind: 'schedule_never_runs', text }));
    return { schedule: null, nextRun: null };
  }
  const minutes = shortestInterval(parsed.schedule, options.now);
  if (minutes !== null && minutes < MIN_QUIET_MINUTES) problems.push(rowProblem({ kind: 'schedule_too_frequent', text, minutes }));
  return { schedule: parsed.schedule, nextRun: next };
}

function found(reference: ContextReference, value: string): LinkFound {
  switch (reference.kind) {
    case 'drive_folder':
    case 'drive_file':
    case 'notion_page':
      return reference.kind;
    case 'previous_output':
    case 'trigger_file':
    case 'described':
      if (/\s/.test(value.trim())) return 'not_a_link';
      if (linkService(value) !== 'other') return 'unreadable_link';
      return /^(https?:\/\/|www\.)/i.test(value.trim()) ? 'other_link' : 'not_a_link';
  }
}

function folderLink(
  value: string | null,
  kind: 'watch_folder_invalid' | 'output_folder_invalid',
  problems: RowProblem[],
): ContextReference | null {
  if (value === null) return null;
  const reference = parseContextLine(value, { driveOpenLinkAs: 'folder' });
  if (reference.kind === 'drive_folder') return reference;
  problems.push(rowProblem({ kind, value, found: found(reference, value) }));
  return null;
}

function pageLink(value: RowProperties['outputPage'], problems: RowProblem[]): ContextReference | null {
  if (value === null) return null;
  if (value.kind === 'page') return { kind: 'notion_page', id: value.id, url: value.url, label: value.url };
  const reference = parseContextLine(value.url);
  if (reference.kind === 'notion_page') return reference;
  problems.push(rowProblem({ kind: 'output_page_invalid', value: value.url, found: found(reference, value.url) }));
  return null;
}

/** A Trial page must be a Notion page link, a Trial folder a Drive folder link. */
function trialLink(value: string | null, field: 'Trial page' | 'Trial folder', problems: RowProblem[]): ContextReference | null {
  if (value === null) return null;
  const reference = parseContextLine(value, field === 'Trial folder' ? { driveOpenLinkAs: 'folder' } : {});
  if (reference.kind === (field === 'Trial page' ? 'notion_page' : 'drive_folder')) return reference;
  problems.push(rowProblem({ kind: 'trial_link_invalid', field, value, found: found(reference, value) }));
  return null;
}

/** The human version: a Notion page, a Google Doc (any Drive file) or a Drive folder. */
function humanVersionLink(value: string | null, problems: RowProblem[]): ContextReference | null {
  if (value === null) return null;
  const reference = parseContextLine(value);
  if (reference.kind === 'notion_page' || reference.kind === 'drive_file' || reference.kind === 'drive_folder') return reference;
  problems.push(rowProblem({ kind: 'human_version_invalid', value, found: found(reference, value) }));
  return null;
}

/** The first person is the reviewer; a bot or group is an error, more than one person a warning. */
function readReviewer(row: RowProperties, problems: RowProblem[]): Person | null {
  for (const r of row.reviewers) {
    if (r.type === 'bot' || r.type === 'group') problems.push(rowProblem({ kind: 'reviewer_not_person', name: r.name, type: r.type }));
  }
  const people = row.reviewers.filter((r) => r.type === 'person' || r.type === 'unknown');
  const first = people[0];
  if (!first) return null;
  if (people.length > 1) {
    const names = people.map((p) => p.name ?? 'someone');
    problems.push(rowProblem({ kind: 'reviewer_several', names, used: first.name ?? 'the first one' }));
  }
  return { id: first.id, name: first.name };
}
