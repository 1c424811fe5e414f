// Shared by the conformance suites: a stand-in on a free port and SDK clients pinned to a
// Notion-Version, quiet about the errors the suites provoke on purpose.
import { Client, LogLevel } from '@notionhq/client';
import { DEFAULT_IDS, defaultSeed } from './seed';
import { type NotionStandIn, type NotionStandInOptions, startNotion } from './stand-in';
import type { NotionVersion } from './versions';

export const TOKEN = 'ntn_stand_in_token';
export { DEFAULT_IDS as IDS };

export interface Harness {
  standIn: NotionStandIn;
  /** An SDK client on 2025-09-03 with the default integration's token. */
  notion: Client;
  client(options?: { version?: NotionVersion; token?: string; retry?: boolean }): Client;
}

export async function startHarness(options: NotionStandInOptions = {}): Promise<Harness> {
  const standIn = await startNotion({ seed: defaultSeed({ token: TOKEN }), ...options });
  const client = (o: { version?: NotionVersion; token?: string; retry?: boolean } = {}) =>
    new Client({
      auth: o.token ?? TOKEN,
      baseUrl: standIn.url,
      notionVersion: o.version ?? '2025-09-03',
      logLevel: LogLevel.ERROR,
      retry: o.retry === false ? false : { maxRetries: 2 },
    });
  return { standIn, notion: client(), client };
}

/** Runs a call that must fail and returns the API error's code, status and message. */
export async function failure(call: Promise<unknown>): Promise<{ code: string; status: number; message: string; body: Record<string, unknown>; headers: unknown }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code: string; status: number; message: string; body: string; headers: unknown };
    return { code: e.code, status: e.status, message: e.message, body: JSON.parse(e.body) as Record<string, unknown>, headers: e.headers };
  }
  throw new Error('expected the call to fail');
}

/** Raw fetch for the admin endpoints and the few checks the SDK cannot make (headers, bodies). */
export async function raw(url: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
