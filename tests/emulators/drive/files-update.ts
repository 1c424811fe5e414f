// files.update (PATCH /drive/v3/files/{id}, and PATCH /upload/drive/v3/files/{id}?uploadType=
// media|multipart for new content) and files.copy (POST /drive/v3/files/{id}/copy).
// https://developers.google.com/workspace/drive/api/reference/rest/v3/files/update, …/files/copy,
// the File reference (…/reference/rest/v3/files#File) and …/guides/handle-errors. Rules kept:
// - Patch semantics: only the members given change; appProperties/properties entries merge and
//   "entries with null values are cleared in update and copy requests".
// - parents: "Update requests must use the addParents and removeParents parameters to modify the
//   parents list"; `parents` in an update body is 403 fieldNotWritable (wording from client
//   reports). "A file can only have one parent folder": a second parent is 403 cannotAddParent in
//   My Drive and 403 teamDrivesParentLimit for shared drive items; a duplicate parent or a cycle is
//   400 badRequest (handle-errors, badRequest); a folder from My Drive into a shared drive is 403
//   teamDrivesFolderMoveInNotSupported. A My Drive item whose last parent is removed goes to the
//   owner's root (files.update's `enforceSingleParent` note, v2 parents.delete).
// - Items in shared drives, and shared drive parents, are 404 without supportsAllDrives=true.
// - "When updating fields, some fields might be changed automatically, such as modifiedDate":
//   the stand-in moves modifiedTime on a rename or new content only (store.ts), never on a move,
//   trash, star or property edit, unless the body sets modifiedTime.
// - files.copy: "Folders cannot be copied" (403 cannotCopyFile); without `parents` the copy
//   "inherits any discoverable parent of the source file"; without `name` it is "Copy of NAME"
//   (see README); the service-account storage rule of files.create applies to where it lands.
import type { OutgoingResponse } from '../shared/server';
import { json, jsonBody, supportsAllDrives, visibleFile, type ApiContext } from './api-context';
import { importContent } from './doc-formats';
import { fileResource } from './file-resource';
import { checkTotal, mergeProperties } from './file-properties';
import { WRITABLE, booleanMember, refuseUploadType, resourceBody, stringMember, uploadParts, type Media } from './files-create';
import { driveErrors } from './google-errors';
import { FILE, FILE_DEFAULT } from './resource-shapes';
import { DOC_MIME, FOLDER_MIME, SHEET_MIME, isWorkspaceType, type FileContent, type StoredFile } from './state';
import type { FilePatch } from './store';
import { requireAccess } from './token-endpoint';

/** What an update body may carry: create's writable members except `parents` (refused with its
 *  own message), `id` and `createdTime` (set when the file is made). */
const UPDATE_WRITABLE = new Set([...WRITABLE].filter((m) => m !== 'parents' && m !== 'id' && m !== 'createdTime'));

const actorOf = (ctx: ApiContext) => ({ displayName: ctx.grant.email, emailAddress: ctx.grant.email });

export function updateMetadataOnly(ctx: ApiContext, fileId: string): OutgoingResponse {
  refuseUploadType(ctx);
  return update(ctx, fileId, jsonBody(ctx.request));
}

export function updateWithMedia(ctx: ApiContext, fileId: string): OutgoingResponse {
  const { metadata, media } = uploadParts(ctx);
  return update(ctx, fileId, metadata, media);
}

function update(ctx: ApiContext, fileId: string, input: unknown, media?: Media): OutgoingResponse {
  requireAccess(ctx.grant, 'write');
  const file = visibleFile(ctx, fileId);
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && 'parents' in input) throw driveErrors.parentsNotWritable();
  const body = resourceBody(input, UPDATE_WRITABLE);
  const str = (key: string) => stringMember(body, key);
  const patch: FilePatch = {};

  const name = str('name');
  if (name !== undefined) patch.name = name;
  if ('description' in body) patch.description = str('description') ?? null;
  const starred = booleanMember(body, 'starred');
  if (starred !== undefined) patch.starred = starred;
  const trashed = booleanMember(body, 'trashed');
  if (trashed !== undefined) patch.trashed = trashed;
  const originalFilename = str('originalFilename');
  if (originalFilename !== undefined) patch.originalFilename = originalFilename;
  const modifiedTime = str('modifiedTime');
  if (modifiedTime !== undefined) patch.modifiedTime = modifiedTime;
  str('viewedByMeTime');
  if (body.appProperties !== undefined || body.properties !== undefined) {
    const appProperties = mergeProperties('appProperties', file.appProperties, body.appProperties);
    const properties = mergeProperties('properties', file.properties, body.properties);
    checkTotal(appProperties, properties);
    if (body.appProperties !== undefined) patch.appProperties = appProperties;
    if (body.properties !== undefined) patch.properties = properties;
  }

  const target = str('mimeType');
  if (media) {
    const next = newContent(file, target, media);
    patch.content = next.content;
    if (next.mimeType !== file.mimeType) patch.mimeType = next.mimeType;
  } else if (target !== undefined && target !== file.mimeType) {
    // "The value cannot be changed unless a new revision is uploaded." (File.mimeType)
    throw driveErrors.fieldNotWritable();
  }

  const parentId = newParent(ctx, file);
  if (parentId !== undefined) patch.parentId = parentId;

  if (Object.keys(patch).length === 0) return json(fileResource(file, ctx.viewer), ctx, FILE_DEFAULT, FILE);
  const updated = ctx.store.update(file.id, patch, actorOf(ctx));
  return json(fileResource(updated, ctx.viewer), ctx, FILE_DEFAULT, FILE);
}

/** New content for an update with media: a new revision of a blob, or an import into a Doc/Sheet. */
function newContent(file: StoredFile, target: string | undefined, media: Media): { mimeType: string; content: FileContent } {
  if (file.mimeType === FOLDER_MIME) throw driveErrors.badRequest('A folder cannot have content.');
  const wanted = target ?? file.mimeType;
  if (wanted !== file.mimeType && (isWorkspaceType(wanted) || isWorkspaceType(file.mimeType))) {
    // Not documented either way; conversion happens on create and copy.
    throw driveErrors.badRequest(`The file's type cannot be changed from ${file.mimeType} to ${wanted}.`);
  }
  if (isWorkspaceType(wanted) && wanted !== DOC_MIME && wanted !== SHEET_MIME) throw driveErrors.notImplemented(`content updates of ${wanted}`);
  return { mimeType: wanted, content: importContent(wanted, media.mimeType, media.bytes) };
}

/** The file's new parent from addParents/removeParents, or undefined when it stays where it is. */
function newParent(ctx: ApiContext, file: StoredFile): string | undefined {
  const root = ctx.store.state.rootFolderId;
  const list = (name: string) =>
    (ctx.params.get(name) ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean)
      .map((id) => (id === 'root' ? root : id));
  const add = [...new Set(list('addParents'))];
  const remove = new Set(list('removeParents'));
  if (add.length === 0 && remove.size === 0) return undefined;
  if (file.id === root) throw driveErrors.badRequest('The My Drive root folder cannot be moved.');

  const driveOf = (id: string) => {
    const parent = ctx.store.parent(id);
    return parent?.kind === 'drive' ? parent.drive.id : parent?.file.driveId;
  };
  for (const id of add) {
    const parent = ctx.store.parent(id);
    if (!parent || (driveOf(id) && !supportsAllDrives(ctx.params))) throw driveErrors.notFound(id);
    if (parent.kind === 'folder' && parent.file.mimeType !== FOLDER_MIME) throw driveErrors.badRequest('The specified parent is not a folder.', 'addParents');
    if (file.parents.includes(id) && !remove.has(id)) throw driveErrors.badRequest(`The file already has the parent ${id}.`, 'addParents');
  }
  const kept = file.parents.filter((id) => !remove.has(id));
  const next = [...kept, ...add.filter((id) => !kept.includes(id))];
  const inSharedDrive = Boolean(file.driveId) || add.some((id) => driveOf(id));
  if (next.length > 1) throw inSharedDrive ? driveErrors.teamDrivesParentLimit() : driveErrors.cannotAddParent();
  if (next.length === 0) {
    if (file.driveId) throw driveErrors.teamDrivesParentLimit();
    next.push(root);
  }
  const target = next[0]!;
  if (target === file.parents[0]) return undefined;

  if (ctx.store.subtreeOf(file.id).some((item) => item.id === target)) {
    throw driveErrors.badRequest('The parent would create a cycle in the folder hierarchy.', 'addParents');
  }
  const targetDrive = driveOf(target);
  if (file.mimeType === FOLDER_MIME && !file.driveId && targetDrive) throw driveErrors.teamDrivesFolderMoveInNotSupported();
  // Out of a shared drive into My Drive, the mover would own the item; service accounts can't.
  if (file.driveId && !targetDrive && !ctx.serviceAccountsHaveStorage) throw driveErrors.storageQuotaExceeded();
  return target;
}

export function copyFile(ctx: ApiContext, fileId: string): OutgoingResponse {
  requireAccess(ctx.grant, 'write');
  const source = visibleFile(ctx, fileId);
  const body = resourceBody(jsonBody(ctx.request), WRITABLE);
  const str = (key: string) => stringMember(body, key);
  for (const key of ['createdTime', 'modifiedTime', 'viewedByMeTime']) str(key);
  if (source.mimeType === FOLDER_MIME) throw driveErrors.cannotCopyFile();

  const parents = body.parents ?? [];
  if (!Array.isArray(parents) || parents.some((p) => typeof p !== 'string')) throw driveErrors.badRequest('Invalid value for parents.', 'parents');
  if (parents.length > 1) throw driveErrors.cannotAddParent();
  const parentId = (parents[0] as string | undefined) ?? source.parents[0]!;
  const parent = ctx.store.parent(parentId);
  const parentDrive = parent?.kind === 'drive' ? parent.drive.id : parent?.file.driveId;
  if (!parent || (parentDrive && !supportsAllDrives(ctx.params))) throw driveErrors.notFound(parentId);
  if (parent.kind === 'folder' && parent.file.mimeType !== FOLDER_MIME) throw driveErrors.badRequest('The specified parent is not a folder.', 'parents');
  if (!parentDrive && !ctx.serviceAccountsHaveStorage) throw driveErrors.storageQuotaExceeded();

  const id = str('id');
  if (id !== undefined && ctx.store.file(id)) throw driveErrors.duplicateId();
  const appProperties = mergeProperties('appProperties', source.appProperties, body.appProperties);
  const properties = mergeProperties('properties', source.properties, body.properties);
  checkTotal(appProperties, properties);

  const target = str('mimeType') ?? source.mimeType;
  let content: FileContent | undefined = structuredClone(source.content);
  if (target !== source.mimeType) {
    if (source.content?.kind !== 'blob' || (isWorkspaceType(target) && target !== DOC_MIME && target !== SHEET_MIME)) {
      // Copy converts uploads-style blobs into Docs Editors files; the rest is not documented.
      throw driveErrors.badRequest('The requested conversion is not supported.');
    }
    content = importContent(target, source.mimeType, Buffer.from(source.content.base64, 'base64'));
  }

  const file = ctx.store.createFile({
    id,
    name: str('name') ?? `Copy of ${source.name}`,
    mimeType: target,
    parentId,
    content,
    appProperties,
    properties,
    description: 'description' in body ? str('description') : source.description,
    originalFilename: str('originalFilename') ?? source.originalFilename,
    createdTime: str('createdTime'),
    modifiedTime: str('modifiedTime'),
    starred: booleanMember(body, 'starred') ?? false,
    trashed: booleanMember(body, 'trashed') ?? false,
    actor: actorOf(ctx),
  });
  return json(fileResource(file, ctx.viewer), ctx, FILE_DEFAULT, FILE);
}
