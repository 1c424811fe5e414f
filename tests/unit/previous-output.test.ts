import { describe, expect, it } from 'vitest';
import { comparableText, NO_PREVIOUS_OUTPUT, PREVIOUS_OUTPUT_TOKENS, previousOutputSource } from '../../src/context/previous-output';
import { estimateTokens } from '../../src/context/pack';
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

describe('what a run is shown of the previous output', () => {
  const brief = [
    '### Summary (3 bullets)',
    '- Rival A launched a Teams plan.',
    '### Changes since last week',
    '- Rival B dropped its free tier (it had one in the brief before).',
    '### Pricing moves',
    '- Rival A: 39 EUR per seat.',
    '### What to watch',
    '- Rival B onboarding assistant.',
  ].join('\n');

  it("leaves out the sections that compare with the edition before, so last week's comparison is not carried into this one", () => {
    const text = previousOutputSource("Last week's brief", { title: '2026-11-23 — Weekly competitive brief', url: null, markdown: brief }).text;
    expect(text).toBe(['### Summary (3 bullets)', '- Rival A launched a Teams plan.', '', '### Pricing moves', '- Rival A: 39 EUR per seat.', '', '### What to watch', '- Rival B onboarding assistant.'].join('\n'));
  });

  it('keeps the whole text when every section is a comparison, and text without headings as it is', () => {
    expect(comparableText('## What changed\n- A\n## New this week\n- B')).toBe('## What changed\n- A\n\n## New this week\n- B');
    expect(comparableText('Quiet week: nothing moved.')).toBe('Quiet week: nothing moved.');
  });

  it('is never longer than its budget however long the output was, cut after a whole line with a marker', () => {
    const long = ['## Summary', ...Array.from({ length: 400 }, (_, i) => `- Fact number ${i} about a competitor, with some words.`)].join('\n');
    const text = comparableText(long);
    expect(estimateTokens(text)).toBeLessThanOrEqual(PREVIOUS_OUTPUT_TOKENS);
    expect(text).toMatch(/^## Summary\n- Fact number 0 /);
    expect(text).toMatch(/- Fact number \d+ about a competitor, with some words\.\n\n\[… the rest of the previous output \(\d+ characters\) is left out\]$/);
    // Two weeks of growth show the same amount.
    expect(estimateTokens(comparableText(`${long}\n${long}`))).toBeLessThanOrEqual(PREVIOUS_OUTPUT_TOKENS);
  });
});

describe('a reviewed page compared with the draft Baton wrote', () => {
  it('is no change where Notion only escaped characters', () => {
    expect(summarizeChanges('- Rival A: 39 EUR (Teams) *new*', '- Rival A: 39 EUR \\(Teams\\) \\*new\\*\n<empty-block/>')).toEqual({ added: 0, removed: 0, moved: [] });
  });
});
