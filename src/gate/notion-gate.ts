// Notion's side of the rate gate: which gate instances a connection uses, and which answers
// mean "over budget" (developers.notion.com/reference/request-limits, checked 2026-12-01):
//
// - 429 `rate_limited`: refused, not applied; `additional_data.rate_limit_reason` says which
//   limit — `public_api_request_rate_limit` (the connection's) or
//   `public_api_space_request_rate_limit` (the workspace's, shared by all its connections);
//   "other rate_limit_reason values can appear. Handle them like any other 429". Sent again here.
// - 529 `service_overload`: "handle it the same way" — everyone pauses for Retry-After — but it
//   may have been applied after all (measured: a create answered 529 became a page), so it goes
//   back to Baton's own retry (src/adapters/notion-retry.ts), which looks a create up first.
// - Retry-After is an integer number of seconds: at most 60 for the connection's limit, possibly
//   longer for the workspace's.
//
// Gate names never hold the token: the connection's instance is named by a hash of it.
import { RequestTimeoutError } from '@notionhq/client';
import type { Budget } from './bucket';
import { gatedFetch, retryAfterMs, type GateHandle, type Priority, type Refusal } from './gated-fetch';

export interface NotionGateOptions {
  gates: { get(name: string): GateHandle };
  token: string;
  budget: Budget;
  /** The workspace's own limit, when Baton is told the workspace (its budget may be unknown: pauses only). */
  workspace?: { id: string; budget?: Budget };
  timeoutMs: number;
  base?: typeof fetch;
}

/** A workspace limit nobody configured still honours pauses; its budget never binds. */
const PAUSES_ONLY: Budget = { requests: 1_000_000, windowMs: 60_000 };

export function notionGatedFetch(priority: Priority, options: NotionGateOptions): typeof fetch {
  const base = options.base ?? ((input, init) => fetch(input, init));
  let name: string | undefined;
  const own = async () => options.gates.get((name ??= await connectionGateName(options.token)));
  const workspace = options.workspace;
  return gatedFetch(priority, base, {
    own: { gate: own, budget: options.budget },
    shared: workspace ? { gate: () => options.gates.get(`notion-workspace:${workspace.id}`), budget: workspace.budget ?? PAUSES_ONLY } : undefined,
    timeoutMs: options.timeoutMs,
    // The SDK's own timeout error, which notion-retry.ts already treats as a doubtful answer.
    timeoutError: () => new RequestTimeoutError(),
    refusal: notionRefusal,
  });
}

export async function notionRefusal(response: Response): Promise<Refusal | null> {
  if (response.status !== 429 && response.status !== 529) return null;
  const wait = retryAfterMs(response) ?? 1_000;
  if (response.status === 529) return { retryAfterMs: wait, resend: false, scope: 'own' };
  let reason: unknown;
  try {
    reason = ((await response.clone().json()) as { additional_data?: { rate_limit_reason?: unknown } }).additional_data?.rate_limit_reason;
  } catch {
    reason = undefined;
  }
  return { retryAfterMs: wait, resend: true, scope: reason === 'public_api_space_request_rate_limit' ? 'shared' : 'own' };
}

/** `notion-connection:<24 hex of sha256(token)>`: one gate per integration, the token not in it. */
export async function connectionGateName(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  const hex = [...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `notion-connection:${hex}`;
}
