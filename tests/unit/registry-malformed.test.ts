import { describe, expect, it } from 'vitest';
import { buildDefinition, hasErrors, RowProblem, rowProblemMessage } from '../../src/registry';
import { EXAMPLE_ROWS, examplePage, type FixtureRow } from '../fixtures/example-rows';
import { MALFORMED_ROWS } from '../fixtures/malformed-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const build = (row: FixtureRow) =>
  buildDefinition({ page: examplePage(row), markdown: row.markdown, truncated: row.truncated, defaultTimeZone: 'UTC', now: NOW });

describe('rows with a mistake', () => {
  it('has at least 25 malformed rows covering distinct mistakes', () => {
    expect(MALFORMED_ROWS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(MALFORMED_ROWS.map((m) => m.name)).size).toBe(MALFORMED_ROWS.length);
  });

  it.each(MALFORMED_ROWS.map((m) => [m.name, m] as const))('tells the person who %s what to do', async (_name, malformed) => {
    const { definition, problems } = await build(malformed.row);
    expect(problems.map((p) => p.kind).sort()).toEqual([malformed.kind, ...(malformed.alsoReported ?? [])].sort());
    const problem = problems.find((p) => p.kind === malformed.kind);
    expect(problem && rowProblemMessage(problem)).toContain(malformed.fragment);
    expect(definition !== null).toBe(malformed.hasDefinition);
    // Problems are plain data: they round-trip through JSON and the schema (for the D1 cache).
    expect(RowProblem.array().parse(JSON.parse(JSON.stringify(problems)))).toEqual(problems);
  });

  it('still reads every good row when read alongside the malformed ones', async () => {
    const good = Object.values(EXAMPLE_ROWS);
    const results = await Promise.all([...MALFORMED_ROWS.map((m) => m.row), ...good].map(build));
    for (const result of results.slice(MALFORMED_ROWS.length)) {
      expect(hasErrors(result.problems)).toBe(false);
      expect(result.definition).not.toBeNull();
    }
  });

  it('gives each mistake its own message', async () => {
    const messages = await Promise.all(
      MALFORMED_ROWS.map(async (m) => {
        const { problems } = await build(m.row);
        return problems.filter((p) => p.kind === m.kind).map(rowProblemMessage)[0];
      }),
    );
    expect(new Set(messages).size).toBe(MALFORMED_ROWS.length);
  });

  it('blanks a field that failed its check instead of handing on a wrong value', async () => {
    const wrongFolder = MALFORMED_ROWS.find((m) => m.kind === 'watch_folder_invalid');
    const badSchedule = MALFORMED_ROWS.find((m) => m.kind === 'schedule_invalid');
    if (!wrongFolder || !badSchedule) throw new Error('fixtures changed');
    expect((await build(wrongFolder.row)).definition?.watchFolder).toBeNull();
    const scheduled = await build(badSchedule.row);
    expect(scheduled.definition?.schedule).toBeNull();
    expect(scheduled.nextRun).toBeNull();
  });
});
