// New files in watched Drive folders become runs, exactly once per (workflow, file).
//
// - A push notification is only a hint (drive.md gotcha 3): Baton reads the drive's change log
//   from its stored page token, and the tick reads it too, so a dropped, late, duplicated or
//   reordered push changes nothing but how soon a run starts.
// - One reader at a time advances a drive's page token (a D1 lease); a notification arriving
//   while the lease is held asks that reader to read once more. The token is saved only after
//   every change up to it was recorded, so a crash re-reads rather than skips.
// - The tick also lists each watched folder (one bounded files.list, newest first) against
//   what D1 has seen, for anything the change log did not bring.
// - A file is recorded as `settling` when first seen and admitted once it is ready
//   (drive-arrivals.ts). The run is claimed with the file id as its key, so two readers never
//   both start it.
import type { Services } from '../services';
import { requireDrive } from '../services';
import { DriveError, type DriveFile } from '../adapters/drive';
import type { SeenFile, StoredWatch } from '../adapters/trigger-store';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { admitEventRun, startNow } from './admit-event';
import { arrivalSkip, driveIdOf, readiness } from './drive-arrivals';

/** How long one reader may hold a drive's page token. */
const FEED_LEASE_MS = 60_000;
/** How long one caller keeps re-reading for notifications that arrived while it read. */
const MAX_READ_MS = 20_000;
/** The reconcile looks at this many of a folder's newest files. */
const RECONCILE_LIMIT = 50;

export interface ArrivalReport {
  /** Files newly recorded as having landed. */
  seen: number;
  /** Runs claimed. */
  admitted: string[];
  /** Files still being written (or empty), checked again later. */
  waiting: number;
}

export interface Watched {
  watch: StoredWatch;
  definition: WorkflowDefinition;
}

/** Watches whose baseline is taken, with the definitions they belong to: read once per tick or push. */
export async function watchedFolders(services: Services): Promise<Watched[]> {
  const active = new Map((await services.store.activeDefinitions()).map((d) => [d.page_id, d.definition_json]));
  const out: Watched[] = [];
  for (const watch of await services.triggers.watches()) {
    const definition = active.get(watch.workflow_page_id);
    if (watch.baseline_done && definition) out.push({ watch, definition });
  }
  return out;
}

/** Reads a drive's change log from its stored token and records the files that landed. */
export async function readDriveFeed(services: Services, driveKey: string, allWatched: Watched[], now: Date): Promise<ArrivalReport> {
  const report: ArrivalReport = { seen: 0, admitted: [], waiting: 0 };
  const { triggers } = services;
  if (!(await triggers.leaseFeed(driveKey, now, FEED_LEASE_MS))) return report;
  const drive = requireDrive(services);
  const watched = allWatched.filter((w) => w.watch.drive_key === driveKey);
  const started = Date.now();
  try {
    for (;;) {
      const feed = await triggers.feed(driveKey);
      if (!feed) return report;
      let token = feed.page_token;
      for (;;) {
        const page = await drive.listChanges(token, driveIdOf(driveKey));
        for (const change of page.changes) {
          if (change.file) await considerFile(services, watched, change.file, now, report);
          else await forgetEverywhere(services, watched, change.fileId);
        }
        if (page.newStartPageToken) {
          token = page.newStartPageToken;
          break;
        }
        if (!page.nextPageToken) break;
        token = page.nextPageToken;
      }
      // A notification that came during the read asks for another; past the time bound the
      // next reader (a later push, or the tick) takes it, as `pending` stays set.
      const again = await triggers.advanceFeed(driveKey, token, now);
      if (!again || Date.now() - started > MAX_READ_MS) return report;
      if (!(await triggers.leaseFeed(driveKey, now, FEED_LEASE_MS))) return report;
    }
  } catch (error) {
    await triggers.releaseFeed(driveKey);
    throw error;
  }
}

/** Lists each watched folder's newest files and records any the change log did not bring. */
export async function reconcileFolders(services: Services, watched: Watched[], now: Date): Promise<ArrivalReport> {
  const report: ArrivalReport = { seen: 0, admitted: [], waiting: 0 };
  const drive = requireDrive(services);
  for (const one of watched) {
    try {
      for (const file of await drive.listFolder(one.watch.folder_id, { newest: RECONCILE_LIMIT })) {
        if ((await services.triggers.seenFile(one.definition.pageId, file.id)) === null) await considerFile(services, [one], file, now, report);
      }
    } catch (error) {
      // One folder that cannot be listed never stops the others.
      console.warn(`drive reconcile: folder ${one.watch.folder_id} of ${one.definition.pageId} not listed: ${message(error)}`);
    }
  }
  return report;
}

/** Looks again at files still being written; admits those that are ready. */
export async function settleFiles(services: Services, allWatched: Watched[], now: Date): Promise<ArrivalReport> {
  const report: ArrivalReport = { seen: 0, admitted: [], waiting: 0 };
  const settling = await services.triggers.settlingFiles();
  if (settling.length === 0) return report;
  const drive = requireDrive(services);
  const watched = new Map(allWatched.map((w) => [w.definition.pageId, w]));
  for (const seen of settling) {
    const one = watched.get(seen.workflow_page_id);
    if (!one) continue;
    try {
      let file: DriveFile;
      try {
        file = await drive.getFile(seen.file_id);
      } catch (error) {
        if (error instanceof DriveError && error.notFound) {
          await services.triggers.forgetSeenFile(seen.workflow_page_id, seen.file_id);
          continue;
        }
        throw error;
      }
      await judge(services, one, file, seen, now, report);
    } catch (error) {
      console.warn(`drive settle: file ${seen.file_id} not checked yet: ${message(error)}`);
    }
  }
  return report;
}

async function considerFile(services: Services, watched: Watched[], file: DriveFile, now: Date, report: ArrivalReport): Promise<void> {
  for (const one of watched) {
    const skip = arrivalSkip(file, one.watch.folder_id);
    const seen = await services.triggers.seenFile(one.definition.pageId, file.id);
    if (skip !== null) {
      // Trashed or moved out before it settled: forget it, so coming back counts as landing.
      if (seen?.status === 'settling') await services.triggers.forgetSeenFile(one.definition.pageId, file.id);
      continue;
    }
    if (seen === null) {
      const added = await services.triggers.addSeenFile(
        { workflow_page_id: one.definition.pageId, file_id: file.id, status: 'settling', size: file.size, modified_time: file.modifiedTime },
        now,
      );
      if (!added) continue;
      report.seen++;
      await judge(services, one, file, null, now, report);
    } else if (seen.status === 'settling') {
      await judge(services, one, file, seen, now, report);
    }
  }
}

async function forgetEverywhere(services: Services, watched: Watched[], fileId: string): Promise<void> {
  for (const one of watched) await services.triggers.forgetSeenFile(one.definition.pageId, fileId);
}

/** Admits a settling file that is ready; otherwise keeps what it looks like now. */
async function judge(services: Services, one: Watched, file: DriveFile, seen: SeenFile | null, now: Date, report: ArrivalReport): Promise<void> {
  const current = { size: file.size, modifiedTime: file.modifiedTime };
  const previous = seen ? { size: seen.size, modifiedTime: seen.modified_time, observedAt: seen.observed_at } : null;
  const state = readiness(file, current, previous, now, services.config.driveSettleSeconds * 1000);
  if (state !== 'ready') {
    report.waiting++;
    // The settle clock restarts only when the file changed.
    if (seen && (seen.size !== current.size || seen.modified_time !== current.modifiedTime)) {
      await services.triggers.observeFile(one.definition.pageId, file.id, current.size, current.modifiedTime, now);
    }
    return;
  }
  // The run's unique key (workflow, drive, file id) decides who admits it; a crash before the
  // status below is written leaves a settling file whose claim is already taken.
  const runId = await admitEventRun(
    services,
    one.definition,
    {
      kind: 'drive',
      key: file.id,
      subject: { kind: 'drive_file', fileId: file.id, name: file.name, url: file.webViewLink, folderId: one.watch.folder_id },
      label: file.name,
    },
    now,
  );
  await services.triggers.admitFile(one.definition.pageId, file.id);
  if (runId === null) return;
  report.admitted.push(runId);
  await startNow(services, runId, one.definition.pageId, now);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
