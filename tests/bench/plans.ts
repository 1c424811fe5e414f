// The plans half of `npm run bench`: the hiring pipeline (two summaries side by side, then the
// report) against the same three steps written as a chain, on the offline stack with the model
// stand-in answering each request after MODEL_LATENCY_MS — a model-like delay, so the wall time
// shows what running independent steps at the same time saves. Each run is timed from its slot's
// tick to the draft waiting for review (drafting only; the review is a person's time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, isFullPage } from '@notionhq/client';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { hiringPipeline, hiringPipelineInOrder } from '../support/hiring-rows';
import { startLocalStack } from '../demo/local-stack';

const MODEL_LATENCY_MS = 2000;
const SAMPLES = 3;

export async function benchPlans(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-plans-'));
  // One row per weekday slot, so no two runs overlap: Monday…Wednesday side by side, Thursday…Saturday in order.
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const uuid = (n: number) => `2a41c7e0-5f3b-4d88-b6e2-91c0a7d3f6${String(n).padStart(2, '0')}`;
  const rows = days.map((day, i) =>
    (i < SAMPLES ? hiringPipeline : hiringPipelineInOrder)({ pageId: uuid(i), name: `Hiring pipeline (${day})`, schedule: `every ${day} at 9:00` }),
  );
  const stack = await startLocalStack({ dir, quiet: true, ports: await freeStackPorts(), workflowRows: rows, modelLatencyMs: MODEL_LATENCY_MS });
  const notion = new Client({ auth: WORLD.notionToken, baseUrl: stack.notion.url, notionVersion: '2026-03-11' });

  const waiting = async () => {
    const found = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, filter: { property: 'Status', select: { equals: 'Needs review' } } });
    return found.results.filter(isFullPage).length;
  };

  try {
    await stack.startWorker();
    await stack.tick(new Date('2026-11-29T12:00:00Z')); // reads the rows
    const times: number[] = [];
    for (let i = 0; i < days.length; i++) {
      const slot = new Date(Date.UTC(2026, 10, 30 + i, 8, 0, 0)); // 9:00 in Paris
      const before = await waiting();
      const t = performance.now();
      await stack.tick(slot);
      while ((await waiting()) === before) {
        if (performance.now() - t > 120_000) throw new Error(`the ${days[i]} run did not reach review within 2 minutes`);
        await new Promise((r) => setTimeout(r, 25));
      }
      times.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const side = median(times.slice(0, SAMPLES));
    const chain = median(times.slice(SAMPLES));
    console.log(`\nplans (hiring pipeline, 3 drafting steps, model answers after ${MODEL_LATENCY_MS} ms; slot tick → draft in Needs review; median of ${SAMPLES})`);
    console.log(`1 Applicants ∥ 2 Interview notes → 3 Report     ${side.toFixed(0).padStart(6)} ms   (${times.slice(0, SAMPLES).map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`1 Applicants → 2 Interview notes → 3 Report     ${chain.toFixed(0).padStart(6)} ms   (${times.slice(SAMPLES).map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`side by side saves ${(chain - side).toFixed(0)} ms (${(((chain - side) / chain) * 100).toFixed(0)}%)`);
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
