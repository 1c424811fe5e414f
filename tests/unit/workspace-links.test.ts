// Links in published output, Runs rows and page bodies open the workspace page's own view.
import { describe, expect, it } from 'vitest';
import { FIXTURE_URLS } from '../fixtures/example-rows';
import { driveIdFromLink, idAtEnd, localLink, notionIdFromLink } from '../demo/workspace/links';

const PAGE = '3b7d2e91-4c6a-4f1e-8d25-a09c7e5b3f01';
const COMPACT = PAGE.replace(/-/g, '');

describe('Notion ids from links', () => {
  it('reads the page id at the end of the path, compact or dashed, whatever the slug or query', () => {
    expect(notionIdFromLink(FIXTURE_URLS.ourPositioning)).toBe(PAGE);
    expect(notionIdFromLink(`https://www.notion.so/acme/Our-positioning-${COMPACT}?pvs=4`)).toBe(PAGE);
    expect(notionIdFromLink(`https://app.notion.com/p/${COMPACT}`)).toBe(PAGE);
    expect(notionIdFromLink(`http://127.0.0.1:4040/notion/Our-positioning-${COMPACT}`)).toBe(PAGE);
    expect(notionIdFromLink(`/notion/${PAGE}`)).toBe(PAGE);
    expect(idAtEnd(`/notion/${PAGE.toUpperCase()}/`)).toBe(PAGE);
  });

  it('takes a database address’s id from the path, not the view id in ?v=', () => {
    expect(notionIdFromLink(FIXTURE_URLS.deals)).toBe('5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6');
  });

  it('is not fooled by other sites or by addresses without an id', () => {
    expect(notionIdFromLink(`https://example.com/acme/${COMPACT}`)).toBeUndefined();
    expect(notionIdFromLink('https://www.notion.so/acme/Our-positioning')).toBeUndefined();
    expect(notionIdFromLink(`https://www.notion.so/acme/x-${COMPACT}1`)).toBeUndefined();
  });
});

describe('Drive ids from links', () => {
  it('reads folders, files, Docs, Sheets and open?id= addresses as Drive hands them out and people paste them', () => {
    expect(driveIdFromLink(FIXTURE_URLS.competitorUpdates)).toBe('1CmpUpd8tesQx3vR7nKp2LwYz4bHfJ6aT');
    expect(driveIdFromLink(FIXTURE_URLS.closedWonDeals)).toBe('1ClWonD3aLs7qPx2mRv9KtY4nBz6cWfHj');
    expect(driveIdFromLink(FIXTURE_URLS.supportTicketsExport)).toBe('1SupTkt6Nx3qRv8sKt2LwYz9nBc5dHfJmTq7rW');
    expect(driveIdFromLink(FIXTURE_URLS.surveyAnswers)).toBe('1SrvAns8Px5qRv3sKt7LwYz2nBc4dHfJnUq9rX');
    expect(driveIdFromLink('https://docs.google.com/document/d/1AbCdEfGhIjKlMn/edit?usp=drivesdk')).toBe('1AbCdEfGhIjKlMn');
    expect(driveIdFromLink('https://docs.google.com/open?id=1AbCdEfGhIjKlMn')).toBe('1AbCdEfGhIjKlMn');
    expect(driveIdFromLink('http://127.0.0.1:4040/drive/1AbCdEfGhIjKlMn')).toBe('1AbCdEfGhIjKlMn');
  });

  it('finds nothing in other addresses', () => {
    expect(driveIdFromLink('https://drive.google.com/drive/my-drive')).toBeUndefined();
    expect(driveIdFromLink('https://example.com/file/d/1AbCdEfGhIjKlMn/view')).toBeUndefined();
    expect(driveIdFromLink('https://docs.google.com/document/d/<script>/edit')).toBeUndefined();
  });
});

describe('localLink', () => {
  it('sends Notion and Drive links to this page and leaves others alone', () => {
    expect(localLink(FIXTURE_URLS.ourPositioning)).toBe(`/notion/${COMPACT}`);
    expect(localLink(FIXTURE_URLS.clients)).toBe('/drive/1Clnts5Xp8rT2vKq7mLw3NzY9bHcJf4dG');
    expect(localLink('https://example.com/pricing')).toBe('https://example.com/pricing');
  });
});
