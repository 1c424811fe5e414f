// The /v1 request pipeline, in the order Notion applies its checks: a known endpoint
// (invalid_request_url), the Notion-Version header (missing_version), the bearer token
// (unauthorized), the request budget (rate_limited + Retry-After), a JSON body (invalid_json),
// size limits and the SDK's request schema (validation_error); then the handler. Every request
// and every success response is checked against the SDK's types.
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import type { ChangeEvent, OperationContext } from './context';
import { errorBody, errors, NotionApiError, validationError } from './errors';
import { routes } from './handlers';
import { matchRoute, typedQuery } from './handlers/route';
import { newId } from './ids';
import { checkRequestLimits } from './limits';
import type { Store } from './model/store';
import type { RateLimiter } from './rate-limit';
import { describeRequestErrors, type SchemaChecker } from './schema/checker';
import { isNotionVersion, NOTION_VERSIONS } from './versions';

export interface ResponseHookInput {
  endpoint: string;
  status: number;
  body: unknown;
}

/** Test-only: rewrites a success response before it is checked and sent. */
export type ResponseHook = (response: ResponseHookInput) => unknown;

export interface ApiDeps {
  store: Store;
  checker: SchemaChecker;
  limiter: RateLimiter;
  emit(event: ChangeEvent): void;
  responseHook?: ResponseHook;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): OutgoingResponse => ({ status, body, headers });

export function handleApi(req: IncomingRequest, deps: ApiDeps): OutgoingResponse {
  const requestId = newId();
  try {
    return dispatch(req, deps);
  } catch (error) {
    if (error instanceof NotionApiError) return json(error.status, errorBody(error, requestId), error.headers);
    const message = error instanceof Error ? error.message : String(error);
    console.error('[notion stand-in] unexpected error', error);
    return json(500, { object: 'error', status: 500, code: 'internal_server_error', message, request_id: requestId });
  }
}

function dispatch(req: IncomingRequest, deps: ApiDeps): OutgoingResponse {
  const match = matchRoute(routes, req.method, req.url.pathname);
  if (!match) throw errors.invalidUrl();
  const { route, params } = match;
  const endpoint = `${route.method} ${route.path}`;
  const versionHeader = header(req, 'notion-version');
  const version = versionHeader !== undefined && isNotionVersion(versionHeader) ? versionHeader : undefined;

  // Every request to a known endpoint is checked against the SDK's types, even one that is
  // about to be refused for its headers, so a client bug shows up whatever else is wrong.
  const body = parseBody(req, route.method);
  const query = typedQuery(route, req.url.searchParams);
  const input = { ...(body.ok ? body.value : {}), ...query, ...params };
  const schemaErrors = body.ok ? deps.checker.check('request', endpoint, route.request, version ?? '2025-09-03', input) : undefined;

  if (versionHeader === undefined) throw errors.missingVersion();
  if (!version) {
    throw validationError(
      `Notion-Version header failed validation: the Notion stand-in answers ${NOTION_VERSIONS.map((v) => `\`${v}\``).join(' and ')}, instead was \`${versionHeader}\`.`,
    );
  }
  const token = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1]?.trim();
  const integration = token ? deps.store.integrationByToken(token) : undefined;
  if (!integration) throw errors.unauthorized();
  const limited = deps.limiter.take(integration.token, deps.store.state.workspace.id);
  if (limited) throw errors.rateLimited(limited.retryAfterSeconds, limited.reason);
  if (!body.ok) throw body.error;
  checkRequestLimits(body.value);
  const prefixOf = (key: string) => (key in params ? 'path' : key in query || route.method === 'GET' ? 'query' : 'body');
  if (schemaErrors) throw validationError(describeRequestErrors(schemaErrors, input, prefixOf));

  const ctx: OperationContext = {
    store: deps.store,
    version,
    integration,
    actor: { type: 'bot', id: integration.botId },
    emit: deps.emit,
  };
  let result = route.handle(ctx, input);
  if (deps.responseHook) result = deps.responseHook({ endpoint, status: 200, body: result });
  deps.checker.check('response', endpoint, route.response, version, result);
  return json(200, result);
}

function parseBody(req: IncomingRequest, method: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: NotionApiError } {
  if (req.rawBody.length === 0 || method === 'GET') return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return { ok: false, error: errors.invalidJson() };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, error: validationError('body failed validation: body should be an object.') };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

function header(req: IncomingRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
