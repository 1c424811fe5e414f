// npm run bench: every benchmark on the offline stack, one table, written as JSON
// (docs/bench.json) and into the README (tests/bench/report.ts). Numbers are this machine's with
// local stand-ins: they measure Baton's own requests and work, not Notion's or Google's latency.
//   BENCH_RUNS=10           runs of the weekly brief for the request counts and latencies
//   BENCH_WORKFLOWS=1000    workflows due in one minute under the emulated Notion budget (0 skips it)
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
const runs = Number(process.env.BENCH_RUNS ?? 10);
const workflows = Number(process.env.BENCH_WORKFLOWS ?? 1000);

const runLoop = await benchRunLoop({ runs });
printRunLoop(runLoop);
const triggers = await benchTriggers();
await benchPlans();
const prompts = await benchPrompts();
printPrompts(prompts);
const bundle = await benchBundle();
printBundle(bundle);
const admission = workflows > 0 ? await benchAdmission({ workflows, log: (line) => console.log(line) }) : null;

const results: BenchResults = {
  ranAt: new Date().toISOString(),
  machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
  command: `BENCH_RUNS=${runs} BENCH_WORKFLOWS=${workflows} npm run bench`,
  runLoop,
  triggers,
  prompts,
  bundle,
  admission,
};
writeFileSync(join(ROOT, 'docs', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
const readme = join(ROOT, 'README.md');
writeFileSync(readme, withBenchTable(readFileSync(readme, 'utf8'), benchTable(results)));
console.log(`\n${benchTable(results)}\n\nWritten to docs/bench.json and the README.`);
