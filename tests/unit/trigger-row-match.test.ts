import type { PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { describeRow, rowMatches, rowTitle } from '../../src/triggers/row-match';

const rich = (content: string) => [{ type: 'text', text: { content, link: null }, annotations: {}, plain_text: content, href: null }];
const deal = (properties: Record<string, unknown>) => ({ properties }) as unknown as Pick<PageObjectResponse, 'properties'>;
const acme = deal({
  Name: { id: 'title', type: 'title', title: rich('Acme Corp') },
  Stage: { id: 's', type: 'select', select: { id: 'o', name: 'Closed won', color: 'green' } },
  Amount: { id: 'a', type: 'number', number: 48000 },
  Signed: { id: 'c', type: 'checkbox', checkbox: true },
  Notes: { id: 'n', type: 'rich_text', rich_text: [] },
});

describe('a row has <Property> = <value>', () => {
  it('matches names and values as people write them', () => {
    expect(rowMatches(acme, 'stage', 'closed won')).toBe(true);
    expect(rowMatches(acme, ' Stage ', 'Closed  Won')).toBe(true);
    expect(rowMatches(acme, 'Stage', 'Closed lost')).toBe(false);
    expect(rowMatches(acme, 'Amount', '48000')).toBe(true);
  });
  it('reads a checkbox as checked or not', () => {
    expect(rowMatches(acme, 'Signed', 'checked')).toBe(true);
    expect(rowMatches(acme, 'Signed', 'unchecked')).toBe(false);
  });
  it('never matches a property the row does not have', () => {
    expect(rowMatches(acme, 'Owner', 'Jordan')).toBe(false);
  });
});

describe('the row as context', () => {
  it('puts the title first and leaves empty properties out', () => {
    expect(rowTitle(acme)).toBe('Acme Corp');
    expect(describeRow(acme)).toBe('Name: Acme Corp\nStage: Closed won\nAmount: 48000\nSigned: checked');
  });
});
