// `wrangler dev` stopped at each boundary of a run and started again (state persisted with
// --persist-to): every run ends Published exactly once — one Notion page, one Doc — within a few
// ticks, whether it was drafting, waiting for review, just told of a decision, or waiting to
// retry a publish whose Doc upload had in fact succeeded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, isFullPage } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { startLocalStack, type LocalStack } from '../demo/local-stack';

const TITLE = '2026-11-30 — Weekly competitive brief';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, every?: () => Promise<void>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await every?.();
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Scenario {
  stack: LocalStack;
  notion: Client;
  admin(service: 'notion' | 'drive' | 'model', path: string, body?: unknown, method?: string): Promise<void>;
  run(): Promise<{ id: string; status: string | undefined } | undefined>;
  approve(pageId: string): Promise<void>;
  /** Waits for the draft to reach review (ticking meanwhile, when given a tick). */
  inReview(tick?: () => Promise<void>): Promise<{ id: string }>;
  /** Ticks (one fake minute each, after the 9:00 slot) until the run is Published. */
  tickUntilPublished(): Promise<void>;
  outputs(): Promise<{ pages: number; docs: number }>;
}

let stack: LocalStack | undefined;
let dir: string | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function scenario(): Promise<Scenario> {
  dir = mkdtempSync(join(tmpdir(), 'baton-restart-'));
  // Quick retries and a short stale threshold, so a stuck run is noticed within seconds here.
  stack = await startLocalStack({ dir, ports: await freeStackPorts(), quiet: true, env: { STEP_RETRY_DELAY_SECONDS: '1', RUN_STALE_SECONDS: '6' } });
  const s = stack;
  const notion = new Client({ auth: WORLD.notionToken, baseUrl: s.notion.url, notionVersion: '2026-03-11' });
  const urls = { notion: s.notion.url, drive: s.drive.url, model: s.model.url.replace(/\/v1\/?$/, '') };
  let minute = 1;
  const self: Scenario = {
    stack: s,
    notion,
    async admin(service, path, body, method = 'POST') {
      const res = await fetch(`${urls[service]}/__admin/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${service} admin ${path} → ${res.status}`);
    },
    async run() {
      const rows = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource });
      const row = rows.results.filter(isFullPage)[0];
      const status = row?.properties.Status;
      return row && status?.type === 'select' ? { id: row.id, status: status.select?.name } : undefined;
    },
    inReview: (tick) =>
      waitFor('the draft to reach review', async () => {
        const run = await self.run();
        return run?.status === 'Needs review' ? run : undefined;
      }, 60_000, tick),
    approve: (pageId) => self.admin('notion', `people/${FIXTURE_IDS.users.maya}/pages/${pageId}`, { properties: { Status: { select: { name: 'Approved' } } } }, 'PATCH'),
    async tickUntilPublished() {
      await waitFor('the run to publish', async () => ((await self.run())?.status === 'Published' ? true : undefined), 60_000, async () => {
        await s.tick(new Date(Date.parse('2026-11-30T08:00:00Z') + minute++ * 60_000));
      });
    },
    async outputs() {
      const children = await notion.blocks.children.list({ block_id: FIXTURE_IDS.notionPages.competitiveIntelligence });
      const pages = children.results.filter((b) => 'type' in b && b.type === 'child_page' && b.child_page.title === TITLE).length;
      return { pages, docs: await countDocs(s) };
    },
  };
  await s.startWorker();
  await s.tick(new Date('2026-11-30T07:59:00Z'));
  await s.tick(new Date('2026-11-30T08:00:00Z'));
  return self;
}

async function countDocs(s: LocalStack): Promise<number> {
  const res = await fetch(`${s.drive.url}/__admin/files`);
  const { files } = (await res.json()) as { files: { name: string; parents?: string[]; trashed?: boolean }[] };
  return files.filter((f) => f.name === TITLE && f.parents?.includes(FIXTURE_IDS.driveFolders.competitiveIntelligence) && !f.trashed).length;
}

async function restart(s: Scenario): Promise<void> {
  await s.stack.stopWorker();
  await s.stack.startWorker();
}

describe('stopping the local worker at each boundary of a run', () => {
  it('while drafting', async () => {
    const s = await scenario();
    // The slot tick started the run; the model answers 429 (retry after 3 s), so the draft is in flight.
    await s.admin('model', 'faults', { kind: 'rate_limit', retryAfter: 3, times: 1 });
    await waitFor('the run to start', async () => ((await s.run())?.status === 'Running' ? true : undefined));
    await restart(s);
    const waiting = await s.inReview(() => s.stack.tick(new Date('2026-11-30T08:00:30Z')));
    await s.approve(waiting.id);
    await s.tickUntilPublished();
    expect(await s.outputs()).toEqual({ pages: 1, docs: 1 });
  }, 180_000);

  it('while waiting for review', async () => {
    const s = await scenario();
    const waiting = await s.inReview();
    await restart(s);
    await s.approve(waiting.id);
    await s.tickUntilPublished();
    expect(await s.outputs()).toEqual({ pages: 1, docs: 1 });
  }, 180_000);

  it('right after a decision was recorded', async () => {
    const s = await scenario();
    const waiting = await s.inReview();
    // The webhook is lost; the reconcile tick records the decision, and the worker stops at once.
    await s.admin('notion', 'webhooks/knobs', { drop: 1 }, 'PATCH');
    await s.admin('drive', 'faults', { method: 'POST', path: '^/upload/drive/v3/files$', status: 503, count: 1 });
    await s.approve(waiting.id);
    await s.stack.tick(new Date('2026-11-30T08:01:00Z'));
    await restart(s);
    await s.tickUntilPublished();
    expect(await s.outputs()).toEqual({ pages: 1, docs: 1 });
  }, 180_000);

  it('while the publish step waits to retry a Doc upload that had in fact succeeded', async () => {
    const s = await scenario();
    const waiting = await s.inReview();
    await s.admin('drive', 'faults', { method: 'POST', path: '^/upload/drive/v3/files$', status: 503, count: 1, afterCommit: true });
    await s.approve(waiting.id);
    await waitFor('the Doc upload to be answered 503', async () => ((await countDocs(s.stack)) === 1 ? true : undefined));
    await restart(s);
    await s.tickUntilPublished();
    expect(await s.outputs()).toEqual({ pages: 1, docs: 1 });
  }, 180_000);
});
