// The trigger half of `npm run bench`: how soon an event becomes a run, and what admitting it
// costs in API requests, on the offline stack (stand-ins + wrangler dev, Drive pushes sent
// straight to the worker). Each latency is from the moment the event happened (the stand-in's
// admin call returned) to the Run row existing in Notion, polled every 20 ms; requests are
// Baton's calls in that window (the bench's own polling is marked and left out).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@notionhq/client';
import { FIXTURE_IDS, kickoffBrief, repurposeArticles } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { startLocalStack } from '../demo/local-stack';

const SAMPLES = 10;
const SETTLE_SECONDS = 2;
const BENCH_HEADER = 'x-baton-bench';

export interface TriggerSample {
  ms: number;
  notion: number;
  drive: number;
}

export interface TriggerLatency {
  p50: number;
  p95: number;
  samples: number;
  /** Baton's requests per trigger, mean. */
  notionPerTrigger: number;
  drivePerTrigger: number;
}

export interface TriggersResult {
  settleSeconds: number;
  driveSettledMove: TriggerLatency;
  driveFreshUpload: TriggerLatency;
  notionClosedWon: TriggerLatency;
}

function summarize(samples: readonly TriggerSample[]): TriggerLatency {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  const mean = (k: 'notion' | 'drive') => samples.reduce((n, s) => n + s[k], 0) / samples.length;
  return { p50: at(0.5), p95: at(0.95), samples: samples.length, notionPerTrigger: mean('notion'), drivePerTrigger: mean('drive') };
}

export function printTriggers(r: TriggersResult): void {
  const line = (name: string, l: TriggerLatency) =>
    `${name.padEnd(46)} p50 ${l.p50.toFixed(0).padStart(5)} ms  p95 ${l.p95.toFixed(0).padStart(5)} ms   requests per trigger: notion ${l.notionPerTrigger.toFixed(1)}, drive ${l.drivePerTrigger.toFixed(1)}`;
  console.log(`\ntriggers (${r.driveSettledMove.samples} each; DRIVE_SETTLE_SECONDS=${r.settleSeconds}; event → Run row created)`);
  console.log(line('Drive push, settled file moved in → run', r.driveSettledMove));
  console.log(line('Drive push, fresh upload (waits out settle) → run', r.driveFreshUpload));
  console.log(line('Notion webhook, deal → Closed won → run', r.notionClosedWon));
}

/** Prints the trigger latencies and returns them (for the bench's merged table and JSON). */
export async function benchTriggers(): Promise<TriggersResult> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-triggers-'));
  const stack = await startLocalStack({
    dir,
    quiet: true,
    ports: await freeStackPorts(),
    workflowRows: [kickoffBrief, repurposeArticles],
    env: { DRIVE_SETTLE_SECONDS: String(SETTLE_SECONDS) },
  });
  const marked: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), [BENCH_HEADER]: '1' } });
  const notion = new Client({ auth: WORLD.notionToken, baseUrl: stack.notion.url, notionVersion: '2026-03-11', fetch: marked });
  const admin = async (base: string, path: string, body: unknown, method = 'POST') => {
    const res = await fetch(`${base}/__admin/${path}`, { method, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  const runRows = async () => (await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, page_size: 100 })).results.length;
  const baton = (log: { path: string; headers: Record<string, string> }[]) => log.filter((r) => !r.path.startsWith('/__admin/') && !r.headers[BENCH_HEADER]).length;
  const counts = () => ({ notion: baton(stack.notion.requests), drive: baton(stack.drive.requests) });

  /** Waits until Baton has made no request for 700 ms (the previous run is waiting for review). */
  async function quiet(): Promise<void> {
    let last = JSON.stringify(counts());
    for (let still = 0; still < 7; ) {
      await new Promise((r) => setTimeout(r, 100));
      const now = JSON.stringify(counts());
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }

  /** Runs `event`, then waits for one more Run row; its latency and Baton's requests meanwhile. */
  async function measure(event: () => Promise<unknown>): Promise<TriggerSample> {
    await quiet();
    const before = await runRows();
    const requests = counts();
    const t = performance.now();
    await event();
    for (;;) {
      if ((await runRows()) > before) break;
      if (performance.now() - t > 60_000) {
        throw new Error('no run started within a minute');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - t;
    const after = counts();
    return { ms, notion: after.notion - requests.notion, drive: after.drive - requests.drive };
  }

  try {
    await stack.startWorker();
    await stack.tick(); // reads both rows, opens the Drive channel, takes the baselines
    await stack.tick();
    const F = FIXTURE_IDS.driveFolders;

    // Files written elsewhere long enough ago to be settled, then moved in: read at once.
    const parked: string[] = [];
    for (let i = 0; i < SAMPLES; i++) parked.push((await admin(stack.drive.url, 'files', { name: `Moved article ${i}.md`, parentId: F.clients, mimeType: 'text/markdown', text: `# Article ${i}\nMoved in.` })).id);
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000 + 200));
    const moved: TriggerSample[] = [];
    for (const id of parked) moved.push(await measure(() => admin(stack.drive.url, `files/${id}/move`, { parentId: F.publishedArticles })));

    // Fresh uploads: waited out for the settle time, since they could still be being written.
    const uploaded: TriggerSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      uploaded.push(await measure(() => admin(stack.drive.url, 'files', { name: `New article ${i}.md`, parentId: F.publishedArticles, mimeType: 'text/markdown', text: `# New ${i}\nJust written.` })));
    }

    // Deals reaching Closed won (the webhook path).
    const deals: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const page = await admin(stack.notion.url, `people/${FIXTURE_IDS.users.accountOwner}/pages`, {
        parent: { type: 'data_source_id', data_source_id: WORLD.dealsDataSource },
        properties: { Name: { title: [{ type: 'text', text: { content: `Deal ${i}` } }] }, Stage: { select: { name: 'Proposal' } } },
        markdown: `Deal ${i} notes.`,
      });
      deals.push(page.id);
    }
    await new Promise((r) => setTimeout(r, 1500)); // their page.created events are handled (nothing matches)
    const closed: TriggerSample[] = [];
    for (const id of deals) {
      closed.push(await measure(() => admin(stack.notion.url, `people/${FIXTURE_IDS.users.accountOwner}/pages/${id}`, { properties: { Stage: { select: { name: 'Closed won' } } } }, 'PATCH')));
    }

    const result: TriggersResult = { settleSeconds: SETTLE_SECONDS, driveSettledMove: summarize(moved), driveFreshUpload: summarize(uploaded), notionClosedWon: summarize(closed) };
    printTriggers(result);
    return result;
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchTriggers();
