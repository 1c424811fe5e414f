// The README's benchmark table is the one `npm run bench` rendered from docs/bench.json: a hand
// edit to either, or a bench run that wrote only one of them, fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchTable, README_END, README_START, withBenchTable, type BenchResults } from '../bench/report';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('the README benchmark table', () => {
  it('is the table rendered from docs/bench.json', () => {
    expect(existsSync(join(ROOT, 'docs', 'bench.json'))).toBe(true);
    const results = JSON.parse(readFileSync(join(ROOT, 'docs', 'bench.json'), 'utf8')) as BenchResults;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(README_START) + README_START.length, readme.indexOf(README_END));
    expect(section.trim()).toBe(benchTable(results).trim());
  });

  it('replaces only what lies between the markers', () => {
    const readme = `# Title\n${README_START}\nold table\n${README_END}\nrest`;
    expect(withBenchTable(readme, 'new table')).toBe(`# Title\n${README_START}\nnew table\n${README_END}\nrest`);
    expect(() => withBenchTable('# no markers', 'x')).toThrow(/no bench section/);
  });
});
