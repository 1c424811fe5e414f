// The admin endpoints (/__admin/, no Notion-Version, no token) that let tests and the demo act
// as a person, move the clock, share pages, reset or reseed, plus persistence to a state folder
// and the standalone entry point.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, LogLevel, type PageObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed } from './seed';
import { startNotion } from './stand-in';
import { failure, type Harness, IDS, raw, startHarness, TOKEN } from './test-support';

let h: Harness;
let admin: (path: string, init?: RequestInit & { json?: unknown }) => ReturnType<typeof raw>;
beforeAll(async () => {
  h = await startHarness({ now: () => new Date('2026-11-24T08:00:00Z') });
  admin = (path, init) => raw(`${h.standIn.url}/__admin${path}`, init);
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

describe('admin endpoints', () => {
  it('sets and advances the clock that stamps edits', async () => {
    expect((await admin('/clock')).body).toEqual({ now: '2026-11-24T08:00:00.000Z' });
    await admin('/clock', { method: 'POST', json: { set: '2026-12-01T09:00:00Z' } });
    const moved = await admin('/clock', { method: 'POST', json: { advanceMs: 90_000 } });
    expect(moved.body.now).toBe('2026-12-01T09:01:30.000Z');
    const page = (await h.notion.pages.update({ page_id: IDS.firstRow, properties: { Estimate: { number: 2 } } })) as PageObjectResponse;
    expect(page.last_edited_time).toBe('2026-12-01T09:01:00.000Z');
  });

  it('creates people who then appear in the users list', async () => {
    const person = await admin('/people', { method: 'POST', json: { name: 'Katherine Johnson', email: 'kj@example.com' } });
    expect(person.body).toMatchObject({ object: 'user', type: 'person', name: 'Katherine Johnson' });
    const users = await h.notion.users.list({});
    expect(users.results.map((u) => u.id)).toContain(person.body.id);
  });

  it('acts as a person on properties, markdown and pages', async () => {
    const updated = await admin(`/people/${IDS.grace}/pages/${IDS.firstRow}`, { method: 'PATCH', json: { properties: { Status: { status: { name: 'Done' } } } } });
    expect(updated.body).toMatchObject({ last_edited_by: { object: 'user', id: IDS.grace }, properties: { Status: { status: { name: 'Done' } } } });
    const replaced = await admin(`/people/${IDS.grace}/pages/${IDS.firstRow}/markdown`, { method: 'PUT', json: { markdown: 'Edited by Grace.\n- one' } });
    expect(replaced.body).toMatchObject({ object: 'page_markdown', markdown: 'Edited by Grace.\n- one' });
    const edited = await admin(`/people/${IDS.grace}/pages/${IDS.firstRow}/markdown`, {
      method: 'PATCH',
      json: { type: 'update_content', update_content: { content_updates: [{ old_str: 'one', new_str: 'two' }] } },
    });
    expect(edited.body.markdown).toBe('Edited by Grace.\n- two');
    const created = await admin(`/people/${IDS.ada}/pages`, { method: 'POST', json: { parent: { data_source_id: IDS.dataSource }, properties: { Name: { title: [{ text: { content: 'From Ada' } }] } } } });
    expect(created.body).toMatchObject({ created_by: { object: 'user', id: IDS.ada } });
    const read = await h.notion.pages.retrieve({ page_id: created.body.id });
    expect(read).toMatchObject({ created_by: { id: IDS.ada }, last_edited_by: { id: IDS.ada } });
  });

  it('checks what a person writes like the API would', async () => {
    const bad = await admin(`/people/${IDS.grace}/pages/${IDS.firstRow}`, { method: 'PATCH', json: { properties: { Status: { status: { name: 'Nope' } } } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ object: 'error', code: 'validation_error' });
    const nobody = await admin(`/people/${IDS.bot}/pages/${IDS.firstRow}`, { method: 'PATCH', json: { properties: {} } });
    expect(nobody.status).toBe(404);
  });

  it('shares and unshares pages with the integration', async () => {
    await failure(h.notion.pages.retrieve({ page_id: IDS.private }));
    await admin('/share', { method: 'POST', json: { ids: [IDS.private] } });
    expect((await h.notion.pages.retrieve({ page_id: IDS.private })).id).toBe(IDS.private);
    await admin('/unshare', { method: 'POST', json: { ids: [IDS.private] } });
    expect((await failure(h.notion.pages.retrieve({ page_id: IDS.private }))).status).toBe(404);
  });

  it('lists the requests it received with tokens redacted', async () => {
    await h.notion.users.me({});
    const log = await admin('/requests');
    const last = log.body.requests.filter((r: { path: string }) => r.path === '/v1/users/me').at(-1);
    expect(last).toMatchObject({ method: 'GET', status: 200, headers: { authorization: '[redacted]', 'notion-version': '2025-09-03' } });
  });

  it('sets a request budget and lifts it', async () => {
    await admin('/rate-limit', { method: 'PUT', json: { requests: 1, perMs: 60_000 } });
    const strict = h.client({ retry: false });
    await strict.users.me({});
    expect((await failure(strict.users.me({}))).status).toBe(429);
    await admin('/rate-limit', { method: 'PUT', json: null });
    await strict.users.me({});
  });

  it('reseeds and resets the workspace', async () => {
    const page = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Temporary' } }] } } });
    await admin('/reset', { method: 'POST' });
    expect((await failure(h.notion.pages.retrieve({ page_id: page.id }))).status).toBe(404);
    // The log starts again at the reset.
    expect((await admin('/requests')).body.requests.map((r: { path: string }) => r.path)).toEqual(['/__admin/reset', `/v1/pages/${page.id}`]);
    const seed = defaultSeed({ token: TOKEN });
    seed.workspace = { id: seed.workspace!.id, name: 'Other workspace' };
    await admin('/seed', { method: 'PUT', json: seed });
    expect(await h.notion.users.me({})).toMatchObject({ bot: { workspace_name: 'Other workspace' } });
    const unknown = await admin('/nothing');
    expect(unknown.status).toBe(404);
  });
});

describe('persistence and standalone use', () => {
  it('keeps the workspace in the state folder and reloads it on start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notion-state-'));
    try {
      const first = await startNotion({ stateDir: dir, seed: defaultSeed({ token: TOKEN }) });
      const notion = new Client({ auth: TOKEN, baseUrl: first.url, notionVersion: '2025-09-03', logLevel: LogLevel.ERROR });
      const page = await notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Persisted' } }] } }, markdown: 'Body' });
      await first.close();
      const second = await startNotion({ stateDir: dir, seed: defaultSeed({ token: 'ignored-because-state-exists' }) });
      const again = new Client({ auth: TOKEN, baseUrl: second.url, notionVersion: '2025-09-03', logLevel: LogLevel.ERROR });
      expect((await again.pages.retrieveMarkdown({ page_id: page.id })).markdown).toBe('Body');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs on its own from main.ts with a seed file and prints its URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notion-main-'));
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(defaultSeed({ token: TOKEN })));
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
    const child = spawn(process.execPath, [tsx, main, '--port', '0', '--state-dir', dir, '--seed', seedFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim().split('\n')[0]!));
        child.on('exit', (code) => reject(new Error(`main.ts exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const notion = new Client({ auth: TOKEN, baseUrl: url, notionVersion: '2025-09-03', logLevel: LogLevel.ERROR });
      expect((await notion.users.me({})).id).toBe(IDS.bot);
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
