// Baton's own retry for Notion calls, replacing the SDK's.
//
// @notionhq/client retries 429 and 529 on EVERY method, creates included, and 500/503 on GET and
// DELETE (notion-sdk-js src/Client.ts `canRetry`, v5.26). A create answered 529 or 5xx after it
// committed then becomes a second page about a second later (measured: 15 of 200 runs published
// twice). So the client is built with `retry: false` and every call comes through here:
//
// - A refusal (429 rate_limited) was not applied: any call may be sent again after Retry-After.
// - A doubtful answer (500, 503, 504, 529, 409, a timeout, a dropped connection) may have been
//   applied. Reads are retried. Writes are NOT retried here: the durable step that made them is
//   retried instead, and it re-reads what is there before writing again, so a person's change
//   made in between is never overwritten. Creates go through `createOnce`, which looks the
//   object up (by Run ID, or whatever key the caller knows) before trying again.
import { APIErrorCode, APIResponseError, isNotionClientError } from '@notionhq/client';

export type NotionFailure = 'refused' | 'doubtful' | 'final';

export function classifyNotionError(error: unknown): NotionFailure {
  if (!isNotionClientError(error)) return error instanceof TypeError ? 'doubtful' : 'final'; // fetch's network failure
  switch (error.code) {
    case APIErrorCode.RateLimited:
      return 'refused';
    case APIErrorCode.ServiceOverload:
    case APIErrorCode.InternalServerError:
    case APIErrorCode.ServiceUnavailable:
    case APIErrorCode.GatewayTimeout:
    case APIErrorCode.ConflictError:
    case 'notionhq_client_request_timeout':
      return 'doubtful';
    default:
      // UnknownHTTPResponseError (a proxy's 502, say) carries a numeric status.
      return 'status' in error && typeof error.status === 'number' && error.status >= 500 ? 'doubtful' : 'final';
  }
}

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** Base of the exponential backoff when Notion sends no Retry-After. */
  backoffMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Notion sends Retry-After as whole seconds with 429 and 529 (developers.notion.com/reference/request-limits). */
function retryAfterMs(error: unknown): number | null {
  if (!APIResponseError.isAPIResponseError(error)) return null;
  const headers = error.headers as { get?: (name: string) => string | null } | Record<string, string> | undefined;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = value ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : null;
}

function delayFor(error: unknown, attempt: number, policy: RetryPolicy): number {
  return retryAfterMs(error) ?? Math.min(policy.backoffMs * 2 ** attempt * (0.5 + Math.random() / 2), 30_000);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A read (or a write that was certainly not applied) is simply sent again. */
export async function withRetry<T>(kind: 'read' | 'write', policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = classifyNotionError(error);
      const retry = failure === 'refused' || (failure === 'doubtful' && kind === 'read');
      if (!retry || attempt >= policy.retries) throw error;
      await sleep(delayFor(error, attempt, policy));
    }
  }
}

/**
 * A create that happens at most once: after a doubtful answer, `lookup` says whether the first
 * attempt committed, and only when it did not is the create sent again. Without a lookup a
 * doubtful answer is thrown, for the caller's step to look up before it retries.
 */
export async function createOnce<T>(policy: RetryPolicy, create: () => Promise<T>, lookup?: () => Promise<T | null>): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      const failure = classifyNotionError(error);
      if (failure === 'final' || attempt >= policy.retries) throw error;
      if (failure === 'doubtful') {
        if (!lookup) throw error;
        await sleep(delayFor(error, attempt, policy));
        const found = await withRetry('read', policy, lookup);
        if (found !== null) return found;
        continue;
      }
      await sleep(delayFor(error, attempt, policy));
    }
  }
}
