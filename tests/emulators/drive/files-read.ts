// files.get and files.export.
// - files.get (https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get):
//   metadata with `fields`; `alt=media` downloads blob content, and on Docs Editors files answers
//   403 fileNotDownloadable (guides/manage-downloads).
// - files.export (…/reference/rest/v3/files/export): Docs Editors files only (403
//   fileNotExportable otherwise); formats from guides/ref-export-formats (400 "The requested
//   conversion is not supported." for others); "the exported content is limited to 10 MB"
//   (403 exportSizeLimitExceeded). It takes no supportsAllDrives parameter, so shared drive files
//   export without it.
import type { OutgoingResponse } from '../shared/server';
import { json, visibleFile, type ApiContext } from './api-context';
import { exportFile } from './doc-formats';
import { fileResource } from './file-resource';
import { driveErrors } from './google-errors';
import { FILE, FILE_DEFAULT } from './resource-shapes';
import { isWorkspaceType } from './state';
import { requireAccess } from './token-endpoint';

export const EXPORT_LIMIT_BYTES = 10 * 1024 * 1024;

const contentType = (mimeType: string) => (mimeType.startsWith('text/') ? `${mimeType}; charset=utf-8` : mimeType);

export function getFile(ctx: ApiContext, fileId: string): OutgoingResponse {
  const alt = ctx.params.get('alt') ?? 'json';
  if (alt !== 'json' && alt !== 'media') throw driveErrors.invalidValue('alt');
  requireAccess(ctx.grant, alt === 'media' ? 'content' : 'metadata');
  const file = visibleFile(ctx, fileId);
  if (alt === 'json') return json(fileResource(file, ctx.viewer), ctx, FILE_DEFAULT, FILE);
  if (isWorkspaceType(file.mimeType) || file.content?.kind !== 'blob') throw driveErrors.fileNotDownloadable();
  return { status: 200, headers: { 'content-type': contentType(file.mimeType) }, body: Buffer.from(file.content.base64, 'base64') };
}

export function exportFileRoute(ctx: ApiContext, fileId: string): OutgoingResponse {
  requireAccess(ctx.grant, 'content');
  const mimeType = ctx.params.get('mimeType');
  if (!mimeType) throw driveErrors.required('mimeType');
  const file = ctx.store.file(fileId);
  if (!file) throw driveErrors.notFound(fileId);
  if (!isWorkspaceType(file.mimeType)) throw driveErrors.fileNotExportable();
  const bytes = exportFile(file, mimeType);
  if (bytes.length > EXPORT_LIMIT_BYTES) throw driveErrors.exportSizeLimitExceeded();
  return { status: 200, headers: { 'content-type': contentType(mimeType) }, body: bytes };
}
