// Fault injection: "the next N API requests matching METHOD and PATH fail with a server error",
// in Notion's error shape (developers.notion.com/reference/status-codes: 500
// internal_server_error, 503 service_unavailable, 504 gateway_timeout, 529 service_overload).
// With `afterCommit` the request is applied first and then answered with the error — the case
// the docs warn about for creates ("check before retrying, or you duplicate").
//
// A fault *rate* (PUT /__admin/fault-rate, shared/fault-rate.ts) fails a random share of /v1
// requests instead: 429 rate_limited and 529 service_overload with an integer Retry-After, as
// reference/request-limits says Notion sends them ("Connections should handle HTTP 429 and 529
// responses and respect the Retry-After response header. The header value is an integer number
// of seconds"); 409 conflict_error, 500, 503, 504 as on reference/status-codes. A 429 or 409 is
// never after commit: Notion refuses those before applying anything.
import { z } from 'zod';
import { FaultRate } from '../shared/fault-rate';
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import { errors } from './errors';
import { newId } from './ids';

const CODES = {
  409: ['conflict_error', 'Conflict occurred while saving. Please try again.'],
  500: ['internal_server_error', 'Unexpected error occurred.'],
  503: ['service_unavailable', 'Notion is unavailable, please try again later.'],
  504: ['gateway_timeout', 'Notion timed out while processing the request.'],
  529: ['service_overload', 'Notion is experiencing high load; please try again later.'],
} as const;

export const NotionFaultRule = z.object({
  method: z.string().optional(),
  /** Regular expression tested against the path, e.g. "^/v1/pages$". */
  path: z.string().default('.*'),
  count: z.number().int().positive().default(1),
  status: z.union([z.literal(409), z.literal(500), z.literal(503), z.literal(504), z.literal(529)]),
  /** Seconds, sent as Retry-After (Notion sends it with 529). */
  retryAfter: z.number().int().nonnegative().optional(),
  afterCommit: z.boolean().default(false),
});
export type NotionFaultRule = z.input<typeof NotionFaultRule>;

interface Active {
  rule: z.output<typeof NotionFaultRule>;
  pattern: RegExp;
  remaining: number;
}

export class NotionFaults {
  private active: Active[] = [];

  add(input: unknown): void {
    const rule = NotionFaultRule.parse(input);
    this.active.push({ rule, pattern: new RegExp(rule.path), remaining: rule.count });
  }

  clear(): void {
    this.active = [];
  }

  take(request: IncomingRequest): { response: OutgoingResponse; afterCommit: boolean } | undefined {
    const fault = this.active.find((f) => (!f.rule.method || f.rule.method.toUpperCase() === request.method) && f.pattern.test(request.url.pathname));
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.active = this.active.filter((f) => f !== fault);
    const [code, message] = CODES[fault.rule.status];
    const headers: Record<string, string> = fault.rule.retryAfter !== undefined ? { 'retry-after': String(fault.rule.retryAfter) } : {};
    return {
      afterCommit: fault.rule.afterCommit,
      response: { status: fault.rule.status, headers, body: { object: 'error', status: fault.rule.status, code, message, request_id: newId() } },
    };
  }
}

/** The probabilistic knob for the Notion stand-in: every /v1 path, Notion's statuses. */
export function notionFaultRate(): FaultRate {
  return new FaultRate({
    defaultStatuses: [429, 500, 503, 504, 529],
    allowedStatuses: [409, 429, 500, 503, 504, 529],
    beforeCommitOnly: [409, 429],
    defaultPaths: /^\/v1\//,
  });
}

/** Notion's answer for an injected status; 429 and 529 carry Retry-After (whole seconds). */
export function notionFaultResponse(status: number, retryAfterSeconds: number): OutgoingResponse {
  if (status === 429) {
    const e = errors.rateLimited(retryAfterSeconds);
    return { status: 429, headers: e.headers, body: { object: 'error', status: 429, code: e.code, message: e.message, request_id: newId() } };
  }
  const [code, message] = CODES[status as keyof typeof CODES];
  const headers: Record<string, string> = status === 529 ? { 'retry-after': String(retryAfterSeconds) } : {};
  return { status, headers, body: { object: 'error', status, code, message, request_id: newId() } };
}
