// D1 reads for the runs dashboard (GET /). One batch, so one round trip to D1 per page view:
// the workflows, the latest runs plus every live one, those runs' review and output records, and
// the latest lessons learned. No Notion or Drive call: the page shows what Baton already knows.
// Bodies that can be large (the published markdown) are cut down in SQL, never shipped here.
import * as z from 'zod';
import { RunStatus } from '../domain/run-status';
import { TriggerKind } from '../domain/run';
import { ChainTrigger, ContextReference, Person, RowTrigger } from '../domain/workflow-definition';

/** The part of a definition the dashboard shows; the rest of the JSON is ignored. */
const DefinitionView = z.object({
  name: z.string(),
  schedule: z.string().nullable().default(null),
  timeZone: z.string().default('UTC'),
  watchFolder: ContextReference.nullable().default(null),
  rowTrigger: RowTrigger.nullable().default(null),
  afterWorkflow: ChainTrigger.nullable().default(null),
  reviewer: Person.nullable().default(null),
  reviewPolicy: z.object({ reviewers: z.array(Person).default([]), backup: Person.nullable().default(null) }).partial().default({}),
  people: z.array(Person).default([]),
});
export type DefinitionView = z.infer<typeof DefinitionView>;

const definitionJson = z
  .string()
  .nullable()
  .transform((s) => (s === null ? null : DefinitionView.parse(JSON.parse(s))));

export const DashboardWorkflow = z.object({
  page_id: z.string(),
  name: z.string(),
  state: z.string(),
  health: z.string(),
  next_run: z.string().nullable(),
  last_failure: z.string().nullable(),
  definition_json: definitionJson,
});
export type DashboardWorkflow = z.infer<typeof DashboardWorkflow>;

export const DashboardRun = z.object({
  run_id: z.string(),
  workflow_page_id: z.string(),
  trigger_kind: TriggerKind,
  scheduled_for: z.string().nullable(),
  status: RunStatus,
  reviewer_id: z.string().nullable(),
  review_round: z.number(),
  definition_json: definitionJson.transform((d) => d ?? DefinitionView.parse({ name: 'Unknown workflow' })),
  created_at: z.string(),
  updated_at: z.string(),
  failure_reason: z.string().nullable(),
  tokens: z.number(),
});
export type DashboardRun = z.infer<typeof DashboardRun>;

export const DashboardArtifact = z.object({ run_id: z.string(), name: z.string(), body: z.string().nullable(), created_at: z.string() });
export type DashboardArtifact = z.infer<typeof DashboardArtifact>;

export const DashboardLesson = z.object({ run_id: z.string(), workflow_name: z.string().nullable(), body: z.string(), created_at: z.string() });
export type DashboardLesson = z.infer<typeof DashboardLesson>;

export interface DashboardRows {
  workflows: DashboardWorkflow[];
  /** Newest first: the latest `limit` runs, then any older run still live. */
  runs: DashboardRun[];
  /** opened-N, decision-N (decision and time only), published-page, published-doc*, published (its title only) of those runs. */
  artifacts: DashboardArtifact[];
  /** `lessons-learned` records, newest first. */
  lessons: DashboardLesson[];
}

const FINAL = "('Published', 'Failed', 'Cancelled', 'Expired')";

export async function readDashboard(db: D1Database, options: { runs: number; lessons: number }): Promise<DashboardRows> {
  const shown = `SELECT run_id FROM runs WHERE run_id IN (SELECT run_id FROM runs ORDER BY created_at DESC LIMIT ?1) OR status NOT IN ${FINAL}`;
  const [workflows, runs, artifacts, lessons] = await db.batch([
    db.prepare('SELECT page_id, name, state, health, next_run, last_failure, definition_json FROM definitions WHERE in_trash = 0 ORDER BY name, page_id'),
    db
      .prepare(
        `SELECT run_id, workflow_page_id, trigger_kind, scheduled_for, status, reviewer_id, review_round, definition_json, created_at, updated_at, failure_reason, tokens
         FROM runs WHERE run_id IN (${shown}) ORDER BY created_at DESC, run_id`,
      )
      .bind(options.runs),
    db
      .prepare(
        `SELECT run_id, name,
           CASE WHEN name = 'published' THEN json_extract(body, '$.title')
                WHEN name GLOB 'decision-*' THEN json_object('decision', json_extract(body, '$.decision'), 'at', json_extract(body, '$.at'))
                ELSE body END AS body,
           created_at
         FROM artifacts WHERE run_id IN (${shown})
           AND (name IN ('published', 'published-page') OR name GLOB 'opened-[0-9]*' OR name GLOB 'decision-[0-9]*'
                OR (name GLOB 'published-doc*' AND name NOT GLOB '*-sent'))`,
      )
      .bind(options.runs),
    db
      .prepare(
        `SELECT a.run_id, json_extract(r.definition_json, '$.name') AS workflow_name, a.body, a.created_at
         FROM artifacts a LEFT JOIN runs r ON r.run_id = a.run_id
         WHERE a.name = 'lessons-learned' AND a.body NOT IN ('[]', '') ORDER BY a.created_at DESC LIMIT ?1`,
      )
      .bind(options.lessons),
  ]);
  const rows = <T>(schema: z.ZodType<T>, result: D1Result | undefined) => (result?.results ?? []).map((r) => schema.parse(r));
  return {
    workflows: rows(DashboardWorkflow, workflows),
    runs: rows(DashboardRun, runs),
    artifacts: rows(DashboardArtifact, artifacts),
    lessons: rows(DashboardLesson, lessons),
  };
}
