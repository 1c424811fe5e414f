// The Drive adapter against the Drive stand-in: the requests it sends (endpoints, query
// parameters, supportsAllDrives, the multipart upload), what it makes of the answers, and how it
// classifies and retries failures (platform/drive.md §4–6).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDriveAdapter, DOC_MIME, DriveError, type DriveAdapter } from '../../src/adapters/drive';
import { createGoogleAuth } from '../../src/adapters/google-auth';
import { startDrive, type DriveStandIn } from '../emulators/drive/index';
import { boundaryOf, parseMultipart } from '../emulators/drive/multipart';
import { keyPair, SA_EMAIL } from '../emulators/drive/test-kit';
import type { LoggedRequest } from '../emulators/shared/server';

const TEAM_DRIVE = '0ATeamDriveAcme0001';
const FOLDER = '1FolderUpdates0000000000000000001';
const OUT = '1FolderOutput00000000000000000002';
const SHEET_ID = '1SheetPricing000000000000000000003';

let standIn: DriveStandIn;
let drive: DriveAdapter;
let sent: string[];

beforeAll(async () => {
  const keys = await keyPair();
  standIn = await startDrive({
    serviceAccounts: [{ email: SA_EMAIL, publicKey: keys.publicKey }],
    seed: {
      drives: [{ id: TEAM_DRIVE, name: 'Acme team' }],
      files: [
        { id: FOLDER, name: 'Competitor updates', parent: TEAM_DRIVE },
        { id: OUT, name: 'Briefs', parent: TEAM_DRIVE },
        { name: 'Rival B changelog', parent: FOLDER, markdown: '# Rival B\nShipped an assistant.', modifiedTime: '2026-11-26T15:00:00.000Z' },
        { name: 'Rival A press release', parent: FOLDER, markdown: '# Rival A\nLaunched Teams.', modifiedTime: '2026-11-27T10:00:00.000Z' },
        { id: SHEET_ID, name: 'Competitor pricing', parent: FOLDER, rows: [['competitor', 'price'], ['Rival A', '39 EUR']] },
      ],
    },
  });
  const auth = createGoogleAuth({ serviceAccountEmail: SA_EMAIL, privateKey: keys.privateKey, tokenUrl: standIn.tokenUrl });
  sent = [];
  drive = createDriveAdapter({
    rootUrl: `${standIn.url}/`,
    accessToken: () => auth.accessToken(),
    invalidateToken: (t) => auth.invalidate(t),
    backoffMs: 1,
    // The adapter's fetch option: every Drive call goes through it (a rate gate uses it).
    fetch: (input, init) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
  });
});
beforeEach(() => {
  standIn.clearRequests();
  standIn.clearFaults();
  sent.length = 0;
});
afterAll(() => standIn.close());

const api = () => standIn.requests.filter((r) => r.path !== '/token');
const only = (): LoggedRequest => {
  const calls = api();
  expect(calls).toHaveLength(1);
  return calls[0]!;
};

describe('createDriveAdapter', () => {
  it('lists a folder by name across shared drives, without folders or trash, and reads each kind of file', async () => {
    const files = await drive.listFolder(FOLDER);
    expect(files.map((f) => f.name)).toEqual(['Competitor pricing', 'Rival A press release', 'Rival B changelog']);
    const list = only();
    expect(list.method).toBe('GET');
    expect(list.path).toBe('/drive/v3/files');
    expect(list.query).toMatchObject({
      q: `'${FOLDER}' in parents and trashed = false and mimeType != 'application/vnd.google-apps.folder'`,
      supportsAllDrives: 'true',
      includeItemsFromAllDrives: 'true',
      orderBy: 'name',
      pageSize: '100',
    });
    expect(list.query.fields).toContain('nextPageToken,files(');

    standIn.clearRequests();
    const sheet = files.find((f) => f.id === SHEET_ID)!;
    expect(await drive.readText(sheet)).toBe('competitor,price\r\nRival A,39 EUR');
    expect(only()).toMatchObject({ path: `/drive/v3/files/${SHEET_ID}/export`, query: { mimeType: 'text/csv' } });

    standIn.clearRequests();
    const doc = files.find((f) => f.name === 'Rival A press release')!;
    expect(doc.mimeType).toBe(DOC_MIME);
    expect(await drive.readText(doc)).toContain('Launched Teams.');
    expect(only()).toMatchObject({ path: `/drive/v3/files/${doc.id}/export`, query: { mimeType: 'text/markdown' } });
  });

  it('asks for the newest files only, in one request', async () => {
    const files = await drive.listFolder(FOLDER, { newest: 1 });
    expect(files).toHaveLength(1);
    expect(only().query).toMatchObject({ orderBy: 'createdTime desc', pageSize: '1' });
  });

  it('gets a file with its capabilities, on a shared drive', async () => {
    const folder = await drive.getFile(OUT);
    expect(folder).toMatchObject({ id: OUT, name: 'Briefs', driveId: TEAM_DRIVE, parents: [TEAM_DRIVE], trashed: false, canAddChildren: true });
    const get = only();
    expect(get.path).toBe(`/drive/v3/files/${OUT}`);
    expect(get.query).toMatchObject({ supportsAllDrives: 'true' });
    expect(get.query.fields).toContain('capabilities(canAddChildren)');
  });

  it('creates a Google Doc from markdown in one multipart upload, tagged for idempotency, and finds it by that tag', async () => {
    const created = await drive.createDoc({ name: '2026-11-30 — Weekly brief', parentId: OUT, markdown: '# Brief\n\n- One', appProperties: { batonRunId: 'run-1' } });
    expect(created).toMatchObject({ name: '2026-11-30 — Weekly brief', mimeType: DOC_MIME, parents: [OUT], appProperties: { batonRunId: 'run-1' } });
    const upload = only();
    expect(upload.method).toBe('POST');
    expect(upload.path).toBe('/upload/drive/v3/files');
    expect(upload.query).toMatchObject({ uploadType: 'multipart', supportsAllDrives: 'true' });
    const parts = parseMultipart(Buffer.from(upload.body, 'utf8'), boundaryOf(upload.headers['content-type'])!);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(parts[0]!.body.toString('utf8'))).toEqual({ name: '2026-11-30 — Weekly brief', mimeType: DOC_MIME, parents: [OUT], appProperties: { batonRunId: 'run-1' } });
    expect(parts[1]!.headers['content-type']).toBe('text/markdown');
    expect(parts[1]!.body.toString('utf8')).toBe('# Brief\n\n- One');

    standIn.clearRequests();
    const found = await drive.findByAppProperty('batonRunId', 'run-1');
    expect(found?.id).toBe(created.id);
    expect(only().query).toMatchObject({
      q: "appProperties has { key='batonRunId' and value='run-1' } and trashed = false",
      corpora: 'allDrives',
      supportsAllDrives: 'true',
      includeItemsFromAllDrives: 'true',
    });
    expect(await drive.findByAppProperty('batonRunId', "it's not there")).toBeNull();
    expect(api()[1]!.query.q).toBe("appProperties has { key='batonRunId' and value='it\\'s not there' } and trashed = false");
  });

  it('follows a shared drive change log from its start token and sees new files', async () => {
    const token = await drive.startPageToken(TEAM_DRIVE);
    expect(only()).toMatchObject({ path: '/drive/v3/changes/startPageToken', query: { driveId: TEAM_DRIVE, supportsAllDrives: 'true' } });
    standIn.uploadFile({ name: 'New memo', parentId: FOLDER, mimeType: 'text/plain', text: 'hello' });
    standIn.clearRequests();
    const page = await drive.listChanges(token, TEAM_DRIVE);
    expect(page.changes.map((c) => c.file?.name)).toContain('New memo');
    expect(page.newStartPageToken).not.toBeNull();
    expect(only().query).toMatchObject({ pageToken: token, driveId: TEAM_DRIVE, supportsAllDrives: 'true', includeItemsFromAllDrives: 'true', pageSize: '1000' });
  });

  it('opens a push channel on a change log and stops it', async () => {
    const token = await drive.startPageToken(TEAM_DRIVE);
    standIn.clearRequests();
    const channel = await drive.watchChanges({ pageToken: token, driveId: TEAM_DRIVE, channelId: 'ch-1', token: 'secret', address: 'https://baton.example/webhooks/drive', expiration: Date.parse('2026-12-05T00:00:00Z') });
    expect(channel.resourceId).not.toBe('');
    const watch = only();
    expect(watch).toMatchObject({ method: 'POST', path: '/drive/v3/changes/watch', query: { pageToken: token, driveId: TEAM_DRIVE, supportsAllDrives: 'true' } });
    expect(JSON.parse(watch.body)).toMatchObject({ id: 'ch-1', type: 'web_hook', address: 'https://baton.example/webhooks/drive', token: 'secret' });
    standIn.clearRequests();
    await drive.stopChannel('ch-1', channel.resourceId);
    expect(only()).toMatchObject({ method: 'POST', path: '/drive/v3/channels/stop' });
    expect(JSON.parse(api()[0]!.body)).toEqual({ id: 'ch-1', resourceId: channel.resourceId });
  });

  it('retries a rate-limit refusal and a 5xx on a read, and sends every call through the fetch it was given', async () => {
    standIn.injectFault({ path: `/drive/v3/files/${OUT}`, status: 403, reason: 'userRateLimitExceeded', count: 1 });
    standIn.injectFault({ path: `/drive/v3/files/${OUT}`, status: 503, count: 1 });
    expect((await drive.getFile(OUT)).id).toBe(OUT);
    expect(api().map((r) => r.status)).toEqual([403, 503, 200]);
    expect(sent.filter((u) => u.includes(`/drive/v3/files/${OUT}`))).toHaveLength(3);
  });

  it('does not retry a create after a 5xx (it may have been stored), only after a rate limit', async () => {
    standIn.injectFault({ path: '/upload/drive/v3/files', status: 500, count: 1 });
    const error = await drive.createDoc({ name: 'x', parentId: OUT, markdown: 'x', appProperties: { batonRunId: 'run-2' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriveError);
    expect((error as DriveError).transient).toBe(true);
    expect(api()).toHaveLength(1);

    standIn.clearRequests();
    standIn.injectFault({ path: '/upload/drive/v3/files', status: 429, count: 1 });
    await drive.createDoc({ name: 'x', parentId: OUT, markdown: 'x', appProperties: { batonRunId: 'run-3' } });
    expect(api().map((r) => r.status)).toEqual([429, 200]);
  });

  it('reports a missing file as final, with its reason, without retrying', async () => {
    const error = (await drive.getFile('1NoSuchFile000000000000000000009').catch((e: unknown) => e)) as DriveError;
    expect(error).toBeInstanceOf(DriveError);
    expect(error.notFound).toBe(true);
    expect(error.transient).toBe(false);
    expect(error.info).toEqual({ status: 404, reason: 'notFound' });
    expect(error.message).toBe('Google Drive files.get failed: HTTP 404 (notFound)');
    expect(api()).toHaveLength(1);
  });

  it('never retries storageQuotaExceeded', async () => {
    standIn.injectFault({ path: `/drive/v3/files/${OUT}`, status: 403, reason: 'storageQuotaExceeded', count: 1 });
    const error = (await drive.getFile(OUT).catch((e: unknown) => e)) as DriveError;
    expect(error.info).toEqual({ status: 403, reason: 'storageQuotaExceeded' });
    expect(error.transient).toBe(false);
    expect(api()).toHaveLength(1);
  });

  it('signs in again once when Drive refuses the token (401)', async () => {
    standIn.injectFault({ path: `/drive/v3/files/${OUT}`, status: 401, count: 1 });
    expect((await drive.getFile(OUT)).id).toBe(OUT);
    expect(api().map((r) => r.status)).toEqual([401, 200]);
  });
});
