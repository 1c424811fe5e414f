// A run waiting for review survives a restart of `wrangler dev` (state persisted with
// --persist-to) and completes when the reviewer approves afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, isFullPage } from '@notionhq/client';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { startLocalStack, type LocalStack } from '../demo/local-stack';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('restarting the local worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-restart-'));
  let stack: LocalStack | undefined;
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a run waiting for review across a restart and publishes it when approved after', async () => {
    stack = await startLocalStack({ dir, ports: await freeStackPorts(), quiet: true });
    const notion = new Client({ auth: WORLD.notionToken, baseUrl: stack.notion.url, notionVersion: '2026-03-11' });
    const runStatus = async () => {
      const rows = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource });
      const run = rows.results.filter(isFullPage)[0];
      const status = run?.properties.Status;
      return run && status?.type === 'select' ? { id: run.id, status: status.select?.name } : undefined;
    };

    await stack.startWorker();
    await stack.tick(new Date('2026-11-30T07:59:00Z'));
    await stack.tick(new Date('2026-11-30T08:00:00Z'));
    const waiting = await waitFor('the draft to reach review', async () => {
      const run = await runStatus();
      return run?.status === 'Needs review' ? run : undefined;
    });

    await stack.stopWorker();
    await stack.startWorker();

    const approve = await fetch(`${stack.notion.url}/__admin/people/${FIXTURE_IDS.users.maya}/pages/${waiting.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ properties: { Status: { select: { name: 'Approved' } } } }),
    });
    expect(approve.status).toBe(200);
    const done = await waitFor('the run to publish', async () => {
      const run = await runStatus();
      return run?.status === 'Published' ? run : undefined;
    });
    expect(done.id).toBe(waiting.id);
    const published = await notion.blocks.children.list({ block_id: FIXTURE_IDS.notionPages.competitiveIntelligence });
    expect(published.results.map((b) => ('type' in b && b.type === 'child_page' ? b.child_page.title : null))).toContain(
      '2026-11-30 — Weekly competitive brief',
    );
  }, 120_000); // starts wrangler dev twice
});
