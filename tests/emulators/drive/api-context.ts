// What every Drive API handler receives, and the parameter parsing they share. Parameter rules:
// booleans are "true"/"false", integers are decimal, and a value Drive cannot read is a 400 on
// that parameter (https://developers.google.com/workspace/drive/api/guides/handle-errors#badRequest).
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import type { Clock } from './clock';
import { selectFields } from './fields';
import { driveErrors } from './google-errors';
import type { Shape } from './resource-shapes';
import type { StoredFile } from './state';
import type { DriveStore } from './store';
import type { Grant } from './token-endpoint';
import type { Viewer } from './file-resource';

export interface ApiContext {
  request: IncomingRequest;
  params: URLSearchParams;
  grant: Grant;
  store: DriveStore;
  clock: Clock;
  viewer: Viewer;
  /** Whether service accounts may own My Drive items (accounts created before 2025-04-15). */
  serviceAccountsHaveStorage: boolean;
}

export function boolParam(params: URLSearchParams, name: string, fallback = false): boolean {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw driveErrors.invalidParameter(name, `Invalid value '${raw}'. Values must match the following regular expression: '(?i)(true|false)'`);
}

export function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw driveErrors.invalidParameter(name, `Invalid value '${raw}'. Values must match the following regular expression: '-?\\d+'`);
  return Number(raw);
}

/** pageSize: "The maximum value is 1000; values above 1000 will be coerced to 1000." */
export function pageSizeParam(params: URLSearchParams): number | undefined {
  const size = intParam(params, 'pageSize');
  if (size === undefined) return undefined;
  if (size < 1) throw driveErrors.invalidValue('pageSize');
  return Math.min(size, 1000);
}

export const supportsAllDrives = (params: URLSearchParams): boolean =>
  boolParam(params, 'supportsAllDrives') || boolParam(params, 'supportsTeamDrives');

export const includeItemsFromAllDrives = (params: URLSearchParams): boolean =>
  boolParam(params, 'includeItemsFromAllDrives') || boolParam(params, 'includeTeamDriveItems');

/** A file the caller may address by id: shared drive items need supportsAllDrives=true, else 404. */
export function visibleFile(ctx: ApiContext, id: string, location = 'fileId'): StoredFile {
  const file = ctx.store.file(id);
  if (!file || (file.driveId && !supportsAllDrives(ctx.params))) throw driveErrors.notFound(id, location);
  return file;
}

export function jsonBody(request: IncomingRequest): unknown {
  const text = request.rawBody.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw driveErrors.parseError();
  }
}

export function json(body: unknown, ctx: ApiContext, defaults: string, shape: Shape, status = 200): OutgoingResponse {
  return { status, body: selectFields(body, ctx.params.get('fields'), defaults, shape) };
}
