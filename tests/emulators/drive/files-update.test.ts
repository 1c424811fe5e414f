// files.update (metadata and media) and files.copy through the real client, the change records
// and push messages they leave, and the `size` member on every read path.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { drive_v3 } from '@googleapis/drive';
import { DOC, failure, header, startKit, startReceiver, type Kit, type Receiver } from './test-kit';
import { ROOT, TEAM, seed } from './fixtures';

let kit: Kit;
let drive: drive_v3.Drive;
const all = { supportsAllDrives: true };
const teamScope = { driveId: TEAM, supportsAllDrives: true, includeItemsFromAllDrives: true };

beforeAll(async () => {
  kit = await startKit({ seed });
  drive = await kit.client({ retry: false });
});
beforeEach(() => kit.standIn.reset());
afterAll(() => kit.standIn.close());

const startToken = async () => (await drive.changes.getStartPageToken({ driveId: TEAM, supportsAllDrives: true })).data.startPageToken!;
async function changesSince(token: string, fields = 'changes(fileId,removed,file(name,parents,trashed,modifiedTime,version))') {
  return (await drive.changes.list({ ...teamScope, pageToken: token, fields })).data.changes!;
}
const get = async (fileId: string, fields: string) => (await drive.files.get({ fileId, fields, ...all })).data;
const reason = (res: { body: any }) => res.body.error.errors[0].reason;

describe('files.update: moving with addParents and removeParents', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it('moves a file, leaves one change record with the new parents, and notifies the channel', async () => {
    const token = await startToken();
    await drive.changes.watch({ ...teamScope, pageToken: token, requestBody: { id: 'move-watch', type: 'web_hook', address: receiver.url } });
    await receiver.waitFor(1);
    const before = await get('notes', 'modifiedTime,version');
    kit.standIn.advanceClock(60_000);

    const res = await drive.files.update({ fileId: 'notes', addParents: 'outbox', removeParents: 'inbox', ...all, fields: 'id,parents,modifiedTime,version' });
    expect(res.data).toEqual({ id: 'notes', parents: ['outbox'], modifiedTime: before.modifiedTime, version: String(Number(before.version) + 1) });
    const sent = kit.standIn.requests.find((r) => r.method === 'PATCH')!;
    expect(sent.path).toBe('/drive/v3/files/notes');
    expect(sent.query).toMatchObject({ addParents: 'outbox', removeParents: 'inbox' });

    const [, push] = await receiver.waitFor(2);
    expect(header(push!, 'x-goog-resource-state')).toBe('change');
    expect(header(push!, 'x-goog-changed')).toBeUndefined();
    expect(await changesSince(token)).toEqual([
      { fileId: 'notes', removed: false, file: { name: 'notes.txt', parents: ['outbox'], trashed: false, modifiedTime: before.modifiedTime, version: res.data.version } },
    ]);
    const listed = await drive.files.list({ ...teamScope, corpora: 'drive', q: "'outbox' in parents and name = 'notes.txt'", fields: 'files(id)' });
    expect(listed.data.files).toEqual([{ id: 'notes' }]);
  });

  it('moves a folder with its contents: only the folder changes parents', async () => {
    const sub = kit.standIn.uploadFile({ name: 'Sub', parentId: 'inbox' });
    const inner = kit.standIn.uploadFile({ name: 'inner.txt', parentId: sub.id as string, text: 'x' });
    const token = await startToken();
    await drive.files.update({ fileId: sub.id as string, addParents: 'outbox', removeParents: 'inbox', ...all });
    expect((await changesSince(token, 'changes(fileId)')).map((c) => c.fileId)).toEqual([sub.id]);
    expect(await get(inner.id as string, 'parents,driveId')).toEqual({ parents: [sub.id], driveId: TEAM });
  });

  it("puts a My Drive item whose only parent is removed under the root, as Drive's enforceSingleParent note says", async () => {
    const folder = kit.standIn.uploadFile({ name: 'Personal', parentId: 'root' });
    kit.standIn.moveFile('say', { parentId: folder.id as string });
    const res = await drive.files.update({ fileId: 'say', removeParents: folder.id as string, fields: 'parents' });
    expect(res.data.parents).toEqual([ROOT]);
  });

  it('answers 403 teamDrivesParentLimit for a second parent on a shared drive item, and for removing its only parent', async () => {
    const second = await failure(drive.files.update({ fileId: 'notes', addParents: 'outbox', ...all }));
    expect(second.status).toBe(403);
    expect(second.body.error.errors[0]).toEqual({ domain: 'global', reason: 'teamDrivesParentLimit', message: 'A shared drive item must have exactly one parent.' });
    const none = await failure(drive.files.update({ fileId: 'notes', removeParents: 'inbox', ...all }));
    expect(reason(none)).toBe('teamDrivesParentLimit');
    expect(await get('notes', 'parents')).toEqual({ parents: ['inbox'] });
  });

  it('answers 403 cannotAddParent for a second parent in My Drive', async () => {
    const folder = kit.standIn.uploadFile({ name: 'Personal', parentId: 'root' });
    const res = await failure(drive.files.update({ fileId: 'say', addParents: folder.id as string }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'cannotAddParent', message: 'Increasing the number of parents is not allowed' });
  });

  it('answers 404 for an unknown parent, and for shared drive items or parents without supportsAllDrives', async () => {
    const unknown = await failure(drive.files.update({ fileId: 'notes', addParents: 'missing', removeParents: 'inbox', ...all }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.errors[0]).toMatchObject({ reason: 'notFound', message: 'File not found: missing.' });
    const item = await failure(drive.files.update({ fileId: 'notes', addParents: 'outbox', removeParents: 'inbox' }));
    expect(item.status).toBe(404);
    expect(item.body.error.errors[0].message).toBe('File not found: notes.');
    kit.standIn.uploadFile({ name: 'Personal', parentId: 'root' });
    const parent = await failure(drive.files.update({ fileId: 'say', addParents: 'outbox', removeParents: ROOT }));
    expect(parent.status).toBe(404);
    expect(parent.body.error.errors[0].message).toBe('File not found: outbox.');
  });

  it('answers 400 badRequest for a duplicate parent, a cycle, or a parent that is not a folder', async () => {
    const duplicate = await failure(drive.files.update({ fileId: 'notes', addParents: 'inbox', ...all }));
    expect(duplicate.status).toBe(400);
    expect(reason(duplicate)).toBe('badRequest');
    const sub = kit.standIn.uploadFile({ name: 'Sub', parentId: 'inbox' });
    const cycle = await failure(drive.files.update({ fileId: 'inbox', addParents: sub.id as string, removeParents: TEAM, ...all }));
    expect(cycle.status).toBe(400);
    expect(reason(cycle)).toBe('badRequest');
    const notFolder = await failure(drive.files.update({ fileId: 'notes', addParents: 'report', removeParents: 'inbox', ...all }));
    expect(notFolder.status).toBe(400);
  });

  it('refuses to move a My Drive folder into a shared drive, and a service account to take an item into My Drive', async () => {
    const folder = kit.standIn.uploadFile({ name: 'Personal', parentId: 'root' });
    const folderIn = await failure(drive.files.update({ fileId: folder.id as string, addParents: 'outbox', removeParents: ROOT, ...all }));
    expect(folderIn.status).toBe(403);
    expect(folderIn.body.error.errors[0]).toMatchObject({ reason: 'teamDrivesFolderMoveInNotSupported', message: 'Moving folders into shared drives is not supported.' });
    const out = await failure(drive.files.update({ fileId: 'notes', addParents: ROOT, removeParents: 'inbox', ...all }));
    expect(out.status).toBe(403);
    expect(reason(out)).toBe('storageQuotaExceeded');
    // A file (not a folder) may move from My Drive into a shared drive.
    const fileIn = await drive.files.update({ fileId: 'say', addParents: 'outbox', removeParents: ROOT, ...all, fields: 'parents,driveId,owners' });
    expect(fileIn.data).toEqual({ parents: ['outbox'], driveId: TEAM });
  });
});

describe('files.update: metadata', () => {
  it('renames a file, which moves modifiedTime, and leaves a change record', async () => {
    const token = await startToken();
    const before = await get('report', 'modifiedTime');
    kit.standIn.advanceClock(60_000);
    const res = await drive.files.update({ fileId: 'report', ...all, requestBody: { name: 'report-final.pdf' }, fields: 'name,modifiedTime,lastModifyingUser(emailAddress)' });
    expect(res.data.name).toBe('report-final.pdf');
    expect(Date.parse(res.data.modifiedTime!)).toBeGreaterThan(Date.parse(before.modifiedTime!));
    expect(res.data.lastModifyingUser).toEqual({ emailAddress: 'baton-runner@baton-test.iam.gserviceaccount.com' });
    expect(await changesSince(token, 'changes(fileId,file(name))')).toEqual([{ fileId: 'report', file: { name: 'report-final.pdf' } }]);
  });

  it('trashes a folder and what it contains, and restores them', async () => {
    const token = await startToken();
    const res = await drive.files.update({ fileId: 'inbox', ...all, requestBody: { trashed: true }, fields: 'trashed,explicitlyTrashed,trashedTime' });
    expect(res.data).toEqual({ trashed: true, explicitlyTrashed: true, trashedTime: expect.any(String) });
    expect(await get('notes', 'trashed,explicitlyTrashed')).toEqual({ trashed: true, explicitlyTrashed: false });
    const changed = await changesSince(token, 'changes(fileId,file(trashed))');
    expect(changed.map((c) => c.fileId)).toContain('notes');
    expect(changed.at(-1)).toEqual({ fileId: 'inbox', file: { trashed: true } });
    const live = await drive.files.list({ ...teamScope, corpora: 'drive', q: "'inbox' in parents and trashed = false", fields: 'files(id)' });
    expect(live.data.files).toEqual([]);

    await drive.files.update({ fileId: 'inbox', ...all, requestBody: { trashed: false } });
    expect(await get('notes', 'trashed')).toEqual({ trashed: false });
    expect(await get('old', 'trashed,explicitlyTrashed')).toEqual({ trashed: true, explicitlyTrashed: true });
  });

  it('restoring a folder leaves a subfolder trashed on its own, and what is inside it, in the trash', async () => {
    const sub = kit.standIn.uploadFile({ name: 'Sub', parentId: 'inbox' });
    const inner = kit.standIn.uploadFile({ name: 'inner.txt', parentId: sub.id as string, text: 'x' });
    await drive.files.update({ fileId: sub.id as string, ...all, requestBody: { trashed: true } });
    await drive.files.update({ fileId: 'inbox', ...all, requestBody: { trashed: true } });
    await drive.files.update({ fileId: 'inbox', ...all, requestBody: { trashed: false } });
    expect(await get(sub.id as string, 'trashed,explicitlyTrashed')).toEqual({ trashed: true, explicitlyTrashed: true });
    expect(await get(inner.id as string, 'trashed,explicitlyTrashed')).toEqual({ trashed: true, explicitlyTrashed: false });
    expect(await get('notes', 'trashed')).toEqual({ trashed: false });
  });

  it('merges appProperties and properties (null deletes a key), and sets description and starred', async () => {
    const res = await drive.files.update({
      fileId: 'tagged',
      ...all,
      requestBody: { appProperties: { runId: null, step: 'publish' } as unknown as Record<string, string>, properties: { team: 'ops' }, description: 'Weekly output', starred: true },
      fields: 'appProperties,properties,description,starred',
    });
    expect(res.data).toEqual({ appProperties: { step: 'publish' }, properties: { team: 'ops' }, description: 'Weekly output', starred: true });
    const found = await drive.files.list({ ...teamScope, corpora: 'drive', q: "appProperties has { key='step' and value='publish' }", fields: 'files(id)' });
    expect(found.data.files).toEqual([{ id: 'tagged' }]);
    const cleared = await drive.files.update({ fileId: 'tagged', ...all, requestBody: { description: null }, fields: 'description' });
    expect(cleared.data).toEqual({});
  });

  it('answers 403 fieldNotWritable for parents in the body, and for read-only members', async () => {
    const parents = await failure(drive.files.update({ fileId: 'notes', ...all, requestBody: { parents: ['outbox'] } }));
    expect(parents.status).toBe(403);
    expect(parents.body.error.errors[0]).toEqual({
      domain: 'global',
      reason: 'fieldNotWritable',
      message: 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.',
    });
    for (const requestBody of [{ size: '1' }, { driveId: TEAM }, { id: 'notes' }, { mimeType: DOC }] as drive_v3.Schema$File[]) {
      const res = await failure(drive.files.update({ fileId: 'notes', ...all, requestBody }));
      expect(res.status).toBe(403);
      expect(res.body.error.errors[0]).toMatchObject({ reason: 'fieldNotWritable', message: 'The resource body includes fields which are not directly writable.' });
    }
    const unknown = await failure(drive.files.update({ fileId: 'notes', ...all, requestBody: { title: 'v2 name' } as drive_v3.Schema$File }));
    expect(unknown.status).toBe(400);
    expect(await get('notes', 'name,parents')).toEqual({ name: 'notes.txt', parents: ['inbox'] });
  });

  it('answers 403 insufficientPermissions with a read-only scope', async () => {
    const reader = await kit.client({ retry: false, token: kit.standIn.issueToken('baton-runner@baton-test.iam.gserviceaccount.com', ['https://www.googleapis.com/auth/drive.readonly']) });
    const res = await failure(reader.files.update({ fileId: 'notes', ...all, requestBody: { name: 'x' } }));
    expect(res.status).toBe(403);
    expect(reason(res)).toBe('insufficientPermissions');
  });
});

describe('files.update with media', () => {
  const upload = (params: drive_v3.Params$Resource$Files$Update) => drive.files.update(params, { rootUrl: kit.rootUrl });

  it('replaces a blob as a new version: size, md5Checksum and modifiedTime follow', async () => {
    const token = await startToken();
    const before = await get('notes', 'modifiedTime,version,headRevisionId');
    kit.standIn.advanceClock(60_000);
    const res = await upload({ fileId: 'notes', ...all, media: { mimeType: 'text/plain', body: 'new notes, longer' }, fields: 'name,mimeType,size,md5Checksum,modifiedTime,version,headRevisionId' });
    expect(res.data).toMatchObject({
      name: 'notes.txt',
      mimeType: 'text/plain',
      size: '17',
      md5Checksum: createHash('md5').update('new notes, longer').digest('hex'),
    });
    expect(Date.parse(res.data.modifiedTime!)).toBeGreaterThan(Date.parse(before.modifiedTime!));
    expect(res.data.headRevisionId).not.toBe(before.headRevisionId);
    const sent = kit.standIn.requests.find((r) => r.method === 'PATCH')!;
    expect(sent.path).toBe('/upload/drive/v3/files/notes');
    const bytes = await drive.files.get({ fileId: 'notes', alt: 'media', ...all }, { responseType: 'text' });
    expect(bytes.data).toBe('new notes, longer');
    expect(await changesSince(token, 'changes(fileId,file(size))')).toEqual([{ fileId: 'notes', file: { size: '17' } }]);
  });

  it('renames and replaces content in one multipart update, and imports Markdown into a Doc', async () => {
    const res = await upload({ fileId: 'brief', ...all, requestBody: { name: 'Brief v2' }, media: { mimeType: 'text/markdown', body: '# Brief v2\n\nNew.' }, fields: 'name,mimeType' });
    expect(res.data).toEqual({ name: 'Brief v2', mimeType: DOC });
    expect(kit.standIn.requests.find((r) => r.method === 'PATCH')!.query.uploadType).toBe('multipart');
    const md = await drive.files.export({ fileId: 'brief', mimeType: 'text/markdown' }, { responseType: 'text' });
    expect(md.data).toBe('# Brief v2\n\nNew.');
  });

  it('answers 400 wrongUrlForUpload for uploadType on the metadata path', async () => {
    const res = await failure(drive.files.update({ fileId: 'notes', ...all, uploadType: 'media' } as drive_v3.Params$Resource$Files$Update));
    expect(res.status).toBe(400);
    expect(reason(res)).toBe('wrongUrlForUpload');
  });
});

describe('files.copy', () => {
  it('creates a new file id in the target folder with a change record; the name defaults to "Copy of NAME"', async () => {
    const token = await startToken();
    kit.standIn.advanceClock(60_000);
    const res = await drive.files.copy({ fileId: 'report', ...all, requestBody: { parents: ['outbox'] }, fields: 'id,name,parents,mimeType,size,md5Checksum,createdTime,modifiedTime' });
    const source = await get('report', 'size,md5Checksum,createdTime');
    expect(res.data).toMatchObject({ name: 'Copy of report.pdf', parents: ['outbox'], mimeType: 'application/pdf', size: source.size, md5Checksum: source.md5Checksum });
    expect(res.data.id).not.toBe('report');
    expect(res.data.modifiedTime).toBe(res.data.createdTime);
    expect(Date.parse(res.data.createdTime!)).toBeGreaterThan(Date.parse(source.createdTime!));
    expect(kit.standIn.requests.find((r) => r.path === '/drive/v3/files/report/copy')!.method).toBe('POST');
    expect(await changesSince(token, 'changes(fileId,file(name,parents))')).toEqual([{ fileId: res.data.id, file: { name: 'Copy of report.pdf', parents: ['outbox'] } }]);
    const bytes = await drive.files.get({ fileId: res.data.id!, alt: 'media', ...all }, { responseType: 'arraybuffer' });
    expect(Buffer.from(bytes.data as unknown as ArrayBuffer).toString('latin1')).toMatch(/^%PDF-1\.4/);
  });

  it("takes the given name, keeps the source's folder without parents, and merges appProperties", async () => {
    const res = await drive.files.copy({
      fileId: 'tagged',
      ...all,
      requestBody: { name: 'Tagged output (2)', appProperties: { copyOf: 'tagged' } },
      fields: 'name,parents,mimeType,appProperties',
    });
    expect(res.data).toEqual({ name: 'Tagged output (2)', parents: ['outbox'], mimeType: DOC, appProperties: { runId: 'r-123', copyOf: 'tagged' } });
    expect((await drive.files.get({ fileId: 'tagged', fields: 'name', ...all })).data.name).toBe('Tagged output');
  });

  it('answers 403 cannotCopyFile for a folder', async () => {
    const res = await failure(drive.files.copy({ fileId: 'inbox', ...all, requestBody: {} }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toEqual({ domain: 'global', reason: 'cannotCopyFile', message: 'This file cannot be copied by the user.' });
  });

  it('refuses a service account copy into My Drive with 403 storageQuotaExceeded, and answers 404 without supportsAllDrives', async () => {
    const mine = await failure(drive.files.copy({ fileId: 'say', requestBody: {} }));
    expect(mine.status).toBe(403);
    expect(mine.body.error.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'storageQuotaExceeded' });
    const hidden = await failure(drive.files.copy({ fileId: 'notes', requestBody: { parents: ['outbox'] } }));
    expect(hidden.status).toBe(404);
    const intoTeam = await drive.files.copy({ fileId: 'say', ...all, requestBody: { parents: ['outbox'] }, fields: 'name,driveId' });
    expect(intoTeam.data).toEqual({ name: 'Copy of Say Hello', driveId: TEAM });
  });
});

describe('size', () => {
  it('is a string byte count for blobs and Docs Editors files, absent for folders', async () => {
    expect(await get('report', 'size')).toEqual({ size: expect.stringMatching(/^[1-9]\d*$/) });
    expect(await get('brief', 'size')).toEqual({ size: expect.stringMatching(/^\d+$/) });
    expect(await get('budget', 'size')).toEqual({ size: expect.stringMatching(/^\d+$/) });
    expect(await get('inbox', 'size,md5Checksum')).toEqual({});
    expect(await get('brief', 'md5Checksum')).toEqual({});
  });

  it('reports "0" for a zero-byte file uploaded by a person, in files.get, files.list and changes.list', async () => {
    const token = await startToken();
    const empty = kit.standIn.uploadFile({ name: 'empty.txt', parentId: 'inbox', text: '' });
    const md5 = createHash('md5').update('').digest('hex');
    expect(await get(empty.id as string, 'size,modifiedTime,md5Checksum')).toEqual({ size: '0', modifiedTime: expect.any(String), md5Checksum: md5 });
    const listed = await drive.files.list({ ...teamScope, corpora: 'drive', q: "name = 'empty.txt'", fields: 'files(size,modifiedTime)' });
    expect(listed.data.files).toEqual([{ size: '0', modifiedTime: expect.any(String) }]);
    const changed = await changesSince(token, 'changes(file(size,modifiedTime))');
    expect(changed).toEqual([{ file: { size: '0', modifiedTime: expect.any(String) } }]);
  });

  it('reports "0" for zero-byte files created through the API', async () => {
    const upload = (params: drive_v3.Params$Resource$Files$Create) => drive.files.create(params, { rootUrl: kit.rootUrl });
    // The client drops a media body of '' (googleapis-common sends media only when body is truthy),
    // so an empty stream stands for an empty upload.
    const multipart = await upload({ ...all, requestBody: { name: 'empty-a.txt', parents: ['outbox'] }, media: { mimeType: 'text/plain', body: Readable.from([]) }, fields: 'size,mimeType' });
    expect(multipart.data).toEqual({ size: '0', mimeType: 'text/plain' });
    expect(kit.standIn.requests.at(-1)!.query.uploadType).toBe('multipart');
    const metadataOnly = await drive.files.create({ ...all, requestBody: { name: 'empty-b.txt', mimeType: 'text/plain', parents: ['outbox'] }, fields: 'size' });
    expect(metadataOnly.data).toEqual({ size: '0' });
    const truncated = await drive.files.update({ fileId: 'notes', ...all, media: { mimeType: 'text/plain', body: Readable.from([]) }, fields: 'size' }, { rootUrl: kit.rootUrl });
    expect(truncated.data).toEqual({ size: '0' });
    expect(kit.standIn.requests.at(-1)!.path).toBe('/upload/drive/v3/files/notes');
    // uploadType=media: the body is the whole content.
    await drive.files.update({ fileId: 'report', ...all, media: { mimeType: 'application/pdf', body: 'x' } }, { rootUrl: kit.rootUrl });
    const media = await fetch(`${kit.standIn.url}/upload/drive/v3/files/report?uploadType=media&supportsAllDrives=true&fields=size,mimeType`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await kit.googleAuth.accessToken()}`, 'content-type': 'application/pdf' },
      body: '',
    });
    expect(await media.json()).toEqual({ size: '0', mimeType: 'application/pdf' });
  });
});

describe('admin copy', () => {
  it('copies as a person, into the same folder by default', async () => {
    const copy = kit.standIn.copyFile('notes');
    expect(copy).toMatchObject({ name: 'Copy of notes.txt', parents: ['inbox'], lastModifyingUser: { emailAddress: 'user@example.com' } });
    const res = await fetch(`${kit.standIn.url}/__admin/files/inbox/copy`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    const named = await fetch(`${kit.standIn.url}/__admin/files/brief/copy`, { method: 'POST', body: JSON.stringify({ name: 'Brief copy', parentId: 'outbox' }) });
    expect(await named.json()).toMatchObject({ name: 'Brief copy', parents: ['outbox'], mimeType: DOC });
  });
});
