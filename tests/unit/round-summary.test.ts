import { describe, expect, it } from 'vitest';
import { describeChanges, roundSummaryLine, summarizeChanges } from '../../src/review/round-summary';

const DRAFT = [
  '### Summary (3 bullets)',
  '- Rival A launched a Teams plan.',
  '- Rival B shipped an assistant.',
  '',
  '### Changes since last week',
  '- Nothing to compare.',
  '',
  '### Pricing moves',
  '- Rival A: 39 EUR per seat.',
  '- Rival B: 55 EUR.',
].join('\n');

describe('what changed between two versions of a draft', () => {
  it('says a section moved to the top is one move, not every heading shifting', () => {
    const moved = ['### Pricing moves', '- Rival A: 39 EUR per seat.', '- Rival B: 55 EUR.', '', ...DRAFT.split('\n').slice(0, 7)].join('\n');
    expect(summarizeChanges(DRAFT, moved)).toEqual({ added: 0, removed: 0, moved: ['Pricing moves'] });
    expect(describeChanges(summarizeChanges(DRAFT, moved))).toBe('“Pricing moves” moved');
  });

  it('counts removed and added lines, ignoring blank lines and indentation', () => {
    const edited = DRAFT.replace('- Rival B shipped an assistant.\n', '').replace('- Rival B: 55 EUR.', '- Rival B: 55 EUR.\n\n  - We hold at 49 EUR.\n\n');
    expect(summarizeChanges(DRAFT, edited)).toEqual({ added: 1, removed: 1, moved: [] });
    expect(describeChanges(summarizeChanges(DRAFT, edited))).toBe('1 line removed, 1 line added');
  });

  it('says so when nothing changed', () => {
    expect(describeChanges(summarizeChanges(DRAFT, `${DRAFT}\n\n`))).toBe('no changes');
  });
});

describe("the line announcing a revision round", () => {
  it('says in a sentence what the revision changed since the last round', () => {
    const halved = DRAFT.replace('- Rival B shipped an assistant.\n', '').replace('\n- Rival B: 55 EUR.', '');
    expect(roundSummaryLine(DRAFT, halved)).toBe(' Since the last round: 2 lines removed.');
  });

  it('says a revision that changed nothing changed nothing, and nothing without both texts', () => {
    expect(roundSummaryLine(DRAFT, DRAFT)).toMatch(/same text as the last round/);
    expect(roundSummaryLine(null, DRAFT)).toBe('');
  });
});
