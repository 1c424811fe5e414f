// The Drive corpus and its change log. Every mutation goes through here, so each one leaves the
// change record the real service would (https://developers.google.com/workspace/drive/api/guides/manage-changes)
// and tells listeners (push channels) about it.
import type { Clock } from './clock';
import { newFileId } from './ids';
import {
  saveState,
  FOLDER_MIME,
  type ChangeRecord,
  type DriveState,
  type FileContent,
  type Person,
  type SharedDrive,
  type StoredFile,
} from './state';

export interface NewFile {
  id?: string;
  name: string;
  mimeType: string;
  parentId: string;
  content?: FileContent;
  appProperties?: Record<string, string>;
  properties?: Record<string, string>;
  description?: string;
  originalFilename?: string;
  createdTime?: string;
  modifiedTime?: string;
  starred?: boolean;
  trashed?: boolean;
  actor: Person;
}

const utc = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());

export type Parent = { kind: 'folder'; file: StoredFile } | { kind: 'drive'; drive: SharedDrive };

export class DriveStore {
  private readonly listeners = new Set<(change: ChangeRecord) => void>();

  constructor(
    public state: DriveState,
    private readonly clock: Clock,
    private readonly stateDir?: string,
  ) {}

  onChange(listener: (change: ChangeRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  persist(): void {
    if (this.stateDir) saveState(this.stateDir, this.state);
  }

  replaceState(state: DriveState): void {
    this.state = state;
    this.persist();
  }

  /** A file by id; "root" is the alias of the My Drive root folder. */
  file(id: string): StoredFile | undefined {
    return this.state.files[id === 'root' ? this.state.rootFolderId : id];
  }

  drive(id: string): SharedDrive | undefined {
    return this.state.drives.find((d) => d.id === id);
  }

  parent(id: string): Parent | undefined {
    const drive = this.drive(id);
    if (drive) return { kind: 'drive', drive };
    const file = this.file(id);
    return file ? { kind: 'folder', file } : undefined;
  }

  /** All items except the My Drive root, which Drive never lists. */
  files(): StoredFile[] {
    return Object.values(this.state.files).filter((f) => f.id !== this.state.rootFolderId);
  }

  createFile(input: NewFile): StoredFile {
    const now = this.clock.iso();
    const parent = this.parent(input.parentId);
    if (!parent) throw new Error(`parent ${input.parentId} does not exist`);
    const driveId = parent.kind === 'drive' ? parent.drive.id : parent.file.driveId;
    const file: StoredFile = {
      id: input.id ?? newFileId(),
      name: input.name,
      mimeType: input.mimeType,
      parents: [parent.kind === 'drive' ? parent.drive.id : parent.file.id],
      driveId,
      trashed: input.trashed ?? false,
      explicitlyTrashed: input.trashed ?? false,
      trashedTime: input.trashed ? now : undefined,
      // Drive writes times as RFC 3339 UTC with milliseconds ("2026-11-24T10:00:00.000Z").
      createdTime: utc(input.createdTime) ?? now,
      modifiedTime: utc(input.modifiedTime) ?? utc(input.createdTime) ?? now,
      description: input.description,
      starred: input.starred ?? false,
      appProperties: { ...input.appProperties },
      properties: { ...input.properties },
      version: 1,
      originalFilename: input.originalFilename,
      owner: driveId ? undefined : input.actor,
      lastModifyingUser: input.actor,
      content: input.content,
    };
    this.state.files[file.id] = file;
    this.record(file, false);
    return file;
  }

  move(id: string, parentId: string, actor: Person): StoredFile {
    const file = this.mustGet(id);
    const parent = this.parent(parentId);
    if (!parent) throw new Error(`parent ${parentId} does not exist`);
    file.parents = [parent.kind === 'drive' ? parent.drive.id : parent.file.id];
    const driveId = parent.kind === 'drive' ? parent.drive.id : parent.file.driveId;
    for (const item of this.subtree(file)) {
      item.driveId = driveId;
      item.owner = driveId ? undefined : (item.owner ?? actor);
    }
    return this.touch(file, actor, false);
  }

  /** Trashing a folder trashes what it contains (explicitlyTrashed only on the folder itself). */
  trash(id: string, trashed: boolean, actor: Person): StoredFile {
    const file = this.mustGet(id);
    const now = this.clock.iso();
    for (const item of this.subtree(file)) {
      if (item !== file && item.explicitlyTrashed) continue;
      item.trashed = trashed;
      item.explicitlyTrashed = trashed && item === file;
      item.trashedTime = trashed ? now : undefined;
      if (item !== file) this.touch(item, actor, false);
    }
    return this.touch(file, actor, false);
  }

  rename(id: string, name: string, actor: Person): StoredFile {
    const file = this.mustGet(id);
    file.name = name;
    return this.touch(file, actor, true);
  }

  setContent(id: string, content: FileContent, actor: Person): StoredFile {
    const file = this.mustGet(id);
    file.content = content;
    return this.touch(file, actor, true);
  }

  /** Permanent deletion: the change log reports the file as removed. */
  delete(id: string): void {
    const file = this.mustGet(id);
    for (const item of this.subtree(file).reverse()) {
      delete this.state.files[item.id];
      this.record(item, true);
    }
  }

  changesFrom(seq: number): ChangeRecord[] {
    return this.state.changes.filter((c) => c.seq >= seq);
  }

  private touch(file: StoredFile, actor: Person, modified: boolean): StoredFile {
    file.version += 1;
    file.lastModifyingUser = actor;
    if (modified) file.modifiedTime = this.clock.iso();
    this.record(file, false);
    return file;
  }

  private subtree(root: StoredFile): StoredFile[] {
    const out = [root];
    for (let i = 0; i < out.length; i++) {
      const current = out[i]!;
      if (current.mimeType !== FOLDER_MIME) continue;
      for (const child of Object.values(this.state.files)) if (child.parents[0] === current.id) out.push(child);
    }
    return out;
  }

  private mustGet(id: string): StoredFile {
    const file = this.file(id);
    if (!file) throw new Error(`file ${id} does not exist`);
    return file;
  }

  private record(file: StoredFile, removed: boolean): void {
    const change: ChangeRecord = {
      seq: this.state.nextChangeSeq++,
      fileId: file.id,
      driveId: file.driveId,
      time: this.clock.iso(),
      removed,
    };
    this.state.changes.push(change);
    this.persist();
    for (const listener of this.listeners) listener(change);
  }
}
