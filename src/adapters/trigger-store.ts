// D1 access for event triggers: Drive change feeds and push channels, files seen in watched
// folders, Notion rows watched for a state, and pending Run now requests (migration 0004).
// Every claim is a compare-and-set or a unique key, so overlapping ticks and duplicate pushes
// agree on one winner.
import * as z from 'zod';
import { d1Rows } from './d1-rows';

export const StoredFeed = z.object({
  drive_key: z.string(),
  page_token: z.string(),
  lease_until: z.string().nullable(),
  pending: z.number(),
  push_problem: z.string().nullable(),
  updated_at: z.string(),
});
export type StoredFeed = z.infer<typeof StoredFeed>;

export const StoredChannel = z.object({
  channel_id: z.string(),
  drive_key: z.string(),
  resource_id: z.string(),
  token: z.string(),
  expiration: z.number(),
  created_at: z.string(),
});
export type StoredChannel = z.infer<typeof StoredChannel>;

export const StoredWatch = z.object({
  workflow_page_id: z.string(),
  folder_id: z.string(),
  drive_key: z.string(),
  baseline_done: z.number().transform((n) => n === 1),
  reconciled_at: z.string().nullable(),
  created_at: z.string(),
});
export type StoredWatch = z.infer<typeof StoredWatch>;

export const SeenStatus = z.enum(['present', 'settling', 'admitted']);
export type SeenStatus = z.infer<typeof SeenStatus>;

export const SeenFile = z.object({
  workflow_page_id: z.string(),
  file_id: z.string(),
  status: SeenStatus,
  size: z.string().nullable(),
  modified_time: z.string().nullable(),
  observed_at: z.string(),
});
export type SeenFile = z.infer<typeof SeenFile>;

export const StoredNotionWatch = z.object({
  workflow_page_id: z.string(),
  spec_key: z.string(),
  data_source_id: z.string(),
  baseline_done: z.number().transform((n) => n === 1),
  checked_until: z.string().nullable(),
  created_at: z.string(),
});
export type StoredNotionWatch = z.infer<typeof StoredNotionWatch>;

export interface TriggerStore {
  feed(driveKey: string): Promise<StoredFeed | null>;
  /** Creates the feed with its first page token; false when it already existed (the stored token wins). */
  createFeed(driveKey: string, pageToken: string, now: Date): Promise<boolean>;
  feeds(): Promise<StoredFeed[]>;
  deleteFeed(driveKey: string): Promise<void>;
  /** Takes the feed's reader lease; false (and `pending` set) when another reader holds it. */
  leaseFeed(driveKey: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Moves the token on and releases the lease; returns whether a notification asked for another read meanwhile. */
  advanceFeed(driveKey: string, pageToken: string, now: Date): Promise<boolean>;
  releaseFeed(driveKey: string): Promise<void>;
  setPushProblem(driveKey: string, problem: string | null): Promise<void>;

  channel(channelId: string): Promise<StoredChannel | null>;
  channels(driveKey?: string): Promise<StoredChannel[]>;
  saveChannel(channel: StoredChannel): Promise<void>;
  deleteChannel(channelId: string): Promise<void>;

  watches(): Promise<StoredWatch[]>;
  saveWatch(workflowPageId: string, folderId: string, driveKey: string, now: Date): Promise<void>;
  markBaselineDone(workflowPageId: string, now: Date): Promise<void>;
  deleteWatch(workflowPageId: string): Promise<void>;

  seenFile(workflowPageId: string, fileId: string): Promise<SeenFile | null>;
  /** Records a file the first time it is seen for a workflow; false when it was seen before. */
  addSeenFile(file: Omit<SeenFile, 'observed_at'>, now: Date): Promise<boolean>;
  /** Records files already in the folder when the watch began (they start nothing). */
  addPresentFiles(workflowPageId: string, fileIds: string[], now: Date): Promise<void>;
  observeFile(workflowPageId: string, fileId: string, size: string | null, modifiedTime: string | null, now: Date): Promise<void>;
  settlingFiles(): Promise<SeenFile[]>;
  /** settling → admitted, once. */
  admitFile(workflowPageId: string, fileId: string): Promise<boolean>;
  forgetSeenFile(workflowPageId: string, fileId: string): Promise<void>;

  notionWatch(workflowPageId: string): Promise<StoredNotionWatch | null>;
  notionWatches(): Promise<StoredNotionWatch[]>;
  /** Starts (or restarts, when the trigger changed) a watch; its baseline is still to be taken. */
  saveNotionWatch(workflowPageId: string, specKey: string, dataSourceId: string, now: Date): Promise<void>;
  finishNotionBaseline(workflowPageId: string, checkedUntil: string): Promise<void>;
  setNotionCheckedUntil(workflowPageId: string, checkedUntil: string): Promise<void>;
  deleteNotionWatch(workflowPageId: string): Promise<void>;
  /**
   * Records whether a row is in the trigger's state. Returns true only for the caller that moved
   * it into the state (from out of it or unknown), i.e. the one that may claim a run.
   */
  enterRowState(workflowPageId: string, rowId: string, enteredAt: string, now: Date): Promise<boolean>;
  leaveRowState(workflowPageId: string, rowId: string, now: Date): Promise<void>;
  /** Whether the row is in the state and since when (null entered_at: since before the watch began). */
  rowState(workflowPageId: string, rowId: string): Promise<{ in_state: number; entered_at: string | null } | null>;
  /** Baseline: rows already in the state when the watch began start nothing. */
  markRowsInState(workflowPageId: string, rowIds: string[], now: Date): Promise<void>;

  /** Claims a Run now for the row; false while an earlier one is still waiting for its checkbox to be cleared. */
  claimRunNow(workflowPageId: string, triggerKey: string, now: Date): Promise<boolean>;
  runNowRequest(workflowPageId: string): Promise<{ trigger_key: string } | null>;
  finishRunNow(workflowPageId: string): Promise<void>;
}

export function createTriggerStore(db: D1Database): TriggerStore {
  const { one, all } = d1Rows(db);
  const changed = async (sql: string, ...args: unknown[]) => (await db.prepare(sql).bind(...args).run()).meta.changes > 0;

  return {
    feed: (driveKey) => one(StoredFeed, 'SELECT * FROM drive_feeds WHERE drive_key = ?', driveKey),
    createFeed: (driveKey, pageToken, now) =>
      changed('INSERT OR IGNORE INTO drive_feeds (drive_key, page_token, updated_at) VALUES (?1, ?2, ?3)', driveKey, pageToken, now.toISOString()),
    feeds: () => all(StoredFeed, 'SELECT * FROM drive_feeds ORDER BY drive_key'),
    async deleteFeed(driveKey) {
      await db.prepare('DELETE FROM drive_feeds WHERE drive_key = ?').bind(driveKey).run();
    },
    async leaseFeed(driveKey, now, leaseMs) {
      const take = () =>
        changed(
          `UPDATE drive_feeds SET lease_until = ?3, pending = 0 WHERE drive_key = ?1 AND (lease_until IS NULL OR lease_until < ?2)`,
          driveKey,
          now.toISOString(),
          new Date(now.getTime() + leaseMs).toISOString(),
        );
      if (await take()) return true;
      await db.prepare('UPDATE drive_feeds SET pending = 1 WHERE drive_key = ?').bind(driveKey).run();
      // The holder may have released the lease (and read `pending` as 0) between the two
      // statements above; then nobody would read again, so try once more.
      return take();
    },
    async advanceFeed(driveKey, pageToken, now) {
      // One transaction: the release and the read of `pending` cannot be split by a notifier.
      const [, read] = await db.batch([
        db.prepare('UPDATE drive_feeds SET page_token = ?2, lease_until = NULL, updated_at = ?3 WHERE drive_key = ?1').bind(driveKey, pageToken, now.toISOString()),
        db.prepare('SELECT pending FROM drive_feeds WHERE drive_key = ?1').bind(driveKey),
      ]);
      const row = (read?.results[0] ?? null) as { pending?: number } | null;
      return row?.pending === 1;
    },
    async releaseFeed(driveKey) {
      await db.prepare('UPDATE drive_feeds SET lease_until = NULL WHERE drive_key = ?').bind(driveKey).run();
    },
    async setPushProblem(driveKey, problem) {
      await db.prepare('UPDATE drive_feeds SET push_problem = ?2 WHERE drive_key = ?1').bind(driveKey, problem).run();
    },

    channel: (channelId) => one(StoredChannel, 'SELECT * FROM drive_channels WHERE channel_id = ?', channelId),
    channels: (driveKey) =>
      driveKey === undefined
        ? all(StoredChannel, 'SELECT * FROM drive_channels ORDER BY expiration')
        : all(StoredChannel, 'SELECT * FROM drive_channels WHERE drive_key = ? ORDER BY expiration', driveKey),
    async saveChannel(c) {
      await db
        .prepare('INSERT OR REPLACE INTO drive_channels (channel_id, drive_key, resource_id, token, expiration, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)')
        .bind(c.channel_id, c.drive_key, c.resource_id, c.token, c.expiration, c.created_at)
        .run();
    },
    async deleteChannel(channelId) {
      await db.prepare('DELETE FROM drive_channels WHERE channel_id = ?').bind(channelId).run();
    },

    watches: () => all(StoredWatch, 'SELECT * FROM drive_watches ORDER BY workflow_page_id'),
    async saveWatch(workflowPageId, folderId, driveKey, now) {
      // A new folder for the workflow starts again from a fresh baseline.
      await db.batch([
        db
          .prepare(
            `INSERT INTO drive_watches (workflow_page_id, folder_id, drive_key, baseline_done, created_at) VALUES (?1, ?2, ?3, 0, ?4)
             ON CONFLICT(workflow_page_id) DO UPDATE SET folder_id = ?2, drive_key = ?3, baseline_done = 0, reconciled_at = NULL, created_at = ?4`,
          )
          .bind(workflowPageId, folderId, driveKey, now.toISOString()),
        db.prepare("DELETE FROM drive_files_seen WHERE workflow_page_id = ?1 AND status != 'admitted'").bind(workflowPageId),
      ]);
    },
    async markBaselineDone(workflowPageId, now) {
      await db.prepare('UPDATE drive_watches SET baseline_done = 1, reconciled_at = ?2 WHERE workflow_page_id = ?1').bind(workflowPageId, now.toISOString()).run();
    },
    async deleteWatch(workflowPageId) {
      await db.batch([
        db.prepare('DELETE FROM drive_watches WHERE workflow_page_id = ?').bind(workflowPageId),
        db.prepare("DELETE FROM drive_files_seen WHERE workflow_page_id = ? AND status != 'admitted'").bind(workflowPageId),
      ]);
    },

    seenFile: (workflowPageId, fileId) => one(SeenFile, 'SELECT * FROM drive_files_seen WHERE workflow_page_id = ?1 AND file_id = ?2', workflowPageId, fileId),
    addSeenFile: (f, now) =>
      changed(
        'INSERT OR IGNORE INTO drive_files_seen (workflow_page_id, file_id, status, size, modified_time, observed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
        f.workflow_page_id,
        f.file_id,
        f.status,
        f.size,
        f.modified_time,
        now.toISOString(),
      ),
    async addPresentFiles(workflowPageId, fileIds, now) {
      if (fileIds.length === 0) return;
      const insert = db.prepare(
        "INSERT OR IGNORE INTO drive_files_seen (workflow_page_id, file_id, status, observed_at) VALUES (?1, ?2, 'present', ?3)",
      );
      await db.batch(fileIds.map((id) => insert.bind(workflowPageId, id, now.toISOString())));
    },
    async observeFile(workflowPageId, fileId, size, modifiedTime, now) {
      await db
        .prepare(
          "UPDATE drive_files_seen SET size = ?3, modified_time = ?4, observed_at = ?5 WHERE workflow_page_id = ?1 AND file_id = ?2 AND status = 'settling'",
        )
        .bind(workflowPageId, fileId, size, modifiedTime, now.toISOString())
        .run();
    },
    settlingFiles: () => all(SeenFile, "SELECT * FROM drive_files_seen WHERE status = 'settling' ORDER BY observed_at"),
    admitFile: (workflowPageId, fileId) =>
      changed("UPDATE drive_files_seen SET status = 'admitted' WHERE workflow_page_id = ?1 AND file_id = ?2 AND status = 'settling'", workflowPageId, fileId),
    async forgetSeenFile(workflowPageId, fileId) {
      await db.prepare("DELETE FROM drive_files_seen WHERE workflow_page_id = ?1 AND file_id = ?2 AND status = 'settling'").bind(workflowPageId, fileId).run();
    },

    notionWatch: (workflowPageId) => one(StoredNotionWatch, 'SELECT * FROM notion_watches WHERE workflow_page_id = ?', workflowPageId),
    notionWatches: () => all(StoredNotionWatch, 'SELECT * FROM notion_watches ORDER BY workflow_page_id'),
    async saveNotionWatch(workflowPageId, specKey, dataSourceId, now) {
      await db.batch([
        db
          .prepare(
            `INSERT INTO notion_watches (workflow_page_id, spec_key, data_source_id, baseline_done, created_at) VALUES (?1, ?2, ?3, 0, ?4)
             ON CONFLICT(workflow_page_id) DO UPDATE SET spec_key = ?2, data_source_id = ?3, baseline_done = 0, checked_until = NULL, created_at = ?4`,
          )
          .bind(workflowPageId, specKey, dataSourceId, now.toISOString()),
        db.prepare('DELETE FROM notion_row_states WHERE workflow_page_id = ?').bind(workflowPageId),
      ]);
    },
    async finishNotionBaseline(workflowPageId, checkedUntil) {
      await db.prepare('UPDATE notion_watches SET baseline_done = 1, checked_until = ?2 WHERE workflow_page_id = ?1').bind(workflowPageId, checkedUntil).run();
    },
    async setNotionCheckedUntil(workflowPageId, checkedUntil) {
      await db.prepare('UPDATE notion_watches SET checked_until = ?2 WHERE workflow_page_id = ?1').bind(workflowPageId, checkedUntil).run();
    },
    async deleteNotionWatch(workflowPageId) {
      await db.batch([
        db.prepare('DELETE FROM notion_watches WHERE workflow_page_id = ?').bind(workflowPageId),
        db.prepare('DELETE FROM notion_row_states WHERE workflow_page_id = ?').bind(workflowPageId),
      ]);
    },
    async enterRowState(workflowPageId, rowId, enteredAt, now) {
      const [inserted, moved] = await db.batch([
        db
          .prepare('INSERT OR IGNORE INTO notion_row_states (workflow_page_id, row_id, in_state, entered_at, updated_at) VALUES (?1, ?2, 1, ?3, ?4)')
          .bind(workflowPageId, rowId, enteredAt, now.toISOString()),
        // Runs only when the insert found a row (changes() = 0): out of the state → in it.
        db
          .prepare('UPDATE notion_row_states SET in_state = 1, entered_at = ?3, updated_at = ?4 WHERE workflow_page_id = ?1 AND row_id = ?2 AND in_state = 0 AND changes() = 0')
          .bind(workflowPageId, rowId, enteredAt, now.toISOString()),
      ]);
      return (inserted?.meta.changes ?? 0) + (moved?.meta.changes ?? 0) > 0;
    },
    async leaveRowState(workflowPageId, rowId, now) {
      await db
        .prepare(
          `INSERT INTO notion_row_states (workflow_page_id, row_id, in_state, updated_at) VALUES (?1, ?2, 0, ?3)
           ON CONFLICT(workflow_page_id, row_id) DO UPDATE SET in_state = 0, updated_at = ?3`,
        )
        .bind(workflowPageId, rowId, now.toISOString())
        .run();
    },
    rowState: (workflowPageId, rowId) =>
      one(
        z.object({ in_state: z.number(), entered_at: z.string().nullable() }),
        'SELECT in_state, entered_at FROM notion_row_states WHERE workflow_page_id = ?1 AND row_id = ?2',
        workflowPageId,
        rowId,
      ),
    async markRowsInState(workflowPageId, rowIds, now) {
      if (rowIds.length === 0) return;
      const insert = db.prepare(
        'INSERT OR IGNORE INTO notion_row_states (workflow_page_id, row_id, in_state, entered_at, updated_at) VALUES (?1, ?2, 1, NULL, ?3)',
      );
      await db.batch(rowIds.map((id) => insert.bind(workflowPageId, id, now.toISOString())));
    },

    claimRunNow: (workflowPageId, triggerKey, now) =>
      changed('INSERT OR IGNORE INTO run_now_requests (workflow_page_id, trigger_key, created_at) VALUES (?1, ?2, ?3)', workflowPageId, triggerKey, now.toISOString()),
    runNowRequest: (workflowPageId) =>
      one(z.object({ trigger_key: z.string() }), 'SELECT trigger_key FROM run_now_requests WHERE workflow_page_id = ?', workflowPageId),
    async finishRunNow(workflowPageId) {
      await db.prepare('DELETE FROM run_now_requests WHERE workflow_page_id = ?').bind(workflowPageId).run();
    },
  };
}
