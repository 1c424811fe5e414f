// What a Workflows row says, once parsed: properties plus the page body's sections.
import * as z from 'zod';

export const WorkflowState = z.enum(['Draft', 'Active', 'Paused']);
export type WorkflowState = z.infer<typeof WorkflowState>;

export const WorkflowMode = z.enum(['Live', 'Trial']);
export type WorkflowMode = z.infer<typeof WorkflowMode>;
/** What a reviewer's corrections become: lessons used at once, proposed for a person to tick, or nothing. */
export const WorkflowLearning = z.enum(['Automatic', 'Ask first', 'Off']);
export type WorkflowLearning = z.infer<typeof WorkflowLearning>;

/** A Notion person, as a row's People property holds them. */
export const Person = z.object({
  id: z.string(),
  name: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

/** Something a row's Context section (or a property) points at. */
export const ContextReference = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drive_folder'), id: z.string(), url: z.string(), label: z.string() }),
  z.object({ kind: z.literal('drive_file'), id: z.string(), url: z.string(), label: z.string() }),
  z.object({ kind: z.literal('notion_page'), id: z.string(), url: z.string(), label: z.string() }),
  /** "Last week's brief": the workflow's own last published output. */
  z.object({ kind: z.literal('previous_output'), label: z.string() }),
  /** "The new file": the Drive file that triggered the run. */
  z.object({ kind: z.literal('trigger_file'), label: z.string() }),
  /** A line that names a source without a link Baton can follow. */
  z.object({ kind: z.literal('described'), label: z.string() }),
]);
export type ContextReference = z.infer<typeof ContextReference>;

/**
 * "When a row in <Notion database> has <Property> = <value>" (the row's Trigger property or
 * Trigger section): a row of that database reaching the value starts a run.
 */
export const RowTrigger = z.object({
  /** The Notion database (not data source) id, dashed. */
  databaseId: z.string(),
  url: z.string(),
  /** The database's name as the row shows it, or its URL. */
  label: z.string(),
  /** The property name as written on the row (matched case-insensitively against the database). */
  property: z.string(),
  /** The value as written ("Closed won"); matched case-insensitively. */
  value: z.string(),
});
export type RowTrigger = z.infer<typeof RowTrigger>;

/** "When <workflow name> publishes": each published run of that workflow starts this one. */
export const ChainTrigger = z.object({
  /** The upstream workflow's Name, as written; resolved by name when a run publishes. */
  workflowName: z.string().min(1),
});
export type ChainTrigger = z.infer<typeof ChainTrigger>;

/**
 * Who reviews and how long a review may wait (review-policy.ts reads it at run time): every person
 * in Reviewer, the Backup reviewer, the row's creator as its owner, the Remind after delay as
 * written (null = one working day), what happens when nobody reviews, and whether any one
 * reviewer's approval is enough.
 */
export const ReviewPolicy = z.object({
  reviewers: z.array(Person).default([]),
  backup: Person.nullable().default(null),
  ownerId: z.string().nullable().default(null),
  remindAfter: z.string().nullable().default(null),
  ifNobodyReviews: z.enum(['Fail', 'Expire']).default('Fail'),
  approvalRule: z.enum(['any', 'all']).default('any'),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { reviewers: [], backup: null, ownerId: null, remindAfter: null, ifNobodyReviews: 'Fail', approvalRule: 'any' };

export const DefinitionStep = z.object({
  number: z.number().int().positive(),
  text: z.string().min(1),
});
export type DefinitionStep = z.infer<typeof DefinitionStep>;

export const WorkflowDefinition = z.object({
  /** The Notion page id of the Workflows row. */
  pageId: z.string(),
  name: z.string().min(1),
  state: WorkflowState,
  /** Cron expression or plain language, as written; null when the row has no schedule. */
  schedule: z.string().nullable(),
  /** IANA time zone the schedule is read in. */
  timeZone: z.string(),
  watchFolder: ContextReference.nullable(),
  // Defaults keep definitions cached before these fields existed readable.
  rowTrigger: RowTrigger.nullable().default(null),
  afterWorkflow: ChainTrigger.nullable().default(null),
  /**
   * The first date a skipping schedule ("every other Friday") counts from, as YYYY-MM-DD in the
   * row's time zone: the date the row states ("starting 4 Dec") or, if none, the row's creation date.
   */
  scheduleAnchor: z.string().nullable().default(null),
  reviewer: Person.nullable(),
  reviewPolicy: ReviewPolicy.default(DEFAULT_REVIEW_POLICY),
  outputFolder: ContextReference.nullable(),
  outputPage: ContextReference.nullable(),
  /** Where a Trial workflow publishes instead (Trial page: a Notion page; Trial folder: a Drive folder). */
  trialPage: ContextReference.nullable().default(null),
  trialFolder: ContextReference.nullable().default(null),
  /** The human-made version a trial output is compared with: a page or Doc, or where they land. */
  humanVersion: ContextReference.nullable().default(null),
  mode: WorkflowMode,
  goal: z.string(),
  steps: z.array(DefinitionStep),
  /**
   * The lines of the Steps section that are not steps, in order ("Steps 2, 3 and 4 only need the
   * article, so they can run at the same time."): the plan compiler reads them beside the steps.
   */
  stepNotes: z.array(z.string()).default([]),
  /**
   * The workspace's people whose name a line of Steps writes ("Priya reviews it", "Legal (Alex)
   * checks step 3"), resolved at sync from Notion's user list; empty when Baton cannot read it.
   */
  people: z.array(Person).default([]),
  context: z.array(ContextReference),
  outputTemplate: z.string().nullable(),
  /** The Learning property; Automatic when the row has none. */
  learning: WorkflowLearning.default('Automatic'),
  lessons: z.array(z.string()),
  /** Hash of everything above; a row whose hash did not change is not re-processed. */
  contentHash: z.string(),
});
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
