// A local stand-in for the Google Drive API v3, driven by the real @googleapis/drive client
// (`drive({version: 'v3', auth, rootUrl: standIn.url + '/'})`, and `{rootUrl}` on upload calls).
// It serves the paths of www.googleapis.com (/drive/v3/…, /upload/drive/v3/…) and of the OAuth
// token endpoint (/token), plus /__admin/ for tests and the demo. What it implements, and which
// documentation page each part follows, is in README.md.
import { serve, type IncomingRequest, type OutgoingResponse } from '../shared/server';
import { handleAdmin, type DriveAdmin } from './admin-routes';
import type { ApiContext } from './api-context';
import { getStartPageToken, listChanges } from './changes';
import { stopChannel, watchChanges } from './channels';
import { Clock } from './clock';
import { answerFaulted } from '../shared/fault-rate';
import { driveFaultRate, driveFaultResponse, Faults } from './faults';
import { fileResource, type Viewer } from './file-resource';
import { createMetadataOnly, createWithMedia } from './files-create';
import { listFiles } from './files-list';
import { copyFile, updateMetadataOnly, updateWithMedia } from './files-update';
import { exportFileRoute, getFile } from './files-read';
import { DriveApiError, driveErrors } from './google-errors';
import { Pusher, type PushKnobs } from './push';
import { buildState, type Seed } from './seed';
import { SIMULATED_USER, SimulatedUsers } from './simulated-users';
import { cloneState, loadState } from './state';
import { DriveStore } from './store';
import { TokenService, type ServiceAccount } from './token-endpoint';

export type { Seed } from './seed';
export type { ServiceAccount } from './token-endpoint';
export type { FaultRule } from './faults';
export type { PushKnobs, Delivery } from './push';

export interface StartDriveOptions {
  port?: number;
  host?: string;
  /** Keep the corpus in this folder as JSON and reload it on start (the seed is then ignored). */
  stateDir?: string;
  seed?: Seed;
  /** Accounts allowed at /token; their public keys verify the JWT assertions. */
  serviceAccounts: ServiceAccount[];
  /** Base clock (ms since the epoch); the admin clock offsets it. */
  now?: () => number;
  /** Legacy service accounts (created before 2025-04-15) could own My Drive items; default false. */
  serviceAccountsHaveStorage?: boolean;
  push?: Partial<PushKnobs>;
  /** Base of every `webViewLink` instead of Drive's web UI (the offline demo's workspace page). */
  webViewBase?: string;
}

export interface DriveStandIn extends DriveAdmin {
  url: string;
  tokenUrl: string;
  rootFolderId: string;
  close(): Promise<void>;
}

type Route = (ctx: ApiContext, match: RegExpExecArray) => OutgoingResponse;

export async function startDrive(options: StartDriveOptions): Promise<DriveStandIn> {
  const clock = new Clock(options.now);
  const seedState = buildState(options.seed, clock);
  const loaded = options.stateDir ? loadState(options.stateDir) : undefined;
  const store = new DriveStore(loaded ?? cloneState(seedState), clock, options.stateDir);
  store.persist();
  const faults = new Faults();
  const faultRate = driveFaultRate();
  const defaultKnobs: PushKnobs = { dropNext: 0, duplicateNext: 0, reorderNext: 0, delayMs: 0, retryBaseMs: 1000, maxAttempts: 5, channelLifetimeMs: 604_800_000, ...options.push };
  const pusher = new Pusher(store, clock, { ...defaultKnobs });
  let baseUrl = '';
  const tokens = new TokenService(options.serviceAccounts, clock);
  await tokens.importKeys();
  const adminViewer = (): Viewer => ({ email: SIMULATED_USER.emailAddress, baseUrl, webViewBase: options.webViewBase });
  const users = new SimulatedUsers(store, adminViewer);

  const routes: [string, RegExp, Route][] = [
    ['GET', /^\/drive\/v3\/files$/, (ctx) => listFiles(ctx)],
    ['POST', /^\/drive\/v3\/files$/, (ctx) => createMetadataOnly(ctx)],
    ['POST', /^\/upload\/drive\/v3\/files$/, (ctx) => createWithMedia(ctx)],
    ['GET', /^\/drive\/v3\/files\/([^/]+)$/, (ctx, m) => getFile(ctx, decodeURIComponent(m[1]!))],
    ['GET', /^\/drive\/v3\/files\/([^/]+)\/export$/, (ctx, m) => exportFileRoute(ctx, decodeURIComponent(m[1]!))],
    ['PATCH', /^\/drive\/v3\/files\/([^/]+)$/, (ctx, m) => updateMetadataOnly(ctx, decodeURIComponent(m[1]!))],
    ['PATCH', /^\/upload\/drive\/v3\/files\/([^/]+)$/, (ctx, m) => updateWithMedia(ctx, decodeURIComponent(m[1]!))],
    ['POST', /^\/drive\/v3\/files\/([^/]+)\/copy$/, (ctx, m) => copyFile(ctx, decodeURIComponent(m[1]!))],
    ['GET', /^\/drive\/v3\/changes\/startPageToken$/, (ctx) => getStartPageToken(ctx)],
    ['GET', /^\/drive\/v3\/changes$/, (ctx) => listChanges(ctx)],
    ['POST', /^\/drive\/v3\/changes\/watch$/, (ctx) => watchChanges(ctx, pusher)],
    ['POST', /^\/drive\/v3\/channels\/stop$/, (ctx) => stopChannel(ctx)],
  ];

  async function handle(request: IncomingRequest): Promise<OutgoingResponse> {
    const path = request.url.pathname;
    if (path.startsWith('/__admin/')) return handleAdmin(request, standIn);
    const fault = faults.take(request);
    if (fault && !fault.afterCommit) return withoutFlag(fault);
    const decision = fault ? undefined : faultRate.decide(request.method, path, request.headers);
    if (decision) {
      return answerFaulted(
        decision,
        () => route(request),
        (status) => driveFaultResponse(path, status),
        () => driveFaultResponse(path, 504),
      );
    }
    const response = await route(request);
    return fault ? withoutFlag(fault) : response;
  }

  function withoutFlag({ afterCommit: _, ...response }: OutgoingResponse & { afterCommit: boolean }): OutgoingResponse {
    return response;
  }

  async function route(request: IncomingRequest): Promise<OutgoingResponse> {
    const path = request.url.pathname;
    if (path === '/token') return tokens.handle(request);
    try {
      let found: { route: Route; match: RegExpExecArray } | undefined;
      for (const [method, pattern, route] of routes) {
        const match = method === request.method ? pattern.exec(path) : null;
        if (match) found = { route, match };
      }
      if (!found) {
        if (/^\/(upload\/)?drive\/v3\//.test(path)) throw driveErrors.notImplemented(`${request.method} ${path}`);
        return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: 'The requested URL was not found on this server.' };
      }
      const grant = tokens.authenticate(request);
      const ctx: ApiContext = {
        request,
        params: request.url.searchParams,
        grant,
        store,
        clock,
        viewer: { email: grant.email, baseUrl, webViewBase: options.webViewBase },
        serviceAccountsHaveStorage: options.serviceAccountsHaveStorage ?? false,
      };
      return found.route(ctx, found.match);
    } catch (error) {
      if (error instanceof DriveApiError) return error.toResponse();
      throw error;
    }
  }

  const server = await serve(handle, { port: options.port, host: options.host });
  baseUrl = server.url;

  const standIn: DriveStandIn = {
    url: server.url,
    tokenUrl: `${server.url}/token`,
    get rootFolderId() {
      return store.state.rootFolderId;
    },
    requests: server.requests,
    clearRequests: () => void server.requests.splice(0),
    uploadFile: (input) => users.upload(input),
    moveFile: (fileId, input) => users.move(fileId, input),
    trashFile: (fileId, input) => users.trash(fileId, input),
    renameFile: (fileId, input) => users.rename(fileId, input),
    copyFile: (fileId, input) => users.copy(fileId, input),
    editContent: (fileId, input) => users.edit(fileId, input),
    deleteFile: (fileId) => users.delete(fileId),
    listFiles: () => ({
      rootFolderId: store.state.rootFolderId,
      drives: store.state.drives.map(({ id, name }) => ({ id, name })),
      files: store.files().map((f) => fileResource(f, adminViewer())),
    }),
    injectFault: (rule) => faults.add(rule),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    faultRate,
    setPushKnobs: (knobs) => Object.assign(pusher.knobs, knobs),
    deliveries: () => [...pusher.deliveries],
    channels: () => structuredClone(store.state.channels),
    pushIdle: () => pusher.idle(),
    now: () => clock.iso(),
    advanceClock: (ms) => (clock.advance(ms), clock.iso()),
    setClock: (iso) => (clock.set(Date.parse(iso)), clock.iso()),
    issueToken: (email, scopes) => {
      if (!options.serviceAccounts.some((a) => a.email === email)) throw new Error(`Service account ${email} is not configured`);
      return tokens.issue(email, scopes);
    },
    reset: () => {
      pusher.close();
      store.replaceState(cloneState(seedState));
      faults.clear();
      faultRate.reset();
      clock.reset();
      Object.assign(pusher.knobs, defaultKnobs);
      pusher.deliveries.splice(0);
      server.requests.splice(0);
    },
    close: async () => {
      pusher.close();
      await server.close();
    },
  };
  return standIn;
}
