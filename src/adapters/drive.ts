// Google Drive v3 over REST with a service-account token: nine calls, sent by drive-http.ts.
//
// - Shared drives need supportsAllDrives on every call, else 404 (Drive guide "Shared drives").
// - Query parameters are typed with @googleapis/drive's own Params$Resource$… types (`satisfies`),
//   and answers with its Schema$… types; the package is imported for its types only (no bytes in
//   the Worker). Answers are parsed (zod) before they are used.
// - Retries and error classification: drive-http.ts.
import type { drive_v3 } from '@googleapis/drive';
import * as z from 'zod';
import { createDriveSend, DriveError, parseJson, type DriveHttpOptions } from './drive-http';

export { DriveError, type DriveErrorInfo } from './drive-http';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOC_MIME = 'application/vnd.google-apps.document';
export const SHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';
/** Google Docs, Sheets, Slides, folders, shortcuts…: items of Google's own kinds. */
export const isWorkspaceMime = (mimeType: string) => mimeType.startsWith('application/vnd.google-apps.');

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  driveId: string | null;
  trashed: boolean;
  modifiedTime: string | null;
  webViewLink: string | null;
  appProperties: Record<string, string>;
  /**
   * Bytes, as Drive reports them: "Size in bytes of blobs and Google Workspace editor files.
   * Won't be populated for files that have no size, like shortcuts and folders" (drive_v3 File).
   */
  size: string | null;
  /**
   * Whether Baton's account may add files to this folder (File.capabilities.canAddChildren:
   * "always false when the item is not a folder"). Only getFile asks for it.
   */
  canAddChildren?: boolean;
}

export interface DriveAdapter {
  getFile(fileId: string): Promise<DriveFile>;
  /**
   * Direct children of a folder that are not trashed and not folders, by name; with `newest`, only
   * that many of the most recently created, in one request.
   */
  listFolder(folderId: string, options?: { newest?: number }): Promise<DriveFile[]>;
  /** Text of a file: Docs as markdown, Sheets as CSV, text files as they are; null when not text. */
  readText(file: DriveFile): Promise<string | null>;
  findByAppProperty(key: string, value: string): Promise<DriveFile | null>;
  createDoc(options: { name: string; parentId: string; markdown: string; appProperties: Record<string, string> }): Promise<DriveFile>;
  /** changes.getStartPageToken for My Drive (driveId null) or a shared drive. */
  startPageToken(driveId: string | null): Promise<string>;
  /** One page of changes.list from `pageToken`. */
  listChanges(pageToken: string, driveId: string | null): Promise<ChangePage>;
  /** changes.watch: a push channel on the drive's change log. */
  watchChanges(options: WatchOptions): Promise<{ resourceId: string; expiration: number }>;
  /** channels.stop. */
  stopChannel(channelId: string, resourceId: string): Promise<void>;
}

export interface DriveChange {
  fileId: string;
  removed: boolean;
  /** The file as it is now; null when removed. */
  file: DriveFile | null;
}

export interface ChangePage {
  changes: DriveChange[];
  /** Set while more pages follow. */
  nextPageToken: string | null;
  /** Set on the last page: the token to store for next time. */
  newStartPageToken: string | null;
}

export interface WatchOptions {
  pageToken: string;
  driveId: string | null;
  channelId: string;
  token: string;
  address: string;
  /** Unix ms asked for; Google may grant less (the answer says what it granted). */
  expiration: number;
}

/** Where and how to call Drive; `fetch` lets a rate gate see every request. */
export type DriveAdapterOptions = DriveHttpOptions;

const FILE_FIELDS = 'id,name,mimeType,parents,driveId,trashed,modifiedTime,webViewLink,appProperties,size';
const GET_FIELDS = `${FILE_FIELDS},capabilities(canAddChildren)`;
const TEXT_MIME = /^(text\/|application\/(json|xml|csv))/;

// The parts of drive_v3.Schema$File that Baton reads (FILE_FIELDS); Drive leaves out what is unset.
const File = z.object({
  id: z.string().nullish(),
  name: z.string().nullish(),
  mimeType: z.string().nullish(),
  parents: z.array(z.string()).nullish(),
  driveId: z.string().nullish(),
  trashed: z.boolean().nullish(),
  modifiedTime: z.string().nullish(),
  webViewLink: z.string().nullish(),
  appProperties: z.record(z.string(), z.string()).nullish(),
  size: z.string().nullish(),
  capabilities: z.object({ canAddChildren: z.boolean().optional() }).nullish(),
}) satisfies z.ZodType<drive_v3.Schema$File>;
const FileList = z.object({ nextPageToken: z.string().nullish(), files: z.array(File).nullish() });
const StartPageToken = z.object({ startPageToken: z.string().nullish() });
const ChangeList = z.object({
  nextPageToken: z.string().nullish(),
  newStartPageToken: z.string().nullish(),
  changes: z
    .array(z.object({ changeType: z.string().nullish(), removed: z.boolean().nullish(), fileId: z.string().nullish(), file: File.nullish() }))
    .nullish(),
});
// channels.stop answers 204 with no body; changes.watch answers the Channel.
const Channel = z.object({ resourceId: z.string().nullish(), expiration: z.string().nullish() });

/** A path segment: file ids are URL-safe, but nothing from outside goes into a URL unescaped. */
const id = (value: string) => encodeURIComponent(value);

export function createDriveAdapter(options: DriveAdapterOptions): DriveAdapter {
  const send = createDriveSend(options);
  const getJson = async <T>(call: string, path: string, query: Record<string, string | number | boolean | undefined>, schema: z.ZodType<T>) =>
    parseJson(call, await send({ call, method: 'GET', path, query }), schema);

  return {
    async getFile(fileId) {
      const query = { fields: GET_FIELDS, supportsAllDrives: true } satisfies drive_v3.Params$Resource$Files$Get;
      return toFile(await getJson('files.get', `drive/v3/files/${id(fileId)}`, query, File));
    },
    async listFolder(folderId, { newest } = {}) {
      const files: DriveFile[] = [];
      let pageToken: string | undefined;
      do {
        const query = {
          q: `'${escapeQ(folderId)}' in parents and trashed = false and mimeType != '${FOLDER_MIME}'`,
          fields: `nextPageToken,files(${FILE_FIELDS})`,
          pageSize: newest ?? 100,
          pageToken,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
          orderBy: newest === undefined ? 'name' : 'createdTime desc',
        } satisfies drive_v3.Params$Resource$Files$List;
        const page = await getJson('files.list', 'drive/v3/files', query, FileList);
        files.push(...(page.files ?? []).map(toFile));
        pageToken = newest === undefined ? (page.nextPageToken ?? undefined) : undefined;
      } while (pageToken);
      return files;
    },
    async readText(file) {
      // Docs and Sheets cannot be downloaded, only exported (Drive "Export MIME types" guide);
      // Sheets export only their first sheet as CSV.
      const exportAs = file.mimeType === DOC_MIME ? 'text/markdown' : file.mimeType === SHEET_MIME ? 'text/csv' : null;
      if (exportAs) {
        const query = { mimeType: exportAs } satisfies Omit<drive_v3.Params$Resource$Files$Export, 'fileId'>;
        return (await send({ call: 'files.export', method: 'GET', path: `drive/v3/files/${id(file.id)}/export`, query })).text();
      }
      if (!TEXT_MIME.test(file.mimeType)) return null;
      const query = { alt: 'media', supportsAllDrives: true } satisfies Omit<drive_v3.Params$Resource$Files$Get, 'fileId'>;
      return (await send({ call: 'files.get media', method: 'GET', path: `drive/v3/files/${id(file.id)}`, query })).text();
    },
    async findByAppProperty(key, value) {
      const query = {
        q: `appProperties has { key='${escapeQ(key)}' and value='${escapeQ(value)}' } and trashed = false`,
        fields: `files(${FILE_FIELDS})`,
        pageSize: 10,
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
        corpora: 'allDrives',
      } satisfies drive_v3.Params$Resource$Files$List;
      const page = await getJson('files.list', 'drive/v3/files', query, FileList);
      const first = page.files?.[0];
      return first ? toFile(first) : null;
    },
    async createDoc({ name, parentId, markdown, appProperties }) {
      // Multipart upload converting markdown to a Google Doc (Drive "Upload file data" and
      // "Import to Google Docs types" guides): multipart/related, metadata part first, CRLF
      // line breaks (RFC 2387), at most 5 MB — above that Drive wants a resumable upload.
      const metadata: drive_v3.Schema$File = { name, mimeType: DOC_MIME, parents: [parentId], appProperties };
      const boundary = `baton-${crypto.randomUUID()}`;
      const data = [
        `--${boundary}`,
        'content-type: application/json; charset=UTF-8',
        '',
        JSON.stringify(metadata),
        `--${boundary}`,
        'content-type: text/markdown',
        '',
        markdown,
        `--${boundary}--`,
      ].join('\r\n');
      const query = { fields: FILE_FIELDS, supportsAllDrives: true, uploadType: 'multipart' } satisfies Omit<drive_v3.Params$Resource$Files$Create, 'requestBody' | 'media'>;
      const response = await send({
        call: 'files.create',
        method: 'POST',
        // Uploads go to the /upload URI; metadata-only calls to /drive/v3 (Drive "Upload file data").
        path: 'upload/drive/v3/files',
        query,
        body: { contentType: `multipart/related; boundary=${boundary}`, data },
        idempotent: false,
      });
      return toFile(await parseJson('files.create', response, File));
    },
    async startPageToken(driveId) {
      // A shared drive's log needs driveId with supportsAllDrives (changes.getStartPageToken reference).
      const query = (driveId ? { driveId, supportsAllDrives: true } : {}) satisfies drive_v3.Params$Resource$Changes$Getstartpagetoken;
      const data = await getJson('changes.getStartPageToken', 'drive/v3/changes/startPageToken', query, StartPageToken);
      if (!data.startPageToken) throw new DriveError('changes.getStartPageToken', { status: 200, reason: 'noStartPageToken' });
      return data.startPageToken;
    },
    async listChanges(pageToken, driveId) {
      // drive.md §2: driveId + supportsAllDrives + includeItemsFromAllDrives for a shared drive;
      // removed entries are included (default) so a deleted file is seen as gone.
      const query = {
        pageToken,
        pageSize: 1000,
        fields: `nextPageToken,newStartPageToken,changes(changeType,removed,fileId,file(${FILE_FIELDS}))`,
        ...(driveId ? { driveId, supportsAllDrives: true, includeItemsFromAllDrives: true } : {}),
      } satisfies drive_v3.Params$Resource$Changes$List;
      const data = await getJson('changes.list', 'drive/v3/changes', query, ChangeList);
      return {
        changes: (data.changes ?? [])
          .filter((c) => (c.changeType ?? 'file') === 'file' && c.fileId)
          .map((c) => ({ fileId: c.fileId ?? '', removed: c.removed ?? false, file: c.file && !c.removed ? toFile(c.file) : null })),
        nextPageToken: data.nextPageToken ?? null,
        newStartPageToken: data.newStartPageToken ?? null,
      };
    },
    async watchChanges({ pageToken, driveId, channelId, token, address, expiration }) {
      // changes.watch reference and the push guide: type web_hook, our own token echoed back as
      // X-Goog-Channel-Token, expiration in Unix ms (Google grants at most a week; take its answer).
      const query = {
        pageToken,
        ...(driveId ? { driveId, supportsAllDrives: true, includeItemsFromAllDrives: true } : {}),
      } satisfies Omit<drive_v3.Params$Resource$Changes$Watch, 'requestBody'>;
      const channel: drive_v3.Schema$Channel = { id: channelId, type: 'web_hook', address, token, expiration: String(expiration) };
      // A repeated watch with the same id is refused (channelIdNotUnique), so only rate limits are retried.
      const response = await send({ call: 'changes.watch', method: 'POST', path: 'drive/v3/changes/watch', query, json: channel, idempotent: false });
      const data = await parseJson('changes.watch', response, Channel);
      if (!data.resourceId) throw new DriveError('changes.watch', { status: 200, reason: 'noResourceId' });
      return { resourceId: data.resourceId, expiration: Number(data.expiration ?? expiration) };
    },
    async stopChannel(channelId, resourceId) {
      const channel: drive_v3.Schema$Channel = { id: channelId, resourceId };
      await send({ call: 'channels.stop', method: 'POST', path: 'drive/v3/channels/stop', json: channel });
    },
  };
}

function toFile(f: z.infer<typeof File>): DriveFile {
  return {
    id: f.id ?? '',
    name: f.name ?? '',
    mimeType: f.mimeType ?? '',
    parents: f.parents ?? [],
    driveId: f.driveId ?? null,
    trashed: f.trashed ?? false,
    modifiedTime: f.modifiedTime ?? null,
    webViewLink: f.webViewLink ?? null,
    appProperties: f.appProperties ?? {},
    size: f.size ?? null,
    ...(typeof f.capabilities?.canAddChildren === 'boolean' ? { canAddChildren: f.capabilities.canAddChildren } : {}),
  };
}

/** Drive query strings are single-quoted; quotes and backslashes inside are escaped. */
function escapeQ(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
