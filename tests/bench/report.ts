// The benchmark's one table: built from the JSON `npm run bench` writes (docs/bench.json), and
// written into the README between the bench markers, so the two always say the same thing
// (tests/unit/bench-report.test.ts checks the README against the JSON).
import type { AdmissionResult } from './admission';
import type { BundleBench } from './bundle';
import type { PromptBench } from './prompts';
import type { EndpointCounts, Percentiles, RunLoopResult } from './run-loop';
import type { TriggerLatency, TriggersResult } from './triggers';

export interface BenchResults {
  /** When and where it ran (the numbers are this machine's, with local stand-ins). */
  ranAt: string;
  machine: string;
  command: string;
  runLoop: RunLoopResult;
  triggers: TriggersResult;
  prompts: PromptBench;
  bundle: BundleBench;
  admission: AdmissionResult | null;
}

export const README_START = '<!-- bench:start (written by npm run bench from docs/bench.json) -->';
export const README_END = '<!-- bench:end -->';

const sum = (c: EndpointCounts) => Object.values(c).reduce((n, v) => n + v, 0);
const ms = (p: Pick<Percentiles, 'p50' | 'p95'>) => `${Math.round(p.p50)} / ${Math.round(p.p95)} ms`;
const byEndpoint = (c: EndpointCounts) =>
  Object.entries(c)
    .sort(([, a], [, b]) => b - a)
    .map(([endpoint, n]) => `${n}× \`${endpoint}\``)
    .join(', ');
/** The CPU row's label; the note under the table says what the number includes. */
export const CPU_ROW = 'CPU per run (Worker runtime, this machine)';
export const CPU_NOTE =
  "CPU per run is the user + system time (/proc) of the workerd processes `wrangler dev` runs — the Worker, the Workflows engine, D1's SQLite, wrangler dev's proxy — from the slot tick to the end of the run's Workflow instance (the learn step included; the bench's asks for its status left out), less an idle tick: wrangler dev's local mode on this machine, so an upper bound on the run's CPU in production.";

function cpuCell(cpu: RunLoopResult['cpu']): string {
  if (!cpu) return 'not measured: docs/bench.json is from before the bench measured it (run `npm run bench`)';
  const { workerd, runtime, devProxy } = cpu.perRun;
  return `p50 / p95 ${ms(workerd)} (the Worker's runtime ${ms(runtime)}, wrangler dev's proxy ${ms(devProxy)}; ${workerd.samples} runs, ${cpu.tickMs} ms resolution)`;
}
const trigger = (t: TriggerLatency) => `${ms(t)} (Notion ${t.notionPerTrigger.toFixed(1)}, Drive ${t.drivePerTrigger.toFixed(1)} requests each)`;

export function benchTable(r: BenchResults): string {
  const run = r.runLoop.runs[1] ?? r.runLoop.runs[0];
  const rows: [string, string][] = [];
  if (run) rows.push([`Notion requests per scheduled run (Baton's own, run 2 of ${r.runLoop.runs.length}; two context pages, one review)`, `${sum(run.notion)}: ${byEndpoint(run.notion)}`]);
  const quiet = sum(r.runLoop.quietTickWithReview.notion);
  rows.push(['Quiet tick while a review waits (webhooks healthy)', `${quiet} Notion ${quiet === 1 ? 'request' : 'requests'} (the registry sync's query), ${r.runLoop.quietTickWithReview.reconcileQueries} reconcile queries`]);
  rows.push([`Approval → run resumed, p50 / p95 (webhook path, ${r.runLoop.latency.approvalToResumed.samples} runs)`, ms(r.runLoop.latency.approvalToResumed)]);
  rows.push(['Approval → published, p50 / p95', ms(r.runLoop.latency.approvalToPublished)]);
  rows.push([CPU_ROW, cpuCell(r.runLoop.cpu)]);
  rows.push([`Drive push (file moved in) → run started, p50 / p95 (${r.triggers.driveSettledMove.samples} each)`, trigger(r.triggers.driveSettledMove)]);
  rows.push([`Drive push (fresh upload, settles ${r.triggers.settleSeconds} s) → run started`, trigger(r.triggers.driveFreshUpload)]);
  rows.push(['Notion webhook (deal → Closed won) → run started', trigger(r.triggers.notionClosedWon)]);
  const tokens = (n: number) => r.prompts.runs.find((p) => p.run === n)?.promptTokens ?? 0;
  rows.push(['Prompt tokens of the weekly brief, run 1 / 2 / 5 (all steps)', `${tokens(1)} / ${tokens(2)} / ${tokens(5)} (run 5 is ${r.prompts.run5OverRun2.toFixed(2)}× run 2)`]);
  rows.push(['Worker bundle (wrangler deploy --dry-run)', `${r.bundle.gzipKiB.toFixed(0)} KiB gzip (${r.bundle.rawKiB.toFixed(0)} KiB raw)`]);
  rows.push(['Start-up CPU (wrangler check startup, median of 5)', `${r.bundle.startupCpuMs.toFixed(0)} ms`]);
  const a = r.admission;
  if (a) {
    rows.push([
      `${a.workflows.toLocaleString('en')} workflows due in one minute, emulated Notion budget ${a.budget.requests} requests / ${a.budget.windowSeconds} s`,
      `${a.drafted} drafted in ${a.elapsedSeconds.toFixed(0)} s (floor ${a.floorSeconds.toFixed(0)} s, ${a.timeOverFloor.toFixed(2)}×); ${(a.budgetUsed * 100).toFixed(0)}% of the budget used; ${a.rateLimited} answers of 429; ${a.failedStepAttempts} failed step attempts of ${a.stepAttempts}, ${a.failedStepAttemptsFromRateLimits} of them from 429/529`,
    ]);
  }
  const lines = ['| Measure | Result |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  return `${lines.join('\n')}\n\n${CPU_NOTE}\n\n${r.machine}, ${r.ranAt.slice(0, 10)}; \`${r.command}\`.`;
}

/** The README with its bench section replaced by `table`. */
export function withBenchTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`The README has no bench section: add ${README_START} and ${README_END} where the table goes`);
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}
