// files.list — https://developers.google.com/workspace/drive/api/reference/rest/v3/files/list
// Corpus rules (files/list reference and guides/enable-shareddrives):
// - corpora defaults to `user` (My Drive); `drive` needs driveId and the reverse ("The driveId
//   parameter must be specified if and only if corpora is set to drive"); `drive`/`allDrives`/
//   driveId need includeItemsFromAllDrives=true, else 403.
// - Shared drive items appear only with includeItemsFromAllDrives=true. Under corpora=user they
//   appear when the query names a shared drive folder in `'ID' in parents` (the corpus "can
//   change depending on the filter set through the q parameter"); a bare search does not reach them.
// - pageSize: at most 1000; unspecified means 100 for shared drives and everything otherwise.
// - Trashed items are included unless the query excludes them.
import { createHash } from 'node:crypto';
import type { OutgoingResponse } from '../shared/server';
import { includeItemsFromAllDrives, json, pageSizeParam, supportsAllDrives, type ApiContext } from './api-context';
import { contentSize, fileResource } from './file-resource';
import { DriveApiError, driveErrors } from './google-errors';
import { parentsNamed, parseQuery, type Query } from './query';
import { matches } from './query-eval';
import { FILE_LIST, FILE_LIST_DEFAULT } from './resource-shapes';
import { FOLDER_MIME, type StoredFile } from './state';

const ORDER_KEYS = new Set([
  'createdTime',
  'folder',
  'modifiedByMeTime',
  'modifiedTime',
  'name',
  'name_natural',
  'quotaBytesUsed',
  'recency',
  'sharedWithMeTime',
  'starred',
  'viewedByMeTime',
]);

type Sorter = (a: StoredFile, b: StoredFile) => number;

function sorter(orderBy: string | null): Sorter {
  const keys = (orderBy ?? 'modifiedTime desc').split(',').map((part) => {
    const [key, dir, extra] = part.trim().split(/\s+/);
    if (!key || !ORDER_KEYS.has(key) || extra !== undefined || (dir !== undefined && dir.toLowerCase() !== 'desc')) {
      throw driveErrors.invalidValue('orderBy', 'Invalid Value');
    }
    return { key, desc: dir !== undefined };
  });
  const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const value = (f: StoredFile, key: string): string | number => {
    switch (key) {
      case 'folder':
        return f.mimeType === FOLDER_MIME ? 0 : 1;
      case 'name':
        // "alphabetical ordering, so 1, 12, 2, 22"; letters compare without regard to case.
        return f.name.toLowerCase();
      case 'name_natural':
        return f.name;
      case 'createdTime':
        return Date.parse(f.createdTime);
      case 'starred':
        return f.starred ? 0 : 1;
      case 'quotaBytesUsed':
        return contentSize(f) ?? 0;
      default:
        return Date.parse(f.modifiedTime);
    }
  };
  return (a, b) => {
    for (const { key, desc } of keys) {
      const x = value(a, key);
      const y = value(b, key);
      const order = key === 'name_natural' ? natural.compare(String(x), String(y)) : x < y ? -1 : x > y ? 1 : 0;
      if (order !== 0) return desc ? -order : order;
    }
    return a.id < b.id ? -1 : 1;
  };
}

function usesFullText(query: Query | undefined): boolean {
  if (!query) return false;
  if (query.kind === 'and' || query.kind === 'or') return usesFullText(query.left) || usesFullText(query.right);
  if (query.kind === 'not') return usesFullText(query.query);
  return query.kind === 'compare' && query.field === 'fullText';
}

export function listFiles(ctx: ApiContext): OutgoingResponse {
  const p = ctx.params;
  const driveId = p.get('driveId') ?? p.get('teamDriveId') ?? undefined;
  const corpora = (p.get('corpora') ?? (p.get('corpus') === 'domain' ? 'domain' : 'user')).split(',');
  if (corpora.some((c) => !['user', 'domain', 'drive', 'allDrives'].includes(c))) throw driveErrors.invalidValue('corpora');
  if (Boolean(driveId) !== corpora.includes('drive')) {
    throw new DriveApiError(400, {
      domain: 'global',
      reason: 'teamDriveIdRequiresTeamDriveCorpora',
      message: 'The driveId parameter must be specified if and only if corpora is set to drive.',
    });
  }
  const includeAll = includeItemsFromAllDrives(p);
  if ((driveId || corpora.includes('allDrives')) && !includeAll) {
    // Status and message as Drive sends them; the reason code is not confirmed.
    throw new DriveApiError(403, {
      domain: 'global',
      reason: 'invalid',
      message: 'The includeItemsFromAllDrives parameter must be set to true when driveId is specified or corpora contains drive or allDrives.',
      location: 'includeItemsFromAllDrives',
      locationType: 'parameter',
    });
  }
  if (driveId && !ctx.store.drive(driveId)) throw driveErrors.sharedDriveNotFound(driveId);
  const spaces = (p.get('spaces') ?? 'drive').split(',');
  if (spaces.some((s) => !['drive', 'appDataFolder', 'photos'].includes(s))) throw driveErrors.invalidValue('spaces');

  const qText = p.get('q');
  const query = qText !== null && qText.trim() !== '' ? parseQuery(qText) : undefined;
  if (usesFullText(query) && p.get('orderBy')) {
    throw driveErrors.badRequest('Sorting is not supported for queries with fullText terms. Results are always in descending relevance order.', 'orderBy');
  }
  const order = sorter(p.get('orderBy'));

  // Which shared drives this request reaches.
  const reachable = new Set<string>();
  if (includeAll) {
    if (driveId) reachable.add(driveId);
    if (corpora.includes('allDrives')) for (const d of ctx.store.state.drives) reachable.add(d.id);
    if (corpora.includes('user') || corpora.includes('domain')) {
      for (const id of parentsNamed(query)) {
        const named = ctx.store.parent(id);
        const inDrive = named?.kind === 'drive' ? named.drive.id : named?.file.driveId;
        if (inDrive && supportsAllDrives(p)) reachable.add(inDrive);
      }
    }
  }
  const myDrive = corpora.some((c) => c !== 'drive');
  const inCorpus = (f: StoredFile) => (f.driveId ? reachable.has(f.driveId) : myDrive);
  const context = { viewerEmail: ctx.viewer.email, rootFolderId: ctx.store.state.rootFolderId };
  const hits = spaces.includes('drive')
    ? ctx.store.files().filter((f) => inCorpus(f) && (!query || matches(query, f, context))).sort(order)
    : [];

  // Page tokens are bound to the request they came from, as Drive's are.
  const fingerprint = createHash('sha1')
    .update(JSON.stringify([qText, p.get('corpora'), driveId, includeAll, p.get('orderBy'), p.get('spaces')]))
    .digest('hex')
    .slice(0, 12);
  let offset = 0;
  const pageToken = p.get('pageToken');
  if (pageToken) {
    const decoded = /^(\d+)\.([0-9a-f]{12})$/.exec(Buffer.from(pageToken, 'base64url').toString('utf8'));
    if (!decoded || decoded[2] !== fingerprint) throw driveErrors.invalidValue('pageToken');
    offset = Number(decoded[1]);
  }
  const size = pageSizeParam(p) ?? (reachable.size > 0 ? 100 : Number.MAX_SAFE_INTEGER);
  const page = hits.slice(offset, offset + size);
  const next = offset + size < hits.length ? Buffer.from(`${offset + size}.${fingerprint}`).toString('base64url') : undefined;

  const body = {
    kind: 'drive#fileList',
    incompleteSearch: false,
    nextPageToken: next,
    files: page.map((f) => fileResource(f, ctx.viewer)),
  };
  if (!next) delete body.nextPageToken;
  return json(body, ctx, FILE_LIST_DEFAULT, FILE_LIST);
}
