// POST /webhooks/drive — Google Drive push notifications for Baton's changes.watch channels.
//
// - Google does not sign notifications. Each channel has its own random token, sent back as
//   X-Goog-Channel-Token; it is compared in constant time, and the channel and resource ids must
//   be one Baton opened (drive.md gotcha 2). Anything else is refused with 401 and starts nothing.
// - The body is empty and the headers only say "something changed" (push guide), so a
//   notification is a hint: Baton reads the drive's change log from its own stored token.
//   `sync` (message 1, sent when a channel opens) needs nothing.
// - Google treats any answer other than 2xx/102 as a failed delivery and retries only 5xx, so
//   the answer is sent at once and the reading happens in waitUntil (drive.md gotcha 1); the
//   tick reads the log too, so a notification lost here loses no file.
import type { Context } from 'hono';
import { servicesFor, type Services } from '../services';
import { readDriveFeed, settleFiles, watchedFolders } from '../triggers/drive-files';
import type { AppEnv } from './app';
import { sameSecret } from './same-secret';

/** A file still being written is looked at again this long after the push, if short enough to wait for. */
const MAX_SETTLE_WAIT_MS = 20_000;

export async function handleDriveWebhook(c: Context<AppEnv>): Promise<Response> {
  const services = servicesFor(c.var.config);
  const channelId = c.req.header('x-goog-channel-id');
  const token = c.req.header('x-goog-channel-token') ?? '';
  const resourceId = c.req.header('x-goog-resource-id');
  const state = c.req.header('x-goog-resource-state');
  const channel = channelId ? await services.triggers.channel(channelId) : null;
  if (!channel || channel.resource_id !== resourceId || !(await sameSecret(token, channel.token))) {
    console.warn('drive webhook refused (401): unknown channel or wrong token');
    return c.json({ ok: false, error: 'Unknown channel or wrong token' }, 401);
  }
  if (state === 'sync') return c.json({ ok: true, state });
  const work = readAndSettle(services, channel.drive_key).catch((error) => {
    console.warn(`drive webhook: change log of ${channel.drive_key} not read yet (the tick will): ${error instanceof Error ? error.message : String(error)}`);
  });
  c.executionCtx.waitUntil(work);
  return c.json({ ok: true, state });
}

async function readAndSettle(services: Services, driveKey: string): Promise<void> {
  const watched = await watchedFolders(services);
  const report = await readDriveFeed(services, driveKey, watched, new Date());
  const wait = services.config.driveSettleSeconds * 1000;
  if (report.waiting > 0 && wait <= MAX_SETTLE_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, wait + 500));
    await settleFiles(services, watched, new Date());
  }
}
