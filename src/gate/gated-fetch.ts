// A `fetch` that asks a rate gate for a permit before each request: what every Notion call goes
// through (services.ts), and Drive's once its adapter takes a `fetch` (drive-gate.ts). An API client
// given this `fetch` needs no other change.
//
// - Priority is chosen by whoever builds the fetch (services.ts builds one per class), never read
//   from the request: explicit, and nothing for a request to forge.
// - Waiting in the gate is not the request's time: `timeoutMs` starts when the permit is granted,
//   and a request that runs out of it is aborted, so nothing is sent after its caller gave up
//   (the SDK's own timer would count the wait and let a late write through).
// - A refusal (`refusal()` says which answers are: 429 for Notion) pauses everyone on the gate
//   for its Retry-After. When the refused request was certainly not applied (`resend`), it waits
//   for a new permit and is sent again here, so its caller never sees a 429 and no durable step
//   attempt fails for one. Other answers, including a 529 (maybe applied), go back to the caller.
// - A gate that cannot be reached is tried a few times, then the request goes out ungated: a
//   missing permit must not fail a run the server would have answered (its 429s still pause).
import type { Budget } from './bucket';
import type { Permit, TakeRequest } from './rate-gate';

/** Lower goes first. */
export const PRIORITY = {
  /** A reviewer's decision and a publish: a person is waiting. */
  decision: 0,
  /** Admission and drafting of runs. */
  run: 1,
  /** Registry sync and reconciles: nobody waits on them. */
  background: 2,
} as const;
export type Priority = keyof typeof PRIORITY;

/** What the Durable Object stub offers (RateGate's RPC methods), or an in-process stand-in. */
export interface GateHandle {
  take(request: TakeRequest): Promise<Permit>;
  answered(permit: number, retryAfterMs?: number): Promise<void> | void;
  pause(retryAfterMs: number): Promise<void> | void;
}

export interface GateUse {
  /**
   * Called for every request: a Durable Object stub belongs to the request that made it ("Cannot
   * perform I/O on behalf of a different request"), and these fetches outlive requests (services
   * are built once per isolate), so the stub is made anew each time (it is only a handle).
   */
  gate: () => GateHandle | Promise<GateHandle>;
  budget: Budget;
}

export interface Refusal {
  retryAfterMs: number;
  /** True when the request was certainly not applied and may be sent again as it is. */
  resend: boolean;
  /** Which gate's limit the server says was hit ('shared' falls back to the own gate). */
  scope: 'own' | 'shared';
}

export interface GatedFetchOptions {
  /** The caller's own budget (a connection, a user). */
  own: GateUse;
  /** A budget shared with others as well (a Notion workspace); both permits are taken. */
  shared?: GateUse;
  /** Per request, from the permit to the response headers; then aborted. */
  timeoutMs: number;
  /** The error a timed-out request fails with (the client's own timeout error, say). */
  timeoutError?: () => Error;
  /** Which answers are the server saying "over budget", and for how long. */
  refusal(response: Response): Promise<Refusal | null>;
  /** Resends of a refused request before its answer is handed back. */
  maxResends?: number;
  log?: (line: string) => void;
}

const GATE_ATTEMPTS = 3;

export function gatedFetch(priority: Priority, base: typeof fetch, options: GatedFetchOptions): typeof fetch {
  const log = options.log ?? ((line: string) => console.warn(line));
  const maxResends = options.maxResends ?? 20;
  // A permit is taken back unanswered after the request's own timeout and a margin.
  const leaseMs = options.timeoutMs + 5_000;

  const take = async (use: GateUse): Promise<{ handle: GateHandle; permit: Permit } | null> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const handle = await use.gate();
        const permit = await handle.take({ priority: PRIORITY[priority], leaseMs, budget: use.budget });
        return { handle, permit };
      } catch (error) {
        if (attempt >= GATE_ATTEMPTS) {
          log(`rate gate unreachable (${error instanceof Error ? error.message : String(error)}); sending without a permit`);
          return null;
        }
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  };

  return async (input, init) => {
    const resendable = !(init?.body instanceof ReadableStream);
    for (let resends = 0; ; resends++) {
      const own = await take(options.own);
      const shared = options.shared ? await take(options.shared) : null;
      let response: Response;
      try {
        response = await withTimeout(base, input, init, options.timeoutMs, options.timeoutError);
      } catch (error) {
        own?.handle.answered(own.permit.id);
        shared?.handle.answered(shared.permit.id);
        throw error;
      }
      const refused = await options.refusal(response);
      if (!refused) {
        // Not awaited: the permit's return is bookkeeping; the caller has its answer.
        void Promise.resolve(own?.handle.answered(own.permit.id)).catch(() => undefined);
        void Promise.resolve(shared?.handle.answered(shared.permit.id)).catch(() => undefined);
        return response;
      }
      // Awaited: the pause must be in place before this caller (or any) asks again.
      const pauseShared = refused.scope === 'shared' && shared;
      await Promise.allSettled([
        own?.handle.answered(own.permit.id, pauseShared ? undefined : refused.retryAfterMs),
        shared?.handle.answered(shared.permit.id, pauseShared ? refused.retryAfterMs : undefined),
      ]);
      if (!refused.resend || !resendable || resends >= maxResends) return response;
      await response.body?.cancel();
    }
  };
}

async function withTimeout(base: typeof fetch, input: Parameters<typeof fetch>[0], init: RequestInit | undefined, timeoutMs: number, timeoutError?: () => Error): Promise<Response> {
  const controller = new AbortController();
  const outer = init?.signal;
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await base(input, { ...init, signal: controller.signal });
  } catch (error) {
    if (timedOut && timeoutError) throw timeoutError();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds of an HTTP Retry-After header (integer seconds is what Notion sends), in ms; null if absent. */
export function retryAfterMs(response: Response): number | null {
  const value = response.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}
