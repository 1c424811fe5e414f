// Fault injection: "the next N API requests matching METHOD and PATH fail with a server error",
// in Notion's error shape (developers.notion.com/reference/status-codes: 500
// internal_server_error, 503 service_unavailable, 504 gateway_timeout, 529 service_overload).
// With `afterCommit` the request is applied first and then answered with the error — the case
// the docs warn about for creates ("check before retrying, or you duplicate").
import { z } from 'zod';
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import { newId } from './ids';

const CODES = {
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
  status: z.union([z.literal(500), z.literal(503), z.literal(504), z.literal(529)]),
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
