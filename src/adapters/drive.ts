// Google Drive v3, through @googleapis/drive with a service-account token.
//
// - `drive({rootUrl})` keeps only the path of Google's URLs, and uploads take their media URL
//   from the per-call rootUrl, so every call passes it too (googleapis-common apirequest.js).
// - Shared drives need supportsAllDrives on every call, else 404 (Drive guide "Shared drives").
// - 403 userRateLimitExceeded/rateLimitExceeded, 429 and 5xx are retried with truncated
//   exponential backoff; other errors are final (Drive guide "Resolve errors").
import { auth as googleAuth, drive as createDrive, type drive_v3 } from '@googleapis/drive';

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

export interface DriveErrorInfo {
  status: number;
  reason: string | null;
}

export class DriveError extends Error {
  override name = 'DriveError';
  constructor(
    /** The API method that failed, e.g. files.create. */
    readonly call: string,
    readonly info: DriveErrorInfo,
  ) {
    super(`Google Drive ${call} failed: HTTP ${info.status}${info.reason ? ` (${info.reason})` : ''}`);
  }
  get notFound(): boolean {
    return this.info.status === 404;
  }
  /** A refusal Drive asks clients to retry with backoff (rate limits, 5xx). */
  get transient(): boolean {
    return isRetryable(this.info);
  }
}

export interface DriveAdapterOptions {
  rootUrl: string;
  accessToken: () => Promise<string>;
  /** Drops a token the API refused (401), so the next call signs in again. */
  invalidateToken?: (token: string) => void;
  retries?: number;
  /** Base delay for backoff; tests make it small. */
  backoffMs?: number;
}

const FILE_FIELDS = 'id,name,mimeType,parents,driveId,trashed,modifiedTime,webViewLink,appProperties,size';
const GET_FIELDS = `${FILE_FIELDS},capabilities(canAddChildren)`;
const TEXT_MIME = /^(text\/|application\/(json|xml|csv))/;

export function createDriveAdapter(options: DriveAdapterOptions): DriveAdapter {
  const rootUrl = options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/`;
  // gaxios guesses the response type from the runtime; in workerd it hands JSON back as text
  // unless asked, so metadata calls ask for JSON explicitly.
  const json = { rootUrl, responseType: 'json' as const };
  const oauth = new googleAuth.OAuth2();
  const api: drive_v3.Drive = createDrive({ version: 'v3', auth: oauth, rootUrl });

  /**
   * Runs a Drive call with backoff. A create is not idempotent: a 5xx may come after Drive
   * stored the file, so it is retried only on rate-limit refusals, and the caller looks its
   * appProperties up before trying again.
   */
  async function call<T>(what: string, fn: () => Promise<{ data: T }>, idempotent = true): Promise<T> {
    const retries = options.retries ?? 4;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await options.accessToken();
      oauth.setCredentials({ access_token: token });
      try {
        return (await fn()).data;
      } catch (error) {
        const info = errorInfo(error);
        // "On 401, refresh the token once" (Drive guide "Resolve errors"): a token can be revoked
        // or expire early on Google's clock; a request refused for it was not carried out.
        if (info.status === 401 && !refreshed && options.invalidateToken) {
          refreshed = true;
          options.invalidateToken(token);
          attempt--;
          continue;
        }
        if (attempt < retries && isRetryable(info) && (idempotent || isRateLimit(info))) {
          const delay = Math.min(2 ** attempt * (options.backoffMs ?? 1000) + Math.random() * (options.backoffMs ?? 1000), 32_000);
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        throw new DriveError(what, info);
      }
    }
  }

  return {
    async getFile(fileId) {
      return toFile(await call('files.get', () => api.files.get({ fileId, fields: GET_FIELDS, supportsAllDrives: true }, json)));
    },
    async listFolder(folderId, { newest } = {}) {
      const files: DriveFile[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call('files.list', () =>
          api.files.list(
            {
              q: `'${escapeQ(folderId)}' in parents and trashed = false and mimeType != '${FOLDER_MIME}'`,
              fields: `nextPageToken,files(${FILE_FIELDS})`,
              pageSize: newest ?? 100,
              pageToken,
              supportsAllDrives: true,
              includeItemsFromAllDrives: true,
              orderBy: newest === undefined ? 'name' : 'createdTime desc',
            },
            json,
          ),
        );
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
        const data = await call('files.export', () => api.files.export({ fileId: file.id, mimeType: exportAs }, { rootUrl, responseType: 'text' }));
        return String(data);
      }
      if (!TEXT_MIME.test(file.mimeType)) return null;
      const data = await call('files.get media', () =>
        api.files.get({ fileId: file.id, alt: 'media', supportsAllDrives: true }, { rootUrl, responseType: 'text' }),
      );
      return String(data);
    },
    async findByAppProperty(key, value) {
      const page = await call('files.list', () =>
        api.files.list(
          {
            q: `appProperties has { key='${escapeQ(key)}' and value='${escapeQ(value)}' } and trashed = false`,
            fields: `files(${FILE_FIELDS})`,
            pageSize: 10,
            supportsAllDrives: true,
            includeItemsFromAllDrives: true,
            corpora: 'allDrives',
          },
          json,
        ),
      );
      const first = page.files?.[0];
      return first ? toFile(first) : null;
    },
    async createDoc({ name, parentId, markdown, appProperties }) {
      // Multipart upload converting markdown to a Google Doc (Drive "Upload file data" and
      // "Import to Google Docs types" guides).
      const created = await call('files.create', () =>
        api.files.create(
          {
            requestBody: { name, mimeType: DOC_MIME, parents: [parentId], appProperties },
            media: { mimeType: 'text/markdown', body: markdown },
            fields: FILE_FIELDS,
            supportsAllDrives: true,
            uploadType: 'multipart',
          },
          json,
        ),
        false,
      );
      return toFile(created);
    },
    async startPageToken(driveId) {
      // A shared drive's log needs driveId with supportsAllDrives (changes.getStartPageToken reference).
      const data = await call('changes.getStartPageToken', () =>
        api.changes.getStartPageToken(driveId ? { driveId, supportsAllDrives: true } : {}, json),
      );
      if (!data.startPageToken) throw new DriveError('changes.getStartPageToken', { status: 200, reason: 'noStartPageToken' });
      return data.startPageToken;
    },
    async listChanges(pageToken, driveId) {
      // drive.md §2: driveId + supportsAllDrives + includeItemsFromAllDrives for a shared drive;
      // removed entries are included (default) so a deleted file is seen as gone.
      const data = await call('changes.list', () =>
        api.changes.list(
          {
            pageToken,
            pageSize: 1000,
            fields: `nextPageToken,newStartPageToken,changes(changeType,removed,fileId,file(${FILE_FIELDS}))`,
            ...(driveId ? { driveId, supportsAllDrives: true, includeItemsFromAllDrives: true } : {}),
          },
          json,
        ),
      );
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
      const data = await call(
        'changes.watch',
        () =>
          api.changes.watch(
            {
              pageToken,
              ...(driveId ? { driveId, supportsAllDrives: true, includeItemsFromAllDrives: true } : {}),
              requestBody: { id: channelId, type: 'web_hook', address, token, expiration: String(expiration) },
            },
            json,
          ),
        // A repeated watch with the same id is refused (channelIdNotUnique), so only rate limits are retried.
        false,
      );
      if (!data.resourceId) throw new DriveError('changes.watch', { status: 200, reason: 'noResourceId' });
      return { resourceId: data.resourceId, expiration: Number(data.expiration ?? expiration) };
    },
    async stopChannel(channelId, resourceId) {
      await call('channels.stop', () => api.channels.stop({ requestBody: { id: channelId, resourceId } }, json));
    },
  };
}

function toFile(f: drive_v3.Schema$File): DriveFile {
  return {
    id: f.id ?? '',
    name: f.name ?? '',
    mimeType: f.mimeType ?? '',
    parents: f.parents ?? [],
    driveId: f.driveId ?? null,
    trashed: f.trashed ?? false,
    modifiedTime: f.modifiedTime ?? null,
    webViewLink: f.webViewLink ?? null,
    appProperties: (f.appProperties ?? {}) as Record<string, string>,
    size: f.size ?? null,
    ...(typeof f.capabilities?.canAddChildren === 'boolean' ? { canAddChildren: f.capabilities.canAddChildren } : {}),
  };
}

/** Drive query strings are single-quoted; quotes and backslashes inside are escaped. */
function escapeQ(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function errorInfo(error: unknown): DriveErrorInfo {
  const e = error as { status?: number; code?: number | string; response?: { status?: number; data?: unknown } };
  const status = e.response?.status ?? e.status ?? (typeof e.code === 'number' ? e.code : 0);
  const data = e.response?.data as { error?: { errors?: { reason?: string }[] } } | undefined;
  return { status, reason: data?.error?.errors?.[0]?.reason ?? null };
}

function isRateLimit({ status, reason }: DriveErrorInfo): boolean {
  return status === 429 || (status === 403 && (reason === 'userRateLimitExceeded' || reason === 'rateLimitExceeded'));
}

function isRetryable(info: DriveErrorInfo): boolean {
  // 501 is "not implemented": retrying cannot help.
  return isRateLimit(info) || (info.status >= 500 && info.status !== 501) || info.status === 0;
}
