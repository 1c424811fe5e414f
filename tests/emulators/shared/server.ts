// A tiny HTTP harness shared by the stand-in servers: port 0 by default, raw body kept for
// signature checks, and a request log that tests can read.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IncomingRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface OutgoingResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
}

export interface LoggedRequest {
  /** When the answer was sent. */
  at: string;
  /** When the request arrived: with `at`, which requests were open at the same time. */
  startedAt: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  status: number;
  response: unknown;
}

export interface StandInServer {
  url: string;
  port: number;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Headers whose values must not appear in the log (bearer tokens). */
  redactHeaders?: string[];
}

export type Handler = (request: IncomingRequest) => Promise<OutgoingResponse> | OutgoingResponse;

export async function serve(handler: Handler, options: ServeOptions = {}): Promise<StandInServer> {
  const requests: LoggedRequest[] = [];
  const redact = new Set((options.redactHeaders ?? ['authorization']).map((h) => h.toLowerCase()));
  const server: Server = createServer(async (req, res) => {
    const startedAt = new Date().toISOString();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    let out: OutgoingResponse;
    try {
      out = await handler({ method: req.method ?? 'GET', url, headers: req.headers, rawBody });
    } catch (error) {
      out = { status: 500, body: { error: String(error instanceof Error ? error.stack : error) } };
    }
    const headers: Record<string, string> = { ...out.headers };
    let payload: string | Buffer | undefined;
    const body = out.body;
    if (body === undefined) payload = undefined;
    else if (typeof body === 'string') payload = body;
    else if (body instanceof Uint8Array) payload = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    else {
      payload = JSON.stringify(out.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    const logHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      logHeaders[k] = redact.has(k) ? '[redacted]' : Array.isArray(v) ? v.join(', ') : String(v ?? '');
    }
    requests.push({
      at: new Date().toISOString(),
      startedAt,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: logHeaders,
      body: rawBody.toString('utf8'),
      status: out.status,
      // Admin answers are not kept: GET /__admin/requests answers with the log itself, which
      // would then hold itself, and the next read of the log could not be written as JSON
      // ("Converting circular structure to JSON" — it stopped the offline demo).
      response: url.pathname.startsWith('/__admin/') ? null : out.body,
    });
    res.writeHead(out.status, headers);
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
