// Shared setup for the Drive conformance suites: a service-account key pair, a stand-in that
// trusts it, Baton's own token adapter, and the real @googleapis/drive client pointed at the
// stand-in (`rootUrl` on the client and on upload calls, as platform/cloudflare.md explains).
import { auth, drive, type drive_v3 } from '@googleapis/drive';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { createGoogleAuth, type GoogleAuth } from '../../../src/adapters/google-auth';
import { serve, type IncomingRequest, type StandInServer } from '../shared/server';
import { startDrive, type DriveStandIn, type StartDriveOptions } from './index';

export const SA_EMAIL = 'baton-runner@baton-test.iam.gserviceaccount.com';
export const FOLDER = 'application/vnd.google-apps.folder';
export const DOC = 'application/vnd.google-apps.document';
export const SHEET = 'application/vnd.google-apps.spreadsheet';

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

let keys: Promise<KeyPair> | undefined;
export function keyPair(): Promise<KeyPair> {
  keys ??= (async () => {
    const pair = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    return { privateKey: await exportPKCS8(pair.privateKey), publicKey: await exportSPKI(pair.publicKey) };
  })();
  return keys;
}

export interface Kit {
  standIn: DriveStandIn;
  googleAuth: GoogleAuth;
  keys: KeyPair;
  rootUrl: string;
  /** A Drive client with a fresh token from the adapter; `retry: false` turns off gaxios retries. */
  client(options?: { retry?: boolean; token?: string }): Promise<drive_v3.Drive>;
}

export async function startKit(options: Partial<StartDriveOptions> = {}): Promise<Kit> {
  const pair = await keyPair();
  const standIn = await startDrive({
    serviceAccounts: [{ email: SA_EMAIL, publicKey: pair.publicKey }],
    push: { retryBaseMs: 5 },
    ...options,
  });
  const googleAuth = createGoogleAuth({ serviceAccountEmail: SA_EMAIL, privateKey: pair.privateKey, tokenUrl: standIn.tokenUrl });
  const rootUrl = `${standIn.url}/`;
  return {
    standIn,
    googleAuth,
    keys: pair,
    rootUrl,
    async client({ retry = true, token } = {}) {
      const oauth = new auth.OAuth2();
      oauth.setCredentials({ access_token: token ?? (await googleAuth.accessToken()) });
      return drive({ version: 'v3', auth: oauth, rootUrl, retry });
    },
  };
}

/** The HTTP status and Google error body of a rejected client call. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; body: any; headers: Headers }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; response?: { status: number; data: unknown; headers: Headers } };
    if (!e.response) throw error;
    let body = e.response.data;
    if (typeof body === 'string') body = JSON.parse(body);
    return { status: e.response.status, body, headers: e.response.headers };
  }
  throw new Error('expected the call to fail');
}

export interface Receiver {
  url: string;
  server: StandInServer;
  /** Push messages received so far (method POST only). */
  messages(): IncomingRequest[];
  /** Status codes to answer, in order; 200 once they run out. */
  respondWith(...statuses: number[]): void;
  /** Resolves when at least `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<IncomingRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: IncomingRequest[] = [];
  const queue: number[] = [];
  const server = await serve((request) => {
    received.push(request);
    return { status: queue.shift() ?? 200 };
  });
  return {
    url: `${server.url}/drive-push`,
    server,
    messages: () => [...received],
    respondWith: (...statuses) => void queue.push(...statuses),
    async waitFor(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} push messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return [...received];
    },
    close: () => server.close(),
  };
}

export const header = (request: IncomingRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};
