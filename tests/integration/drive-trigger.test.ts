// Issue 9 in workerd: files landing in a watched Drive folder start runs, once each, through
// push notifications (duplicated, reordered, dropped, forged) and the tick's reconcile.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTriggerStore } from '../../src/adapters/trigger-store';
import { FIXTURE_IDS, repurposeArticles } from '../fixtures/example-rows';
import { deliverDrivePushes, driveAdmin, modelRequests, postDrivePush, resetWorld, tick, waitFor } from './harness';
import { activate, driveApi, runsOf, sleep, tickNow, waitForRuns } from './trigger-helpers';
import { notion } from './run-helpers';

const { driveFolders: F, users: U } = FIXTURE_IDS;
const triggers = createTriggerStore(env.DB);
const LENA = U.lena;

interface StandInChannel {
  id: string;
  resourceId: string;
  token?: string;
  expiration: number;
  driveId?: string;
}
const healthOf = async (pageId: string) => {
  const p = (await notion.retrievePage(pageId)).properties.Health;
  return p?.type === 'rich_text' ? p.rich_text.map((t) => t.plain_text).join('') : '';
};
const standInChannels = async () => ((await driveAdmin('channels', undefined, 'GET')) as { channels: StandInChannel[] }).channels;

/** Three ways a file reaches the folder: uploaded, created in place as a Doc, and moved in with files.update. */
async function landThreeFiles(): Promise<{ uploaded: string; created: string; moved: string }> {
  const uploaded = (await driveAdmin('files', { name: 'pricing-faq.md', parentId: F.publishedArticles, mimeType: 'text/markdown', text: '# Pricing FAQ\nWhy seats beat usage pricing.' })) as { id: string };
  const created = (await driveAdmin('files', { name: 'Onboarding in a day', parentId: F.publishedArticles, markdown: '# Onboarding in a day\nHow Acme onboarded 40 users in one day.' })) as { id: string };
  // Written elsewhere first, then moved in: the case polling peers miss.
  const draft = (await driveAdmin('files', { name: 'Why we ship weekly', parentId: F.clients, markdown: '# Why we ship weekly\nSmall releases, fewer surprises.' })) as { id: string };
  await driveApi('PATCH', `drive/v3/files/${draft.id}?addParents=${F.publishedArticles}&removeParents=${F.clients}&supportsAllDrives=true`, {});
  return { uploaded: uploaded.id, created: created.id, moved: draft.id };
}

describe('a new file in a watched Drive folder', () => {
  let row: string;
  beforeEach(async () => {
    await resetWorld();
    row = await activate(repurposeArticles, LENA);
    await deliverDrivePushes(); // the channel's sync message
  });

  it('opens one push channel for the shared drive, with its own token, and records the files already there', async () => {
    const channels = await standInChannels();
    expect(channels).toHaveLength(1);
    expect(channels[0]).toMatchObject({ driveId: expect.any(String), token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const [stored] = await triggers.channels();
    expect(stored).toMatchObject({ channel_id: channels[0]!.id, resource_id: channels[0]!.resourceId, token: channels[0]!.token });
    expect(await runsOf(row)).toEqual([]);
  });

  it('starts exactly three runs for an upload, a Doc created in place and a file moved in, each with its file as context, through duplicated and reordered pushes', async () => {
    await driveAdmin('push', { duplicateNext: 3, reorderNext: 3 });
    const files = await landThreeFiles();
    expect((await deliverDrivePushes()).every((s) => s === 200)).toBe(true);
    await sleep(1200);
    await tickNow();
    const runs = await waitForRuns(row, 3);
    expect(runs.map((r) => r.trigger_kind)).toEqual(['drive', 'drive', 'drive']);
    expect(new Set(runs.map((r) => r.trigger_key))).toEqual(new Set([files.uploaded, files.created, files.moved]));

    // Everything again: the same pushes, more ticks. Nothing new starts.
    await tickNow();
    await deliverDrivePushes();
    expect(await runsOf(row)).toHaveLength(3);

    await waitFor('the three drafts', async () => (await runsOf(row)).every((r) => r.status === 'Needs review'), 30_000);
    const prompts = (await modelRequests()).map((r) => r.body).join('\n');
    expect(prompts).toContain('Why seats beat usage pricing.');
    expect(prompts).toContain('How Acme onboarded 40 users in one day.');
    expect(prompts).toContain('Small releases, fewer surprises.');
  });

  it('starts all three within two ticks when every push is dropped', async () => {
    await driveAdmin('push', { dropNext: 50 });
    await landThreeFiles();
    expect(await deliverDrivePushes()).toEqual([]);
    await tickNow();
    await sleep(1100);
    await tickNow();
    const runs = await runsOf(row);
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.started)).toBe(true);
  });

  it('does not start a run for folders, shortcuts of nothing, trashed files or files moved out before they settle', async () => {
    await driveAdmin('files', { name: 'Drafts', parentId: F.publishedArticles });
    const gone = (await driveAdmin('files', { name: 'oops.txt', parentId: F.publishedArticles, text: 'wrong folder' })) as { id: string };
    await driveApi('PATCH', `drive/v3/files/${gone.id}?supportsAllDrives=true`, { trashed: true });
    await deliverDrivePushes();
    await sleep(1100);
    await tickNow();
    expect(await runsOf(row)).toEqual([]);
  });

  it('refuses forged notifications with 401 and starts nothing', async () => {
    const [channel] = await standInChannels();
    const headers = (id: string, token: string) => ({
      'x-goog-channel-id': id,
      'x-goog-channel-token': token,
      'x-goog-resource-id': channel!.resourceId,
      'x-goog-resource-state': 'change',
      'x-goog-message-number': '7',
    });
    await driveAdmin('files', { name: 'real.md', parentId: F.publishedArticles, mimeType: 'text/markdown', text: 'A real article' });
    await driveAdmin('push', { dropNext: 50 });
    expect(await postDrivePush(headers('not-a-channel', channel!.token!))).toBe(401);
    expect(await postDrivePush(headers(channel!.id, 'guessed-token'))).toBe(401);
    expect(await postDrivePush({ ...headers(channel!.id, channel!.token!), 'x-goog-resource-id': 'another-resource' })).toBe(401);
    expect(await postDrivePush(headers(channel!.id, ''))).toBe(401);
    expect(await runsOf(row)).toEqual([]);
    // The genuine one is accepted.
    expect(await postDrivePush(headers(channel!.id, channel!.token!))).toBe(200);
  });

  it('renews the channel before the expiration Drive granted, stops the old one, and keeps receiving', async () => {
    // Google may grant less than the week Baton asks for; the margin follows what it granted.
    await resetWorld();
    await driveAdmin('push', { channelLifetimeMs: 120_000 });
    row = await activate(repurposeArticles, LENA);
    await deliverDrivePushes();
    const [old] = await standInChannels();
    expect(old!.expiration - Date.now()).toBeLessThanOrEqual(120_000);
    // Twenty seconds before that channel ends, by the tick's clock: a quarter of its life is left.
    await tick(new Date(old!.expiration - 20_000).toISOString());
    const channels = await standInChannels();
    expect(channels).toHaveLength(1);
    expect(channels[0]!.id).not.toBe(old!.id);
    expect(channels[0]!.token).not.toBe(old!.token);
    expect(channels[0]!.expiration).toBeGreaterThan(old!.expiration);
    expect((await triggers.channels()).map((c) => c.channel_id)).toEqual([channels[0]!.id]);

    await deliverDrivePushes(); // the new channel's sync
    await driveAdmin('files', { name: 'after-renewal.md', parentId: F.publishedArticles, mimeType: 'text/markdown', text: 'Still heard' });
    expect(await deliverDrivePushes()).toEqual([200]);
    await waitForRuns(row, 1);
  });

  it('waits out a file still being written: not read while empty, read once it settles', async () => {
    const file = (await driveAdmin('files', { name: 'syncing.md', parentId: F.publishedArticles, mimeType: 'text/markdown', text: '' })) as { id: string; size: string };
    expect(file.size).toBe('0');
    await deliverDrivePushes();
    await sleep(1100);
    await tickNow();
    expect(await runsOf(row)).toEqual([]);
    expect(await triggers.seenFile(row, file.id)).toMatchObject({ status: 'settling' });

    await driveAdmin(`files/${file.id}/content`, { text: '# Synced at last\nThe whole article, written by the desktop client.' });
    await deliverDrivePushes();
    const [run] = await waitForRuns(row, 1);
    expect(run!.trigger_key).toBe(file.id);
    await waitFor('the draft', async () => (await runsOf(row))[0]?.status === 'Needs review', 30_000);
    expect((await modelRequests()).map((r) => r.body).join('\n')).toContain('The whole article, written by the desktop client.');
  });

  it('says on Health when Google refuses the push channel, and still finds new files every minute', async () => {
    await resetWorld();
    // What an unverified PUBLIC_URL domain gets (drive.md §10 #9); 401 is retried once with a new token.
    await driveAdmin('faults', { method: 'POST', path: '^/drive/v3/changes/watch$', status: 401, reason: 'push.webhookUrlUnauthorized', message: 'Unauthorized WebHook callback channel', count: 2 });
    row = await activate(repurposeArticles, LENA);
    expect(await standInChannels()).toEqual([]);
    const health = await healthOf(row);
    expect(health).toContain('new files are found by a check every minute (Google Drive refused the push channel (HTTP 401, push.webhookUrlUnauthorized)');
    await driveAdmin('files', { name: 'no-push.md', parentId: F.publishedArticles, mimeType: 'text/markdown', text: 'Found by the minute check' });
    await sleep(1100);
    await tickNow();
    await waitForRuns(row, 1);
  });

  it('gives the page token to one reader at a time, and has it read again when a push came during its read', async () => {
    const [feed] = await triggers.feeds();
    const now = new Date();
    expect(await triggers.leaseFeed(feed!.drive_key, now, 60_000)).toBe(true);
    // A second notification while the first is read: no second reader, but a request to read again.
    expect(await triggers.leaseFeed(feed!.drive_key, now, 60_000)).toBe(false);
    expect(await triggers.advanceFeed(feed!.drive_key, feed!.page_token, now)).toBe(true);
    expect(await triggers.leaseFeed(feed!.drive_key, now, 60_000)).toBe(true);
    expect(await triggers.advanceFeed(feed!.drive_key, feed!.page_token, now)).toBe(false);
    // Released: the next notification reads at once.
    expect(await triggers.leaseFeed(feed!.drive_key, now, 60_000)).toBe(true);
    await triggers.releaseFeed(feed!.drive_key);
  });

  it('stops the channel when no row watches the drive any more', async () => {
    const { updateAsPerson, deliverWebhooks } = await import('./harness');
    await updateAsPerson(LENA, row, { State: { select: { name: 'Paused' } } });
    await deliverWebhooks();
    await tickNow();
    expect(await standInChannels()).toEqual([]);
    expect(await triggers.channels()).toEqual([]);
    expect(await triggers.feeds()).toEqual([]);
  });
});
