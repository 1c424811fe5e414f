import { describe, expect, it } from 'vitest';
import { type ContextSource, estimateTokens, MIN_USEFUL_TOKENS, packContext } from '../../src/context/pack';

// Sources of the weekly competitive brief (EXAMPLES.md §1) and the kickoff brief (§2).
const source = (name: string, kind: ContextSource['kind'], text: string, modifiedTime?: string): ContextSource => ({
  name,
  kind,
  url: `https://example.test/${encodeURIComponent(name)}`,
  text,
  ...(modifiedTime === undefined ? {} : { modifiedTime }),
});

const paragraphs = (label: string, count: number, size = 400) =>
  Array.from({ length: count }, (_, i) => `${label} paragraph ${i + 1}. ${'x'.repeat(size - label.length - 14)}`).join('\n\n');

describe('estimateTokens', () => {
  it('counts about one token per four characters, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(4000))).toBe(1000);
  });
});

describe('packContext', () => {
  it('puts the trigger file first, then linked files and pages, then the last output, then folder files newest first', () => {
    const packed = packContext(
      [
        source('Acme changelog', 'drive_folder_file', 'Acme shipped SSO.', '2026-11-24T08:00:00Z'),
        source("Last week's brief", 'previous_output', 'Globex cut prices.'),
        source('Globex press release', 'drive_folder_file', 'Globex raised a round.', '2026-11-27T10:00:00Z'),
        source('Our positioning', 'notion_page', 'We sell to mid-market.'),
        source('Signed proposal', 'trigger_file', 'Scope: onboarding.'),
        source('Competitor pricing', 'drive_file', 'competitor,plan,price'),
        source('Sales call note', 'drive_folder_file', 'Initech asked about pricing.', '2026-11-26T16:30:00Z'),
      ],
      10_000,
    );
    expect(packed.included.map((s) => s.name)).toEqual([
      'Signed proposal',
      'Our positioning',
      'Competitor pricing',
      "Last week's brief",
      'Globex press release',
      'Sales call note',
      'Acme changelog',
    ]);
    expect(packed.omitted).toEqual([]);
    expect(packed.tokens).toBe(packed.included.reduce((sum, s) => sum + estimateTokens(s.text), 0));
  });

  it('keeps the URLs of what it used, as provenance', () => {
    const packed = packContext([source('Our positioning', 'notion_page', 'We sell to mid-market.')], 1000);
    expect(packed.included.map(({ name, url }) => ({ name, url }))).toEqual([
      { name: 'Our positioning', url: 'https://example.test/Our%20positioning' },
    ]);
  });

  it('cuts a source that does not fit at a paragraph boundary and says how much was left out', () => {
    const text = paragraphs('Update', 10); // ~4000 characters, ~1000 tokens
    const packed = packContext([source('Competitor updates', 'drive_file', text)], 500);
    const [cut] = packed.included;
    expect(cut?.text).toMatch(/^Update paragraph 1\. x+\n\nUpdate paragraph 2\./);
    const kept = cut?.text.split('\n\n[… truncated: ')[0] ?? '';
    expect(text.startsWith(kept)).toBe(true);
    expect(kept.endsWith('x')).toBe(true); // a whole paragraph, not half of one
    expect(cut?.text.endsWith(`\n\n[… truncated: ${text.length - kept.length} more characters]`)).toBe(true);
    expect(packed.tokens).toBeLessThanOrEqual(500);
    expect(packed.tokens).toBeGreaterThan(400);
  });

  it('cuts a single long line at a word when it has no paragraphs', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const [cut] = packContext([source('Notes', 'drive_file', text)], 300).included;
    const kept = cut?.text.split('\n\n[… truncated: ')[0] ?? '';
    expect(kept).toMatch(/word\d+$/);
    expect(text.startsWith(`${kept} `)).toBe(true);
  });

  it('omits a source when less than a useful part of it would fit, and still fits smaller ones after it', () => {
    const packed = packContext(
      [
        source('Our positioning', 'notion_page', 'p'.repeat(4 * 900)),
        source('Huge export', 'drive_file', 'h'.repeat(4 * 5000)),
        source('Small note', 'drive_folder_file', 's'.repeat(4 * 50), '2026-11-27T10:00:00Z'),
      ],
      1000,
    );
    expect(packed.included.map((s) => s.name)).toEqual(['Our positioning', 'Small note']);
    expect(packed.omitted).toEqual([{ name: 'Huge export', reason: 'over the context budget' }]);
    expect(packed.tokens).toBe(950);
  });

  it(`truncates only when at least ${MIN_USEFUL_TOKENS} tokens are left for it`, () => {
    const big = 'b'.repeat(4 * 1000);
    const justEnough = packContext([source('Filler', 'drive_file', 'f'.repeat(4 * 300)), source('Big', 'drive_folder_file', big)], 300 + MIN_USEFUL_TOKENS);
    expect(justEnough.included.map((s) => s.name)).toEqual(['Filler', 'Big']);
    const tooLittle = packContext([source('Filler', 'drive_file', 'f'.repeat(4 * 300)), source('Big', 'drive_folder_file', big)], 300 + MIN_USEFUL_TOKENS - 1);
    expect(tooLittle.omitted).toEqual([{ name: 'Big', reason: 'over the context budget' }]);
  });

  it('leaves out empty sources with the reason "empty"', () => {
    const packed = packContext([source('Blank doc', 'drive_folder_file', ' \n\n '), source('Proposal', 'trigger_file', 'Scope.')], 1000);
    expect(packed.included.map((s) => s.name)).toEqual(['Proposal']);
    expect(packed.omitted).toEqual([{ name: 'Blank doc', reason: 'empty' }]);
  });

  it('omits everything when the budget is zero', () => {
    const packed = packContext([source('Proposal', 'trigger_file', 'Scope.')], 0);
    expect(packed).toEqual({ included: [], omitted: [{ name: 'Proposal', reason: 'over the context budget' }], tokens: 0 });
  });

  it('gives the same result whatever order folder files with the same time arrive in', () => {
    const a = source('B memo', 'drive_folder_file', 'b', '2026-11-27T10:00:00Z');
    const b = source('A memo', 'drive_folder_file', 'a', '2026-11-27T10:00:00Z');
    const c = source('Undated', 'drive_folder_file', 'c');
    const d = source('Older', 'drive_folder_file', 'd', '2026-11-01T10:00:00Z');
    const names = (list: ContextSource[]) => packContext(list, 100).included.map((s) => s.name);
    expect(names([a, b, c, d])).toEqual(['A memo', 'B memo', 'Older', 'Undated']);
    expect(names([d, c, b, a])).toEqual(['A memo', 'B memo', 'Older', 'Undated']);
  });
});
