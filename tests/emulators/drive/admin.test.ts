// The admin side: simulated users leave the change records Drive would, state survives a
// restart, reset and clock work, and the HTTP endpoints mirror the in-process helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { DOC, SA_EMAIL, startKit, type Kit } from './test-kit';
import { TEAM, seed } from './fixtures';
import { startDrive } from './index';

let kit: Kit;
let drive: drive_v3.Drive;
const team = { driveId: TEAM, supportsAllDrives: true, includeItemsFromAllDrives: true };

beforeAll(async () => {
  kit = await startKit({ seed });
  drive = await kit.client();
});
beforeEach(() => kit.standIn.reset());
afterAll(() => kit.standIn.close());

async function changedSince(token: string) {
  const res = await drive.changes.list({ ...team, pageToken: token, fields: 'changes(fileId,removed,file(name,parents,trashed,modifiedTime,lastModifyingUser(emailAddress)))' });
  return res.data.changes!;
}
const startToken = async () => (await drive.changes.getStartPageToken({ driveId: TEAM, supportsAllDrives: true })).data.startPageToken!;

describe('simulated users', () => {
  it('uploads a file into a folder as a person, with a change record', async () => {
    const token = await startToken();
    const made = kit.standIn.uploadFile({ name: 'minutes.md', parentId: 'inbox', mimeType: 'text/markdown', text: '# Minutes' });
    const [change] = await changedSince(token);
    expect(change).toEqual({ fileId: made.id, removed: false, file: expect.objectContaining({ name: 'minutes.md', parents: ['inbox'], lastModifyingUser: { emailAddress: 'user@example.com' } }) });
    const bytes = await drive.files.get({ fileId: made.id as string, alt: 'media', supportsAllDrives: true }, { responseType: 'text' });
    expect(bytes.data).toBe('# Minutes');
  });

  it("edits a Doc's content, which changes its export and modifiedTime", async () => {
    const token = await startToken();
    kit.standIn.advanceClock(60_000);
    kit.standIn.editContent('brief', { markdown: '# Weekly brief\n\nRevised.' });
    const [change] = await changedSince(token);
    expect(Date.parse(change!.file!.modifiedTime!)).toBeGreaterThan(Date.parse('2026-11-01T09:00:00Z'));
    const md = await drive.files.export({ fileId: 'brief', mimeType: 'text/markdown' }, { responseType: 'text' });
    expect(md.data).toBe('# Weekly brief\n\nRevised.');
  });

  it('trashes a folder and everything in it', async () => {
    const token = await startToken();
    kit.standIn.trashFile('outbox');
    const changes = await changedSince(token);
    expect(changes.map((c) => [c.fileId, c.file?.trashed])).toEqual([
      ['tagged', true],
      ['outbox', true],
    ]);
    const folder = await drive.files.get({ fileId: 'outbox', supportsAllDrives: true, fields: 'trashed,explicitlyTrashed' });
    expect(folder.data).toEqual({ trashed: true, explicitlyTrashed: true });
    const child = await drive.files.get({ fileId: 'tagged', supportsAllDrives: true, fields: 'trashed,explicitlyTrashed' });
    expect(child.data).toEqual({ trashed: true, explicitlyTrashed: false });
  });

  it('moves a file out of a shared drive into My Drive, changing its driveId', async () => {
    kit.standIn.moveFile('notes', { parentId: 'root' });
    const res = await drive.files.get({ fileId: 'notes', fields: 'parents,driveId,owners(emailAddress)' });
    expect(res.data).toEqual({ parents: [kit.standIn.rootFolderId], owners: [{ emailAddress: 'user@example.com' }] });
  });

  it('rejects an operation on an item that does not exist', () => {
    expect(() => kit.standIn.moveFile('nope', { parentId: 'inbox' })).toThrow(/No file nope/);
    expect(() => kit.standIn.uploadFile({ name: 'x', parentId: 'nowhere', text: 'x' })).toThrow(/No folder/);
  });
});

describe('admin over HTTP', () => {
  const admin = (path: string, init?: { method?: string; body?: unknown }) =>
    fetch(`${kit.standIn.url}/__admin${path}`, {
      method: init?.method ?? (init?.body ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json' },
      body: init?.body ? JSON.stringify(init.body) : undefined,
    });
  const json = async (response: Promise<Response>): Promise<any> => (await response).json();

  it('uploads, moves, renames, edits, trashes and deletes like the in-process helpers', async () => {
    const made = await json(admin('/files', { body: { name: 'draft', parentId: 'inbox', markdown: 'v1' } }));
    expect(made).toMatchObject({ name: 'draft', mimeType: DOC, parents: ['inbox'] });
    expect((await admin(`/files/${made.id}/move`, { body: { parentId: 'outbox' } })).status).toBe(200);
    expect((await admin(`/files/${made.id}/rename`, { body: { name: 'final' } })).status).toBe(200);
    expect((await admin(`/files/${made.id}/content`, { body: { markdown: 'v2' } })).status).toBe(200);
    const trashed = await json(admin(`/files/${made.id}/trash`, { body: {} }));
    expect(trashed).toMatchObject({ name: 'final', parents: ['outbox'], trashed: true });
    expect((await admin(`/files/${made.id}`, { method: 'DELETE' })).status).toBe(204);
    const listing = await json(admin('/files'));
    expect(listing.files.map((f: { id: string }) => f.id)).not.toContain(made.id);
    expect((await admin('/files/nope/move', { body: { parentId: 'inbox' } })).status).toBe(404);
    expect((await admin('/files', { body: { parentId: 'inbox' } })).status).toBe(400);
  });

  it('injects faults, sets push knobs, moves the clock and shows the request log', async () => {
    expect(await json(admin('/faults', { body: { path: '^/drive/v3/files$', status: 429 } }))).toEqual({ id: expect.any(Number) });
    expect((await admin('/faults')).status).toBe(200);
    const faulted = await fetch(`${kit.standIn.url}/drive/v3/files`);
    expect(faulted.status).toBe(429);
    expect(await json(admin('/push', { body: { dropNext: 2, retryBaseMs: 1 } }))).toMatchObject({ dropNext: 2, retryBaseMs: 1 });
    const { now } = await json(admin('/clock', { body: { set: '2030-01-01T00:00:00Z' } }));
    expect(now).toMatch(/^2030-01-01T00:00:0/);
    const log = await json(admin('/requests'));
    expect(log.requests.some((r: { path: string; status: number }) => r.path === '/drive/v3/files' && r.status === 429)).toBe(true);
    const token = await json(admin('/tokens', { body: { email: SA_EMAIL } }));
    expect(token.access_token).toMatch(/^ya29\./);
    expect((await admin('/reset', { method: 'POST' })).status).toBe(204);
    expect((await json(admin('/clock'))).now.startsWith('2030')).toBe(false);
  });
});

describe('persistence and reset', () => {
  it('keeps the corpus in the state folder across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drive-state-'));
    try {
      const options = { stateDir: dir, seed, serviceAccounts: [{ email: SA_EMAIL, publicKey: kit.keys.publicKey }] };
      const first = await startDrive(options);
      const made = first.uploadFile({ name: 'survivor', parentId: 'inbox', text: 'still here' });
      first.trashFile('notes');
      await first.close();
      const second = await startDrive({ ...options, seed: { files: [] } });
      const files = second.listFiles().files;
      expect(files.find((f) => f.id === made.id)).toMatchObject({ name: 'survivor' });
      expect(files.find((f) => f.id === 'notes')).toMatchObject({ trashed: true });
      second.reset();
      expect(second.listFiles().files.map((f) => f.id)).toEqual([]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns to the seed on reset', async () => {
    kit.standIn.uploadFile({ name: 'temp', parentId: 'inbox', text: 't' });
    kit.standIn.reset();
    expect(kit.standIn.listFiles().files.map((f) => f.name)).not.toContain('temp');
    expect(kit.standIn.listFiles().files).toHaveLength(seed.files!.length);
  });

  it('refuses a seed whose parent is not listed before its child', async () => {
    await expect(
      startDrive({ serviceAccounts: [], seed: { files: [{ name: 'orphan', parent: 'later' }] } }),
    ).rejects.toThrow(/names parent "later"/);
  });
});
