// npm run bench: one weekly brief end to end on the offline stack (stand-ins + wrangler dev),
// reporting what a run costs — API requests per service — and how long its parts take.
// Numbers are wall-clock on this machine with local stand-ins: they measure Baton's own work
// and request count, not Notion's or Google's latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, isFullPage } from '@notionhq/client';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { startLocalStack } from '../demo/local-stack';
import { benchTriggers } from './triggers';
import { benchPlans } from './plans';

const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
const stack = await startLocalStack({ dir, quiet: true, ports: await freeStackPorts() });
const notion = new Client({ auth: WORLD.notionToken, baseUrl: stack.notion.url, notionVersion: '2026-03-11' });

async function runRow(): Promise<{ id: string; status: string } | undefined> {
  const rows = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource });
  const run = rows.results.filter(isFullPage)[0];
  const status = run?.properties.Status;
  return run && status?.type === 'select' ? { id: run.id, status: status.select?.name ?? '' } : undefined;
}

async function until(status: string): Promise<{ id: string; status: string }> {
  for (;;) {
    const run = await runRow();
    if (run?.status === status) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const api = (log: { path: string }[]) => log.filter((r) => !r.path.startsWith('/__admin/')).length;
const counts = () => ({ notion: api(stack.notion.requests), drive: api(stack.drive.requests), model: stack.model.requests.length });
const diff = (a: ReturnType<typeof counts>, b: ReturnType<typeof counts>) => ({ notion: b.notion - a.notion, drive: b.drive - a.drive, model: b.model - a.model });

try {
  const t0 = performance.now();
  await stack.startWorker();
  const startup = performance.now() - t0;

  let before = counts();
  let t = performance.now();
  await stack.tick(new Date('2026-11-30T07:59:00Z'));
  const firstSync = { ms: performance.now() - t, requests: diff(before, counts()) };

  before = counts();
  t = performance.now();
  await stack.tick(new Date('2026-11-30T07:59:30Z'));
  const quietTick = { ms: performance.now() - t, requests: diff(before, counts()) };

  before = counts();
  t = performance.now();
  await stack.tick(new Date('2026-11-30T08:00:00Z'));
  const waiting = await until('Needs review');
  const toReview = { ms: performance.now() - t, requests: diff(before, counts()) };

  before = counts();
  t = performance.now();
  await fetch(`${stack.notion.url}/__admin/people/${FIXTURE_IDS.users.maya}/pages/${waiting.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ properties: { Status: { select: { name: 'Approved' } } } }),
  });
  await until('Published');
  const toPublish = { ms: performance.now() - t, requests: diff(before, counts()) };

  const total = { notion: firstSync.requests.notion + toReview.requests.notion + toPublish.requests.notion, drive: toReview.requests.drive + toPublish.requests.drive + firstSync.requests.drive, model: toReview.requests.model };
  const line = (name: string, r: { ms: number; requests: ReturnType<typeof counts> }) =>
    `${name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms   notion ${String(r.requests.notion).padStart(3)}  drive ${String(r.requests.drive).padStart(3)}  model ${String(r.requests.model).padStart(2)}`;
  console.log(`wrangler dev start (migrations + ready)  ${startup.toFixed(0)} ms`);
  console.log(line('first tick (full registry sync)', firstSync));
  console.log(line('quiet tick', quietTick));
  console.log(line('slot tick → draft in Needs review', toReview));
  console.log(line('approval → Published (webhook path)', toPublish));
  console.log(`requests for the whole run: notion ${total.notion}, drive ${total.drive}, model ${total.model}`);
} finally {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}

await benchTriggers();
await benchPlans();
