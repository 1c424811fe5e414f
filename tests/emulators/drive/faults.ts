// Fault injection: "the next N requests matching METHOD and PATH fail with this error", in the
// shape of the handle-errors page (403 userRateLimitExceeded, 429 rateLimitExceeded, 5xx
// backendError…). Matching happens before authentication, so a fault fires even for a request
// that would otherwise be refused; the token endpoint can be targeted too (it answers 5xx in the
// OAuth shape).
//
// A fault *rate* (PUT /__admin/fault-rate, shared/fault-rate.ts) fails a random share of Drive API
// requests (/drive/v3/… and /upload/drive/v3/…; the token endpoint only when `paths` names it)
// with the same shapes: 403 userRateLimitExceeded, 429 rateLimitExceeded, 500/502/503/504
// backendError (developers.google.com/workspace/drive/api/guides/handle-errors). Rate-limit
// answers are never after commit. A write held past the client's timeout and not applied is
// answered 504 "Deadline exceeded", late.
import { z } from 'zod';
import { FaultRate } from '../shared/fault-rate';
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import { presetError } from './google-errors';

export const FaultRule = z.object({
  /** HTTP method to match; any when absent. */
  method: z.string().optional(),
  /** Regular expression tested against the path, e.g. "^/drive/v3/files$" or "/upload/". */
  path: z.string().default('.*'),
  /** How many matching requests fail. */
  count: z.number().int().positive().default(1),
  status: z.number().int().min(400).max(599),
  /** Drive reason; defaults by status (403 userRateLimitExceeded, 429 rateLimitExceeded, 5xx backendError). */
  reason: z.string().optional(),
  message: z.string().optional(),
  /** Seconds, sent as Retry-After when set. */
  retryAfter: z.number().int().nonnegative().optional(),
  /**
   * Apply the request first, then answer with the error: the failure a client cannot tell
   * from one before the write ("check before retrying a create", Drive handle-errors guide).
   */
  afterCommit: z.boolean().default(false),
});
export type FaultRule = z.input<typeof FaultRule>;

interface ActiveFault {
  id: number;
  rule: z.output<typeof FaultRule>;
  pattern: RegExp;
  remaining: number;
}

export class Faults {
  private active: ActiveFault[] = [];
  private nextId = 1;

  add(input: FaultRule): { id: number } {
    const rule = FaultRule.parse(input);
    const fault = { id: this.nextId++, rule, pattern: new RegExp(rule.path), remaining: rule.count };
    this.active.push(fault);
    return { id: fault.id };
  }

  list(): { id: number; remaining: number; rule: z.output<typeof FaultRule> }[] {
    return this.active.map(({ id, remaining, rule }) => ({ id, remaining, rule }));
  }

  clear(): void {
    this.active = [];
  }

  /** The injected response for this request, if a fault matches (and is used up by it). */
  take(request: IncomingRequest): (OutgoingResponse & { afterCommit: boolean }) | undefined {
    const fault = this.active.find(
      (f) => (!f.rule.method || f.rule.method.toUpperCase() === request.method) && f.pattern.test(request.url.pathname),
    );
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.active = this.active.filter((f) => f !== fault);
    const headers = fault.rule.retryAfter !== undefined ? { 'retry-after': String(fault.rule.retryAfter) } : undefined;
    const afterCommit = fault.rule.afterCommit;
    if (request.url.pathname === '/token') {
      return { afterCommit, status: fault.rule.status, headers, body: { error: 'internal_failure', error_description: fault.rule.message ?? 'Backend Error' } };
    }
    const response = presetError(fault.rule.status, fault.rule.reason, fault.rule.message).toResponse();
    return { afterCommit, ...response, headers: { ...response.headers, ...headers } };
  }
}

export function driveFaultRate(): FaultRate {
  return new FaultRate({
    defaultStatuses: [403, 429, 500, 503],
    allowedStatuses: [403, 429, 500, 502, 503, 504],
    beforeCommitOnly: [403, 429],
    defaultPaths: /^\/(upload\/)?drive\/v3\//,
  });
}

/**
 * Drive's answer for an injected status (the OAuth shape on the token endpoint). No Retry-After:
 * the handle-errors guide tells clients to back off exponentially on 403/429/5xx, not to expect one.
 */
export function driveFaultResponse(path: string, status: number): OutgoingResponse {
  if (path === '/token') return { status, body: { error: 'internal_failure', error_description: 'Backend Error' } };
  return presetError(status).toResponse();
}
