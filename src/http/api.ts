// POST /api/workflows/:id/runs — Run now, for scripts.
//
// - Behind a bearer token (BATON_API_TOKEN, a secret), compared in constant time; without the
//   setting the API refuses every call (503), so it is never open by omission.
// - One manual run per call. A caller that may retry sends an Idempotency-Key header: the same
//   key always maps to the same run.
// - The workflow must be a row Baton has read and can run; otherwise the answer says what to fix.
import type { Context } from 'hono';
import { servicesFor } from '../services';
import { dashedId } from '../registry/links';
import { runFromApi } from '../triggers/run-now';
import type { AppEnv } from './app';
import { sameSecret } from './same-secret';

export async function handleRunNow(c: Context<AppEnv>): Promise<Response> {
  const config = c.var.config;
  if (!config.apiToken) return c.json({ ok: false, error: 'The API is off: set the BATON_API_TOKEN secret to use it' }, 503);
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
  if (!given || !(await sameSecret(given, config.apiToken))) {
    c.header('WWW-Authenticate', 'Bearer realm="baton"');
    return c.json({ ok: false, error: 'Send Authorization: Bearer <BATON_API_TOKEN>' }, 401);
  }
  const id = dashedId(c.req.param('id') ?? '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
    return c.json({ ok: false, error: 'The workflow id must be the Workflows row’s Notion page id (32 hex characters, dashes optional)' }, 400);
  }
  const idempotencyKey = c.req.header('idempotency-key')?.trim() || null;
  if (idempotencyKey !== null && !/^[\w.:-]{1,100}$/.test(idempotencyKey)) {
    return c.json({ ok: false, error: 'Idempotency-Key must be 1–100 letters, digits, dots, colons, dashes or underscores' }, 400);
  }
  const services = servicesFor(config);
  const stored = await services.store.getDefinition(id);
  if (!stored || stored.in_trash || !stored.definition_json) {
    return c.json({ ok: false, error: 'No such workflow: Baton has not read a Workflows row with this id (is it in the Workflows database, and has a minute passed?)' }, 404);
  }
  if (!stored.runnable) return c.json({ ok: false, error: `The workflow cannot run until its row is fixed: ${stored.health}` }, 409);
  const { runId, created } = await runFromApi(services, stored.definition_json, idempotencyKey, new Date());
  const run = await services.store.getRun(runId);
  return c.json({ ok: true, runId, created, status: run?.status ?? 'Queued', runPageId: run?.run_page_id ?? null }, created ? 201 : 200);
}
