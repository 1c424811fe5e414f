// The offline workspace page (issue 12): the stand-in Notion workspace and Drive as the team sees
// them, where a person picks who they are and acts — through the stand-ins' person endpoints,
// never through Baton. Served by the demo next to the stand-ins, not by the Worker.
import { createServer, type IncomingMessage } from 'node:http';
import { WORLD } from '../../support/world';
import { handleRequest } from './server';
import { createWorkspace } from './workspace';

export interface WorkspaceOptions {
  port: number;
  host?: string;
  notionUrl: string;
  driveUrl: string;
  workerUrl: string;
  /** The Notion integration token the page reads with (default: the demo world's). */
  notionToken?: string;
  /** The service account whose Drive token reads Docs and Sheets (default: the demo world's). */
  serviceAccountEmail?: string;
}

/** Form bodies are small; anything bigger is refused before it is read whole. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWorkspace(o: WorkspaceOptions): Promise<{ url: string; close(): Promise<void> }> {
  const host = o.host ?? '127.0.0.1';
  const ws = createWorkspace({
    notionUrl: o.notionUrl,
    driveUrl: o.driveUrl,
    workerUrl: o.workerUrl,
    notionToken: o.notionToken ?? WORLD.notionToken,
    serviceAccountEmail: o.serviceAccountEmail ?? WORLD.serviceAccountEmail,
  });
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = req.method === 'POST' ? await readBody(req) : '';
        const answer = await handleRequest(ws, { method: req.method ?? 'GET', url: new URL(req.url ?? '/', `http://${host}`), cookie: req.headers.cookie, origin: req.headers.origin, host: req.headers.host, body });
        res.writeHead(answer.status, answer.headers).end(req.method === 'HEAD' ? undefined : answer.body);
      } catch (error) {
        if (res.headersSent) return res.destroy();
        const tooLarge = error instanceof BodyTooLargeError;
        res.writeHead(tooLarge ? 413 : 500, { 'content-type': 'text/plain; charset=utf-8' }).end(tooLarge ? 'That form is over 2 MB.\n' : 'The workspace page failed; see its terminal.\n');
        if (!tooLarge) console.error(`workspace: ${req.method} ${req.url} failed:`, error);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
