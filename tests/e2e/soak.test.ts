// The short fault soak (tests/soak/soak.ts): 30+ runs of three hourly workflows on the local
// stack with 20% of Notion, Drive and model requests failing (429, 5xx, 529, timeouts, some after
// the write committed) while reviewers approve, edit, ask for changes, and a non-reviewer
// approves first. Every promise Baton makes must hold: each count is zero. `npm run soak` is the
// long version (200 runs).
import { describe, expect, it } from 'vitest';
import { formatReport } from '../soak/report';
import { runSoak } from '../soak/soak';

describe('Baton under 20% injected faults', () => {
  it('publishes each approved run exactly once, keeps every reviewer decision and edit, and strands nothing', async () => {
    const result = await runSoak({ runs: 30, rate: 0.2, seed: 11, settleMs: 90_000, faultGraceMs: 45_000 });
    const report = formatReport(result);
    console.log(report);
    expect(result.runs).toBeGreaterThanOrEqual(30);
    expect(result.faults.notion.injected).toBeGreaterThan(0);
    expect(result.settled, report).toBe(true);
    expect(result.counts, report).toEqual({
      duplicatePages: 0,
      duplicateRunRows: 0,
      duplicateDocs: 0,
      lostApprovals: 0,
      lostEdits: 0,
      nonReviewerApprovalsPublished: 0,
      nonReviewerApprovalsNotReverted: 0,
      nonReviewerApprovalsStoodLong: 0,
      strandedRuns: 0,
      failedWithoutReason: 0,
      liveMarkupPublished: 0,
      batonNotesPublished: 0,
    });
  }, 300_000);
});
