// "When <workflow> publishes": names, loops and unknown workflows (chain-loop.ts).
import { describe, expect, it } from 'vitest';
import { chainProblems, closestNames, findChainLoop, rowProblemMessage, sameWorkflowName, type ChainNode } from '../../src/registry';

const node = (pageId: string, name: string, after: string | null = null): ChainNode => ({
  pageId,
  name,
  afterWorkflow: after === null ? null : { workflowName: after },
});

describe('workflow names', () => {
  it.each([
    ['Weekly competitive brief', 'weekly competitive brief'],
    ['Weekly competitive brief', '  Weekly   competitive brief. '],
    ['Weekly competitive brief', 'the weekly-competitive brief'],
    ['Weekly competitive brief', '“Weekly competitive brief”'],
    ['Client kickoff brief', 'Client kickoff brief workflow'],
  ])('reads %s and %s as one workflow', (a, b) => {
    expect(sameWorkflowName(a, b)).toBe(true);
    expect(sameWorkflowName(b, a)).toBe(true);
  });

  it('keeps different names apart, and an empty name matches nothing', () => {
    expect(sameWorkflowName('Weekly competitive brief', 'Weekly brief')).toBe(false);
    expect(sameWorkflowName('', '')).toBe(false);
    expect(sameWorkflowName('—', '...')).toBe(false);
  });

  it('suggests the closest names for a misspelt one', () => {
    const names = ['Weekly competitive brief', 'Sprint feedback synthesis', 'Client kickoff brief', 'Repurpose new articles'];
    expect(closestNames('Weekly competitve brief', names)).toEqual(['Weekly competitive brief']);
    expect(closestNames('Weekly brief', names)).toEqual(['Weekly competitive brief']);
    expect(closestNames('brief', names)).toEqual([]);
    expect(closestNames('competitive brief', names)).toEqual(['Weekly competitive brief']);
    expect(closestNames('Payroll report', names)).toEqual([]);
  });
});

describe('chain loops', () => {
  it('finds a loop back to the row and names it in the order runs would go', () => {
    const brief = node('a', 'Weekly brief', 'Summary');
    const summary = node('b', 'Summary', 'Weekly brief');
    expect(findChainLoop(brief, [summary])).toEqual(['Weekly brief', 'Summary', 'Weekly brief']);
    // Brief runs after Digest, Digest after Summary, Summary after Brief: Brief → Summary → Digest → Brief.
    const three = [node('b', 'Summary', 'Weekly brief'), node('c', 'Digest', 'Summary')];
    expect(findChainLoop(node('a', 'Weekly brief', 'Digest'), three)).toEqual(['Weekly brief', 'Summary', 'Digest', 'Weekly brief']);
  });

  it('finds no loop in a straight chain, or in a loop the row is not part of', () => {
    expect(findChainLoop(node('a', 'Digest', 'Summary'), [node('b', 'Summary', 'Weekly brief'), node('c', 'Weekly brief')])).toBeNull();
    expect(findChainLoop(node('a', 'Digest', 'Summary'), [node('b', 'Summary', 'Recap'), node('c', 'Recap', 'Summary')])).toBeNull();
    expect(findChainLoop(node('a', 'Digest'), [node('b', 'Summary', 'Digest')])).toBeNull();
  });

  it('follows every workflow that shares a name', () => {
    const others = [node('b', 'Summary'), node('c', 'summary', 'Weekly brief')];
    expect(findChainLoop(node('a', 'Weekly brief', 'Summary'), others)).toEqual(['Weekly brief', 'summary', 'Weekly brief']);
  });
});

describe('the chain problems of a row', () => {
  it('refuses a loop on Health in words', () => {
    const [problem, ...rest] = chainProblems(node('a', 'Weekly brief', 'Summary'), [node('b', 'Summary', 'Weekly brief')]);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ kind: 'chain_loop', severity: 'error', names: ['Weekly brief', 'Summary', 'Weekly brief'] });
    expect(rowProblemMessage(problem!)).toBe(
      "Trigger makes a loop: Weekly brief → Summary → Weekly brief — each starts the next when it publishes, so the runs would never stop. Remove 'when … publishes' from one of them.",
    );
  });

  it('refuses a workflow no row is called, with the names it may have meant', () => {
    const [problem] = chainProblems(node('a', 'Digest', 'Weekly competitve brief'), [node('b', 'Weekly competitive brief'), node('c', 'Sprint feedback synthesis')]);
    expect(problem).toMatchObject({ kind: 'chain_unknown_workflow', severity: 'error', closest: ['Weekly competitive brief'] });
    expect(rowProblemMessage(problem!)).toContain("no workflow in Workflows is called that — did you mean 'Weekly competitive brief'?");
  });

  it('is content with a workflow that exists, whatever its state, and leaves a self-reference to the row reader', () => {
    expect(chainProblems(node('a', 'Digest', 'weekly competitive brief'), [node('b', 'Weekly competitive brief')])).toEqual([]);
    expect(chainProblems(node('a', 'Digest', 'Digest'), [])).toEqual([]);
    expect(chainProblems(node('a', 'Digest'), [])).toEqual([]);
  });

  it('does not count the row itself among the others', () => {
    expect(chainProblems(node('a', 'Digest', 'Summary'), [node('a', 'Summary')]).map((p) => p.kind)).toEqual(['chain_unknown_workflow']);
  });
});
