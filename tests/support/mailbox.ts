// A webhook mailbox for workerd tests: the Notion stand-in delivers to it over HTTP, and a test
// running inside workerd (which cannot listen on a port) takes the deliveries, headers and raw
// bytes unchanged, and hands them to the worker's own route.
import { serve, type StandInServer } from '../emulators/shared/server';

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

export async function startMailbox(): Promise<StandInServer> {
  const held: Delivery[] = [];
  return serve(({ method, url, headers, rawBody }) => {
    if (method === 'POST' && url.pathname === '/deliver') {
      const kept: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && (k.startsWith('x-') || k === 'content-type')) kept[k] = v;
      held.push({ headers: kept, body: rawBody.toString('utf8') });
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' && url.pathname === '/take') return { status: 200, body: held.splice(0, held.length) };
    return { status: 404, body: { error: 'not found' } };
  });
}
