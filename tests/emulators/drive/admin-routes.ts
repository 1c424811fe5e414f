// The /__admin/ endpoints: the same operations as the stand-in's in-process helpers, over HTTP for
// the offline demo and for tests in other processes. No bearer token is needed. Bodies are JSON;
// failures are {error: "what is wrong"} with 400 or 404.
import { z } from 'zod';
import type { IncomingRequest, LoggedRequest, OutgoingResponse } from '../shared/server';
import { type FaultRate, faultRateAdmin } from '../shared/fault-rate';
import type { FaultRule } from './faults';
import type { Delivery, PushKnobs } from './push';
import type { ChannelRecord } from './state';
import { AdminRequestError, UnknownItemError, type EditInput, type UploadInput } from './simulated-users';

type As = { displayName: string; emailAddress: string };

export interface DriveAdmin {
  uploadFile(input: UploadInput): Record<string, unknown>;
  moveFile(fileId: string, input: { parentId: string; as?: As }): Record<string, unknown>;
  trashFile(fileId: string, input?: { trashed?: boolean; as?: As }): Record<string, unknown>;
  renameFile(fileId: string, input: { name: string; as?: As }): Record<string, unknown>;
  copyFile(fileId: string, input?: { name?: string; parentId?: string; as?: As }): Record<string, unknown>;
  editContent(fileId: string, input: EditInput): Record<string, unknown>;
  deleteFile(fileId: string): void;
  listFiles(): { rootFolderId: string; drives: { id: string; name: string }[]; files: Record<string, unknown>[] };
  injectFault(rule: FaultRule): { id: number };
  faults(): unknown[];
  clearFaults(): void;
  /** The probabilistic knob (PUT/GET/DELETE /__admin/fault-rate; shared/fault-rate.ts). */
  faultRate: FaultRate;
  setPushKnobs(knobs: Partial<PushKnobs>): PushKnobs;
  deliveries(): Delivery[];
  channels(): ChannelRecord[];
  pushIdle(): Promise<void>;
  now(): string;
  advanceClock(ms: number): string;
  setClock(iso: string): string;
  issueToken(email: string, scopes?: string[]): string;
  reset(): void;
  requests: LoggedRequest[];
  clearRequests(): void;
}

const Knobs = z.object({
  dropNext: z.number().int().nonnegative(),
  duplicateNext: z.number().int().nonnegative(),
  reorderNext: z.number().int().nonnegative(),
  delayMs: z.number().nonnegative(),
  retryBaseMs: z.number().nonnegative(),
  maxAttempts: z.number().int().positive(),
  channelLifetimeMs: z.number().int().positive(),
}).partial();
const ClockBody = z.union([z.object({ advanceMs: z.number() }), z.object({ set: z.iso.datetime({ offset: true }) })]);
const TokenBody = z.object({ email: z.string(), scopes: z.array(z.string()).optional() });

const ok = (body?: unknown): OutgoingResponse => (body === undefined ? { status: 204 } : { status: 200, body });

export async function handleAdmin(request: IncomingRequest, admin: DriveAdmin): Promise<OutgoingResponse> {
  const path = request.url.pathname.replace(/^\/__admin/, '');
  const { method } = request;
  let body: unknown = {};
  if (request.rawBody.length) {
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'The body must be JSON.' } };
    }
  }
  try {
    const file = /^\/files\/([^/]+)(?:\/(move|trash|content|rename|copy))?$/.exec(path);
    if (path === '/files' && method === 'GET') return ok(admin.listFiles());
    if (path === '/files' && method === 'POST') return ok(admin.uploadFile(body as UploadInput));
    if (file && method === 'DELETE' && !file[2]) return admin.deleteFile(decodeURIComponent(file[1]!)), ok();
    if (file && method === 'POST') {
      const id = decodeURIComponent(file[1]!);
      if (file[2] === 'move') return ok(admin.moveFile(id, body as { parentId: string }));
      if (file[2] === 'trash') return ok(admin.trashFile(id, body as { trashed?: boolean }));
      if (file[2] === 'rename') return ok(admin.renameFile(id, body as { name: string }));
      if (file[2] === 'copy') return ok(admin.copyFile(id, body as { name?: string; parentId?: string }));
      if (file[2] === 'content') return ok(admin.editContent(id, body as EditInput));
    }
    if (path === '/fault-rate') return faultRateAdmin(method, request.rawBody.toString('utf8'), admin.faultRate);
    if (path === '/faults' && method === 'GET') return ok({ faults: admin.faults() });
    if (path === '/faults' && method === 'POST') return ok(admin.injectFault(body as FaultRule));
    if (path === '/faults' && method === 'DELETE') return admin.clearFaults(), ok();
    if (path === '/push' && method === 'POST') return ok(admin.setPushKnobs(Knobs.parse(body)));
    if (path === '/push' && method === 'GET') return ok(admin.setPushKnobs({}));
    if (path === '/push/deliveries' && method === 'GET') return ok({ deliveries: admin.deliveries() });
    if (path === '/push/idle' && method === 'POST') return await admin.pushIdle(), ok();
    if (path === '/channels' && method === 'GET') return ok({ channels: admin.channels() });
    if (path === '/clock' && method === 'GET') return ok({ now: admin.now() });
    if (path === '/clock' && method === 'POST') {
      const clock = ClockBody.parse(body);
      return ok({ now: 'advanceMs' in clock ? admin.advanceClock(clock.advanceMs) : admin.setClock(clock.set) });
    }
    if (path === '/tokens' && method === 'POST') {
      const { email, scopes } = TokenBody.parse(body);
      return ok({ access_token: admin.issueToken(email, scopes), token_type: 'Bearer' });
    }
    if (path === '/reset' && method === 'POST') return admin.reset(), ok();
    if (path === '/requests' && method === 'GET') return ok({ requests: admin.requests });
    if (path === '/requests' && method === 'DELETE') return admin.clearRequests(), ok();
    return { status: 404, body: { error: `No admin endpoint ${method} /__admin${path}` } };
  } catch (error) {
    if (error instanceof UnknownItemError) return { status: 404, body: { error: error.message } };
    if (error instanceof AdminRequestError) return { status: 400, body: { error: error.message } };
    if (error instanceof z.ZodError) return { status: 400, body: { error: z.prettifyError(error) } };
    if (error instanceof Error && /not configured/.test(error.message)) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
