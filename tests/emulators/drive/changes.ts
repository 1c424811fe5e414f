// changes.getStartPageToken and changes.list.
// https://developers.google.com/workspace/drive/api/reference/rest/v3/changes/list and
// …/guides/manage-changes. Rules kept:
// - Page tokens are positions in the change log; they do not expire.
// - A file appears once per listing, at its latest change, with its current state in `file`
//   (`file` is absent when removed). Follow nextPageToken until newStartPageToken appears.
// - Without driveId the log covers My Drive; shared drive changes join it only with
//   includeItemsFromAllDrives=true and supportsAllDrives=true. With driveId (supportsAllDrives
//   required, else 404) it covers that shared drive.
// - Defaults: includeRemoved true, restrictToMyDrive false, pageSize 100 (at most 1000).
import type { OutgoingResponse } from '../shared/server';
import { boolParam, includeItemsFromAllDrives, json, pageSizeParam, supportsAllDrives, type ApiContext } from './api-context';
import { fileResource } from './file-resource';
import { driveErrors } from './google-errors';
import { CHANGE_LIST, CHANGE_LIST_DEFAULT, START_PAGE_TOKEN } from './resource-shapes';
import type { ChangeRecord } from './state';
import { requireAccess } from './token-endpoint';

/** Which part of the change log a request (or a channel) follows. */
export interface ChangeScope {
  driveId?: string;
  includeItemsFromAllDrives: boolean;
}

export function changeScope(ctx: ApiContext): ChangeScope {
  const driveId = ctx.params.get('driveId') ?? ctx.params.get('teamDriveId') ?? undefined;
  const allDrives = supportsAllDrives(ctx.params);
  if (driveId && (!allDrives || !ctx.store.drive(driveId))) throw driveErrors.sharedDriveNotFound(driveId);
  return { driveId, includeItemsFromAllDrives: allDrives && includeItemsFromAllDrives(ctx.params) };
}

export function inScope(change: ChangeRecord, scope: ChangeScope): boolean {
  if (scope.driveId) return change.driveId === scope.driveId;
  return !change.driveId || scope.includeItemsFromAllDrives;
}

export function parsePageToken(ctx: ApiContext): number {
  const token = ctx.params.get('pageToken');
  if (token === null || token === '') throw driveErrors.required('pageToken');
  if (!/^\d+$/.test(token) || Number(token) > ctx.store.state.nextChangeSeq) throw driveErrors.invalidValue('pageToken');
  return Number(token);
}

export function getStartPageToken(ctx: ApiContext): OutgoingResponse {
  requireAccess(ctx.grant, 'metadata');
  changeScope(ctx);
  const body = { kind: 'drive#startPageToken', startPageToken: String(ctx.store.state.nextChangeSeq) };
  return json(body, ctx, 'kind,startPageToken', START_PAGE_TOKEN);
}

export function listChanges(ctx: ApiContext): OutgoingResponse {
  requireAccess(ctx.grant, 'metadata');
  const from = parsePageToken(ctx);
  const scope = changeScope(ctx);
  const includeRemoved = boolParam(ctx.params, 'includeRemoved', true);
  const restrictToMyDrive = boolParam(ctx.params, 'restrictToMyDrive');
  const pageSize = pageSizeParam(ctx.params) ?? 100;

  const latest = new Map<string, ChangeRecord>();
  for (const change of ctx.store.changesFrom(from)) {
    if (!inScope(change, scope) || (restrictToMyDrive && change.driveId)) continue;
    latest.delete(change.fileId);
    latest.set(change.fileId, change);
  }
  const entries = [...latest.values()].filter((c) => includeRemoved || !c.removed);
  const page = entries.slice(0, pageSize);
  const rest = entries[pageSize];

  const changes = page.map((c) => {
    const file = c.removed ? undefined : ctx.store.file(c.fileId);
    return {
      kind: 'drive#change',
      changeType: 'file',
      type: 'file',
      fileId: c.fileId,
      removed: c.removed || !file,
      time: c.time,
      ...(c.driveId ? { driveId: c.driveId, teamDriveId: c.driveId } : {}),
      ...(file ? { file: fileResource(file, ctx.viewer) } : {}),
    };
  });
  const body = rest
    ? { kind: 'drive#changeList', nextPageToken: String(rest.seq), changes }
    : { kind: 'drive#changeList', newStartPageToken: String(ctx.store.state.nextChangeSeq), changes };
  return json(body, ctx, CHANGE_LIST_DEFAULT, CHANGE_LIST);
}
