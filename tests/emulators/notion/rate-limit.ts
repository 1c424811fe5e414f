// Request budgets (developers.notion.com/reference/request-limits, checked 2026-12-01): each
// connection (integration token) has "a fixed budget of requests per 60-second window… spent at
// any pace", and "a separate limit is shared across all of the workspace's connections". Past
// either, Notion answers 429 rate_limited with Retry-After in whole seconds (the time until the
// window resets) and `additional_data.rate_limit_reason` naming the limit:
// `public_api_request_rate_limit` (connection) or `public_api_space_request_rate_limit`
// (workspace). Here each is a fixed window of `requests` per `perMs`, starting at its first request.

export interface RateLimit {
  requests: number;
  perMs: number;
}

export interface RateLimits {
  /** Per connection (integration token). */
  connection?: RateLimit;
  /** Shared by every connection of the workspace. */
  workspace?: RateLimit;
}

export type RateLimitReason = 'public_api_request_rate_limit' | 'public_api_space_request_rate_limit';

export interface RateLimited {
  retryAfterSeconds: number;
  reason: RateLimitReason;
}

class FixedWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly limit: RateLimit) {}

  /** Seconds until this key's window resets when over budget (the request counts either way), else undefined. */
  take(key: string, now: number): number | undefined {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.limit.perMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit.requests) return undefined;
    return Math.max(1, Math.ceil((window.start + this.limit.perMs - now) / 1000));
  }
}

export class RateLimiter {
  private connection: FixedWindows | undefined;
  private workspace: FixedWindows | undefined;

  /** A bare RateLimit is the connection's (as before the workspace limit existed). */
  constructor(limits?: RateLimit | RateLimits) {
    this.configure(limits);
  }

  configure(limits: RateLimit | RateLimits | undefined): void {
    const both: RateLimits = limits && 'requests' in limits ? { connection: limits } : (limits ?? {});
    this.connection = both.connection ? new FixedWindows(both.connection) : undefined;
    this.workspace = both.workspace ? new FixedWindows(both.workspace) : undefined;
  }

  /** Counts a request of `connection` in `workspace`; says which limit refused it, if one did. */
  take(connection: string, workspace: string, now = Date.now()): RateLimited | undefined {
    const own = this.connection?.take(connection, now);
    if (own !== undefined) return { retryAfterSeconds: own, reason: 'public_api_request_rate_limit' };
    const shared = this.workspace?.take(workspace, now);
    if (shared !== undefined) return { retryAfterSeconds: shared, reason: 'public_api_space_request_rate_limit' };
    return undefined;
  }
}
