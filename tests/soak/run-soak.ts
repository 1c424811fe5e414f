// npm run soak [-- --runs 200 --rate 0.2 --seed 1 --max-in-flight 9 --keep]: the fault soak on the
// local stack (soak.ts). Prints the table of counts and the faults injected; exits 1 if any count
// is above zero or the runs did not settle.
import { parseArgs } from 'node:util';
import { totalProblems } from './count';
import { formatReport } from './report';
import { runSoak } from './soak';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    rate: { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '1' },
    'max-in-flight': { type: 'string', default: '9' },
    'settle-seconds': { type: 'string', default: '240' },
    keep: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const number = (name: string, value: string | undefined, min: number, max: number) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got ${value}`);
  return n;
};

const result = await runSoak({
  runs: number('runs', values.runs, 1, 10_000),
  rate: number('rate', values.rate, 0, 1),
  seed: number('seed', values.seed, -(2 ** 31), 2 ** 31),
  maxInFlight: number('max-in-flight', values['max-in-flight'], 1, 1000),
  settleMs: number('settle-seconds', values['settle-seconds'], 1, 3600) * 1000,
  keepDir: values.keep,
  log: values.quiet ? undefined : (line) => console.log(`[soak] ${line}`),
});
console.log(formatReport(result));
if (values.keep) console.log(`state kept in ${result.dir}`);
process.exit(totalProblems(result.counts) === 0 && result.settled ? 0 : 1);
