// The run half of `npm run bench`: the weekly brief end to end on the offline stack (stand-ins +
// wrangler dev), RUNS times on consecutive Mondays, each approved by its reviewer through the
// webhook path. It reports
//   - Baton's own Notion and Drive requests per run, by endpoint (method + path with ids as {id}),
//     from the stand-ins' request logs. The bench's own polling is sent with the x-baton-bench
//     header and left out, as are /__admin/ calls (a person's edits, made through the stand-in).
//     A run's requests are those made from its slot tick to the end of its Workflow instance (after
//     Published comes the learn step, LEARN_AFTER_SECONDS later), less what the same tick costs
//     without a run (the registry sync and other tick tasks, measured on the quiet tick just before
//     the slot, by endpoint). The end is the instance's, as wrangler dev's own Workflows engine
//     reports it (workflow-instance.ts: Baton's routes expose no run status), asked once the
//     stand-ins have been quiet for LEARN_AFTER_SECONDS + 1 s, then every 500 ms until it says so.
//   - the CPU time of wrangler dev's workerd processes per run (cpu.ts says what that includes),
//     over the same span, less the idle tick's.
//   - what a quiet tick costs while a review waits (webhooks healthy: no reconcile query).
//   - p50/p95 of approval → run resumed (the resumed run's first request: the publish step's Drive
//     call, which nothing else makes while the run waits) and approval → Published.
// Numbers are wall-clock and CPU time on this machine with local stand-ins: they measure Baton's own
// work and request count, not Notion's or Google's latency. Runnable alone:
// `npx tsx tests/bench/run-loop.ts` (LEARN_AFTER_SECONDS, if set, is passed to the worker).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, isFullPage } from '@notionhq/client';
import * as z from 'zod';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { startLocalStack, type LocalStack } from '../demo/local-stack';
import { endpointPath } from '../emulators/shared/fault-rate';
import type { LoggedRequest } from '../emulators/shared/server';
import { cpuBetween, cpuMeter, type CpuMs } from './cpu';
import { readInstance } from './workflow-instance';
import { STACK_LEARN_AFTER_SECONDS } from '../demo/worker-process';

const RUNS = 10;
export const BENCH_HEADER = 'x-baton-bench';

export type EndpointCounts = Record<string, number>;

export interface RunLoopResult {
  startupMs: number;
  firstSync: { ms: number; notion: EndpointCounts; drive: EndpointCounts };
  /** A tick with nothing due and nothing waiting: the baseline taken out of each run's count (and CPU). */
  idleTick: { notion: EndpointCounts; drive: EndpointCounts; cpu?: CpuMs };
  /** A tick while the first run waits for review, webhooks healthy. */
  quietTickWithReview: { notion: EndpointCounts; drive: EndpointCounts; reconcileQueries: number };
  /** Per run, in order: Baton's requests by endpoint, less the tick baseline. */
  runs: {
    notion: EndpointCounts;
    drive: EndpointCounts;
    model: number;
    toReviewMs: number;
    toResumedMs: number;
    toPublishedMs: number;
    /** Approval → the run's Workflow instance ended (engine's clock), and how many times the bench asked. */
    toEndedMs?: number;
    statusAsks?: number;
    /** CPU of wrangler dev's processes over the run, less the idle tick's, in ms (cpu.ts). */
    cpu?: CpuMs;
    /** Every Notion request of the run, in order (the tick's own included). */
    sequence: string[];
  }[];
  latency: { approvalToResumed: Percentiles; approvalToPublished: Percentiles; slotToReview: Percentiles };
  /** CPU per run by process role (absent in results from before it was measured). */
  cpu?: RunLoopCpu;
}

export interface RunLoopCpu {
  /** The resolution of each reading, per process: one clock tick (`getconf CLK_TCK`). */
  tickMs: number;
  /** The worker's LEARN_AFTER_SECONDS the bench waited on. */
  learnAfterSeconds: number;
  perRun: Record<keyof CpuMs, Percentiles>;
}

export interface Percentiles {
  p50: number;
  p95: number;
  samples: number;
}

const RunIdRow = z.object({ properties: z.object({ 'Run ID': z.object({ rich_text: z.array(z.object({ plain_text: z.string() })) }) }) });

const total = (c: EndpointCounts) => Object.values(c).reduce((n, v) => n + v, 0);

function byEndpoint(log: readonly LoggedRequest[]): EndpointCounts {
  const counts: EndpointCounts = {};
  for (const r of log) {
    if (r.path.startsWith('/__admin/') || r.headers[BENCH_HEADER]) continue;
    const key = `${r.method} ${endpointPath(r.path)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function minus(a: EndpointCounts, b: EndpointCounts): EndpointCounts {
  const out: EndpointCounts = {};
  for (const [k, v] of Object.entries(a)) {
    const left = v - (b[k] ?? 0);
    if (left !== 0) out[k] = left;
  }
  return out;
}

export function percentiles(xs: readonly number[]): Percentiles {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), samples: xs.length };
}

/** Baton's queries of the Runs data source: the review reconcile's request (ids are kept here, unlike byEndpoint). */
const reconcileQueries = (log: readonly LoggedRequest[]) =>
  log.filter((r) => r.method === 'POST' && r.path.replace(/-/g, '') === `/v1/data_sources/${WORLD.runsDataSource.replace(/-/g, '')}/query` && !r.headers[BENCH_HEADER]).length;

export async function benchRunLoop(options: { runs?: number } = {}): Promise<RunLoopResult> {
  const runs = options.runs ?? RUNS;
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  // Set, it reaches the worker too; unset, the stack keeps its own and the bench assumes the default.
  const learnAfterSet = process.env.LEARN_AFTER_SECONDS;
  const learnAfterSeconds = Number(learnAfterSet ?? STACK_LEARN_AFTER_SECONDS);
  const ports = await freeStackPorts();
  const stack = await startLocalStack({ dir, quiet: true, ports, env: learnAfterSet === undefined ? {} : { LEARN_AFTER_SECONDS: learnAfterSet } });
  const meter = cpuMeter({ workerPort: ports.worker });
  const marked: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), [BENCH_HEADER]: '1' } });
  const notion = new Client({ auth: WORLD.notionToken, baseUrl: stack.notion.url, notionVersion: '2026-03-11', fetch: marked });

  const statusOf = (page: unknown) => {
    const status = isFullPage(page as never) ? (page as { properties: Record<string, { type: string; select?: { name: string } | null }> }).properties.Status : undefined;
    return status?.type === 'select' ? (status.select?.name ?? '') : '';
  };
  const poll = async <T>(what: string, since: number, look: () => Promise<T | undefined>): Promise<T> => {
    for (;;) {
      const found = await look();
      if (found !== undefined) return found;
      if (performance.now() - since > 120_000) throw new Error(`${what} did not happen within 2 minutes`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  /** A Run row in Needs review other than the ones seen before. */
  const newReview = (since: number, seen: ReadonlySet<string>) =>
    poll('a new run reaching Needs review', since, async () => {
      const rows = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, filter: { property: 'Status', select: { equals: 'Needs review' } } });
      return rows.results.find((r) => !seen.has(r.id))?.id;
    });
  const published = (pageId: string, since: number) =>
    poll('Published', since, async () => (statusOf(await notion.pages.retrieve({ page_id: pageId })) === 'Published' ? true : undefined));
  /** Waits until Baton has made no request for `quietMs` (the run is waiting, or done). */
  const settled = async (quietMs = 700) => {
    const size = () => stack.notion.requests.length + stack.drive.requests.length + stack.model.requests.length;
    for (let still = 0, last = size(); still < quietMs / 100; ) {
      await new Promise((r) => setTimeout(r, 100));
      still = size() === last ? still + 1 : 0;
      last = size();
    }
  };
  /** Waits for the run's Workflow instance to end; the CPU reading at its end, and when it ended. */
  const instanceEnded = async (runId: string, since: number) => {
    await settled((learnAfterSeconds + 1) * 1000);
    for (let asks = 1; ; asks++) {
      const before = { cpu: meter.read(), at: Date.now() };
      const state = await readInstance(stack.workerUrl, runId);
      if (state.ended) {
        if (state.status !== 'complete') throw new Error(`run ${runId}: its Workflow instance ended ${state.status} after ${state.steps.join(', ')}`);
        // The reading before the ask, unless the end came after it: then one ask's CPU is in it.
        const cpu = state.endedAt !== null && state.endedAt <= before.at ? before.cpu : meter.read();
        return { cpu, endedAt: state.endedAt ?? Date.now(), asks };
      }
      if (performance.now() - since > 120_000) throw new Error(`run ${runId}: its Workflow instance was still ${state.status} 2 minutes after approval`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  /** The run's id, which is its Workflow instance's (src/triggers/admit.ts), from the Run row. */
  const runIdOf = async (pageId: string) => {
    const row = RunIdRow.parse(await notion.pages.retrieve({ page_id: pageId }));
    const id = row.properties['Run ID'].rich_text.map((t) => t.plain_text).join('').trim();
    if (!id) throw new Error(`Run row ${pageId} has an empty Run ID`);
    return id;
  };
  const mark = (s: LocalStack) => ({ notion: s.notion.requests.length, drive: s.drive.requests.length, model: s.model.requests.length });
  const since = (m: ReturnType<typeof mark>) => ({ notion: byEndpoint(stack.notion.requests.slice(m.notion)), drive: byEndpoint(stack.drive.requests.slice(m.drive)), model: stack.model.requests.length - m.model });

  try {
    const t0 = performance.now();
    await stack.startWorker();
    const startupMs = performance.now() - t0;

    let m = mark(stack);
    let t = performance.now();
    await stack.tick(new Date('2026-11-30T07:58:00Z'));
    const sync = since(m);
    const firstSync = { ms: performance.now() - t, notion: sync.notion, drive: sync.drive };

    m = mark(stack);
    let c = meter.read();
    await stack.tick(new Date('2026-11-30T07:59:00Z'));
    const idle = since(m);
    await settled(); // its CPU once it has settled: work after the answer (waitUntil) included
    const idleTick = { notion: idle.notion, drive: idle.drive, cpu: cpuBetween(meter.read(), c) };

    const results: RunLoopResult['runs'] = [];
    let quietTickWithReview: RunLoopResult['quietTickWithReview'] | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const slot = new Date(Date.UTC(2026, 10, 30 + 7 * i, 8, 0, 0)); // Monday 9:00 in Paris
      m = mark(stack);
      c = meter.read();
      t = performance.now();
      await stack.tick(slot);
      const waiting = await newReview(t, seen);
      const toReviewMs = performance.now() - t;
      await settled();
      let quietCpu: CpuMs | undefined;
      if (i === 0) {
        // Webhook deliveries of Baton's own writes have reached the worker by now (verified,
        // then skipped as the bot's): a quiet tick a minute later.
        const q = mark(stack);
        await stack.tick(new Date(slot.getTime() + 60_000));
        const quiet = since(q);
        const qc = meter.read();
        await settled();
        quietCpu = cpuBetween(meter.read(), qc);
        quietTickWithReview = { notion: quiet.notion, drive: quiet.drive, reconcileQueries: reconcileQueries(stack.notion.requests.slice(q.notion)) };
      }
      const driveBefore = stack.drive.requests.length;
      const approvedAt = Date.now();
      const ta = performance.now();
      const res = await fetch(`${stack.notion.url}/__admin/people/${FIXTURE_IDS.users.maya}/pages/${waiting}`, {
        method: 'PATCH',
        body: JSON.stringify({ properties: { Status: { select: { name: 'Approved' } } } }),
      });
      if (!res.ok) throw new Error(`approving: ${res.status} ${await res.text()}`);
      await published(waiting, ta);
      const toPublishedMs = performance.now() - ta;
      const ended = await instanceEnded(await runIdOf(waiting), ta); // the learn step runs after Published
      const resumed = stack.drive.requests.slice(driveBefore).find((r) => !r.path.startsWith('/__admin/'));
      const toResumedMs = resumed ? Date.parse(resumed.startedAt) - approvedAt : Number.NaN;
      const all = since(m);
      const quiet = quietTickWithReview && i === 0 ? quietTickWithReview : { notion: {}, drive: {} };
      results.push({
        notion: minus(minus(all.notion, idleTick.notion), quiet.notion),
        drive: minus(minus(all.drive, idleTick.drive), quiet.drive),
        model: all.model,
        toReviewMs,
        toResumedMs,
        toPublishedMs,
        toEndedMs: ended.endedAt - approvedAt,
        statusAsks: ended.asks,
        cpu: cpuBetween(ended.cpu, c, idleTick.cpu, ...(quietCpu ? [quietCpu] : [])),
        sequence: stack.notion.requests
          .slice(m.notion)
          .filter((r) => !r.path.startsWith('/__admin/') && !r.headers[BENCH_HEADER])
          .map((r) => `${r.method} ${endpointPath(r.path)}${r.method === 'PATCH' && r.path.startsWith('/v1/pages/') && !r.path.endsWith('/markdown') ? ` ${Object.keys((JSON.parse(r.body || '{}') as { properties?: object }).properties ?? {}).join(',')}` : ''} → ${r.status}`),
      });
      seen.add(waiting);
    }
    const cpuOf = (role: keyof CpuMs) => percentiles(results.map((r) => r.cpu?.[role] ?? Number.NaN));
    return {
      startupMs,
      firstSync,
      idleTick,
      quietTickWithReview: quietTickWithReview!,
      runs: results,
      latency: {
        approvalToResumed: percentiles(results.map((r) => r.toResumedMs)),
        approvalToPublished: percentiles(results.map((r) => r.toPublishedMs)),
        slotToReview: percentiles(results.map((r) => r.toReviewMs)),
      },
      cpu: { tickMs: meter.tickMs, learnAfterSeconds, perRun: { workerd: cpuOf('workerd'), runtime: cpuOf('runtime'), devProxy: cpuOf('devProxy'), wrangler: cpuOf('wrangler') } },
    };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printRunLoop(r: RunLoopResult): void {
  const table = (counts: EndpointCounts) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `    ${String(v).padStart(3)}  ${k}`)
      .join('\n');
  const second = r.runs[1] ?? r.runs[0]!;
  console.log(`wrangler dev start (migrations + ready)  ${r.startupMs.toFixed(0)} ms`);
  console.log(`first tick (full registry sync)          ${r.firstSync.ms.toFixed(0)} ms   notion ${total(r.firstSync.notion)}  drive ${total(r.firstSync.drive)}`);
  console.log(`idle tick (taken out of each run):       notion ${total(r.idleTick.notion)}  drive ${total(r.idleTick.drive)}`);
  if (total(r.idleTick.notion) > 0) console.log(table(r.idleTick.notion));
  console.log(`quiet tick while a review waits (webhooks healthy): notion ${total(r.quietTickWithReview.notion)} (reconcile queries: ${r.quietTickWithReview.reconcileQueries})`);
  if (total(r.quietTickWithReview.notion) > 0) console.log(table(r.quietTickWithReview.notion));
  console.log(`\nBaton's Notion requests per run (slot tick → its Workflow instance ended, one review), run by run: ${r.runs.map((x) => total(x.notion)).join(', ')}`);
  console.log(`run 2 (two context pages: Our positioning and last week's brief), by endpoint — notion ${total(second.notion)}, drive ${total(second.drive)}, model ${second.model}`);
  console.log(table(second.notion));
  console.log('  drive:');
  console.log(table(second.drive));
  const l = (name: string, p: Percentiles) => `${name.padEnd(40)} p50 ${p.p50.toFixed(0).padStart(5)} ms  p95 ${p.p95.toFixed(0).padStart(5)} ms  (${p.samples} runs)`;
  console.log('');
  console.log(l('slot tick → draft in Needs review', r.latency.slotToReview));
  console.log(l('approval → run resumed (webhook path)', r.latency.approvalToResumed));
  console.log(l('approval → Published (webhook path)', r.latency.approvalToPublished));
  if (r.cpu) {
    const c = (name: string, p: Percentiles) => `${name.padEnd(40)} p50 ${p.p50.toFixed(0).padStart(5)} ms  p95 ${p.p95.toFixed(0).padStart(5)} ms`;
    console.log(`\nCPU per run, slot tick → instance ended, less the idle tick (${r.idleTick.cpu?.workerd.toFixed(0)} ms workerd); ${r.cpu.tickMs} ms ticks; LEARN_AFTER_SECONDS ${r.cpu.learnAfterSeconds}:`);
    console.log(c('  workerd (the Worker runtime + dev proxy)', r.cpu.perRun.workerd));
    console.log(c('    of which the Worker runtime', r.cpu.perRun.runtime));
    console.log(c('    of which wrangler dev\'s proxy', r.cpu.perRun.devProxy));
    console.log(c('  wrangler dev itself (node, esbuild)', r.cpu.perRun.wrangler));
    console.log(`  approval → instance ended, by run: ${r.runs.map((x) => `${x.toEndedMs?.toFixed(0)} ms (${x.statusAsks} ${x.statusAsks === 1 ? 'ask' : 'asks'})`).join(', ')}`);
  }
}

/** `npm run bench` (this file run alone): the run loop, the triggers, the plans; the first two also as JSON. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runLoop = await benchRunLoop({ runs: Number(process.env.BENCH_RUNS ?? RUNS) });
  printRunLoop(runLoop);
  const { benchTriggers } = await import('./triggers');
  const { benchPlans } = await import('./plans');
  const triggers = await benchTriggers();
  await benchPlans();
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ runLoop, triggers }, null, 2)}\n`);
}
