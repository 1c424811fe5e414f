// files.list through the real client: q, fields, paging, ordering and the shared drive rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { FOLDER, failure, startKit, type Kit } from './test-kit';
import { ROOT, TEAM, seed } from './fixtures';

let kit: Kit;
let drive: drive_v3.Drive;
const shared = { supportsAllDrives: true, includeItemsFromAllDrives: true };

beforeAll(async () => {
  kit = await startKit({ seed });
  drive = await kit.client();
});
afterAll(() => kit.standIn.close());

const names = (res: { data: drive_v3.Schema$FileList }) => (res.data.files ?? []).map((f) => f.name).sort();

describe('files.list', () => {
  it("lists a shared drive folder's live documents with the fields Baton asks for", async () => {
    const res = await drive.files.list({
      ...shared,
      q: "'inbox' in parents and trashed = false and mimeType != 'application/vnd.google-apps.folder' and modifiedTime > '2026-11-01T00:00:00'",
      fields: 'nextPageToken,files(id,name,mimeType,parents)',
    });
    expect(names(res)).toEqual(['Budget 2026', 'Weekly brief', 'notes.txt', 'report.pdf']);
    expect(res.data.files!.find((f) => f.id === 'brief')).toEqual({
      id: 'brief',
      name: 'Weekly brief',
      mimeType: 'application/vnd.google-apps.document',
      parents: ['inbox'],
    });
    expect(Object.keys(res.data)).toEqual(['files']);
  });

  it('returns only kind, id, name and mimeType (plus the drive of shared items) when fields is absent', async () => {
    const res = await drive.files.list({ ...shared, q: "'inbox' in parents and name = 'notes.txt'" });
    expect(res.data).toEqual({
      kind: 'drive#fileList',
      incompleteSearch: false,
      files: [{ kind: 'drive#file', id: 'notes', name: 'notes.txt', mimeType: 'text/plain', driveId: TEAM, teamDriveId: TEAM }],
    });
  });

  it('includes trashed items unless the query excludes them', async () => {
    const all = await drive.files.list({ ...shared, q: "'inbox' in parents" });
    expect(names(all)).toContain('Old draft');
    const trashed = await drive.files.list({ ...shared, q: "'inbox' in parents and trashed = true", fields: 'files(name,trashed)' });
    expect(trashed.data.files).toEqual([{ name: 'Old draft', trashed: true }]);
  });

  it('pages with nextPageToken, and leaves it out when fields does not ask for it', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const res = await drive.files.list({ ...shared, q: "'inbox' in parents", pageSize: 2, orderBy: 'name', pageToken, fields: 'nextPageToken,files(name)' });
      expect(res.data.files!.length).toBeLessThanOrEqual(2);
      seen.push(...res.data.files!.map((f) => f.name!));
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(seen).toEqual(['Budget 2026', 'notes.txt', 'Old draft', 'report.pdf', 'Weekly brief']);

    const silent = await drive.files.list({ ...shared, q: "'inbox' in parents", pageSize: 2, fields: 'files(id)' });
    expect(silent.data.nextPageToken).toBeUndefined();
    expect(silent.data.files).toHaveLength(2);
  });

  it('rejects a page token used with a different query', async () => {
    const first = await drive.files.list({ ...shared, q: "'inbox' in parents", pageSize: 1 });
    const res = await failure(drive.files.list({ ...shared, q: "'outbox' in parents", pageToken: first.data.nextPageToken! }));
    expect(res.status).toBe(400);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'pageToken' });
  });

  it('matches name contains by word prefix, as Drive does', async () => {
    const hello = await drive.files.list({ q: "name contains 'hello'" });
    expect(names(hello)).toEqual(['HelloWorld plan', 'Say Hello']);
    const world = await drive.files.list({ q: "name contains 'World'" });
    expect(names(world)).toEqual([]);
  });

  it('finds a run output by its appProperties tag', async () => {
    const res = await drive.files.list({
      ...shared,
      q: "'outbox' in parents and appProperties has { key='runId' and value='r-123' } and trashed = false",
      fields: 'files(id,appProperties)',
    });
    expect(res.data.files).toEqual([{ id: 'tagged', appProperties: { runId: 'r-123' } }]);
  });

  it('combines terms with or, not and parentheses', async () => {
    const res = await drive.files.list({
      ...shared,
      q: "'inbox' in parents and (mimeType = 'text/plain' or mimeType = 'application/pdf') and not name contains 'report'",
    });
    expect(names(res)).toEqual(['notes.txt']);
  });

  it('orders by the requested keys', async () => {
    const res = await drive.files.list({ ...shared, q: "'inbox' in parents and trashed = false", orderBy: 'createdTime desc', fields: 'files(name)' });
    expect(res.data.files!.map((f) => f.name)).toEqual(['report.pdf', 'notes.txt', 'Budget 2026', 'Weekly brief']);
  });

  it("lists My Drive under 'root' and leaves shared drive items out of a plain search", async () => {
    const root = await drive.files.list({ q: "'root' in parents", fields: 'files(name,parents)' });
    expect(root.data.files).toEqual(expect.arrayContaining([{ name: 'Say Hello', parents: [ROOT] }]));
    const bare = await drive.files.list({ ...shared, q: "name = 'notes.txt'" });
    expect(bare.data.files).toEqual([]);
  });

  it('hides shared drive items without includeItemsFromAllDrives', async () => {
    const res = await drive.files.list({ supportsAllDrives: true, q: "'inbox' in parents" });
    expect(res.data.files).toEqual([]);
  });

  it('searches a whole shared drive with corpora=drive', async () => {
    const res = await drive.files.list({ ...shared, corpora: 'drive', driveId: TEAM, q: `mimeType = '${FOLDER}'`, fields: 'files(name)' });
    expect(names(res)).toEqual(['Inbox', 'Outbox']);
  });

  it('answers 400 invalid on q for a query Drive cannot parse', async () => {
    for (const q of ["title = 'x'", "name > 'x'", "trashed = 'false'", "modifiedTime > 'yesterday'", "'inbox' in parents and", "name = 'unterminated"]) {
      const res = await failure(drive.files.list({ q }));
      expect(res.status, q).toBe(400);
      expect(res.body.error).toEqual({
        code: 400,
        message: 'Invalid Value',
        errors: [{ domain: 'global', reason: 'invalid', message: 'Invalid Value', location: 'q', locationType: 'parameter' }],
      });
    }
  });

  it('answers 400 for a field selection the resource does not have', async () => {
    const res = await failure(drive.files.list({ fields: 'files(id,title)' }));
    expect(res.status).toBe(400);
    expect(res.body.error.errors[0]).toMatchObject({ reason: 'invalidParameter', message: 'Invalid field selection files/title', location: 'fields' });
  });

  it('enforces the corpora, driveId and includeItemsFromAllDrives combinations', async () => {
    const noCorpora = await failure(drive.files.list({ ...shared, driveId: TEAM }));
    expect(noCorpora.status).toBe(400);
    expect(noCorpora.body.error.errors[0].reason).toBe('teamDriveIdRequiresTeamDriveCorpora');
    const noInclude = await failure(drive.files.list({ supportsAllDrives: true, corpora: 'drive', driveId: TEAM }));
    expect(noInclude.status).toBe(403);
    expect(noInclude.body.error.message).toMatch(/includeItemsFromAllDrives parameter must be set to true/);
    const unknown = await failure(drive.files.list({ ...shared, corpora: 'drive', driveId: '0AnopeUk9PVA' }));
    expect(unknown.status).toBe(404);
  });

  it('answers 400 for an orderBy key Drive does not know', async () => {
    const res = await failure(drive.files.list({ orderBy: 'size' }));
    expect(res.status).toBe(400);
    expect(res.body.error.errors[0].location).toBe('orderBy');
  });
});
