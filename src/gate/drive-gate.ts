// Drive's side of the rate gate, ready for the Drive adapter's `fetch` option: one gate per
// Drive user (a service account counts as one user), named by a hash of its email.
//
// Drive's quota is counted in units per minute — 325,000 per user per project, 1,000,000 per
// project; calls cost different units (a files.list 100) (developers.google.com/workspace/drive/
// api/guides/limits, /work/shared/platform/drive.md §6). Its refusals are 403
// `userRateLimitExceeded` / `rateLimitExceeded` and 429 `rateLimitExceeded` (guides/handle-errors):
// not applied, so they are sent again after the pause, which is Retry-After when Drive sends one
// and a second otherwise (the guide asks for exponential backoff; the gate's pause applies to
// every caller at once, and a refusal again pauses again).
import type { Budget } from './bucket';
import { gatedFetch, retryAfterMs, type GateHandle, type Priority, type Refusal } from './gated-fetch';

export interface DriveGateOptions {
  gates: { get(name: string): GateHandle };
  /** The Drive user whose quota the requests spend (the service account's email). */
  user: string;
  /** Per window; by default Drive's per-user quota in requests, which in practice leaves only the pauses. */
  budget?: Budget;
  timeoutMs: number;
  base?: typeof fetch;
}

const PER_USER_QUOTA: Budget = { requests: 325_000, windowMs: 60_000 };
const RATE_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded']);

export function driveGatedFetch(priority: Priority, options: DriveGateOptions): typeof fetch {
  const base = options.base ?? ((input, init) => fetch(input, init));
  let name: string | undefined;
  return gatedFetch(priority, base, {
    own: { gate: async () => options.gates.get((name ??= `drive-user:${await hash(options.user)}`)), budget: options.budget ?? PER_USER_QUOTA },
    timeoutMs: options.timeoutMs,
    refusal: driveRefusal,
  });
}

export async function driveRefusal(response: Response): Promise<Refusal | null> {
  if (response.status !== 429 && response.status !== 403) return null;
  if (response.status === 403) {
    let reasons: unknown[] = [];
    try {
      const body = (await response.clone().json()) as { error?: { errors?: { reason?: unknown }[] } };
      reasons = (body.error?.errors ?? []).map((e) => e.reason);
    } catch {
      return null;
    }
    if (!reasons.some((r) => typeof r === 'string' && RATE_REASONS.has(r))) return null;
  }
  return { retryAfterMs: retryAfterMs(response) ?? 1_000, resend: true, scope: 'own' };
}

async function hash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
