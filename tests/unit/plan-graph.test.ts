// The plan compiler reads Steps as a graph: 40+ step lists (tests/support/plan-cases/), each
// asserting the graph line, what every step needs and what it reads.
import { describe, expect, it } from 'vitest';
import { EXAMPLES, PHRASINGS } from '../support/plan-cases/examples-phrasings';
import { LOOKALIKES, REVIEWS, SOURCES } from '../support/plan-cases/reviews-sources';
import { check, compileRow, HIRING } from '../support/plan-cases/rows';

describe('the plan graph of the example workflows', () => {
  it.each(EXAMPLES)('reads $name', check);

  it('hands the engine the same graph: the two summaries need nothing, each reads its own source', () => {
    const { compiled } = compileRow(HIRING);
    expect(compiled.plan.steps.map((s) => s.dependsOn)).toEqual([[], [], ['step-1', 'step-2']]);
    expect(compiled.plan.steps.map((s) => (s.reads === 'all' ? 'all' : s.reads.map((r) => r.label)))).toEqual([['Applicants'], ['Interview notes'], 'all']);
    expect(compiled.plan.reviewGates.map((g) => [g.id, g.reviews, g.reviewerName])).toEqual([['review-4', ['step-3'], 'Priya']]);
  });
});


describe('the plan graph of plain-language step lists', () => {
  it.each(PHRASINGS)('reads $name', check);
  it.each(REVIEWS)('reads $name', check);
  it.each(SOURCES)('reads $name', check);
  it.each(LOOKALIKES)('reads $name', check);

  it('covers at least 40 step lists', () => {
    expect(EXAMPLES.length + PHRASINGS.length + REVIEWS.length + SOURCES.length + LOOKALIKES.length).toBeGreaterThanOrEqual(40);
  });
});
