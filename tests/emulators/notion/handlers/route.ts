// One API endpoint: how its URL looks, which SDK types describe its request and response, and
// the handler. The request the handler gets is path parameters, query and body merged, which is
// the shape of the SDK's `...Parameters` type.
import type { OperationContext } from '../context';
import type { SdkTypeName } from '../schema/sdk-types';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  /** e.g. "/v1/pages/:page_id/markdown" */
  path: string;
  request: SdkTypeName;
  response: SdkTypeName;
  /** How query-string values are typed before validation. */
  query?: { numbers?: string[]; booleans?: string[]; arrays?: string[] };
  handle(ctx: OperationContext, input: Record<string, any>): unknown;
}

export function matchRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return segment === parts[i];
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  void pathMatched;
  return undefined;
}

/** Query strings are text; the SDK types say which values are numbers, booleans or lists. */
export function typedQuery(route: Route, query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    if (route.query?.arrays?.includes(key)) out[key] = values;
    else if (route.query?.numbers?.includes(key) && /^-?\d+$/.test(values[0]!)) out[key] = Number(values[0]);
    else if (route.query?.booleans?.includes(key) && /^(true|false)$/.test(values[0]!)) out[key] = values[0] === 'true';
    else out[key] = values[0];
  }
  return out;
}
