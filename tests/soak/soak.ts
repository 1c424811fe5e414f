// The fault soak as a library (npm run soak, tests/e2e/soak.test.ts): N runs of three hourly
// workflows on the local stack (stand-ins + wrangler dev) with the stand-ins' fault rate on, while
// simulated reviewers act concurrently (reviewers.ts); then faults off, ticks until everything
// settles (bounded), and counts (count.ts) from the stand-ins' state and Baton's D1.
//
// Time: the fault phase ticks with fake instants on the hour (one slot per workflow each), all
// in the recent past, so Baton's "now" never runs ahead of its own heartbeats; the settle phase
// ticks with the real time, so the watchdog can see runs that went quiet.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../demo/local-stack';
import { mulberry32, type FaultRateCounts } from '../emulators/shared/fault-rate';
import { FIXTURE_URLS, FIXTURE_IDS, text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { countSoak, type SoakSummary } from './count';
import { d1Runs, docs, observerClient, publishedPages, runRows, runRowsWithComments } from './observe';
import { Reviewers, type RowStatus } from './reviewers';

export interface SoakOptions {
  runs?: number;
  /** Share of API requests that fail, per service. */
  rate?: number;
  seed?: number;
  /** Runs in flight (not Published/Failed) before the next slot is ticked. */
  maxInFlight?: number;
  /** Bound on the settle phase (faults off). */
  settleMs?: number;
  /** Bound on the fault phase after the last slot was ticked. */
  faultGraceMs?: number;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
  /** Keep the stack folder (wrangler state, stand-in state) for inspection. */
  keepDir?: boolean;
}

export interface SoakResult extends SoakSummary {
  faults: Record<'notion' | 'drive' | 'model', FaultRateCounts>;
  durationMs: number;
  settled: boolean;
  refusedReviewerActions: number;
  dir: string;
}

const OUTPUT_PAGES = [FIXTURE_IDS.notionPages.competitiveIntelligence, FIXTURE_IDS.notionPages.productWiki, FIXTURE_IDS.notionPages.contentLibrary];
const OUTPUT_URLS = [FIXTURE_URLS.competitiveIntelligencePage, FIXTURE_URLS.productWiki, FIXTURE_URLS.contentLibrary];
const ROW_IDS = ['2a41c7e0-5f3b-4d88-b6e2-91c0a7d3f5a1', '2a41c7e0-5f3b-4d88-b6e2-91c0a7d3f5a2', '2a41c7e0-5f3b-4d88-b6e2-91c0a7d3f5a3'];
const HOUR = 3_600_000;

/** Three weekly-brief variants that run every hour, each publishing under its own page. */
export function soakWorkflows(): FixtureRow[] {
  return ['A', 'B', 'C'].map((letter, i) => ({
    ...variant(weeklyBrief, {
      properties: {
        Name: { title: text(`Soak brief ${letter}`) },
        Schedule: { rich_text: text('every hour') },
        'Time zone': { rich_text: text('UTC') },
        'Output page': { url: OUTPUT_URLS[i]! },
      },
    }),
    pageId: ROW_IDS[i]!,
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSoak(options: SoakOptions = {}): Promise<SoakResult> {
  const started = Date.now();
  const target = options.runs ?? 200;
  const rate = options.rate ?? 0.2;
  const seed = options.seed ?? 1;
  const maxInFlight = options.maxInFlight ?? 9;
  const log = options.log ?? (() => {});
  const workflows = soakWorkflows();
  const dir = mkdtempSync(join(tmpdir(), 'baton-soak-'));
  let stack: LocalStack | undefined;
  let polling = true;
  let failed = false;
  try {
    stack = await startLocalStack({
      dir,
      ports: await freeStackPorts(),
      quiet: true,
      workflowRows: workflows,
      workerLog: join(dir, 'wrangler.log'),
      // Short enough for a soak: step retries from 1 s, Notion calls given up after 3 s (the
      // stand-in holds a "timeout" 4 s), the watchdog taking over a run quiet for 60 s.
      // A delivery Notion never makes again is found by the reconcile's backstop: 15 minutes in
      // production, 20 s here so the settle phase can see it. A published run waits 2 s (not 5
      // minutes) for comment events before it learns, as the stand-in delivers in milliseconds.
      env: { STEP_RETRY_DELAY_SECONDS: '1', NOTION_TIMEOUT_MS: '3000', RUN_STALE_SECONDS: '60', REVIEW_RECONCILE_BACKSTOP_SECONDS: '20', LEARN_AFTER_SECONDS: '2' },
    });
    const s = stack;
    await s.startWorker();
    log(`stack up in ${((Date.now() - started) / 1000).toFixed(0)} s (${dir})`);
    const notion = observerClient(s);
    const reviewers = new Reviewers({ notionUrl: s.notion.url, readMarkdown: (id) => s.notion.pageMarkdown(id).markdown, random: mulberry32(seed ^ 0x5eed), log });

    // Reviewers poll on their own, concurrently with the ticks.
    let rows: RowStatus[] = [];
    const poller = (async () => {
      while (polling) {
        const poll = reviewers.beginPoll();
        try {
          rows = await runRows(notion);
          reviewers.observe(poll, rows);
        } catch (error) {
          log(`poll failed: ${String(error)}`);
        }
        await sleep(300);
      }
    })();
    const inFlight = (admitted: number) => Math.max(admitted - rows.length, 0) + rows.filter((r) => r.status !== 'Published' && r.status !== 'Failed').length;
    // wrangler dev rebuilds when src/ changes; a tick that cannot reach the worker says so.
    let unreachable = 0;
    const tick = async (at: Date) => {
      try {
        await s.tick(at);
        unreachable = 0;
      } catch (error) {
        if (String(error).includes('fetch failed')) unreachable += 1;
        log(`tick at ${at.toISOString()} failed: ${String(error)}`);
        if (unreachable >= 10) throw new Error(`The worker stopped answering (see ${join(dir, 'wrangler.log')}; wrangler dev reloads when src/ changes)`);
      }
    };

    // Faults on (admin paths never faulted; the observer's reads carry the exempt header).
    const faultSettings = { rate, afterCommitShare: 0.5, timeoutShare: 0.1, timeoutMs: 4000, retryAfter: 1, seed };
    s.notion.setFaultRate(faultSettings);
    s.drive.faultRate.set({ ...faultSettings, seed: seed + 1 });
    s.model.setFaultRate({ ...faultSettings, seed: seed + 2 });

    const slotsNeeded = Math.ceil(target / workflows.length);
    // The last slot is this hour's, so the settle phase (real time) admits no more unless an hour turns.
    const firstSlot = Math.floor(Date.now() / HOUR) * HOUR - (slotsNeeded - 1) * HOUR;
    const latestFake = () => Date.now() - 90_000;
    let fake = firstSlot - 60_000;
    await tick(new Date(fake)); // registry sync before the first slot
    let slots = 0;
    let lastSlotAt = Date.now();
    for (;;) {
      const runsSeen = new Set(rows.map((r) => r.runId)).size;
      const wantMore = slots < slotsNeeded || (runsSeen < target && slots < slotsNeeded + 5 && Date.now() - lastSlotAt > 20_000);
      if (wantMore && inFlight(slots * workflows.length) < maxInFlight) {
        fake = firstSlot + slots * HOUR;
        slots += 1;
        lastSlotAt = Date.now();
        await tick(new Date(fake));
        log(`slot ${slots}/${slotsNeeded} ${new Date(fake).toISOString()}: ${runsSeen} runs seen, ${inFlight(slots * workflows.length)} in flight`);
      } else {
        if (!wantMore && (inFlight(slots * workflows.length) === 0 || Date.now() - lastSlotAt > (options.faultGraceMs ?? 60_000))) break;
        // Between slots: ticks a minute later in fake time (reconcile, pending starts).
        fake = Math.min(fake + 60_000, Math.max(fake, latestFake()));
        await tick(new Date(fake));
        await sleep(1000);
      }
    }

    // Faults off; settle with real time.
    s.notion.clearFaultRate();
    s.drive.faultRate.off();
    s.model.clearFaultRate();
    log(`faults off after ${((Date.now() - started) / 1000).toFixed(0)} s; settling`);
    const settleUntil = Date.now() + (options.settleMs ?? 180_000);
    let settled = false;
    while (Date.now() < settleUntil) {
      await tick(new Date());
      await s.notion.settleWebhooks();
      await sleep(2000);
      const done = rows.length > 0 && rows.every((r) => r.status === 'Published' || r.status === 'Failed');
      if (done && reviewers.idle()) {
        settled = true;
        break;
      }
    }
    polling = false;
    await poller;
    await reviewers.drain();

    // The stand-in's webhook delivery log (each attempt's status), kept for tracing a decision.
    if (options.keepDir) writeFileSync(join(dir, 'deliveries.json'), JSON.stringify(s.notion.webhookDeliveries(), null, 1));
    // Count.
    const finalRows = await runRows(notion);
    const records = reviewers.records();
    const summary = countSoak({
      reviews: records,
      runRows: await runRowsWithComments(notion, finalRows),
      publishedPages: await publishedPages(notion, s, OUTPUT_PAGES),
      docs: await docs(s, new Set(records.filter((r) => r.marker).map((r) => r.runId))),
      d1Runs: await d1Runs(s),
    });
    return {
      ...summary,
      faults: { notion: s.notion.faultRateCounts(), drive: s.drive.faultRate.status().counts, model: s.model.faultRateCounts() },
      durationMs: Date.now() - started,
      settled,
      refusedReviewerActions: reviewers.refusedActions,
      dir,
    };
  } catch (error) {
    failed = true;
    throw error instanceof Error ? new Error(`${error.message} (state kept in ${dir})`, { cause: error }) : error;
  } finally {
    polling = false;
    await stack?.close();
    if (!options.keepDir && !failed) rmSync(dir, { recursive: true, force: true });
  }
}
