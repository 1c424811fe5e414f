// files.create through the real client: multipart uploads (with conversion to Docs), metadata-only
// creates, and the rules Drive enforces on them.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { DOC, FOLDER, SHEET, failure, startKit, type Kit } from './test-kit';
import { TEAM, seed } from './fixtures';

let kit: Kit;
let drive: drive_v3.Drive;
const upload = (params: drive_v3.Params$Resource$Files$Create) => drive.files.create(params, { rootUrl: kit.rootUrl });

beforeAll(async () => {
  kit = await startKit({ seed });
  drive = await kit.client();
});
beforeEach(() => kit.standIn.reset());
afterAll(() => kit.standIn.close());

describe('files.create with media (uploadType=multipart)', () => {
  it('converts uploaded Markdown to a Google Doc in a shared drive folder, tagged with appProperties', async () => {
    const res = await upload({
      supportsAllDrives: true,
      requestBody: { name: '2026-11-24 Weekly brief', mimeType: DOC, parents: ['outbox'], appProperties: { runId: 'r-9' } },
      media: { mimeType: 'text/markdown', body: '# Weekly brief\n\nAll **good**.' },
      fields: 'id,name,mimeType,parents,driveId,appProperties,webViewLink',
    });
    expect(res.data).toMatchObject({
      name: '2026-11-24 Weekly brief',
      mimeType: DOC,
      parents: ['outbox'],
      driveId: TEAM,
      appProperties: { runId: 'r-9' },
      webViewLink: `https://docs.google.com/document/d/${res.data.id}/edit?usp=drivesdk`,
    });
    const md = await drive.files.export({ fileId: res.data.id!, mimeType: 'text/markdown' }, { responseType: 'text' });
    expect(md.data).toBe('# Weekly brief\n\nAll **good**.');
    const found = await drive.files.list({
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
      q: "'outbox' in parents and appProperties has { key='runId' and value='r-9' } and trashed = false",
      fields: 'files(id)',
    });
    expect(found.data.files).toEqual([{ id: res.data.id }]);
    const sent = kit.standIn.requests.find((r) => r.path === '/upload/drive/v3/files')!;
    expect(sent.query.uploadType).toBe('multipart');
    expect(sent.headers['content-type']).toMatch(/^multipart\/related; boundary=/);
  });

  it('converts uploaded HTML to a Google Doc', async () => {
    const res = await upload({
      supportsAllDrives: true,
      requestBody: { name: 'From HTML', mimeType: DOC, parents: ['outbox'] },
      media: { mimeType: 'text/html', body: '<html><body><h2>Summary</h2><p>It <em>works</em> &amp; ships.</p><ul><li>a</li><li>b</li></ul></body></html>' },
    });
    const md = await drive.files.export({ fileId: res.data.id!, mimeType: 'text/markdown' }, { responseType: 'text' });
    expect(md.data).toBe('## Summary\n\nIt *works* & ships.\n\n- a\n- b');
  });

  it('converts uploaded CSV to a Google Sheet', async () => {
    const res = await upload({
      supportsAllDrives: true,
      requestBody: { name: 'Numbers', mimeType: SHEET, parents: ['outbox'] },
      media: { mimeType: 'text/csv', body: 'a,b\r\n"1,5",2' },
    });
    const csv = await drive.files.export({ fileId: res.data.id!, mimeType: 'text/csv' }, { responseType: 'text' });
    expect(csv.data).toBe('a,b\r\n"1,5",2');
  });

  it('stores binary media from a stream as it was sent', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 13, 10, 45, 45]);
    const res = await upload({
      supportsAllDrives: true,
      requestBody: { name: 'blob.bin', parents: ['outbox'] },
      media: { mimeType: 'application/octet-stream', body: Readable.from(bytes) },
      fields: 'id,mimeType,size',
    });
    expect(res.data).toMatchObject({ mimeType: 'application/octet-stream', size: String(bytes.length) });
    const back = await drive.files.get({ fileId: res.data.id!, alt: 'media', supportsAllDrives: true }, { responseType: 'arraybuffer' });
    expect(Buffer.from(back.data as unknown as ArrayBuffer)).toEqual(bytes);
  });

  it('answers 404 for a shared drive parent without supportsAllDrives', async () => {
    const res = await failure(upload({ requestBody: { name: 'x', mimeType: DOC, parents: ['outbox'] }, media: { mimeType: 'text/markdown', body: 'x' } }));
    expect(res.status).toBe(404);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'notFound', message: 'File not found: outbox.' });
  });

  it('refuses a service account upload into My Drive with 403 storageQuotaExceeded', async () => {
    const res = await failure(upload({ requestBody: { name: 'x', mimeType: DOC }, media: { mimeType: 'text/markdown', body: 'x' } }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'storageQuotaExceeded' });
  });

  it('answers 400 for an appProperties entry over 124 bytes', async () => {
    const res = await failure(
      upload({
        supportsAllDrives: true,
        requestBody: { name: 'x', mimeType: DOC, parents: ['outbox'], appProperties: { runId: 'r'.repeat(120) } },
        media: { mimeType: 'text/markdown', body: 'x' },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.errors[0].message).toMatch(/124 bytes/);
  });

  it('answers 400 for more than 30 appProperties', async () => {
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']));
    const res = await failure(upload({ supportsAllDrives: true, requestBody: { name: 'x', parents: ['outbox'], appProperties: many }, media: { mimeType: 'text/plain', body: 'x' } }));
    expect(res.status).toBe(400);
  });
});

describe('files.create without media', () => {
  it('creates a folder in a shared drive', async () => {
    const res = await drive.files.create({
      supportsAllDrives: true,
      requestBody: { name: 'Runs', mimeType: FOLDER, parents: [TEAM] },
      fields: 'id,name,mimeType,parents,driveId',
    });
    expect(res.data).toMatchObject({ name: 'Runs', mimeType: FOLDER, parents: [TEAM], driveId: TEAM });
    const listed = await drive.files.list({ supportsAllDrives: true, includeItemsFromAllDrives: true, q: `'${TEAM}' in parents and name = 'Runs'` });
    expect(listed.data.files?.map((f) => f.id)).toEqual([res.data.id]);
  });

  it('answers 403 cannotAddParent for two parents', async () => {
    const res = await failure(drive.files.create({ supportsAllDrives: true, requestBody: { name: 'x', mimeType: FOLDER, parents: ['inbox', 'outbox'] } }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0].reason).toBe('cannotAddParent');
  });

  it('answers 403 fieldNotWritable for a read-only member', async () => {
    const res = await failure(drive.files.create({ supportsAllDrives: true, requestBody: { name: 'x', parents: ['outbox'], driveId: TEAM } }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'fieldNotWritable', message: 'The resource body includes fields which are not directly writable.' });
  });

  it('answers 404 for a parent that does not exist', async () => {
    const res = await failure(drive.files.create({ supportsAllDrives: true, requestBody: { name: 'x', mimeType: FOLDER, parents: ['missing'] } }));
    expect(res.status).toBe(404);
  });

  it('lets a legacy service account with storage create in My Drive', async () => {
    const legacy = await startKit({ seed, serviceAccountsHaveStorage: true });
    try {
      const client = await legacy.client();
      const res = await client.files.create({ requestBody: { name: 'Mine', mimeType: FOLDER }, fields: 'parents,ownedByMe' });
      expect(res.data).toEqual({ parents: [legacy.standIn.rootFolderId], ownedByMe: true });
    } finally {
      await legacy.standIn.close();
    }
  });
});
