// The README's benchmark table is the one `npm run bench` rendered from docs/bench.json: a hand
// edit to either, or a bench run that wrote only one of them, fails here. Also the one pure piece
// of the bench's CPU measure, its reading of /proc (tests/bench/cpu.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcStat } from '../bench/cpu';
import { benchTable, CPU_NOTE, CPU_ROW, README_END, README_START, withBenchTable, type BenchResults } from '../bench/report';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('the README benchmark table', () => {
  it('is the table rendered from docs/bench.json', () => {
    expect(existsSync(join(ROOT, 'docs', 'bench.json'))).toBe(true);
    const results = JSON.parse(readFileSync(join(ROOT, 'docs', 'bench.json'), 'utf8')) as BenchResults;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(README_START) + README_START.length, readme.indexOf(README_END));
    expect(section.trim()).toBe(benchTable(results).trim());
  });

  it('has the CPU per run row, and the note saying what that CPU includes', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END));
    expect(section).toContain(`| ${CPU_ROW} | `);
    expect(section).toContain(CPU_NOTE);
  });

  it('shows the CPU per run as the p50 / p95 of the measured runs, by process role', () => {
    const results = JSON.parse(readFileSync(join(ROOT, 'docs', 'bench.json'), 'utf8')) as BenchResults;
    const p = (p50: number, p95: number) => ({ p50, p95, samples: 10 });
    results.runLoop.cpu = { tickMs: 10, learnAfterSeconds: 2, perRun: { workerd: p(412.4, 530), runtime: p(380, 490), devProxy: p(30, 41.6), wrangler: p(20, 30) } };
    const row = benchTable(results)
      .split('\n')
      .find((line) => line.startsWith(`| ${CPU_ROW} |`));
    expect(row).toBe(`| ${CPU_ROW} | p50 / p95 412 / 530 ms (the Worker's runtime 380 / 490 ms, wrangler dev's proxy 30 / 42 ms; 10 runs, 10 ms resolution) |`);
    delete results.runLoop.cpu;
    expect(benchTable(results)).toContain(`| ${CPU_ROW} | not measured`);
  });

  it('replaces only what lies between the markers', () => {
    const readme = `# Title\n${README_START}\nold table\n${README_END}\nrest`;
    expect(withBenchTable(readme, 'new table')).toBe(`# Title\n${README_START}\nnew table\n${README_END}\nrest`);
    expect(() => withBenchTable('# no markers', 'x')).toThrow(/no bench section/);
  });
});

describe("the bench's CPU reading", () => {
  it('takes user + system clock ticks from a /proc stat line, whatever the process name holds', () => {
    const line = '4242 (work (er) d) S 4200 4242 4200 0 -1 4194560 1500 0 0 0 731 94 3 1 20 0 12 0 88812 1234567 890 18446744073709551615\n';
    expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 4200, comm: 'work (er) d', ticks: 825 });
  });
});
