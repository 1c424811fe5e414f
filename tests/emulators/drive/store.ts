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

/** Members a files.update may change; absent members are left as they are. */
export interface FilePatch {
  name?: string;
  /** null clears it. */
  description?: string | null;
  starred?: boolean;
  trashed?: boolean;
  /** The new single parent: a folder id, a shared drive id or "root". */
  parentId?: string;
  /** The complete new maps (the caller merges, as files.update's patch semantics do). */
  appProperties?: Record<string, string>;
  properties?: Record<string, string>;
  originalFilename?: string;
  mimeType?: string;
  content?: FileContent;
  /** Set explicitly (RFC 3339); otherwise a name or content change moves it to now. */
  modifiedTime?: string;
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

  /**
   * One metadata or content update (files.update, or a person's edit in the Drive UI): every
   * member given is applied, and the file gets one change record. Moving re-homes the subtree
   * (shared drive id, owner); trashing or restoring a folder does the same to what it contains,
   * each with its own change record. `modifiedTime` moves to now when the name or the content
   * changes, unless the patch sets it; moving, trashing, starring and property edits leave it.
   */
  update(id: string, patch: FilePatch, actor: Person): StoredFile {
    const file = this.mustGet(id);
    const now = this.clock.iso();
    let modified = false;
    if (patch.parentId !== undefined) {
      const parent = this.parent(patch.parentId);
      if (!parent) throw new Error(`parent ${patch.parentId} does not exist`);
      file.parents = [parent.kind === 'drive' ? parent.drive.id : parent.file.id];
      const driveId = parent.kind === 'drive' ? parent.drive.id : parent.file.driveId;
      for (const item of this.subtree(file)) {
        const moved = item.driveId !== driveId;
        item.driveId = driveId;
        item.owner = driveId ? undefined : (item.owner ?? actor);
        // Items under a folder that changed drives change drive too, so each leaves a record.
        if (moved && item !== file) this.touch(item, actor, false);
      }
    }
    if (patch.name !== undefined && patch.name !== file.name) {
      file.name = patch.name;
      modified = true;
    }
    if (patch.description !== undefined) file.description = patch.description ?? undefined;
    if (patch.starred !== undefined) file.starred = patch.starred;
    if (patch.appProperties !== undefined) file.appProperties = { ...patch.appProperties };
    if (patch.properties !== undefined) file.properties = { ...patch.properties };
    if (patch.originalFilename !== undefined) file.originalFilename = patch.originalFilename;
    if (patch.mimeType !== undefined) file.mimeType = patch.mimeType;
    if (patch.content !== undefined) {
      file.content = patch.content;
      modified = true;
    }
    if (patch.trashed !== undefined && (patch.trashed !== file.trashed || patch.trashed !== file.explicitlyTrashed)) {
      // Trashing a folder trashes what it contains (explicitlyTrashed only on the folder itself).
      // What was trashed on its own, and what is inside it, keeps its own state.
      const own = new Set<string>();
      for (const item of this.subtree(file)) {
        if (item !== file && (item.explicitlyTrashed || own.has(item.parents[0]!))) {
          own.add(item.id);
          continue;
        }
        item.trashed = patch.trashed;
        item.explicitlyTrashed = patch.trashed && item === file;
        item.trashedTime = patch.trashed ? now : undefined;
        if (item !== file) this.touch(item, actor, false);
      }
    }
    if (patch.modifiedTime !== undefined) {
      file.modifiedTime = utc(patch.modifiedTime)!;
      modified = false;
    }
    return this.touch(file, actor, modified);
  }

  move(id: string, parentId: string, actor: Person): StoredFile {
    return this.update(id, { parentId }, actor);
  }

  trash(id: string, trashed: boolean, actor: Person): StoredFile {
    return this.update(id, { trashed }, actor);
  }

  rename(id: string, name: string, actor: Person): StoredFile {
    return this.update(id, { name }, actor);
  }

  setContent(id: string, content: FileContent, actor: Person): StoredFile {
    return this.update(id, { content }, actor);
  }

  /** The item and everything under it, the item first (folders only have descendants). */
  subtreeOf(id: string): StoredFile[] {
    return this.subtree(this.mustGet(id));
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
