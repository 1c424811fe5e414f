import { describe, expect, it } from 'vitest';
import { attributeStatusChange, type PageEvidence } from '../../src/review/attribution';
import { sameText, type SeenPage } from '../../src/review/round-records';

const MAYA = 'maya';
const ALEX = 'alex';
const STATUS = 'st%3A1';
const seen: SeenPage = { markdown: '## Summary\n- Rival A cut prices', lastEditedTime: null, lastEditedBy: null, confirmationAskedAt: null };
const page = (over: Partial<PageEvidence>): PageEvidence => ({ kind: 'page', markdown: seen.markdown, lastEditedBy: MAYA, lastEditedTime: '2026-11-30T08:01:00.000Z', ...over });

describe('who changed Status', () => {
  it('takes the single author of a webhook event that names the Status property', () => {
    expect(attributeStatusChange({ kind: 'webhook', authors: [MAYA], updatedProperties: [STATUS] }, STATUS, MAYA, seen)).toEqual({ kind: 'author', personId: MAYA });
  });

  it('takes nothing from an event that does not name Status, such as Maya’s body edit after Alex approved', () => {
    expect(attributeStatusChange({ kind: 'webhook', authors: [MAYA], updatedProperties: ['title'] }, STATUS, MAYA, seen)).toEqual({ kind: 'not_status' });
    expect(attributeStatusChange({ kind: 'webhook', authors: [MAYA], updatedProperties: null }, STATUS, MAYA, seen)).toEqual({ kind: 'not_status' });
  });

  it('does not know when a batched event has the reviewer among several authors, and knows it was not the reviewer when she is not among them', () => {
    expect(attributeStatusChange({ kind: 'webhook', authors: [ALEX, MAYA], updatedProperties: [STATUS] }, STATUS, MAYA, seen).kind).toBe('unknown');
    expect(attributeStatusChange({ kind: 'webhook', authors: [ALEX, 'sam'], updatedProperties: [STATUS] }, STATUS, MAYA, seen)).toEqual({ kind: 'author', personId: ALEX });
  });

  it('on the reconcile path, takes the last editor only when the body is as Baton last saw it', () => {
    expect(attributeStatusChange(page({}), STATUS, MAYA, seen)).toEqual({ kind: 'author', personId: MAYA });
    expect(attributeStatusChange(page({ lastEditedBy: ALEX }), STATUS, MAYA, seen)).toEqual({ kind: 'author', personId: ALEX });
    // Alex approved, then Maya fixed a typo: Maya is the last editor, but not known to be the approver.
    expect(attributeStatusChange(page({ markdown: '## Summary\n- Rival A cut its prices' }), STATUS, MAYA, seen).kind).toBe('unknown');
  });

  it('reads nothing new when the row is unchanged since Baton asked the reviewer to confirm', () => {
    const asked: SeenPage = { ...seen, lastEditedBy: ALEX, lastEditedTime: '2026-11-30T08:01:00.000Z', confirmationAskedAt: '2026-11-30T08:01:00.000Z' };
    expect(attributeStatusChange(page({ lastEditedBy: ALEX }), STATUS, MAYA, asked)).toEqual({ kind: 'unchanged' });
    // Maya sets Status again afterwards: a property-only change by Maya.
    expect(attributeStatusChange(page({ lastEditedTime: '2026-11-30T08:03:00.000Z' }), STATUS, MAYA, asked)).toEqual({ kind: 'author', personId: MAYA });
  });

  it('does not guess without a record of the page', () => {
    expect(attributeStatusChange(page({}), STATUS, MAYA, null).kind).toBe('unknown');
    expect(attributeStatusChange(page({ lastEditedBy: null }), STATUS, MAYA, seen).kind).toBe('unknown');
  });
});

describe('sameText', () => {
  it('ignores Notion’s escapes, empty blocks and blank lines, not words', () => {
    expect(sameText('## A\n\n- 39 EUR (Teams)', '## A\n<empty-block/>\n- 39 EUR \\(Teams\\)')).toBe(true);
    expect(sameText('- hold our price', '- cut our price')).toBe(false);
  });
});
