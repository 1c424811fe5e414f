// What Health says about Steps Baton cannot run as written (15+ cases, tests/support/plan-cases/problems.ts).
import { describe, expect, it } from 'vitest';
import { hasPlanErrors, PlanProblem } from '../../src/plan/plan-problem';
import { planProblemMessage } from '../../src/plan/plan-problem-message';
import { planGraph } from '../../src/plan/render-graph';
import { PROBLEMS } from '../support/plan-cases/problems';
import { compileRow } from '../support/plan-cases/rows';

describe('what Health says about Steps Baton cannot run as written', () => {
  it.each(PROBLEMS)('says what is wrong with $name, and how to write it', ({ row, messages: expected, kinds }) => {
    const { compiled } = compileRow(row);
    expect(compiled.problems.map(planProblemMessage)).toEqual(expected);
    if (kinds) expect(compiled.problems.map((p) => p.kind)).toEqual(kinds);
  });

  it('keeps every problem in the shape Health stores, errors apart from warnings', () => {
    for (const { row } of PROBLEMS) for (const p of compileRow(row).compiled.problems) expect(PlanProblem.parse(p)).toEqual(p);
    const cycle = compileRow(PROBLEMS[2]!.row).compiled.problems;
    const unused = compileRow({ steps: '1. Read the updates.\n2. Draft the memo.\n3. Using step 1, draft the digest.' }).compiled.problems;
    expect([hasPlanErrors(cycle), unused.map((p) => [p.kind, p.severity]), hasPlanErrors(unused)]).toEqual([true, [['step_unused', 'warning']], false]);
  });

  it('shows a review nobody can give as such on the graph, and publishes nothing as reviewed', () => {
    const { compiled } = compileRow({ steps: '1. Draft the brief.\n2. Send it to Maya for review.' });
    expect(planGraph(compiled.graph)).toBe('1 Brief → review (nobody) → publish');
    expect(compiled.graph.steps.map((s) => s.reviewer)).toEqual([null, null]);
  });

  it('does not take one of two steps with the same number for the other', () => {
    const { compiled } = compileRow({ steps: 'Step 1: Read the notes.\nStep 2: Draft the memo.\nStep 2: Draft the email.' });
    expect(compiled.graph.steps.map((s) => [s.number, s.dependsOn])).toEqual([[1, []], [2, [1]], [2, [1]]]);
    expect(compiled.problems.filter((p) => p.kind === 'step_cycle')).toEqual([]);
  });

  it('covers at least 15 problems', () => {
    expect(PROBLEMS.length).toBeGreaterThanOrEqual(15);
  });
});
