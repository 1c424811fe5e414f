// Test-only control endpoints under /__admin/ (no auth), for tests and demos that drive the
// stand-in over HTTP (another process, the offline demo):
//   GET  /__admin/requests  → { requests }   the API request log (admin calls left out)
//   GET  /__admin/script    → { scripts }    scripts still active, with remaining/used counts
//   POST /__admin/script    ← a ScriptRule or an array of them → { scripts }
//   GET  /__admin/faults    → { faults }
//   POST /__admin/faults    ← a FaultRule or an array of them → { faults }
//   PUT/GET/DELETE /__admin/fault-rate      random faults and their counters (faults.ts)
//   POST /__admin/reset     → { ok: true }   drops scripts, faults, the fault rate and the request log
// A malformed rule is a 400 and nothing from that body is added.
import { z } from 'zod';
import { type FaultRate, faultRateAdmin } from '../shared/fault-rate';
import type { IncomingRequest, LoggedRequest, OutgoingResponse } from '../shared/server';
import { openAIError } from './openai-errors';
import { FaultRule, type RuleBook, ScriptRule } from './rules';

export interface AdminContext {
  rules: RuleBook;
  faultRate: FaultRate;
  apiRequests: () => LoggedRequest[];
  reset: () => void;
}

export function handleAdmin(req: IncomingRequest, ctx: AdminContext): OutgoingResponse {
  const path = req.url.pathname.replace(/\/+$/, '');
  const endpoint = `${req.method} ${path}`;
  if (path === '/__admin/fault-rate') return faultRateAdmin(req.method, req.rawBody.toString('utf8'), ctx.faultRate);
  switch (endpoint) {
    case 'GET /__admin/requests':
      return { status: 200, body: { requests: ctx.apiRequests() } };
    case 'GET /__admin/script':
      return { status: 200, body: { scripts: ctx.rules.list().scripts } };
    case 'GET /__admin/faults':
      return { status: 200, body: { faults: ctx.rules.list().faults } };
    case 'POST /__admin/script':
      return addRules(req, ScriptRule, (rule) => ctx.rules.addScript(rule), () => ({ scripts: ctx.rules.list().scripts }));
    case 'POST /__admin/faults':
      return addRules(req, FaultRule, (rule) => ctx.rules.addFault(rule), () => ({ faults: ctx.rules.list().faults }));
    case 'POST /__admin/reset':
      ctx.reset();
      return { status: 200, body: { ok: true } };
    default:
      return openAIError(404, `No admin endpoint ${endpoint}. See tests/emulators/model/README.md.`);
  }
}

function addRules(req: IncomingRequest, schema: z.ZodType, add: (rule: unknown) => void, listing: () => unknown): OutgoingResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return openAIError(400, 'The admin body must be JSON: a rule object or an array of rules.');
  }
  const rules = Array.isArray(body) ? body : [body];
  for (const [i, rule] of rules.entries()) {
    const parsed = schema.safeParse(rule);
    if (!parsed.success) return openAIError(400, `Rule ${i} is malformed: ${z.prettifyError(parsed.error)}`);
  }
  for (const rule of rules) add(rule);
  return { status: 200, body: listing() };
}
