// A stored item as the v3 `File` resource
// (https://developers.google.com/workspace/drive/api/reference/rest/v3/files#File). Handlers
// build the full resource and the `fields` mask trims it. Members Drive fills but the stand-in
// does not model (thumbnails, permissions, labels…) are left out.
import { createHash } from 'node:crypto';
import { DOC_MIME, FOLDER_MIME, SHEET_MIME, isWorkspaceType, type Person, type StoredFile } from './state';
import { writeDelimited } from './csv';
import { DOC_EXPORTS, SHEET_EXPORTS } from './doc-formats';

export interface Viewer {
  email: string;
  baseUrl: string;
  /** Where `webViewLink`s point instead of Drive's web UI (the offline demo's workspace page). */
  webViewBase?: string;
}

const user = (person: Person, viewer: Viewer) => ({
  kind: 'drive#user',
  displayName: person.displayName,
  emailAddress: person.emailAddress,
  me: person.emailAddress === viewer.email,
});

function links(file: StoredFile, viewer: Viewer): Record<string, unknown> {
  const web = webLinks(file, viewer);
  return viewer.webViewBase ? { ...web, webViewLink: `${viewer.webViewBase}/${file.id}` } : web;
}

function webLinks(file: StoredFile, viewer: Viewer): Record<string, unknown> {
  if (file.mimeType === FOLDER_MIME) return { webViewLink: `https://drive.google.com/drive/folders/${file.id}` };
  if (file.mimeType === DOC_MIME || file.mimeType === SHEET_MIME) {
    const app = file.mimeType === DOC_MIME ? 'document' : 'spreadsheets';
    const formats = file.mimeType === DOC_MIME ? DOC_EXPORTS : SHEET_EXPORTS;
    return {
      webViewLink: `https://docs.google.com/${app}/d/${file.id}/edit?usp=drivesdk`,
      exportLinks: Object.fromEntries(
        formats.map((m) => [m, `${viewer.baseUrl}/drive/v3/files/${file.id}/export?mimeType=${encodeURIComponent(m)}`]),
      ),
    };
  }
  if (isWorkspaceType(file.mimeType)) return { webViewLink: `https://docs.google.com/open?id=${file.id}` };
  return {
    webViewLink: `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
    webContentLink: `https://drive.google.com/uc?id=${file.id}&export=download`,
  };
}

/**
 * `size` as the File reference defines it: "Size in bytes of blobs and Google Workspace editor
 * files. Won't be populated for files that have no size, like shortcuts and folders." A blob's
 * size is its byte count. Drive does not say how it counts a Doc or a Sheet; the stand-in uses the
 * UTF-8 length of what it stores (a Doc's Markdown, a Sheet's cells as CSV, all sheets).
 */
export function contentSize(file: StoredFile): number | undefined {
  const content = file.content;
  if (!content) return undefined;
  if (content.kind === 'blob') return Buffer.from(content.base64, 'base64').length;
  if (content.kind === 'doc') return Buffer.byteLength(content.markdown, 'utf8');
  return content.sheets.reduce((sum, sheet) => sum + Buffer.byteLength(writeDelimited(sheet.rows, ','), 'utf8'), 0);
}

function sizeMembers(file: StoredFile): Record<string, unknown> {
  const size = contentSize(file);
  return size === undefined ? {} : { size: String(size), quotaBytesUsed: String(size) };
}

function blobMembers(file: StoredFile): Record<string, unknown> {
  if (file.content?.kind !== 'blob') return {};
  const bytes = Buffer.from(file.content.base64, 'base64');
  const dot = file.name.lastIndexOf('.');
  const firstDot = file.name.indexOf('.');
  return {
    md5Checksum: createHash('md5').update(bytes).digest('hex'),
    sha1Checksum: createHash('sha1').update(bytes).digest('hex'),
    sha256Checksum: createHash('sha256').update(bytes).digest('hex'),
    headRevisionId: `0B${createHash('sha1').update(`${file.id}:${file.version}`).digest('hex').slice(0, 30)}`,
    originalFilename: file.originalFilename ?? file.name,
    fileExtension: dot > 0 ? file.name.slice(dot + 1) : undefined,
    fullFileExtension: firstDot > 0 ? file.name.slice(firstDot + 1) : undefined,
  };
}

export function fileResource(file: StoredFile, viewer: Viewer): Record<string, unknown> {
  const canEdit = !file.trashed;
  const resource: Record<string, unknown> = {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents.length ? [...file.parents] : undefined,
    driveId: file.driveId,
    teamDriveId: file.driveId,
    description: file.description,
    starred: file.starred,
    trashed: file.trashed,
    explicitlyTrashed: file.explicitlyTrashed,
    trashedTime: file.trashedTime,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    version: String(file.version),
    spaces: ['drive'],
    appProperties: Object.keys(file.appProperties).length ? { ...file.appProperties } : undefined,
    properties: Object.keys(file.properties).length ? { ...file.properties } : undefined,
    owners: file.owner ? [user(file.owner, viewer)] : undefined,
    ownedByMe: file.owner ? file.owner.emailAddress === viewer.email : undefined,
    lastModifyingUser: user(file.lastModifyingUser, viewer),
    modifiedByMe: file.lastModifyingUser.emailAddress === viewer.email,
    shared: Boolean(file.driveId),
    viewedByMe: false,
    quotaBytesUsed: '0',
    iconLink: `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`,
    hasThumbnail: false,
    isAppAuthorized: false,
    capabilities: {
      canEdit,
      canDownload: true,
      canRename: canEdit,
      canTrash: !file.trashed,
      canUntrash: file.trashed,
      canAddChildren: file.mimeType === FOLDER_MIME && canEdit,
      canListChildren: file.mimeType === FOLDER_MIME,
      canReadRevisions: true,
    },
    ...links(file, viewer),
    ...sizeMembers(file),
    ...blobMembers(file),
  };
  for (const key of Object.keys(resource)) if (resource[key] === undefined) delete resource[key];
  return resource;
}
