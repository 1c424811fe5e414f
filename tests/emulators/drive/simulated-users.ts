// What people do in the Drive UI while Baton runs: upload a file into a folder, move one, trash
// one, edit a Doc. Each goes through the store, so it leaves the change record and the push
// notification the real service would. People are not service accounts: their uploads to My Drive
// are never refused for storage quota.
import { z } from 'zod';
import { fileResource, type Viewer } from './file-resource';
import { DOC_MIME, FOLDER_MIME, SHEET_MIME, type FileContent, type Person } from './state';
import type { DriveStore } from './store';

export const SIMULATED_USER: Person = { displayName: 'Simulated User', emailAddress: 'user@example.com' };

const Rows = z.array(z.array(z.string()));
const As = z.object({ displayName: z.string(), emailAddress: z.string() }).optional();

export const ContentInput = z.object({
  markdown: z.string().optional(),
  rows: Rows.optional(),
  text: z.string().optional(),
  base64: z.string().optional(),
});

export const UploadInput = ContentInput.extend({
  name: z.string().min(1),
  parentId: z.string().min(1).default('root'),
  mimeType: z.string().optional(),
  appProperties: z.record(z.string(), z.string()).optional(),
  as: As,
});
export type UploadInput = z.input<typeof UploadInput>;

export const MoveInput = z.object({ parentId: z.string().min(1), as: As });
export const TrashInput = z.object({ trashed: z.boolean().default(true), as: As });
export const RenameInput = z.object({ name: z.string().min(1), as: As });
export const EditInput = ContentInput.extend({ as: As });
export const CopyInput = z.object({ name: z.string().min(1).optional(), parentId: z.string().min(1).optional(), as: As });
export type EditInput = z.input<typeof EditInput>;

export class UnknownItemError extends Error {}
/** A request the admin API refuses with 400 (e.g. copying a folder, which Drive cannot do). */
export class AdminRequestError extends Error {}

function content(input: z.output<typeof ContentInput>, mimeType?: string): { mimeType: string; content?: FileContent } {
  if (input.markdown !== undefined) return { mimeType: mimeType ?? DOC_MIME, content: { kind: 'doc', markdown: input.markdown } };
  if (input.rows) return { mimeType: mimeType ?? SHEET_MIME, content: { kind: 'sheet', sheets: [{ title: 'Sheet1', rows: input.rows }] } };
  if (input.text !== undefined) return { mimeType: mimeType ?? 'text/plain', content: { kind: 'blob', base64: Buffer.from(input.text).toString('base64') } };
  if (input.base64 !== undefined) return { mimeType: mimeType ?? 'application/octet-stream', content: { kind: 'blob', base64: input.base64 } };
  return { mimeType: mimeType ?? FOLDER_MIME };
}

export class SimulatedUsers {
  constructor(
    private readonly store: DriveStore,
    private readonly viewer: () => Viewer,
  ) {}

  upload(raw: UploadInput): Record<string, unknown> {
    const input = UploadInput.parse(raw);
    if (!this.store.parent(input.parentId)) throw new UnknownItemError(`No folder or shared drive ${input.parentId}`);
    const made = content(input, input.mimeType);
    const file = this.store.createFile({
      name: input.name,
      parentId: input.parentId,
      mimeType: made.mimeType,
      content: made.content,
      appProperties: input.appProperties,
      actor: input.as ?? SIMULATED_USER,
    });
    return fileResource(file, this.viewer());
  }

  move(fileId: string, raw: z.input<typeof MoveInput>): Record<string, unknown> {
    const input = MoveInput.parse(raw);
    this.mustExist(fileId);
    if (!this.store.parent(input.parentId)) throw new UnknownItemError(`No folder or shared drive ${input.parentId}`);
    return fileResource(this.store.move(fileId, input.parentId, input.as ?? SIMULATED_USER), this.viewer());
  }

  trash(fileId: string, raw: z.input<typeof TrashInput> = {}): Record<string, unknown> {
    const input = TrashInput.parse(raw);
    this.mustExist(fileId);
    return fileResource(this.store.trash(fileId, input.trashed, input.as ?? SIMULATED_USER), this.viewer());
  }

  rename(fileId: string, raw: z.input<typeof RenameInput>): Record<string, unknown> {
    const input = RenameInput.parse(raw);
    this.mustExist(fileId);
    return fileResource(this.store.rename(fileId, input.name, input.as ?? SIMULATED_USER), this.viewer());
  }

  /** "Make a copy" in the Drive UI: a new file id, named "Copy of NAME" unless named, in the
   *  source's folder unless `parentId` says otherwise. Folders cannot be copied. */
  copy(fileId: string, raw: z.input<typeof CopyInput> = {}): Record<string, unknown> {
    const input = CopyInput.parse(raw);
    const source = this.mustExist(fileId);
    if (source.mimeType === FOLDER_MIME) throw new AdminRequestError(`${source.name} is a folder; Drive cannot copy folders`);
    const parentId = input.parentId ?? source.parents[0]!;
    if (!this.store.parent(parentId)) throw new UnknownItemError(`No folder or shared drive ${parentId}`);
    const file = this.store.createFile({
      name: input.name ?? `Copy of ${source.name}`,
      parentId,
      mimeType: source.mimeType,
      content: structuredClone(source.content),
      appProperties: source.appProperties,
      properties: source.properties,
      description: source.description,
      originalFilename: source.originalFilename,
      actor: input.as ?? SIMULATED_USER,
    });
    return fileResource(file, this.viewer());
  }

  /** Replace a Doc's Markdown, a Sheet's rows, or a blob's bytes. */
  edit(fileId: string, raw: EditInput): Record<string, unknown> {
    const input = EditInput.parse(raw);
    const file = this.mustExist(fileId);
    const next = content(input, file.mimeType).content;
    if (!next || (file.content && next.kind !== file.content.kind)) {
      throw new UnknownItemError(`Give ${file.mimeType === DOC_MIME ? 'markdown' : file.mimeType === SHEET_MIME ? 'rows' : 'text or base64'} to edit ${file.name}`);
    }
    return fileResource(this.store.setContent(fileId, next, input.as ?? SIMULATED_USER), this.viewer());
  }

  delete(fileId: string): void {
    this.mustExist(fileId);
    this.store.delete(fileId);
  }

  private mustExist(fileId: string) {
    const file = this.store.file(fileId);
    if (!file) throw new UnknownItemError(`No file ${fileId}`);
    return file;
  }
}
