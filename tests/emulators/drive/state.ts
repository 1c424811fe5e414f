// What the stand-in remembers, and how it is kept on disk: one JSON document, written after each
// change when a state folder is configured, read back on start.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOC_MIME = 'application/vnd.google-apps.document';
export const SHEET_MIME = 'application/vnd.google-apps.spreadsheet';
/** Workspace types: no binary content, so alt=media is refused and export is required. */
export const isWorkspaceType = (mimeType: string): boolean => mimeType.startsWith('application/vnd.google-apps.');

export type FileContent =
  | { kind: 'doc'; markdown: string }
  | { kind: 'sheet'; sheets: { title: string; rows: string[][] }[] }
  | { kind: 'blob'; base64: string };

export interface Person {
  displayName: string;
  emailAddress: string;
}

export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  /** Drive's single-parent model: exactly one parent, except the My Drive root (none). */
  parents: string[];
  /** Set for items in a shared drive. */
  driveId?: string;
  trashed: boolean;
  explicitlyTrashed: boolean;
  trashedTime?: string;
  createdTime: string;
  modifiedTime: string;
  description?: string;
  starred: boolean;
  appProperties: Record<string, string>;
  properties: Record<string, string>;
  version: number;
  originalFilename?: string;
  /** My Drive items have an owner; shared drive items are owned by the drive. */
  owner?: Person;
  lastModifyingUser: Person;
  content?: FileContent;
}

export interface SharedDrive {
  id: string;
  name: string;
  createdTime: string;
}

export interface ChangeRecord {
  /** Position in the change log; page tokens are these numbers as strings. */
  seq: number;
  fileId: string;
  driveId?: string;
  time: string;
  removed: boolean;
}

export interface ChannelRecord {
  id: string;
  resourceId: string;
  resourceUri: string;
  token?: string;
  address: string;
  /** Milliseconds since the epoch. */
  expiration: number;
  pageToken: string;
  driveId?: string;
  includeItemsFromAllDrives: boolean;
  messageNumber: number;
}

export interface DriveState {
  rootFolderId: string;
  drives: SharedDrive[];
  files: Record<string, StoredFile>;
  changes: ChangeRecord[];
  nextChangeSeq: number;
  channels: ChannelRecord[];
}

const STATE_FILE = 'drive-state.json';

export function loadState(stateDir: string): DriveState | undefined {
  const path = join(stateDir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as DriveState;
}

export function saveState(stateDir: string, state: DriveState): void {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, STATE_FILE);
  // Write then rename, so a crash never leaves half a document behind.
  writeFileSync(`${path}.tmp`, JSON.stringify(state));
  renameSync(`${path}.tmp`, path);
}

export const cloneState = (state: DriveState): DriveState => structuredClone(state);
