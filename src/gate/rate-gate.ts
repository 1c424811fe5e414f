// The shared rate gate: a Durable Object, one instance per rate-limited identity (a Notion
// connection, a Notion workspace, a Drive user), so every isolate, cron tick and Workflow
// instance of the worker spends one budget (DESIGN.md "Platform": one Durable Object per Notion
// connection). Cloudflare runs each named instance in one place at a time, which is what makes
// its count the only count (developers.cloudflare.com/durable-objects/).
//
// A caller asks for a permit with `take()`, an RPC call that resolves when the permit is granted
// (the gate holds the promise: no polling, one round trip when the budget has room), sends its
// request, and says so with `answered()` (not awaited by the caller, except after a 429/529, so
// that the pause lands before its next `take`). The arithmetic is src/gate/bucket.ts.
//
// State is in memory only: a permit is a few microseconds of bookkeeping and writing it to
// storage would cost more than the request it guards. If the instance is evicted (it is not while
// callers wait on it) it forgets the permits of the last window; the worst case is a burst the
// server answers with 429, and the first 429 pauses everyone again.
import { DurableObject } from 'cloudflare:workers';
import { RateBucket, type Budget, type BucketStats } from './bucket';

export interface TakeRequest {
  /** Lower goes first: see PRIORITY in gated-fetch.ts. */
  priority: number;
  /** Units of the budget this request spends (1 for Notion). */
  cost?: number;
  /** How long the permit may be held before the gate takes it back unanswered. */
  leaseMs: number;
  /** The budget as the caller's config says; the gate follows the latest it was told. */
  budget: Budget;
}

export interface Permit {
  id: number;
  /** How long the caller waited in the gate. */
  waitedMs: number;
}

export interface GateStats extends BucketStats {
  /** 429/529 answers callers reported. */
  refusals: number;
}

export class RateGate extends DurableObject {
  private bucket: RateBucket | undefined;
  private readonly waiting = new Map<number, (permit: Permit) => void>();
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private refusals = 0;

  take(request: TakeRequest): Promise<Permit> {
    const bucket = this.bucketFor(request.budget);
    const id = this.nextId++;
    const queuedAt = Date.now();
    const granted = new Promise<Permit>((resolve) => this.waiting.set(id, resolve));
    bucket.enqueue({ id, priority: request.priority, cost: request.cost ?? 1, leaseMs: request.leaseMs, queuedAt });
    this.pump();
    return granted;
  }

  /** The request holding `permit` was answered; `retryAfterMs` when the answer was 429/529. */
  answered(permit: number, retryAfterMs?: number): void {
    const now = Date.now();
    this.bucket?.answered(permit, now);
    if (retryAfterMs !== undefined) {
      this.refusals += 1;
      this.bucket?.pause(now + retryAfterMs);
    }
    this.pump();
  }

  /** Pauses everyone (a Retry-After seen outside a permit, e.g. by a workspace-wide limit). */
  pause(retryAfterMs: number): void {
    this.refusals += 1;
    this.bucket?.pause(Date.now() + retryAfterMs);
    this.pump();
  }

  stats(): GateStats {
    return { ...(this.bucket?.snapshot() ?? { granted: 0, waitedMs: 0, pauses: 0, queued: 0, held: 0 }), refusals: this.refusals };
  }

  private bucketFor(budget: Budget): RateBucket {
    if (!this.bucket) this.bucket = new RateBucket(budget);
    else this.bucket.configure(budget);
    return this.bucket;
  }

  /** Grants what can be granted now and sets one timer for the next change. */
  private pump(): void {
    if (!this.bucket) return;
    const now = Date.now();
    const { grants, wakeAt } = this.bucket.grant(now);
    for (const { waiter, grantedAt } of grants) {
      const resolve = this.waiting.get(waiter.id);
      this.waiting.delete(waiter.id);
      resolve?.({ id: waiter.id, waitedMs: grantedAt - waiter.queuedAt });
    }
    if (wakeAt === null) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
    } else if (wakeAt < this.timerAt || this.timer === undefined) {
      clearTimeout(this.timer);
      this.timerAt = wakeAt;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      }, Math.max(0, wakeAt - now));
    }
  }
}
