import { describe, expect, it } from 'vitest';
import { NO_PREVIOUS_OUTPUT, previousOutputSource } from '../../src/context/previous-output';
import { summarizeChanges } from '../../src/review/round-summary';

describe('the previous output as a source', () => {
  it('is the last published output, named after the Context line and the output', () => {
    const source = previousOutputSource("Last week's brief", { title: '2026-11-23 — Weekly competitive brief', url: 'https://www.notion.so/p', markdown: '## Summary\n- Quiet.' });
    expect(source).toEqual({ name: "Last week's brief (2026-11-23 — Weekly competitive brief)", kind: 'previous_output', url: 'https://www.notion.so/p', text: '## Summary\n- Quiet.' });
  });

  it('says on a first run that there is nothing to compare, in a source of its own', () => {
    const source = previousOutputSource("Last month's update", null);
    expect(source).toEqual({ name: "Last month's update (none yet: first run)", kind: 'previous_output', url: null, text: NO_PREVIOUS_OUTPUT });
    expect(source.text).toMatch(/^Previous output: none — this is the first run, so there is nothing to compare/);
  });
});

describe('a reviewed page compared with the draft Baton wrote', () => {
  it('is no change where Notion only escaped characters', () => {
    expect(summarizeChanges('- Rival A: 39 EUR (Teams) *new*', '- Rival A: 39 EUR \\(Teams\\) \\*new\\*\n<empty-block/>')).toEqual({ added: 0, removed: 0, moved: [] });
  });
});
