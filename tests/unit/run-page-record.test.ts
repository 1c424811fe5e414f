import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/services';
import type { StoredRun } from '../../src/adapters/store';
import type { Plan } from '../../src/domain/plan';
import { recordPublishedText, RUN_PAGE_RECORDED } from '../../src/engine/run-page-record';

/** A Run page and D1's artifacts, in memory; `writes` counts Baton's writes to the page. */
function world(page: string) {
  const artifacts = new Map<string, string>();
  const state = { page, writes: 0 };
  const services = {
    notion: {
      readMarkdown: async () => ({ markdown: state.page, truncated: false }),
      replaceMarkdown: async (_id: string, markdown: string) => {
        state.page = markdown;
        state.writes++;
      },
    },
    store: {
      getArtifact: async (_run: string, name: string) => artifacts.get(name) ?? null,
      putArtifact: async (_run: string, name: string, body: string) => void artifacts.set(name, body),
    },
  } as unknown as Services;
  return { services, state, artifacts };
}

const run = { run_id: 'run-schedule-1', run_page_id: 'page-1' } as StoredRun;
const noReview = { reviewGates: [] } as unknown as Plan;
const reviewed = { reviewGates: [{ id: 'review-1' }] } as unknown as Plan;
const NOW = new Date('2026-11-30T08:05:00.000Z');

describe('the Run page of a run without review', () => {
  it('gets what was published while it is still empty, once', async () => {
    const { services, state, artifacts } = world('<empty-block/>\n');
    await recordPublishedText(services, run, noReview, '## Summary\n- Quiet week.', NOW);
    await recordPublishedText(services, run, noReview, '## Summary\n- Quiet week.', NOW);
    expect(state).toEqual({ page: '## Summary\n- Quiet week.', writes: 1 });
    expect(artifacts.has(RUN_PAGE_RECORDED)).toBe(true);
  });

  it("keeps a person's text on the page, and leaves a reviewed run's page alone", async () => {
    const person = world('My own notes on this run.');
    await recordPublishedText(person.services, run, noReview, '## Summary', NOW);
    expect(person.state).toEqual({ page: 'My own notes on this run.', writes: 0 });
    const review = world('');
    await recordPublishedText(review.services, run, reviewed, '## Summary', NOW);
    expect(review.state.writes).toBe(0);
  });
});
