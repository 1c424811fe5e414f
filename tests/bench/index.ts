// npm run bench: every benchmark on the offline stack, one table, written as JSON
// (docs/bench.json) and into the README (tests/bench/report.ts). Numbers are this machine's with
// local stand-ins: they measure Baton's own requests and work, not Notion's or Google's latency.
//   BENCH_RUNS=10           runs of the weekly brief for the request counts and latencies
//   BENCH_WORKFLOWS=1000    workflows due in one minute under the emulated Notion budget (0 skips it)
//   BENCH_BUDGET=900        that budget, Notion requests per 60 s (emulated: Notion's own is ~180)
//   npm run bench -- --readme   only re-render the README's table from docs/bench.json
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { benchAdmission } from './admission';
import { benchBundle, printBundle } from './bundle';
import { benchPlans } from './plans';
import { benchPrompts, printPrompts } from './prompts';
import { benchTable, withBenchTable, type BenchResults } from './report';
import { benchRunLoop, printRunLoop } from './run-loop';
import { benchTriggers } from './triggers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const JSON_FILE = join(ROOT, 'docs', 'bench.json');
const README = join(ROOT, 'README.md');
const writeReadme = (results: BenchResults) => writeFileSync(README, withBenchTable(readFileSync(README, 'utf8'), benchTable(results)));
if (process.argv.includes('--readme')) {
  writeReadme(JSON.parse(readFileSync(JSON_FILE, 'utf8')) as BenchResults);
  console.log('README table re-rendered from docs/bench.json');
  process.exit(0);
}
const runs = Number(process.env.BENCH_RUNS ?? 10);
const workflows = Number(process.env.BENCH_WORKFLOWS ?? 1000);
const budget = Number(process.env.BENCH_BUDGET ?? 900);

const runLoop = await benchRunLoop({ runs });
printRunLoop(runLoop);
const triggers = await benchTriggers();
await benchPlans();
const prompts = await benchPrompts();
printPrompts(prompts);
const bundle = await benchBundle();
printBundle(bundle);
const admission = workflows > 0 ? await benchAdmission({ workflows, requestsPerWindow: budget, windowSeconds: 60, log: (line) => console.log(line) }) : null;

const results: BenchResults = {
  ranAt: new Date().toISOString(),
  machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
  command: `BENCH_RUNS=${runs} BENCH_WORKFLOWS=${workflows} BENCH_BUDGET=${budget} npm run bench`,
  runLoop,
  triggers,
  prompts,
  bundle,
  admission,
};
writeFileSync(JSON_FILE, `${JSON.stringify(results, null, 2)}\n`);
writeReadme(results);
console.log(`\n${benchTable(results)}\n\nWritten to docs/bench.json and the README.`);
