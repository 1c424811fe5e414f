// files.create, metadata-only (POST /drive/v3/files) and with media
// (POST /upload/drive/v3/files?uploadType=multipart|media).
// https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create and
// …/guides/manage-uploads. Rules kept:
// - The metadata part comes first; a Docs/Sheets mimeType in the metadata converts the media
//   (Markdown/HTML/plain text → Doc, CSV/TSV → Sheet).
// - One parent at most (403 cannotAddParent); no parent means the My Drive root.
// - Parents in a shared drive are 404 without supportsAllDrives=true.
// - Service accounts have no storage quota: creating in My Drive is 403 storageQuotaExceeded
//   (…/guides/handle-errors; service accounts created after 2025-04-15), unless the stand-in is
//   started with serviceAccountsHaveStorage.
// - Read-only members in the body are 403 fieldNotWritable; unknown members are 400.
// - appProperties/properties limits (see file-properties.ts).
import type { OutgoingResponse } from '../shared/server';
import { jsonBody, json, supportsAllDrives, type ApiContext } from './api-context';
import { importContent } from './doc-formats';
import { fileResource } from './file-resource';
import { checkTotal, mergeProperties } from './file-properties';
import { driveErrors } from './google-errors';
import { boundaryOf, parseMultipart } from './multipart';
import { parseRfc3339 } from './query';
import { FILE, FILE_DEFAULT } from './resource-shapes';
import { DOC_MIME, FOLDER_MIME, SHEET_MIME, isWorkspaceType, type FileContent } from './state';
import { requireAccess } from './token-endpoint';

/** File members a create or copy request may set (the File reference marks the others "Output only"). */
export const WRITABLE = new Set([
  'appProperties', 'contentHints', 'contentRestrictions', 'copyRequiresWriterPermission', 'createdTime', 'description',
  'downloadRestrictions', 'folderColorRgb', 'id', 'inheritedPermissionsDisabled', 'kind', 'mimeType', 'modifiedTime',
  'name', 'originalFilename', 'parents', 'properties', 'shortcutDetails', 'starred', 'trashed', 'viewedByMeTime',
  'viewersCanCopyContent', 'writersCanShare',
]);

const WRONG_URL = 'Upload requests must include an uploadType URL parameter and a URL path beginning with /upload/';

export interface Media {
  mimeType: string;
  bytes: Buffer;
}

export function createMetadataOnly(ctx: ApiContext): OutgoingResponse {
  refuseUploadType(ctx);
  return create(ctx, jsonBody(ctx.request));
}

export function createWithMedia(ctx: ApiContext): OutgoingResponse {
  const { metadata, media } = uploadParts(ctx);
  return create(ctx, metadata, media);
}

/** A metadata-only path (/drive/v3/…) called with uploadType: Drive's wrongUrlForUpload. */
export function refuseUploadType(ctx: ApiContext): void {
  if (ctx.params.has('uploadType')) throw driveErrors.badRequestWithReason('wrongUrlForUpload', WRONG_URL);
}

/** The metadata and media of an /upload/ request (uploadType=media or multipart). */
export function uploadParts(ctx: ApiContext): { metadata: unknown; media: Media } {
  const uploadType = ctx.params.get('uploadType');
  const contentType = ctx.request.headers['content-type'];
  if (uploadType === null) throw driveErrors.badRequestWithReason('wrongUrlForUpload', WRONG_URL);
  if (uploadType === 'media') {
    return { metadata: {}, media: { mimeType: contentType ?? 'application/octet-stream', bytes: ctx.request.rawBody } };
  }
  if (uploadType === 'resumable') throw driveErrors.notImplemented('uploadType=resumable');
  if (uploadType !== 'multipart') throw driveErrors.invalidValue('uploadType');
  const boundary = boundaryOf(contentType);
  if (!boundary) throw driveErrors.badContent(`Unsupported content with type: ${contentType ?? '(none)'}`);
  const parts = parseMultipart(ctx.request.rawBody, boundary);
  if (parts.length !== 2) throw driveErrors.badContent('A multipart upload has exactly two parts: the metadata, then the media.');
  const [metadataPart, mediaPart] = parts as [(typeof parts)[0], (typeof parts)[0]];
  if (!/^application\/json\b/i.test(metadataPart.headers['content-type'] ?? '')) {
    throw driveErrors.badContent('The first part of a multipart upload must be the JSON metadata (Content-Type: application/json).');
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(metadataPart.body.toString('utf8'));
  } catch {
    throw driveErrors.parseError();
  }
  return { metadata, media: { mimeType: mediaPart.headers['content-type'] ?? 'application/octet-stream', bytes: mediaPart.body } };
}

/** The request body as an object; unknown members are 400, read-only ones 403 fieldNotWritable. */
export function resourceBody(input: unknown, writable: Set<string>): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw driveErrors.badRequest('Invalid JSON payload received.');
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!writable.has(key) && !(key in FILE)) throw driveErrors.badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
    if (!writable.has(key)) throw driveErrors.fieldNotWritable();
  }
  return body;
}

/** A string member, absent when null or missing; 400 for another type or a bad RFC 3339 time. */
export function stringMember(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw driveErrors.badRequest(`Invalid value for ${key}.`, key);
  if ((key === 'createdTime' || key === 'modifiedTime' || key === 'viewedByMeTime') && parseRfc3339(v) === undefined) {
    throw driveErrors.badRequest(`Invalid value for ${key}: ${v}`, key);
  }
  return v;
}

/** A boolean member, absent when null or missing; 400 for another type. */
export function booleanMember(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw driveErrors.badRequest(`Invalid value for ${key}.`, key);
  return v;
}

function create(ctx: ApiContext, input: unknown, media?: Media): OutgoingResponse {
  requireAccess(ctx.grant, 'write');
  const body = resourceBody(input, WRITABLE);
  const str = (key: string) => stringMember(body, key);
  for (const key of ['createdTime', 'modifiedTime']) str(key);

  const parents = body.parents ?? [];
  if (!Array.isArray(parents) || parents.some((p) => typeof p !== 'string')) throw driveErrors.badRequest('Invalid value for parents.', 'parents');
  if (parents.length > 1) throw driveErrors.cannotAddParent();
  const parentId = (parents[0] as string | undefined) ?? 'root';
  const parent = ctx.store.parent(parentId);
  const parentDrive = parent?.kind === 'drive' ? parent.drive.id : parent?.file.driveId;
  if (!parent || (parentDrive && !supportsAllDrives(ctx.params))) {
    throw driveErrors.notFound(parentId);
  }
  if (parent.kind === 'folder' && parent.file.mimeType !== FOLDER_MIME) throw driveErrors.badRequest('The specified parent is not a folder.', 'parents');
  if (!parentDrive && !ctx.serviceAccountsHaveStorage) throw driveErrors.storageQuotaExceeded();

  const id = str('id');
  if (id !== undefined && ctx.store.file(id)) throw driveErrors.duplicateId();
  const appProperties = mergeProperties('appProperties', {}, body.appProperties);
  const properties = mergeProperties('properties', {}, body.properties);
  checkTotal(appProperties, properties);

  const target = str('mimeType');
  let mimeType: string;
  let content: FileContent | undefined;
  if (media) {
    if (target === FOLDER_MIME) throw driveErrors.badRequest('A folder cannot have content.');
    if (target && isWorkspaceType(target) && target !== DOC_MIME && target !== SHEET_MIME) {
      throw driveErrors.notImplemented(`conversion to ${target}`);
    }
    const mediaType = media.mimeType.split(';')[0]!.trim();
    mimeType = target ?? mediaType;
    content = importContent(mimeType, media.mimeType, media.bytes);
  } else {
    mimeType = target ?? 'application/octet-stream';
    content =
      mimeType === DOC_MIME
        ? { kind: 'doc', markdown: '' }
        : mimeType === SHEET_MIME
          ? { kind: 'sheet', sheets: [{ title: 'Sheet1', rows: [] }] }
          : isWorkspaceType(mimeType)
            ? undefined
            : { kind: 'blob', base64: '' };
  }
  if (id !== undefined && isWorkspaceType(mimeType) && media) {
    throw driveErrors.badRequest('Generated IDs are not supported for uploads that convert to Google Docs Editors formats.', 'id');
  }

  const file = ctx.store.createFile({
    id,
    name: str('name') ?? 'Untitled',
    mimeType,
    parentId,
    content,
    appProperties,
    properties,
    description: str('description'),
    originalFilename: str('originalFilename'),
    createdTime: str('createdTime'),
    modifiedTime: str('modifiedTime'),
    starred: body.starred === true,
    trashed: body.trashed === true,
    actor: { displayName: ctx.grant.email, emailAddress: ctx.grant.email },
  });
  return json(fileResource(file, ctx.viewer), ctx, FILE_DEFAULT, FILE);
}
