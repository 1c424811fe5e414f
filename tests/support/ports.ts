// Free loopback ports for stacks started by tests and the benchmark (next to a running demo).
import { createServer } from 'node:net';
import type { StackPorts } from '../demo/local-stack';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function freeStackPorts(): Promise<StackPorts> {
  return { notion: await freePort(), drive: await freePort(), model: await freePort(), worker: await freePort() };
}
