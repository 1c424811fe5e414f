// The rate gate's arithmetic, as plain data and time passed in (no clock, no I/O): a budget of
// `requests` per `windowMs`, callers queued by priority, and a pause for everyone.
//
// - Notion gives each connection "a fixed budget of requests per 60-second window… spent at any
//   pace within the window — spread out evenly or in a single burst"; past it, 429 with
//   Retry-After = the time until the window resets (developers.notion.com/reference/request-limits,
//   checked 2026-12-01; the long-standing figure is an average of 3 requests per second, so the
//   default budget is 180 per 60 s: src/env.ts). The server's windows start when it likes, so the
//   bucket promises more than "N per window": no more than N requests in ANY span of windowMs.
//   Each of the N permits comes back windowMs after its request was ANSWERED (not granted): the
//   answer proves the request reached the server, so two uses of one permit reach it more than
//   windowMs apart, whatever the latencies in between. Steady state: N per (windowMs + latency).
// - Paced as well: a token bucket refilled at requests/windowMs holds at most `burst` (default a
//   tenth of the window's budget), so the budget is spent steadily rather than all at once and
//   then not at all. Measured with 1,000 runs due at once: spending each window in one burst left
//   the last window mostly idle (89% of the budget used); paced, the rate stays at the budget's.
//   The window guarantee above still holds: pacing only ever holds a permit back.
// - A permit whose holder never says it was answered (a lost caller) is taken back at its lease's
//   end, as if answered then.
// - Priorities: a lower number goes first (a reviewer's decision and a publish before drafting,
//   drafting before background reads); first come, first served within one.
// - `pause(until)`: when any caller is told 429/529 with Retry-After, nobody is granted anything
//   before then (the budget the server counts is not the one the bucket counts, e.g. another
//   process used the same connection).

export interface Budget {
  /** Requests (or units of cost) allowed in any span of windowMs. */
  requests: number;
  windowMs: number;
  /** Most requests granted at once (the pacing bucket's size); default a tenth of `requests`. */
  burst?: number;
}

export function burstOf(budget: Budget): number {
  return Math.max(1, Math.min(budget.requests, budget.burst ?? Math.ceil(budget.requests / 10)));
}

export interface Waiter {
  id: number;
  priority: number;
  cost: number;
  /** How long the permit may be held before it is taken back unanswered. */
  leaseMs: number;
  queuedAt: number;
}

export interface Grant {
  waiter: Waiter;
  grantedAt: number;
}

interface Held {
  cost: number;
  leaseUntil: number;
}

export interface BucketStats {
  granted: number;
  /** Sum over grants of the time spent queued. */
  waitedMs: number;
  pauses: number;
  queued: number;
  held: number;
}

export class RateBucket {
  private readonly held = new Map<number, Held>();
  /** Permits answered, coming back at `at` (kept sorted by `at`). */
  private returning: { at: number; cost: number }[] = [];
  /** One queue per priority, lowest number first. */
  private readonly queues = new Map<number, Waiter[]>();
  private pausedUntil = 0;
  /** Cost of the permits held or coming back: what the budget has not got right now. */
  private used = 0;
  /** The pacing bucket: tokens at `tokensAt`. */
  private tokens: number;
  private tokensAt: number | undefined;
  private stats = { granted: 0, waitedMs: 0, pauses: 0 };

  constructor(private budget: Budget) {
    this.tokens = burstOf(budget);
  }

  /** A new budget applies from now on; permits held or coming back still count. */
  configure(budget: Budget): void {
    if (budget.requests !== this.budget.requests || budget.windowMs !== this.budget.windowMs || budget.burst !== this.budget.burst) {
      this.budget = budget;
      this.tokens = Math.min(this.tokens, burstOf(budget));
    }
  }

  enqueue(waiter: Waiter): void {
    const queue = this.queues.get(waiter.priority);
    if (queue) queue.push(waiter);
    else this.queues.set(waiter.priority, [waiter]);
  }

  /** Drops a queued waiter (its caller gave up); false when it was not queued. */
  cancel(id: number): boolean {
    for (const queue of this.queues.values()) {
      const at = queue.findIndex((w) => w.id === id);
      if (at >= 0) return queue.splice(at, 1), true;
    }
    return false;
  }

  /** The request holding permit `id` was answered at `now`: the permit comes back a window later. */
  answered(id: number, now: number): void {
    const permit = this.held.get(id);
    if (!permit) return;
    this.held.delete(id);
    this.giveBack(now + this.budget.windowMs, permit.cost);
  }


  /** Nobody is granted anything before `until` (a Retry-After seen by any caller). */
  pause(until: number): void {
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.stats.pauses += 1;
    }
  }

  /**
   * Grants what the budget allows at `now`, highest priority first; `wakeAt` is when to call
   * again (a permit comes back, a lease ends or the pause ends), or null when nobody waits.
   */
  grant(now: number): { grants: Grant[]; wakeAt: number | null } {
    this.expireLeases(now);
    while (this.returning.length > 0 && this.returning[0]!.at <= now) this.used -= this.returning.shift()!.cost;
    this.refill(now);
    const grants: Grant[] = [];
    if (now >= this.pausedUntil) {
      for (const priority of [...this.queues.keys()].sort((a, b) => a - b)) {
        const queue = this.queues.get(priority)!;
        while (queue.length > 0 && this.available() >= this.costOf(queue[0]!) && this.tokens >= Math.min(this.costOf(queue[0]!), burstOf(this.budget))) {
          const waiter = queue.shift()!;
          const cost = this.costOf(waiter);
          this.held.set(waiter.id, { cost, leaseUntil: now + waiter.leaseMs });
          this.used += cost;
          this.tokens -= cost;
          grants.push({ waiter, grantedAt: now });
          this.stats.granted += 1;
          this.stats.waitedMs += now - waiter.queuedAt;
        }
        // Strict priority: a later class never jumps a waiting earlier one, even a cheaper request.
        if (queue.length > 0) break;
      }
    }
    return { grants, wakeAt: this.queued() > 0 ? this.nextChange(now) : null };
  }

  snapshot(): BucketStats {
    return { ...this.stats, queued: this.queued(), held: this.held.size };
  }

  private costOf(waiter: Waiter): number {
    return Math.min(waiter.cost, this.budget.requests);
  }

  private refill(now: number): void {
    const rate = this.budget.requests / this.budget.windowMs;
    if (this.tokensAt !== undefined) this.tokens = Math.min(burstOf(this.budget), this.tokens + (now - this.tokensAt) * rate);
    this.tokensAt = now;
  }

  private available(): number {
    return this.budget.requests - this.used;
  }

  /** The waiter grant() would serve next. */
  private head(): Waiter | undefined {
    for (const priority of [...this.queues.keys()].sort((a, b) => a - b)) {
      const first = this.queues.get(priority)![0];
      if (first) return first;
    }
    return undefined;
  }

  private queued(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  private expireLeases(now: number): void {
    for (const [id, permit] of this.held) {
      if (permit.leaseUntil <= now) {
        this.held.delete(id);
        this.giveBack(permit.leaseUntil + this.budget.windowMs, permit.cost);
      }
    }
  }

  private giveBack(at: number, cost: number): void {
    let i = this.returning.length;
    while (i > 0 && this.returning[i - 1]!.at > at) i--;
    this.returning.splice(i, 0, { at, cost });
  }

  private nextChange(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil;
    let next = Number.POSITIVE_INFINITY;
    const head = this.head();
    if (head && this.tokens < Math.min(this.costOf(head), burstOf(this.budget))) {
      // When the pacing bucket holds enough for the first in line.
      const missing = Math.min(this.costOf(head), burstOf(this.budget)) - this.tokens;
      next = now + Math.ceil(missing / (this.budget.requests / this.budget.windowMs));
    }
    if (this.returning.length > 0) next = Math.min(next, this.returning[0]!.at);
    for (const permit of this.held.values()) next = Math.min(next, permit.leaseUntil);
    // Nothing held or coming back yet the queue waits: only a cost above the budget could do
    // that, and grant() caps costs at the budget, so this is a safety net, not a path.
    return Number.isFinite(next) ? next : now + this.budget.windowMs;
  }
}
