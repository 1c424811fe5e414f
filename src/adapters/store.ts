// D1 access for the worker's own index. The only module that writes SQL; rows are parsed
// with zod on the way out like any other upstream data.
import * as z from 'zod';
import { d1Rows } from './d1-rows';
import { RunStatus, transition } from '../domain/run-status';
import { TriggerKind } from '../domain/run';
import { WorkflowDefinition } from '../domain/workflow-definition';
import { LastTrigger, TriggerSubject } from '../domain/trigger-subject';

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .nullable()
    .transform((s): z.output<T> | null => (s === null ? null : schema.parse(JSON.parse(s))));

export const StoredRun = z.object({
  run_id: z.string(),
  workflow_page_id: z.string(),
  run_page_id: z.string().nullable(),
  trigger_kind: TriggerKind,
  trigger_key: z.string(),
  scheduled_for: z.string().nullable(),
  status: RunStatus,
  started: z.number().transform((n) => n === 1),
  start_lease_until: z.string().nullable(),
  reviewer_id: z.string().nullable(),
  review_round: z.number(),
  definition_json: z.string().transform((s) => WorkflowDefinition.parse(JSON.parse(s))),
  created_at: z.string(),
  updated_at: z.string(),
  heartbeat_at: z.string().nullable(),
  restarts: z.number(),
  failure_reason: z.string().nullable(),
  tokens: z.number(),
  trigger_subject: json(TriggerSubject),
});
export type StoredRun = z.infer<typeof StoredRun>;

export const StoredDefinition = z.object({
  page_id: z.string(),
  name: z.string(),
  state: z.string(),
  content_hash: z.string(),
  definition_json: z
    .string()
    .nullable()
    .transform((s) => (s === null ? null : WorkflowDefinition.parse(JSON.parse(s)))),
  runnable: z.number().transform((n) => n === 1),
  health: z.string(),
  next_run: z.string().nullable(),
  in_trash: z.number().transform((n) => n === 1),
  last_failure: z.string().nullable(),
  synced_at: z.string(),
  /** RowProblem[] as the last sync found them (the registry parses them with its schema). */
  problems_json: json(z.array(z.unknown())),
  last_trigger_json: json(LastTrigger),
  /** The page's accepted lessons as Baton last had the page in hand (migration 0005); null = unknown. */
  page_lessons_json: json(z.array(z.string())).optional().transform((v) => v ?? null),
});
export type StoredDefinition = z.infer<typeof StoredDefinition>;

export interface DefinitionRecord {
  pageId: string;
  name: string;
  state: string;
  contentHash: string;
  definition: WorkflowDefinition | null;
  runnable: boolean;
  health: string;
  nextRun: string | null;
  /** The row's problems (RowProblem[]), kept so Health can be recomputed without reading the row. */
  problems: readonly unknown[];
  /** The page's accepted lessons as just read; absent when the page was not read. */
  pageLessons?: readonly string[];
}

export const PublishedOutput = z.object({ title: z.string(), url: z.string().nullable(), markdown: z.string() });
export type PublishedOutput = z.infer<typeof PublishedOutput>;
export const PUBLISHED_ARTIFACT = 'published';

export interface NewRun {
  runId: string;
  workflowPageId: string;
  triggerKind: TriggerKind;
  triggerKey: string;
  scheduledFor: string | null;
  reviewerId: string | null;
  definition: WorkflowDefinition;
  /** What started it when it was not the clock. */
  subject?: TriggerSubject | null;
}

export interface Store {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string, now: Date): Promise<void>;

  /** A person changed this Workflows row (a webhook said so): read it next sync whatever the last editor. */
  markRowDirty(pageId: string, now: Date): Promise<void>;
  takeDirtyRows(): Promise<string[]>;

  getDefinition(pageId: string): Promise<StoredDefinition | null>;
  saveDefinition(record: DefinitionRecord, now: Date): Promise<void>;
  /** Active, runnable, not trashed definitions. */
  activeDefinitions(): Promise<(StoredDefinition & { definition_json: WorkflowDefinition })[]>;
  definitionIds(): Promise<string[]>;
  markTrashed(pageId: string, now: Date): Promise<void>;
  setNextRun(pageId: string, nextRun: string | null): Promise<void>;
  setLastFailure(pageId: string, reason: string | null): Promise<void>;
  setLastTrigger(pageId: string, last: LastTrigger): Promise<void>;
  /** The Health text Baton last wrote on the row (registry/row-health.ts rewrites it after a trigger). */
  setHealth(pageId: string, health: string): Promise<void>;
  /** The page's accepted lessons after Baton's own write to it (the learn step). */
  setPageLessons(pageId: string, lessons: readonly string[]): Promise<void>;

  /** Claims (workflow, slot) and records the run in one batch; false when already claimed. */
  claimScheduledRun(slot: string, run: NewRun, now: Date): Promise<boolean>;
  /** Records a run for another trigger; false when that trigger already has a run. */
  claimRun(run: NewRun, now: Date): Promise<boolean>;
  getRun(runId: string): Promise<StoredRun | null>;
  getRunByPage(runPageId: string): Promise<StoredRun | null>;
  /** Runs whose Workflow instance has not been confirmed yet. */
  unstartedRuns(): Promise<StoredRun[]>;
  runsWithStatus(status: RunStatus): Promise<StoredRun[]>;
  /** Takes the right to start this run for `leaseMs`; false when another tick holds it. */
  leaseStart(runId: string, now: Date, leaseMs: number): Promise<boolean>;
  markStarted(runId: string, runPageId: string, now: Date): Promise<void>;
  setRunPage(runId: string, runPageId: string, now: Date): Promise<void>;
  /**
   * Compare-and-set: moves the run only when it is still in `from`. Throws on a move the run
   * status machine forbids (a bug, not a race).
   */
  moveRun(runId: string, from: RunStatus, to: RunStatus, now: Date, reviewRound?: number): Promise<boolean>;
  /** The person whose decision the open review takes: each review gate has its own. */
  setReviewer(runId: string, reviewerId: string): Promise<void>;
  /**
   * Compare-and-set of a review decision: Needs review → `to` only while the run is still in
   * `round`. A decision path that read the run before a later round opened can never move it.
   */
  decideRound(runId: string, round: number, to: 'Approved' | 'Changes requested', now: Date): Promise<boolean>;
  /**
   * Compare-and-set of a review nobody decided: Needs review → Failed or Expired, with the reason,
   * only while the run is still waiting in `round` — a decision taken meanwhile always wins.
   */
  closeRound(runId: string, round: number, to: 'Failed' | 'Expired', reason: string, now: Date): Promise<boolean>;
  /** A step of the run started: the watchdog's sign of life. */
  heartbeat(runId: string, now: Date): Promise<void>;
  /** Started runs not in a final state, for the watchdog. */
  liveRuns(): Promise<StoredRun[]>;
  /** Counts a restart by the watchdog; false when another tick already took this one. */
  countRestart(runId: string, seenRestarts: number, now: Date): Promise<boolean>;
  /** Moves a live run to Failed with its reason; false when it was already final. */
  failRun(runId: string, reason: string, now: Date): Promise<boolean>;
  /** Stores a completion's text once and counts its tokens with it; false when it was stored before. */
  putCompletion(runId: string, name: string, text: string, tokens: number, now: Date): Promise<boolean>;

  /** True the first time an event id is seen. */
  markEventProcessed(eventId: string, now: Date): Promise<boolean>;
  /** Forgets an event whose handling failed, so a redelivery is handled. */
  forgetEvent(eventId: string): Promise<void>;

  /** What the workflow's latest published run (other than this one) put out. */
  lastPublishedOutput(workflowPageId: string, excludingRunId: string): Promise<PublishedOutput | null>;

  putArtifact(runId: string, name: string, body: string, now: Date): Promise<void>;
  getArtifact(runId: string, name: string): Promise<string | null>;
  /** Stores an artifact only if absent: true for the one caller that stored it (a claim). */
  claimArtifact(runId: string, name: string, body: string, now: Date): Promise<boolean>;
  /** A JSON artifact parsed with its schema; null when absent. */
  getJson<T>(runId: string, name: string, schema: z.ZodType<T>): Promise<T | null>;
}

export function createStore(db: D1Database): Store {
  const { one, all } = d1Rows(db);
  const insertRun = (run: NewRun, now: Date) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO runs (run_id, workflow_page_id, trigger_kind, trigger_key, scheduled_for, status, reviewer_id, definition_json, created_at, updated_at, trigger_subject)
         VALUES (?1, ?2, ?3, ?4, ?5, 'Queued', ?6, ?7, ?8, ?8, ?9)`,
      )
      .bind(
        run.runId,
        run.workflowPageId,
        run.triggerKind,
        run.triggerKey,
        run.scheduledFor,
        run.reviewerId,
        JSON.stringify(run.definition),
        now.toISOString(),
        run.subject ? JSON.stringify(run.subject) : null,
      );

  const artifact = async (runId: string, name: string): Promise<string | null> => {
    const row = await db.prepare('SELECT body FROM artifacts WHERE run_id = ?1 AND name = ?2').bind(runId, name).first<{ body: string }>();
    return row?.body ?? null;
  };

  return {
    async getMeta(key) {
      const row = await db.prepare('SELECT value FROM meta WHERE key = ?').bind(key).first<{ value: string }>();
      return row?.value ?? null;
    },
    async setMeta(key, value, now) {
      await db
        .prepare('INSERT INTO meta (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3')
        .bind(key, value, now.toISOString())
        .run();
    },

    async markRowDirty(pageId, now) {
      await db
        .prepare("INSERT INTO meta (key, value, updated_at) VALUES ('dirty:' || ?1, ?1, ?2) ON CONFLICT(key) DO UPDATE SET updated_at = ?2")
        .bind(pageId, now.toISOString())
        .run();
    },
    async takeDirtyRows() {
      const { results } = await db.prepare("SELECT value FROM meta WHERE key LIKE 'dirty:%'").all<{ value: string }>();
      if (results.length > 0) await db.prepare("DELETE FROM meta WHERE key LIKE 'dirty:%'").run();
      return results.map((r) => r.value);
    },
    getDefinition: (pageId) => one(StoredDefinition, 'SELECT * FROM definitions WHERE page_id = ?', pageId),
    async saveDefinition(r, now) {
      await db
        .prepare(
          `INSERT INTO definitions (page_id, name, state, content_hash, definition_json, runnable, health, next_run, in_trash, synced_at, problems_json, page_lessons_json)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11)
           ON CONFLICT(page_id) DO UPDATE SET name = ?2, state = ?3, content_hash = ?4, definition_json = ?5, runnable = ?6,
             health = ?7, next_run = ?8, in_trash = 0, synced_at = ?9, problems_json = ?10, page_lessons_json = COALESCE(?11, page_lessons_json)`,
        )
        .bind(
          r.pageId,
          r.name,
          r.state,
          r.contentHash,
          r.definition ? JSON.stringify(r.definition) : null,
          r.runnable ? 1 : 0,
          r.health,
          r.nextRun,
          now.toISOString(),
          JSON.stringify(r.problems),
          r.pageLessons ? JSON.stringify(r.pageLessons) : null,
        )
        .run();
    },
    async setPageLessons(pageId, lessons) {
      await db.prepare('UPDATE definitions SET page_lessons_json = ?2 WHERE page_id = ?1').bind(pageId, JSON.stringify(lessons)).run();
    },
    async activeDefinitions() {
      const rows = await all(
        StoredDefinition,
        "SELECT * FROM definitions WHERE state = 'Active' AND runnable = 1 AND in_trash = 0 AND definition_json IS NOT NULL ORDER BY page_id",
      );
      return rows.filter((r): r is StoredDefinition & { definition_json: WorkflowDefinition } => r.definition_json !== null);
    },
    async definitionIds() {
      const { results } = await db.prepare('SELECT page_id FROM definitions WHERE in_trash = 0').all<{ page_id: string }>();
      return results.map((r) => r.page_id);
    },
    async markTrashed(pageId, now) {
      await db.prepare('UPDATE definitions SET in_trash = 1, synced_at = ?2 WHERE page_id = ?1').bind(pageId, now.toISOString()).run();
    },
    async setNextRun(pageId, nextRun) {
      await db.prepare('UPDATE definitions SET next_run = ?2 WHERE page_id = ?1').bind(pageId, nextRun).run();
    },
    async setLastFailure(pageId, reason) {
      await db.prepare('UPDATE definitions SET last_failure = ?2 WHERE page_id = ?1').bind(pageId, reason).run();
    },
    async setLastTrigger(pageId, last) {
      await db.prepare('UPDATE definitions SET last_trigger_json = ?2 WHERE page_id = ?1').bind(pageId, JSON.stringify(last)).run();
    },
    async setHealth(pageId, health) {
      await db.prepare('UPDATE definitions SET health = ?2 WHERE page_id = ?1').bind(pageId, health).run();
    },

    async claimScheduledRun(slot, run, now) {
      const [claim] = await db.batch([
        db
          .prepare('INSERT OR IGNORE INTO schedule_slots (workflow_page_id, slot, run_id, claimed_at) VALUES (?1, ?2, ?3, ?4)')
          .bind(run.workflowPageId, slot, run.runId, now.toISOString()),
        insertRun(run, now),
      ]);
      return (claim?.meta.changes ?? 0) === 1;
    },
    async claimRun(run, now) {
      const result = await insertRun(run, now).run();
      return result.meta.changes === 1;
    },
    getRun: (runId) => one(StoredRun, 'SELECT * FROM runs WHERE run_id = ?', runId),
    getRunByPage: (runPageId) => one(StoredRun, 'SELECT * FROM runs WHERE run_page_id = ?', runPageId),
    unstartedRuns: () => all(StoredRun, 'SELECT * FROM runs WHERE started = 0 ORDER BY created_at'),
    runsWithStatus: (status) => all(StoredRun, 'SELECT * FROM runs WHERE status = ? ORDER BY created_at', status),
    async leaseStart(runId, now, leaseMs) {
      const result = await db
        .prepare(
          `UPDATE runs SET start_lease_until = ?3 WHERE run_id = ?1 AND started = 0
             AND (start_lease_until IS NULL OR start_lease_until < ?2)`,
        )
        .bind(runId, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString())
        .run();
      return result.meta.changes === 1;
    },
    async markStarted(runId, runPageId, now) {
      await db.prepare('UPDATE runs SET started = 1, run_page_id = ?2, updated_at = ?3 WHERE run_id = ?1').bind(runId, runPageId, now.toISOString()).run();
    },
    async setRunPage(runId, runPageId, now) {
      await db.prepare('UPDATE runs SET run_page_id = ?2, updated_at = ?3 WHERE run_id = ?1').bind(runId, runPageId, now.toISOString()).run();
    },
    async moveRun(runId, from, to, now, reviewRound) {
      const check = transition(from, to);
      if (!check.ok) throw new Error(`Run ${runId}: ${check.reason}`);
      const result = await db
        .prepare('UPDATE runs SET status = ?3, updated_at = ?4, review_round = COALESCE(?5, review_round) WHERE run_id = ?1 AND status = ?2')
        .bind(runId, from, to, now.toISOString(), reviewRound ?? null)
        .run();
      return result.meta.changes === 1;
    },

    async setReviewer(runId, reviewerId) {
      await db.prepare('UPDATE runs SET reviewer_id = ?2 WHERE run_id = ?1').bind(runId, reviewerId).run();
    },

    async decideRound(runId, round, to, now) {
      const result = await db
        .prepare("UPDATE runs SET status = ?3, updated_at = ?4 WHERE run_id = ?1 AND status = 'Needs review' AND review_round = ?2")
        .bind(runId, round, to, now.toISOString())
        .run();
      return result.meta.changes === 1;
    },
    async closeRound(runId, round, to, reason, now) {
      const result = await db
        .prepare("UPDATE runs SET status = ?3, failure_reason = ?4, updated_at = ?5 WHERE run_id = ?1 AND status = 'Needs review' AND review_round = ?2")
        .bind(runId, round, to, reason, now.toISOString())
        .run();
      return result.meta.changes === 1;
    },
    async heartbeat(runId, now) {
      await db.prepare('UPDATE runs SET heartbeat_at = ?2 WHERE run_id = ?1').bind(runId, now.toISOString()).run();
    },
    liveRuns: () =>
      all(StoredRun, "SELECT * FROM runs WHERE started = 1 AND status NOT IN ('Published', 'Failed', 'Cancelled', 'Expired') ORDER BY created_at"),
    async countRestart(runId, seenRestarts, now) {
      const result = await db
        .prepare('UPDATE runs SET restarts = restarts + 1, heartbeat_at = ?3, updated_at = ?3 WHERE run_id = ?1 AND restarts = ?2')
        .bind(runId, seenRestarts, now.toISOString())
        .run();
      return result.meta.changes === 1;
    },
    async failRun(runId, reason, now) {
      const result = await db
        .prepare("UPDATE runs SET status = 'Failed', failure_reason = ?2, updated_at = ?3 WHERE run_id = ?1 AND status NOT IN ('Published', 'Failed', 'Cancelled', 'Expired')")
        .bind(runId, reason, now.toISOString())
        .run();
      return result.meta.changes === 1;
    },
    async putCompletion(runId, name, text, tokens, now) {
      const [insert] = await db.batch([
        db.prepare('INSERT OR IGNORE INTO artifacts (run_id, name, body, created_at) VALUES (?1, ?2, ?3, ?4)').bind(runId, name, text, now.toISOString()),
        // Counted only when the insert above took place (changes() is the last statement's count).
        db.prepare('UPDATE runs SET tokens = tokens + ?2 WHERE run_id = ?1 AND changes() = 1').bind(runId, tokens),
      ]);
      return (insert?.meta.changes ?? 0) === 1;
    },
    async markEventProcessed(eventId, now) {
      const result = await db.prepare('INSERT OR IGNORE INTO processed_events (event_id, received_at) VALUES (?1, ?2)').bind(eventId, now.toISOString()).run();
      return result.meta.changes === 1;
    },

    async forgetEvent(eventId) {
      await db.prepare('DELETE FROM processed_events WHERE event_id = ?').bind(eventId).run();
    },
    async lastPublishedOutput(workflowPageId, excludingRunId) {
      const row = await db
        .prepare(
          `SELECT a.body FROM runs r JOIN artifacts a ON a.run_id = r.run_id AND a.name = ?3
           WHERE r.workflow_page_id = ?1 AND r.status = 'Published' AND r.run_id != ?2 ORDER BY r.created_at DESC LIMIT 1`,
        )
        .bind(workflowPageId, excludingRunId, PUBLISHED_ARTIFACT)
        .first<{ body: string }>();
      return row ? PublishedOutput.parse(JSON.parse(row.body)) : null;
    },
    async putArtifact(runId, name, body, now) {
      await db
        .prepare('INSERT INTO artifacts (run_id, name, body, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(run_id, name) DO UPDATE SET body = ?3')
        .bind(runId, name, body, now.toISOString())
        .run();
    },
    getArtifact: artifact,
    async claimArtifact(runId, name, body, now) {
      const result = await db.prepare('INSERT OR IGNORE INTO artifacts (run_id, name, body, created_at) VALUES (?1, ?2, ?3, ?4)').bind(runId, name, body, now.toISOString()).run();
      return result.meta.changes === 1;
    },
    async getJson(runId, name, schema) {
      const body = await artifact(runId, name);
      return body === null ? null : schema.parse(JSON.parse(body));
    },
  };
}
