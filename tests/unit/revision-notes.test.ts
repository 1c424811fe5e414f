import { describe, expect, it } from 'vitest';
import { stripRevisionNotes } from '../../src/review/revision-notes';

const BRIEF = ['## Pricing moves', '- Rival A cut prices.', '', '## Summary', '- Quiet week.'].join('\n');

describe('a revision without its notes about itself', () => {
  it('drops a leading "> Revised per feedback:" quote, as the model stand-in writes it', () => {
    expect(stripRevisionNotes(`> Revised per feedback: Too long; lead with pricing\n\n${BRIEF}`)).toBe(BRIEF);
  });

  it('drops a quote that runs straight into the text, keeping the text', () => {
    expect(stripRevisionNotes(`> Revised per feedback: shorter\n> (and lead with pricing)\n${BRIEF}`)).toBe(BRIEF);
  });

  it('drops a trailing "Changes made:" list after a rule', () => {
    expect(stripRevisionNotes(`${BRIEF}\n\n---\n\n**Changes made:**\n- Moved pricing to the top\n- Cut the summary`)).toBe(BRIEF);
  });

  it('drops notes at both ends, and several in a row', () => {
    const text = `Revision notes: shortened.\n\n> Revised per feedback: lead with pricing\n\n${BRIEF}\n\nChanges made: none other.`;
    expect(stripRevisionNotes(text)).toBe(BRIEF);
  });

  it('keeps the same words inside the text, and a text without notes as it is', () => {
    const inside = `${BRIEF.split('\n').slice(0, 2).join('\n')}\n\nChanges made by Rival B: new onboarding.\n\n## Summary\n- Quiet week.`;
    expect(stripRevisionNotes(inside)).toBe(inside);
    expect(stripRevisionNotes(BRIEF)).toBe(BRIEF);
  });

  it('keeps a last paragraph that only mentions changes', () => {
    const text = `${BRIEF}\n\nWhat changed since last week: Rival A's pricing.`;
    expect(stripRevisionNotes(text)).toBe(text);
  });
});
