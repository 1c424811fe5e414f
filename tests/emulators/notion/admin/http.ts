// Admin endpoints under /__admin/ (no Notion-Version, no token): the HTTP face of actions.ts,
// for the demo and for tests that run the stand-in out of process.
import type { IncomingRequest, OutgoingResponse } from '../../shared/server';
import { errorBody, NotionApiError, validationError } from '../errors';
import { newId } from '../ids';
import type { AdminActions } from './actions';

type Handler = (a: AdminActions, body: any, params: Record<string, string>) => unknown;

const ROUTES: [string, string, Handler][] = [
  // Admin calls are listed without their responses: a listing would otherwise contain itself.
  ['GET', '/__admin/requests', (a) => ({ requests: a.requestLog().map(({ response, ...r }) => (r.path.startsWith('/__admin/') ? r : { ...r, response })) })],
  ['POST', '/__admin/reset', (a, body) => (a.reset(body?.seed), { ok: true })],
  ['PUT', '/__admin/seed', (a, body) => (a.loadSeed(body), { ok: true })],
  ['GET', '/__admin/clock', (a) => ({ now: a.now().toISOString() })],
  [
    'POST',
    '/__admin/clock',
    (a, body) => {
      if (body?.set !== undefined) a.setClock(body.set);
      if (body?.advanceMs !== undefined) a.advanceClock(Number(body.advanceMs));
      return { now: a.now().toISOString() };
    },
  ],
  ['POST', '/__admin/people', (a, body) => a.createPerson(body)],
  ['POST', '/__admin/people/:person/pages', (a, body, p) => a.createPageAsPerson(p.person!, body)],
  ['PATCH', '/__admin/people/:person/pages/:page', (a, body, p) => a.updatePageAsPerson(p.person!, p.page!, body)],
  ['POST', '/__admin/people/:person/pages/:page/move', (a, body, p) => a.movePageAsPerson(p.person!, p.page!, body?.parent)],
  [
    'PUT',
    '/__admin/people/:person/pages/:page/markdown',
    (a, body, p) => a.replaceMarkdownAsPerson(p.person!, p.page!, String(body?.markdown ?? ''), { allowDeletingContent: body?.allowDeletingContent }),
  ],
  ['PATCH', '/__admin/people/:person/pages/:page/markdown', (a, body, p) => a.editMarkdownAsPerson(p.person!, p.page!, body)],
  ['POST', '/__admin/people/:person/comments', (a, body, p) => a.commentAsPerson(p.person!, body)],
  ['POST', '/__admin/discussions/:discussion/resolve', (a, _b, p) => (a.resolveDiscussion(p.discussion!), { ok: true })],
  ['POST', '/__admin/share', (a, body) => (a.share(body.ids, body.integration), { ok: true })],
  ['POST', '/__admin/unshare', (a, body) => (a.unshare(body.ids, body.integration), { ok: true })],
  ['GET', '/__admin/webhooks', (a) => ({ subscription: a.webhookSubscription() ?? null, deliveries: a.webhookDeliveries() })],
  ['PUT', '/__admin/webhooks', (a, body) => (a.configureWebhook(body), { subscription: a.webhookSubscription() })],
  ['DELETE', '/__admin/webhooks', (a) => (a.configureWebhook(undefined), { ok: true })],
  ['POST', '/__admin/webhooks/confirm', (a) => (a.confirmWebhook(), { ok: true })],
  ['PATCH', '/__admin/webhooks/knobs', (a, body) => (a.setWebhookKnobs(body), { subscription: a.webhookSubscription() })],
  ['POST', '/__admin/webhooks/settle', async (a) => (await a.settleWebhooks(), { deliveries: a.webhookDeliveries() })],
  ['PUT', '/__admin/rate-limit', (a, body) => (a.setRateLimit(body ?? undefined), { ok: true })],
  ['GET', '/__admin/schema-violations', (a) => ({ violations: a.listSchemaViolations() })],
  ['DELETE', '/__admin/schema-violations', (a) => ({ violations: a.takeSchemaViolations() })],
];

export async function handleAdmin(req: IncomingRequest, actions: AdminActions): Promise<OutgoingResponse> {
  try {
    const parts = req.url.pathname.split('/').filter(Boolean);
    for (const [method, path, handler] of ROUTES) {
      const pattern = path.split('/').filter(Boolean);
      if (method !== req.method || pattern.length !== parts.length) continue;
      const params: Record<string, string> = {};
      if (!pattern.every((s, i) => (s.startsWith(':') ? ((params[s.slice(1)] = decodeURIComponent(parts[i]!)), true) : s === parts[i]))) continue;
      let body: unknown;
      if (req.rawBody.length) {
        try {
          body = JSON.parse(req.rawBody.toString('utf8'));
        } catch {
          throw validationError('Admin request body is not JSON.');
        }
      }
      return { status: 200, body: (await handler(actions, body, params)) ?? { ok: true } };
    }
    return { status: 404, body: { object: 'error', status: 404, code: 'invalid_request_url', message: `No admin endpoint ${req.method} ${req.url.pathname}.` } };
  } catch (error) {
    if (error instanceof NotionApiError) return { status: error.status, body: errorBody(error, newId()) };
    return { status: 500, body: { object: 'error', status: 500, code: 'internal_server_error', message: String(error) } };
  }
}
