// Reading a stand-in's request log again and again (GET /__admin/requests, as tests and the offline
// demo do while a run goes on) answers every time: the log never holds itself.
import { afterAll, describe, expect, it } from 'vitest';
import { startDrive } from '../drive';
import { startModel } from '../model';
import { startNotion } from '../notion';
import { driveWorld, notionWorld, WORLD } from '../../support/world';

const standIns = [
  ['Notion', () => startNotion({ seed: notionWorld() })],
  ['Drive', () => startDrive({ seed: driveWorld(), serviceAccounts: [] })],
  ['the model', () => startModel({})],
] as const;

describe('the request log', () => {
  const started: { close(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(started.map((s) => s.close())));

  it.each(standIns)('of %s answers 100 reads in a row, between API calls', async (_name, start) => {
    const standIn = await start();
    started.push(standIn);
    const origin = 'origin' in standIn ? standIn.origin : standIn.url;
    const api = 'origin' in standIn ? '/v1/models' : '/v1/users/me';
    for (let i = 0; i < 100; i++) {
      const read = await fetch(`${origin}/__admin/requests`);
      expect(read.status).toBe(200);
      await read.json();
      if (i % 10 === 0) await fetch(`${origin}${api}`, { headers: { authorization: `Bearer ${WORLD.notionToken}` } });
    }
    const last = (await (await fetch(`${origin}/__admin/requests`)).json()) as { requests: { path: string; response: unknown }[] };
    // Admin answers are left out of the log's responses; API answers are kept.
    expect(last.requests.filter((r) => r.path === '/__admin/requests').every((r) => r.response == null)).toBe(true);
  });
});
