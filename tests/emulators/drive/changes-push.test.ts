// changes.getStartPageToken, changes.list, changes.watch, channels.stop and the push messages a
// watched change log produces.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { failure, header, startKit, startReceiver, type Kit, type Receiver } from './test-kit';
import { TEAM, seed } from './fixtures';

let kit: Kit;
let drive: drive_v3.Drive;
let receiver: Receiver;
const teamScope = { driveId: TEAM, supportsAllDrives: true, includeItemsFromAllDrives: true };

beforeAll(async () => {
  kit = await startKit({ seed });
  drive = await kit.client();
});
beforeEach(async () => {
  kit.standIn.reset();
  receiver = await startReceiver();
});
afterEach(() => receiver.close());
afterAll(() => kit.standIn.close());

async function startToken(): Promise<string> {
  return (await drive.changes.getStartPageToken({ driveId: TEAM, supportsAllDrives: true })).data.startPageToken!;
}

/** Wait for the sync message and for its delivery to be recorded. */
async function synced(): Promise<void> {
  await receiver.waitFor(1);
  await kit.standIn.pushIdle();
}

async function watch(body: Partial<drive_v3.Schema$Channel> = {}, pageToken?: string) {
  return drive.changes.watch({
    ...teamScope,
    pageToken: pageToken ?? (await startToken()),
    requestBody: { id: `ch-${Math.random().toString(36).slice(2)}`, type: 'web_hook', address: receiver.url, token: 'secret-token', ...body },
  });
}

describe('changes.getStartPageToken and changes.list', () => {
  it('lists each changed file once, at its latest state, then hands over a new start token', async () => {
    const token = await startToken();
    const empty = await drive.changes.list({ ...teamScope, pageToken: token });
    expect(empty.data).toEqual({ kind: 'drive#changeList', newStartPageToken: token, changes: [] });

    const made = kit.standIn.uploadFile({ name: 'scan.pdf', parentId: 'inbox', mimeType: 'application/pdf', base64: 'JVBERg==' });
    kit.standIn.renameFile(made.id as string, { name: 'scan-1.pdf' });
    kit.standIn.trashFile('notes');

    const first = await drive.changes.list({ ...teamScope, pageToken: token, pageSize: 1, fields: 'nextPageToken,newStartPageToken,changes(changeType,fileId,removed,file(name,parents,trashed))' });
    expect(first.data.changes).toEqual([{ changeType: 'file', fileId: made.id, removed: false, file: { name: 'scan-1.pdf', parents: ['inbox'], trashed: false } }]);
    expect(first.data.nextPageToken).toBeDefined();
    expect(first.data.newStartPageToken).toBeUndefined();
    const second = await drive.changes.list({ ...teamScope, pageToken: first.data.nextPageToken!, fields: 'newStartPageToken,changes(fileId,file(trashed))' });
    expect(second.data.changes).toEqual([{ fileId: 'notes', file: { trashed: true } }]);
    const later = await drive.changes.list({ ...teamScope, pageToken: second.data.newStartPageToken! });
    expect(later.data.changes).toEqual([]);
  });

  it('returns the default change members when fields is absent', async () => {
    const token = await startToken();
    kit.standIn.trashFile('notes');
    const res = await drive.changes.list({ ...teamScope, pageToken: token });
    expect(res.data.changes).toEqual([
      {
        kind: 'drive#change',
        changeType: 'file',
        fileId: 'notes',
        removed: false,
        time: expect.any(String),
        driveId: TEAM,
        teamDriveId: TEAM,
        file: { kind: 'drive#file', id: 'notes', name: 'notes.txt', mimeType: 'text/plain', driveId: TEAM, teamDriveId: TEAM },
      },
    ]);
  });

  it('reports a deleted file as removed, without a file', async () => {
    const token = await startToken();
    kit.standIn.deleteFile('report');
    const res = await drive.changes.list({ ...teamScope, pageToken: token, fields: 'changes(fileId,removed,file)' });
    expect(res.data.changes).toEqual([{ fileId: 'report', removed: true }]);
  });

  it('keeps shared drive changes out of the My Drive log unless asked', async () => {
    const token = (await drive.changes.getStartPageToken({})).data.startPageToken!;
    kit.standIn.trashFile('notes');
    kit.standIn.trashFile('say');
    const mine = await drive.changes.list({ pageToken: token, fields: 'changes(fileId)' });
    expect(mine.data.changes).toEqual([{ fileId: 'say' }]);
    const all = await drive.changes.list({ pageToken: token, supportsAllDrives: true, includeItemsFromAllDrives: true, fields: 'changes(fileId)' });
    expect(all.data.changes).toEqual([{ fileId: 'notes' }, { fileId: 'say' }]);
  });

  it('answers 404 for a shared drive without supportsAllDrives, and 400 for a bad page token', async () => {
    const noSupport = await failure(drive.changes.getStartPageToken({ driveId: TEAM }));
    expect(noSupport.status).toBe(404);
    expect(noSupport.body.error.errors[0]).toMatchObject({ reason: 'notFound', message: `Shared drive not found: ${TEAM}` });
    const bad = await failure(drive.changes.list({ ...teamScope, pageToken: 'not-a-token' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'pageToken' });
  });
});

describe('changes.watch and push notifications', () => {
  it('notifies the channel when a file is moved into the watched folder, and the change log shows it there', async () => {
    const token = await startToken();
    const channel = await watch({ id: 'inbox-watch', token: 'per-channel-secret' }, token);
    expect(channel.data).toMatchObject({ kind: 'api#channel', id: 'inbox-watch', token: 'per-channel-secret' });
    const [sync] = await receiver.waitFor(1);
    expect(header(sync!, 'x-goog-resource-state')).toBe('sync');
    expect(header(sync!, 'x-goog-message-number')).toBe('1');

    kit.standIn.moveFile('tagged', { parentId: 'inbox' });
    const [, push] = await receiver.waitFor(2);
    expect(push!.method).toBe('POST');
    expect(push!.rawBody.length).toBe(0);
    expect(header(push!, 'x-goog-channel-id')).toBe('inbox-watch');
    expect(header(push!, 'x-goog-channel-token')).toBe('per-channel-secret');
    expect(header(push!, 'x-goog-resource-state')).toBe('change');
    expect(header(push!, 'x-goog-resource-id')).toBe(channel.data.resourceId);
    expect(header(push!, 'x-goog-resource-uri')).toBe(channel.data.resourceUri);
    expect(header(push!, 'x-goog-channel-expiration')).toBe(new Date(Number(channel.data.expiration)).toUTCString());
    expect(Number(header(push!, 'x-goog-message-number'))).toBeGreaterThan(1);
    expect(header(push!, 'user-agent')).toMatch(/^APIs-Google/);

    const changes = await drive.changes.list({
      ...teamScope,
      pageToken: token,
      fields: 'newStartPageToken,changes(changeType,removed,fileId,file(id,name,parents,trashed))',
    });
    const moved = changes.data.changes!.filter((c) => c.changeType === 'file' && !c.removed && c.file?.parents?.includes('inbox') && !c.file.trashed);
    expect(moved.map((c) => c.fileId)).toEqual(['tagged']);
  });

  it('grants one hour by default and caps a longer request at one week', async () => {
    const now = Date.parse(kit.standIn.now());
    const plain = await watch();
    expect(Number(plain.data.expiration) - now).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(Number(plain.data.expiration) - now).toBeLessThanOrEqual(3600_000 + 1000);
    const long = await watch({ expiration: String(now + 30 * 86400_000) });
    expect(Number(long.data.expiration) - now).toBeLessThanOrEqual(604800_000 + 1000);
    expect(Number(long.data.expiration) - now).toBeGreaterThan(604800_000 - 5000);
  });

  it('refuses a non-HTTPS address, a reused channel id and an unknown channel type', async () => {
    const http = await failure(watch({ address: 'http://example.com/hook' }));
    expect(http.status).toBe(400);
    expect(http.body.error.errors[0]).toMatchObject({ domain: 'push', reason: 'push.webhookUrlNotHttps', message: 'WebHook callback must be HTTPS: http://example.com/hook' });
    await watch({ id: 'same' });
    const twice = await failure(watch({ id: 'same' }));
    expect(twice.status).toBe(400);
    expect(twice.body.error.errors[0]).toMatchObject({ reason: 'channelIdNotUnique', message: 'Channel id same not unique' });
    const kind = await failure(watch({ type: 'email' }));
    expect(kind.body.error.errors[0].reason).toBe('push.channelTypeNotSupported');
  });

  it('stops sending after channels.stop, and answers 404 for a channel it does not know', async () => {
    const channel = await watch({ id: 'to-stop' });
    await synced();
    const stopped = await drive.channels.stop({ requestBody: { id: 'to-stop', resourceId: channel.data.resourceId } });
    expect(stopped.status).toBe(204);
    kit.standIn.trashFile('notes');
    await kit.standIn.pushIdle();
    expect(receiver.messages()).toHaveLength(1);
    const again = await failure(drive.channels.stop({ requestBody: { id: 'to-stop', resourceId: channel.data.resourceId } }));
    expect(again.status).toBe(404);
  });

  it('retries a 5xx answer with backoff and gives up on other failures', async () => {
    await watch({ id: 'flaky' });
    await synced();
    receiver.respondWith(503, 500);
    kit.standIn.trashFile('notes');
    await kit.standIn.pushIdle();
    expect(receiver.messages()).toHaveLength(4);
    const numbers = receiver.messages().slice(1).map((m) => header(m, 'x-goog-message-number'));
    expect(new Set(numbers).size).toBe(1);
    expect(kit.standIn.deliveries().slice(1).map((d) => d.outcome)).toEqual(['retrying', 'retrying', 'delivered']);

    receiver.respondWith(404);
    kit.standIn.trashFile('report');
    await kit.standIn.pushIdle();
    expect(kit.standIn.deliveries().at(-1)).toMatchObject({ outcome: 'failed', status: 404, attempt: 1 });
  });

  it('can drop, duplicate and delay notifications', async () => {
    await watch({ id: 'knobs' });
    await synced();
    kit.standIn.setPushKnobs({ dropNext: 1 });
    kit.standIn.trashFile('notes');
    await kit.standIn.pushIdle();
    expect(receiver.messages()).toHaveLength(1);

    kit.standIn.setPushKnobs({ duplicateNext: 1 });
    kit.standIn.trashFile('report');
    const [, first, second] = await receiver.waitFor(3);
    expect(header(first!, 'x-goog-message-number')).toBe(header(second!, 'x-goog-message-number'));

    kit.standIn.setPushKnobs({ delayMs: 150 });
    const before = Date.now();
    kit.standIn.trashFile('budget');
    await receiver.waitFor(4);
    expect(Date.now() - before).toBeGreaterThanOrEqual(140);
  });

  it('can hold notifications and deliver them newest first (reorderNext)', async () => {
    await watch({ id: 'reorder' });
    await synced();
    expect(kit.standIn.setPushKnobs({ reorderNext: 3 }).reorderNext).toBe(3);
    kit.standIn.trashFile('notes');
    kit.standIn.trashFile('report');
    kit.standIn.trashFile('budget');
    const messages = await receiver.waitFor(4);
    const numbers = messages.slice(1).map((m) => Number(header(m, 'x-goog-message-number')));
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
    expect(messages.slice(1).every((m) => header(m, 'x-goog-resource-state') === 'change')).toBe(true);
    await kit.standIn.pushIdle();
    expect(kit.standIn.setPushKnobs({}).reorderNext).toBe(0);

    kit.standIn.trashFile('brief');
    const [, , , , last] = await receiver.waitFor(5);
    expect(Number(header(last!, 'x-goog-message-number'))).toBeGreaterThan(Math.max(...numbers));
  });

  it('releases a reorder batch that is not full when asked to go idle', async () => {
    await watch({ id: 'reorder-partial' });
    await synced();
    kit.standIn.setPushKnobs({ reorderNext: 5 });
    kit.standIn.trashFile('notes');
    kit.standIn.trashFile('report');
    await new Promise((r) => setTimeout(r, 30));
    expect(receiver.messages()).toHaveLength(1);
    await kit.standIn.pushIdle();
    const numbers = receiver.messages().slice(1).map((m) => Number(header(m, 'x-goog-message-number')));
    expect(numbers).toHaveLength(2);
    expect(numbers[0]).toBeGreaterThan(numbers[1]!);
    expect(kit.standIn.setPushKnobs({}).reorderNext).toBe(0);
  });

  it('sends the headers of the push guide on a changes channel, without X-Goog-Changed', async () => {
    const channel = await watch({ id: 'headers', token: 't-1' });
    await synced();
    kit.standIn.trashFile('notes');
    const [sync, change] = await receiver.waitFor(2);
    for (const message of [sync!, change!]) {
      expect(Object.keys(message.headers).filter((h) => h.startsWith('x-goog-')).sort()).toEqual([
        'x-goog-channel-expiration',
        'x-goog-channel-id',
        'x-goog-channel-token',
        'x-goog-message-number',
        'x-goog-resource-id',
        'x-goog-resource-state',
        'x-goog-resource-uri',
      ]);
      expect(header(message, 'x-goog-resource-id')).toBe(channel.data.resourceId);
    }
  });

  it('numbers messages in increasing order, not consecutively', async () => {
    await watch({ id: 'numbers' });
    await synced();
    for (const id of ['notes', 'report', 'budget', 'brief']) {
      kit.standIn.trashFile(id);
      await kit.standIn.pushIdle();
    }
    const numbers = receiver.messages().map((m) => Number(header(m, 'x-goog-message-number')));
    expect(numbers[0]).toBe(1);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('sends nothing once the channel has expired', async () => {
    await watch({ id: 'short' });
    await synced();
    kit.standIn.advanceClock(3601_000);
    kit.standIn.trashFile('notes');
    await kit.standIn.pushIdle();
    expect(receiver.messages()).toHaveLength(1);
    expect(kit.standIn.deliveries().at(-1)!.outcome).toBe('expired');
  });
});
