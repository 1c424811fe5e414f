// Many workflows due in the same minute under an emulated Notion budget (issue 13, must-show 1):
// N copies of the weekly brief on the local stack (stand-ins + wrangler dev), the Notion stand-in
// holding the connection to `requests` per `windowSeconds` (429 + Retry-After past it) and Baton's
// rate gate configured to the same budget. One tick syncs the registry; then the due minute's tick
// and one a minute after, as cron would, until every run is drafted (Run row in Needs review).
//
// The budget is EMULATED and SCALED: Notion's is about 180 requests per 60 s per connection
// (reference/request-limits); the default here is ten times that, so a thousand runs fit in a
// few minutes on a small machine. Reported:
// - time from the due tick to the last draft, against the floor = Baton's successful Notion
//   requests in that time ÷ the budget's rate (a perfect gate's time, ignoring the first burst);
// - the fraction of the budget used (requests ÷ (elapsed × rate)), 429 answers, runs Failed, and
//   step attempts that failed (the local Workflows engine's own record of each instance).
// Requests are counted from the stand-in's own log, so the bench's observation costs none.
//
// npx tsx tests/bench/admission.ts [workflows] [requestsPerWindow] [windowSeconds]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../demo/local-stack';
import { text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { d1Runs } from '../soak/observe';

export interface AdmissionOptions {
  workflows?: number;
  /** The emulated budget: requests per window, for the stand-in and for Baton's gate alike. */
  requestsPerWindow?: number;
  windowSeconds?: number;
  /** Give up after this long from the due tick. */
  timeoutMs?: number;
  log?: (line: string) => void;
  keepDir?: boolean;
}

export interface AdmissionResult {
  workflows: number;
  budget: { requests: number; windowSeconds: number; perSecond: number; emulated: true };
  drafted: number;
  failedRuns: number;
  /** Workflow instances and step attempts the local engine recorded (so a 0 below is not for want of looking). */
  instances: number;
  stepAttempts: number;
  /** Step attempts that threw, and those whose error names a 429/529. */
  failedStepAttempts: number;
  failedStepAttemptsFromRateLimits: number;
  syncRequests: number;
  /** Baton's Notion requests from the due tick to the last draft. */
  requests: number;
  rateLimited: number;
  requestsPerRun: number;
  elapsedSeconds: number;
  floorSeconds: number;
  timeOverFloor: number;
  budgetUsed: number;
  dir?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** N weekly briefs, each its own row (page id, name), all due Monday 2026-11-30 at 9:00 Paris. */
export function admissionRows(n: number): FixtureRow[] {
  return Array.from({ length: n }, (_, i) => ({
    ...variant(weeklyBrief, { properties: { Name: { title: text(`Weekly competitive brief ${i + 1}`) } } }),
    pageId: `2a41c7e0-5f3b-4d88-b6e2-${(0x100000 + i).toString(16).padStart(12, '0')}`,
  }));
}

export async function benchAdmission(options: AdmissionOptions = {}): Promise<AdmissionResult> {
  const n = options.workflows ?? 1000;
  const requests = options.requestsPerWindow ?? 1800;
  const windowSeconds = options.windowSeconds ?? 60;
  const rate = requests / windowSeconds;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'baton-admission-'));
  const workerLog = join(dir, 'wrangler.log');
  const stack = await startLocalStack({
    dir,
    quiet: true,
    ports: await freeStackPorts(),
    workflowRows: admissionRows(n),
    workerLog,
    env: { NOTION_REQUESTS_PER_WINDOW: String(requests), NOTION_RATE_WINDOW_SECONDS: String(windowSeconds) },
  });
  try {
    stack.notion.setRateLimit({ requests, perMs: windowSeconds * 1000 });
    await stack.startWorker();
    const api = () => stack.notion.requests.filter((r) => r.path.startsWith('/v1/'));

    // The registry sync (every row read once), before the due minute.
    const syncStart = Date.now();
    await stack.tick(new Date('2026-11-30T07:59:00Z'));
    for (let last = -1; ; ) {
      await sleep(5000);
      const count = api().length;
      log(`sync: ${count} Notion requests so far`);
      if (count === last) break;
      last = count;
    }
    const syncRequests = api().length;
    log(`sync done in ${((Date.now() - syncStart) / 1000).toFixed(0)} s, ${syncRequests} requests; waiting one window so the sync's permits are back`);
    await sleep(windowSeconds * 1000);

    const t0 = Date.now();
    const drafted = new Map<string, number>();
    let measuring = true;
    let minute = 0;
    const tickAt = (m: number) => {
      const at = new Date(Date.parse('2026-11-30T08:00:00Z') + m * 60_000);
      // Not awaited: a tick that starts runs waits in the gate like they do, longer than the
      // scheduled handler's HTTP answer may take here (undici gives up after 300 s; the tick goes on).
      void stack.tick(at).catch((error) => void (measuring && log(`tick ${at.toISOString()}: ${String(error)} (the tick itself goes on in the worker)`)));
    };
    tickAt(0);
    const deadline = t0 + (options.timeoutMs ?? 30 * 60_000);
    let seen = 0;
    while (drafted.size < n && Date.now() < deadline) {
      await sleep(1000);
      const log_ = stack.notion.requests;
      for (; seen < log_.length; seen++) {
        const r = log_[seen]!;
        if (r.method === 'PATCH' && r.status === 200 && /^\/v1\/pages\/[^/]+$/.test(r.path) && r.body.includes('"Needs review"') && !drafted.has(r.path)) {
          drafted.set(r.path, Date.parse(r.at));
        }
      }
      if (Date.now() - t0 >= (minute + 1) * 60_000) tickAt(++minute);
      if ((Date.now() - t0) % 15_000 < 1000) log(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${drafted.size}/${n} drafted`);
    }
    const tEnd = drafted.size > 0 ? Math.max(...drafted.values()) : Date.now();
    measuring = false;
    const measured = api().filter((r) => Date.parse(r.startedAt) >= t0 && Date.parse(r.startedAt) <= tEnd);
    const rateLimited = measured.filter((r) => r.status === 429).length;
    const ok = measured.length - rateLimited;
    const elapsedSeconds = (tEnd - t0) / 1000;
    const floorSeconds = ok / rate;
    const runs = (await d1Runs(stack)) ?? [];
    const attempts = stepAttempts(join(dir, 'wrangler'));
    const stepErrors = attempts.failures;
    return {
      workflows: n,
      budget: { requests, windowSeconds, perSecond: rate, emulated: true },
      drafted: drafted.size,
      failedRuns: runs.filter((r) => r.status === 'Failed').length,
      instances: attempts.instances,
      stepAttempts: attempts.started,
      failedStepAttempts: stepErrors.length,
      failedStepAttemptsFromRateLimits: stepErrors.filter((l) => /rate.?limit|429|529|service.?overload/i.test(l)).length,
      syncRequests,
      requests: ok,
      rateLimited,
      requestsPerRun: ok / Math.max(1, drafted.size),
      elapsedSeconds,
      floorSeconds,
      timeOverFloor: elapsedSeconds / floorSeconds,
      budgetUsed: ok / (elapsedSeconds * rate),
      dir: options.keepDir ? dir : undefined,
    };
  } finally {
    await stack.close();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Step attempts, as the local Workflows engine records them: each instance keeps a SQLite file
 * under <persist>/v3/workflows/ whose `states` table logs events, 10 ATTEMPT_START and 12
 * ATTEMPT_FAILURE (miniflare src/workers/workflows/binding.worker.js). Returns how many attempts
 * started and each failure's metadata (the error).
 */
export function stepAttempts(persistDir: string): { started: number; instances: number; failures: string[] } {
  const failures: string[] = [];
  let started = 0;
  let instances = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sqlite') && entry.name !== 'metadata.sqlite') {
        try {
          const db = new DatabaseSync(full, { readOnly: true });
          try {
            for (const row of db.prepare('SELECT metadata FROM states WHERE event = 12').all()) failures.push(String((row as { metadata: unknown }).metadata));
            started += Number((db.prepare('SELECT count(*) AS n FROM states WHERE event = 10').get() as { n: number }).n);
            instances += 1;
          } finally {
            db.close();
          }
        } catch {
          // Not an engine's database (no `states` table).
        }
      }
    }
  };
  try {
    walk(join(persistDir, 'v3', 'workflows'));
  } catch {
    // No Workflows state at all: `instances` says so.
  }
  return { started, instances, failures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [workflows, requestsPerWindow, windowSeconds] = process.argv.slice(2).map(Number);
  const result = await benchAdmission({
    workflows: workflows || undefined,
    requestsPerWindow: requestsPerWindow || undefined,
    windowSeconds: windowSeconds || undefined,
    keepDir: process.env.KEEP_DIR === '1',
    log: (line) => console.error(line),
  });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`workflows due in one minute        ${result.workflows}`);
  console.log(`emulated budget                    ${result.budget.requests} per ${result.budget.windowSeconds} s (${result.budget.perSecond.toFixed(1)}/s; scaled, not Notion's own)`);
  console.log(`drafted (Needs review)             ${result.drafted}`);
  console.log(`time to all drafted                ${result.elapsedSeconds.toFixed(1)} s (floor ${result.floorSeconds.toFixed(1)} s, ${result.timeOverFloor.toFixed(3)}×)`);
  console.log(`budget used                        ${pct(result.budgetUsed)}`);
  console.log(`Baton's Notion requests            ${result.requests} (${result.requestsPerRun.toFixed(1)} per run; sync before: ${result.syncRequests})`);
  console.log(`429 answers                        ${result.rateLimited}`);
  console.log(`runs Failed                        ${result.failedRuns}`);
  console.log(`failed step attempts               ${result.failedStepAttempts} of ${result.stepAttempts} in ${result.instances} instances (from 429/529: ${result.failedStepAttemptsFromRateLimits})`);
  console.log(JSON.stringify(result));
}
