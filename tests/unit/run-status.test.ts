import { describe, expect, it } from 'vitest';
import { RunStatus, transition } from '../../src/domain/run-status';

// The legal moves, written out independently of the implementation's table.
const LEGAL = new Set([
  'Queued→Running',
  'Running→Needs review',
  'Running→Publishing',
  'Needs review→Changes requested',
  'Needs review→Approved',
  'Changes requested→Needs review',
  'Approved→Publishing',
  // A review before later steps or another review (plans with several gates).
  'Approved→Running',
  'Publishing→Published',
  // Nobody reviewed in time and the workflow says Expire (final, the draft kept).
  'Needs review→Expired',
  ...['Queued', 'Running', 'Needs review', 'Changes requested', 'Approved', 'Publishing'].flatMap((live) => [
    `${live}→Failed`,
    `${live}→Cancelled`,
  ]),
]);

const ALL = RunStatus.options;
const PAIRS = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

describe('run status machine', () => {
  it('has ten statuses and checks all 100 pairs', () => {
    expect(ALL).toHaveLength(10);
    expect(PAIRS).toHaveLength(100);
  });

  it.each(PAIRS)('%s → %s is accepted only when it is a legal move', (from, to) => {
    const result = transition(from, to);
    expect(result.ok).toBe(LEGAL.has(`${from}→${to}`));
    if (!result.ok) expect(result.reason).toMatch(/cannot change|can only become/);
  });

  it('explains a rejected move in words', () => {
    const result = transition('Queued', 'Published');
    expect(result).toEqual({
      ok: false,
      from: 'Queued',
      to: 'Published',
      reason: 'a Queued run can only become Running, Failed, Cancelled',
    });
  });
});
