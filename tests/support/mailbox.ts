// A webhook mailbox for workerd tests: the Notion and Drive stand-ins deliver to it over HTTP, and
// a test running inside workerd (which cannot listen on a port) takes the deliveries, headers and
// raw bytes unchanged, and hands them to the worker's own route.
//
// POST /deliver…          Notion's deliveries (box "notion")
// POST /drive/…           Drive push notifications (box "drive"; PUBLIC_URL = <mailbox>/drive)
// POST /take, /take/drive empties a box and answers what it held, oldest first
import { serve, type StandInServer } from '../emulators/shared/server';

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

export async function startMailbox(): Promise<StandInServer> {
  const boxes = new Map<string, Delivery[]>([
    ['notion', []],
    ['drive', []],
  ]);
  return serve(({ method, url, headers, rawBody }) => {
    const box = url.pathname.startsWith('/deliver') ? 'notion' : url.pathname.startsWith('/drive/') ? 'drive' : null;
    if (method === 'POST' && box) {
      const kept: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && (k.startsWith('x-') || k === 'content-type')) kept[k] = v;
      boxes.get(box)!.push({ headers: kept, body: rawBody.toString('utf8') });
      return { status: 200, body: { ok: true } };
    }
    const take = /^\/take(?:\/(notion|drive))?$/.exec(url.pathname);
    if (method === 'POST' && take) {
      const held = boxes.get(take[1] ?? 'notion')!;
      return { status: 200, body: held.splice(0, held.length) };
    }
    return { status: 404, body: { error: 'not found' } };
  });
}
