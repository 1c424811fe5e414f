// The tick's Drive trigger upkeep: watches for each Active workflow's Watch folder, one change
// feed and one push channel per drive that holds one, and the reconcile.
//
// - changes.watch per drive, not files.watch per folder: files.watch sends nothing for files in
//   shared drives (drive.md §2), and a moved-in file is a change to the drive's log.
// - A watch begins by storing the drive's start page token, then recording the files already in
//   the folder as present, so setting one up never runs the old files.
// - Channels are renewed before they expire: there is no renew call, so a new channel (new id,
//   new random token) is opened, then the old one stopped with channels.stop (drive.md §1). Its
//   expiration is taken from Google's answer, never assumed.
// - A drive no row watches any more has its channels stopped and its feed dropped.
// - Without PUBLIC_URL there is nowhere for Google to push to: feeds are read on the tick only,
//   and the row's Health says so (row-health.ts).
// - One workflow or drive that fails never stops the others.
import type { Services } from '../services';
import { requireDrive } from '../services';
import { DriveError } from '../adapters/drive';
import type { StoredChannel } from '../adapters/trigger-store';
import { driveIdOf, driveKeyOf } from './drive-arrivals';
import { readDriveFeed, reconcileFolders, settleFiles, watchedFolders, type ArrivalReport } from './drive-files';
import { refreshHealth } from '../registry/row-health';

/** Google grants changes channels at most a week (drive.md §1); Baton asks for that. */
const CHANNEL_LIFETIME_MS = 7 * 24 * 3600_000;
/**
 * A channel is replaced when less than a quarter of the lifetime Google granted it is left, and
 * at the latest a day before it expires: Google may grant less than asked, so the margin follows
 * the answer.
 */
const RENEW_BEFORE_MS = 24 * 3600_000;
const renewAt = (c: StoredChannel) => c.expiration - Math.min(RENEW_BEFORE_MS, (c.expiration - Date.parse(c.created_at)) / 4);

export const DRIVE_WEBHOOK_PATH = '/webhooks/drive';

export interface DriveTickReport extends ArrivalReport {
  watching: number;
  channelsOpened: number;
  channelsStopped: number;
}

export async function runDriveTriggers(services: Services, now: Date): Promise<DriveTickReport> {
  const report: DriveTickReport = { watching: 0, channelsOpened: 0, channelsStopped: 0, seen: 0, admitted: [], waiting: 0 };
  const wanted = (await services.store.activeDefinitions()).filter((d) => d.definition_json.watchFolder?.kind === 'drive_folder');
  const watches = new Map((await services.triggers.watches()).map((w) => [w.workflow_page_id, w]));
  if (wanted.length === 0 && watches.size === 0 && (await services.triggers.feeds()).length === 0) return report;
  const drive = requireDrive(services);

  for (const row of wanted) {
    const folder = row.definition_json.watchFolder;
    if (folder?.kind !== 'drive_folder') continue;
    const existing = watches.get(row.page_id);
    watches.delete(row.page_id);
    try {
      if (existing && existing.folder_id === folder.id && existing.baseline_done) {
        report.watching++;
        continue;
      }
      const driveKey = existing?.folder_id === folder.id ? existing.drive_key : driveKeyOf(await drive.getFile(folder.id));
      // The token first, then the baseline: a file landing in between is in the log after the token.
      if (!(await services.triggers.feed(driveKey))) await services.triggers.createFeed(driveKey, await drive.startPageToken(driveIdOf(driveKey)), now);
      if (!existing || existing.folder_id !== folder.id) await services.triggers.saveWatch(row.page_id, folder.id, driveKey, now);
      const present = (await drive.listFolder(folder.id)).map((f) => f.id);
      await services.triggers.addPresentFiles(row.page_id, present, now);
      await services.triggers.markBaselineDone(row.page_id, now);
      report.watching++;
    } catch (error) {
      console.warn(`drive triggers: watch of ${row.page_id} not set up yet: ${message(error)}`);
    }
  }
  // Rows that no longer watch a folder (paused, trashed, Watch folder removed).
  for (const gone of watches.keys()) await services.triggers.deleteWatch(gone);

  const watched = await watchedFolders(services);
  const inUse = new Set((await services.triggers.watches()).map((w) => w.drive_key));
  for (const feed of await services.triggers.feeds()) {
    try {
      if (!inUse.has(feed.drive_key)) {
        report.channelsStopped += await stopChannels(services, await services.triggers.channels(feed.drive_key));
        await services.triggers.deleteFeed(feed.drive_key);
        continue;
      }
      if (services.config.publicUrl) {
        const renewed = await keepChannel(services, feed.drive_key, feed.page_token, now);
        report.channelsOpened += renewed.opened;
        report.channelsStopped += renewed.stopped;
      }
      add(report, await readDriveFeed(services, feed.drive_key, watched, now));
    } catch (error) {
      console.warn(`drive triggers: drive ${feed.drive_key}: ${message(error)}`);
    }
  }
  add(report, await reconcileFolders(services, watched, now));
  add(report, await settleFiles(services, watched, now));
  return report;
}

/** Opens a channel when the drive has none that lasts past the renewal margin; stops the ones it replaces. */
async function keepChannel(services: Services, driveKey: string, pageToken: string, now: Date): Promise<{ opened: number; stopped: number }> {
  const channels = await services.triggers.channels(driveKey);
  const lasting = channels.filter((c) => renewAt(c) > now.getTime());
  if (lasting.length > 0) {
    // Overlap is over once a lasting channel exists: older ones are stopped.
    return { opened: 0, stopped: await stopChannels(services, channels.filter((c) => !lasting.includes(c))) };
  }
  const drive = requireDrive(services);
  const channelId = `baton-${crypto.randomUUID()}`;
  const token = randomToken();
  try {
    const granted = await drive.watchChanges({
      pageToken,
      driveId: driveIdOf(driveKey),
      channelId,
      token,
      address: `${services.config.publicUrl}${DRIVE_WEBHOOK_PATH}`,
      expiration: now.getTime() + CHANNEL_LIFETIME_MS,
    });
    await services.triggers.saveChannel({
      channel_id: channelId,
      drive_key: driveKey,
      resource_id: granted.resourceId,
      token,
      expiration: granted.expiration,
      created_at: now.toISOString(),
    });
    await setPushProblem(services, driveKey, null, now);
  } catch (error) {
    if (error instanceof DriveError && !error.transient) {
      // Said on Health; the tick keeps reading the feed, so files are still found every minute.
      await setPushProblem(services, driveKey, `Google Drive refused the push channel (HTTP ${error.info.status}${error.info.reason ? `, ${error.info.reason}` : ''})`, now);
      return { opened: 0, stopped: 0 };
    }
    throw error;
  }
  return { opened: 1, stopped: await stopChannels(services, channels) };
}

/** Records why push is off for a drive (or that it is on again) and rewrites the Health of the rows watching it. */
async function setPushProblem(services: Services, driveKey: string, problem: string | null, now: Date): Promise<void> {
  if (((await services.triggers.feed(driveKey))?.push_problem ?? null) === problem) return;
  await services.triggers.setPushProblem(driveKey, problem);
  for (const watch of await services.triggers.watches()) {
    if (watch.drive_key === driveKey) await refreshHealth(services, watch.workflow_page_id, now);
  }
}

async function stopChannels(services: Services, channels: StoredChannel[]): Promise<number> {
  const drive = requireDrive(services);
  let stopped = 0;
  for (const channel of channels) {
    try {
      await drive.stopChannel(channel.channel_id, channel.resource_id);
    } catch (error) {
      // Already expired or stopped: nothing left to stop.
      if (!(error instanceof DriveError && error.notFound)) throw error;
    }
    await services.triggers.deleteChannel(channel.channel_id);
    stopped++;
  }
  return stopped;
}

/** 32 random bytes as hex: the per-channel secret Google echoes back (≤ 256 characters). */
function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function add(into: ArrivalReport, from: ArrivalReport): void {
  into.seen += from.seen;
  into.admitted.push(...from.admitted);
  into.waiting += from.waiting;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
