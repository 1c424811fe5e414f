// One Drive v3 REST call over `fetch`: the URL, the bearer token, the backoff, and what a failure
// means. The only module that sends Drive requests (drive.ts builds them).
//
// Rules kept here, each from the Drive guide "Resolve errors" (platform/drive.md §6):
// - 403 userRateLimitExceeded/rateLimitExceeded, 429 and 5xx (not 501) are retried with truncated
//   exponential backoff, min(2^n × base + jitter, 32 s); everything else is final (400, 404,
//   403 storageQuotaExceeded/insufficientFilePermissions/…).
// - On 401 the token is dropped and the call made again once with a fresh one.
// - A call that is not idempotent (a create, a watch) is retried only on rate-limit refusals, which
//   Drive answers before doing anything; a 5xx may come after the write was stored, so the caller
//   looks its appProperties up before trying again.
// Why not @googleapis/drive: its client stack (googleapis-common, gaxios, google-auth-library)
// was ~800 KiB of the Worker bundle for nine REST calls and needs Node's stream and http2 shims
// in workerd; Baton uses only its TypeScript types, which cost no bytes.
import * as z from 'zod';

export interface DriveErrorInfo {
  status: number;
  reason: string | null;
}

export class DriveError extends Error {
  override name = 'DriveError';
  constructor(
    /** The API method that failed, e.g. files.create. */
    readonly call: string,
    readonly info: DriveErrorInfo,
  ) {
    super(`Google Drive ${call} failed: HTTP ${info.status}${info.reason ? ` (${info.reason})` : ''}`);
  }
  get notFound(): boolean {
    return this.info.status === 404;
  }
  /** A refusal Drive asks clients to retry with backoff (rate limits, 5xx). */
  get transient(): boolean {
    return isRetryable(this.info);
  }
}

export interface DriveHttpOptions {
  /** https://www.googleapis.com/ in production; a stand-in's root in tests. */
  rootUrl: string;
  accessToken: () => Promise<string>;
  /** Drops a token the API refused (401), so the next call signs in again. */
  invalidateToken?: (token: string) => void;
  retries?: number;
  /** Base delay for backoff; tests make it small. */
  backoffMs?: number;
  /** Every Drive request goes through it (a rate gate may wrap it); the global fetch by default. */
  fetch?: typeof fetch;
}

export interface DriveRequest {
  /** The API method, for errors: files.get, files.create… */
  call: string;
  method: 'GET' | 'POST';
  /** Under the root: drive/v3/files, upload/drive/v3/files… (ids already encoded). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body, or a prepared body with its content type (a multipart upload). */
  json?: unknown;
  body?: { contentType: string; data: string };
  /** Retried on 5xx too; false for creates and watches. */
  idempotent?: boolean;
}

export type DriveSend = (request: DriveRequest) => Promise<Response>;

/** A sender that returns the successful response; failures are DriveErrors after the backoff. */
export function createDriveSend(options: DriveHttpOptions): DriveSend {
  const root = options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/`;
  // Call the global through a closure: workerd throws "Illegal invocation" for a detached fetch.
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const retries = options.retries ?? 4;
  const base = options.backoffMs ?? 1000;

  return async function send(request) {
    const url = `${root}${request.path}${queryString(request.query)}`;
    const idempotent = request.idempotent ?? true;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await options.accessToken();
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      let body: string | undefined;
      if (request.body) {
        headers['content-type'] = request.body.contentType;
        body = request.body.data;
      } else if (request.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(request.json);
      }
      let response: Response | null;
      try {
        response = await doFetch(url, { method: request.method, headers, ...(body === undefined ? {} : { body }) });
      } catch {
        // No answer at all (connection refused or reset): status 0, retried like a 5xx.
        response = null;
      }
      if (response?.ok) return response;
      const info: DriveErrorInfo = response ? { status: response.status, reason: reasonOf(await response.text().catch(() => '')) } : { status: 0, reason: null };
      if (info.status === 401 && !refreshed && options.invalidateToken) {
        // A token can be revoked or expire early on Google's clock; a request refused for it was not carried out.
        refreshed = true;
        options.invalidateToken(token);
        attempt--;
        continue;
      }
      if (attempt < retries && isRetryable(info) && (idempotent || isRateLimit(info))) {
        const delay = Math.min(2 ** attempt * base + Math.random() * base, 32_000);
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      throw new DriveError(request.call, info);
    }
  };
}

/** The answer as JSON, checked against `schema`; a body that is not what Drive documents is a DriveError. */
export async function parseJson<T>(call: string, response: Response, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new DriveError(call, { status: response.status, reason: 'invalidJson' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DriveError(call, { status: response.status, reason: 'unexpectedResponse' });
  return parsed.data;
}

/**
 * Query parameters as googleapis-common sends them (qs, `arrayFormat: 'repeat'`): spaces as %20,
 * undefined values left out.
 */
function queryString(query: DriveRequest['query']): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** Drive's error body: {error:{code, message, errors:[{domain, reason, message}]}} (handle-errors guide). */
const ErrorBody = z.object({ error: z.object({ errors: z.array(z.object({ reason: z.string().optional() })).optional() }) });

function reasonOf(text: string): string | null {
  try {
    const body = ErrorBody.safeParse(JSON.parse(text));
    return body.success ? (body.data.error.errors?.[0]?.reason ?? null) : null;
  } catch {
    return null;
  }
}

function isRateLimit({ status, reason }: DriveErrorInfo): boolean {
  return status === 429 || (status === 403 && (reason === 'userRateLimitExceeded' || reason === 'rateLimitExceeded'));
}

function isRetryable(info: DriveErrorInfo): boolean {
  // 501 is "not implemented": retrying cannot help.
  return isRateLimit(info) || (info.status >= 500 && info.status !== 501) || info.status === 0;
}
