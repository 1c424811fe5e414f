// Request budget per integration: a fixed window of `requests` per `perMs`. Past it, Notion
// answers 429 rate_limited with Retry-After in whole seconds (reference/request-limits).

export interface RateLimit {
  requests: number;
  perMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private limit?: RateLimit) {}

  configure(limit: RateLimit | undefined): void {
    this.limit = limit;
    this.windows.clear();
  }

  /** Counts a request; returns the Retry-After seconds when over budget, else undefined. */
  take(key: string, now = Date.now()): number | undefined {
    if (!this.limit) return undefined;
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
