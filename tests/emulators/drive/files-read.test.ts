// files.get (metadata and alt=media) and files.export through the real client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { DOC, failure, startKit, type Kit } from './test-kit';
import { PDF_BYTES, TEAM, seed } from './fixtures';

let kit: Kit;
let drive: drive_v3.Drive;

beforeAll(async () => {
  kit = await startKit({ seed });
  drive = await kit.client();
});
afterAll(() => kit.standIn.close());

describe('files.get', () => {
  it('returns the requested metadata of a shared drive file', async () => {
    const res = await drive.files.get({
      fileId: 'report',
      supportsAllDrives: true,
      fields: 'id,name,mimeType,parents,driveId,size,md5Checksum,trashed,modifiedTime,webViewLink',
    });
    expect(res.data).toMatchObject({
      id: 'report',
      name: 'report.pdf',
      mimeType: 'application/pdf',
      parents: ['inbox'],
      driveId: TEAM,
      size: String(PDF_BYTES.length),
      trashed: false,
      modifiedTime: '2026-11-21T10:00:00.000Z',
      webViewLink: 'https://drive.google.com/file/d/report/view?usp=drivesdk',
    });
    expect(res.data.md5Checksum).toMatch(/^[0-9a-f]{32}$/);
  });

  it('returns the default fields when fields is absent', async () => {
    const res = await drive.files.get({ fileId: 'hello' });
    expect(res.data).toEqual({ kind: 'drive#file', id: 'hello', name: 'HelloWorld plan', mimeType: DOC });
  });

  it('answers 404 for a shared drive file without supportsAllDrives', async () => {
    const res = await failure(drive.files.get({ fileId: 'report' }));
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({
      code: 404,
      message: 'File not found: report.',
      errors: [{ domain: 'global', reason: 'notFound', message: 'File not found: report.', location: 'fileId', locationType: 'parameter' }],
    });
  });

  it('answers 404 for an id that does not exist', async () => {
    const res = await failure(drive.files.get({ fileId: 'nope', supportsAllDrives: true }));
    expect(res.status).toBe(404);
    expect(res.body.error.errors[0].reason).toBe('notFound');
  });

  it('downloads blob content with alt=media', async () => {
    const pdf = await drive.files.get({ fileId: 'report', alt: 'media', supportsAllDrives: true }, { responseType: 'arraybuffer' });
    expect(Buffer.from(pdf.data as unknown as ArrayBuffer)).toEqual(PDF_BYTES);
    expect((pdf.headers as unknown as Headers).get('content-type')).toBe('application/pdf');
    const text = await drive.files.get({ fileId: 'notes', alt: 'media', supportsAllDrives: true }, { responseType: 'text' });
    expect(text.data).toBe('plain notes');
  });

  it('refuses alt=media on a Google Doc with 403 fileNotDownloadable', async () => {
    const res = await failure(drive.files.get({ fileId: 'brief', alt: 'media', supportsAllDrives: true }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toEqual({
      domain: 'global',
      reason: 'fileNotDownloadable',
      message: 'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
      location: 'alt',
      locationType: 'parameter',
    });
  });
});

describe('files.export', () => {
  const text = async (fileId: string, mimeType: string) =>
    (await drive.files.export({ fileId, mimeType }, { responseType: 'text' })).data as unknown as string;

  it('exports a Doc as Markdown, plain text and HTML', async () => {
    expect(await text('brief', 'text/markdown')).toBe('# Weekly brief\n\nHello **team**, see [the plan](https://example.com/plan).\n\n- one\n- two');
    // Docs' plain text starts with a byte-order mark (decoders drop it, so read the bytes).
    const plain = await drive.files.export({ fileId: 'brief', mimeType: 'text/plain' }, { responseType: 'arraybuffer' });
    expect(Buffer.from(plain.data as unknown as ArrayBuffer).toString('utf8')).toBe('\uFEFFWeekly brief\r\nHello team, see the plan.\r\n* one\r\n* two');
    const html = await text('brief', 'text/html');
    expect(html).toContain('<h1>Weekly brief</h1>');
    expect(html).toContain('<strong>team</strong>');
    expect(html).toContain('<a href="https://example.com/plan">the plan</a>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
  });

  it('exports the first sheet of a Sheet as CSV', async () => {
    expect(await text('budget', 'text/csv')).toBe('item,cost\r\n"paper, A4",12\r\n"ink ""black""",30');
  });

  it('answers 400 for a format Drive cannot convert to', async () => {
    const res = await failure(drive.files.export({ fileId: 'brief', mimeType: 'text/csv' }));
    expect(res.status).toBe(400);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'badRequest', message: 'The requested conversion is not supported.' });
  });

  it('answers 403 fileNotExportable for a file that is not a Docs Editors file', async () => {
    const res = await failure(drive.files.export({ fileId: 'report', mimeType: 'text/plain' }));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'fileNotExportable', message: 'Export only supports Docs Editors files.' });
  });

  it('answers 403 exportSizeLimitExceeded above 10 MB', async () => {
    const big = kit.standIn.uploadFile({ name: 'Huge', parentId: 'outbox', markdown: 'x'.repeat(10 * 1024 * 1024 + 1) });
    const res = await failure(drive.files.export({ fileId: big.id as string, mimeType: 'text/markdown' }));
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: 403,
      message: 'This file is too large to be exported.',
      errors: [{ domain: 'global', reason: 'exportSizeLimitExceeded', message: 'This file is too large to be exported.' }],
    });
  });

  it('says plainly when a format Drive supports is not rendered by the stand-in', async () => {
    const once = await kit.client({ retry: false });
    const res = await failure(once.files.export({ fileId: 'brief', mimeType: 'application/pdf' }));
    expect(res.status).toBe(501);
    expect(res.body.error.errors[0].reason).toBe('notImplementedByStandIn');
  });
});
