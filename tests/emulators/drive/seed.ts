// The fixture format a stand-in starts from (JSON on disk for main.ts, an object in tests):
//
//   { "drives": [{ "id": "0AteamUk9PVA", "name": "Team" }],
//     "files":  [{ "id": "fold1", "name": "Inbox", "parent": "0AteamUk9PVA" },            // folder
//                { "id": "doc1", "name": "Brief", "parent": "fold1", "markdown": "# Hi" }, // Google Doc
//                { "name": "Budget", "parent": "fold1", "rows": [["a","b"],["1","2"]] },    // Google Sheet
//                { "name": "notes.txt", "parent": "root", "text": "hello" },               // text/plain blob
//                { "name": "a.pdf", "mimeType": "application/pdf", "base64": "JVBERi0…" }] }
//
// An entry with no content and no mimeType is a folder. `parent` is a folder id, a shared drive
// id, or "root" (the default); parents must be listed before their children.
import { z } from 'zod';
import type { Clock } from './clock';
import { newDriveId } from './ids';
import { DOC_MIME, FOLDER_MIME, SHEET_MIME, type DriveState, type FileContent, type Person } from './state';
import { DriveStore } from './store';

const Rows = z.array(z.array(z.string()));

export const SeedFile = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  parent: z.string().min(1).default('root'),
  mimeType: z.string().optional(),
  markdown: z.string().optional(),
  rows: Rows.optional(),
  sheets: z.array(z.object({ title: z.string(), rows: Rows })).optional(),
  text: z.string().optional(),
  base64: z.string().optional(),
  appProperties: z.record(z.string(), z.string()).optional(),
  properties: z.record(z.string(), z.string()).optional(),
  description: z.string().optional(),
  createdTime: z.iso.datetime({ offset: true }).optional(),
  modifiedTime: z.iso.datetime({ offset: true }).optional(),
  trashed: z.boolean().optional(),
  starred: z.boolean().optional(),
});
export type SeedFile = z.input<typeof SeedFile>;

export const Seed = z.object({
  rootFolderId: z.string().min(1).optional(),
  /** Who owns the seeded My Drive items and appears as their last modifier. */
  owner: z.object({ displayName: z.string(), emailAddress: z.string() }).optional(),
  drives: z.array(z.object({ id: z.string().min(1).optional(), name: z.string().min(1) })).default([]),
  files: z.array(SeedFile).default([]),
});
export type Seed = z.input<typeof Seed>;

export const DEFAULT_OWNER: Person = { displayName: 'Drive Owner', emailAddress: 'owner@example.com' };

function seedContent(file: z.output<typeof SeedFile>): { mimeType: string; content?: FileContent } {
  if (file.markdown !== undefined) return { mimeType: file.mimeType ?? DOC_MIME, content: { kind: 'doc', markdown: file.markdown } };
  if (file.sheets) return { mimeType: file.mimeType ?? SHEET_MIME, content: { kind: 'sheet', sheets: file.sheets } };
  if (file.rows) return { mimeType: file.mimeType ?? SHEET_MIME, content: { kind: 'sheet', sheets: [{ title: 'Sheet1', rows: file.rows }] } };
  if (file.text !== undefined)
    return { mimeType: file.mimeType ?? 'text/plain', content: { kind: 'blob', base64: Buffer.from(file.text, 'utf8').toString('base64') } };
  if (file.base64 !== undefined) return { mimeType: file.mimeType ?? 'application/octet-stream', content: { kind: 'blob', base64: file.base64 } };
  if (file.mimeType === DOC_MIME) return { mimeType: DOC_MIME, content: { kind: 'doc', markdown: '' } };
  if (file.mimeType && file.mimeType !== FOLDER_MIME) return { mimeType: file.mimeType, content: { kind: 'blob', base64: '' } };
  return { mimeType: FOLDER_MIME };
}

/** A fresh corpus holding the seed. Seeding writes change-log history, as real uploads would. */
export function buildState(input: Seed | undefined, clock: Clock): DriveState {
  const seed = Seed.parse(input ?? {});
  const owner = seed.owner ?? DEFAULT_OWNER;
  const now = clock.iso();
  const rootFolderId = seed.rootFolderId ?? newDriveId();
  const state: DriveState = {
    rootFolderId,
    drives: seed.drives.map((d) => ({ id: d.id ?? newDriveId(), name: d.name, createdTime: now })),
    files: {
      [rootFolderId]: {
        id: rootFolderId,
        name: 'My Drive',
        mimeType: FOLDER_MIME,
        parents: [],
        trashed: false,
        explicitlyTrashed: false,
        createdTime: now,
        modifiedTime: now,
        starred: false,
        appProperties: {},
        properties: {},
        version: 1,
        owner,
        lastModifyingUser: owner,
      },
    },
    changes: [],
    nextChangeSeq: 1000,
    channels: [],
  };
  const store = new DriveStore(state, clock);
  for (const entry of seed.files) {
    if (!store.parent(entry.parent)) {
      throw new Error(`Drive seed: "${entry.name}" names parent "${entry.parent}", which is neither "root", a shared drive, nor an earlier entry.`);
    }
    if (entry.id && store.file(entry.id)) throw new Error(`Drive seed: id "${entry.id}" is used twice.`);
    const { mimeType, content } = seedContent(entry);
    store.createFile({
      id: entry.id,
      name: entry.name,
      mimeType,
      parentId: entry.parent,
      content,
      appProperties: entry.appProperties,
      properties: entry.properties,
      description: entry.description,
      createdTime: entry.createdTime,
      modifiedTime: entry.modifiedTime,
      trashed: entry.trashed,
      starred: entry.starred,
      actor: owner,
    });
  }
  return state;
}
