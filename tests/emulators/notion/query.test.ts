// Querying a data source through the SDK: property filters of every family, compound filters,
// timestamp filters on minute-rounded times, sorts and pagination
// (reference/query-a-data-source, reference/filter-data-source-entries).
import type { PageObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, startHarness } from './test-support';

let h: Harness;
let now = new Date('2026-11-20T08:00:30Z');
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({ now: () => now });
  await h.notion.dataSources.update({
    data_source_id: IDS.dataSource,
    properties: {
      'Created by': { created_by: {} },
      Edited: { last_edited_time: {} },
      'Blocked by': { relation: { data_source_id: IDS.dataSource, single_property: {} } },
    },
  });
  const rows: [string, Record<string, unknown>][] = [
    ['Alpha', { Status: { status: { name: 'Done' } }, Estimate: { number: 1 }, Done: { checkbox: true }, Due: { date: { start: '2026-11-01' } }, Link: { url: 'https://a.example' } }],
    ['Beta', { Status: { status: { name: 'Doing' } }, Estimate: { number: 8 }, Owner: { people: [{ id: IDS.ada }] }, Tags: { multi_select: [{ name: 'ops' }] }, Priority: { select: { name: 'Low' } } }],
    ['Gamma', { Estimate: { number: 13 }, Due: { date: { start: '2026-12-15T10:00:00.000Z' } }, Notes: { rich_text: [{ text: { content: 'needs review' } }] } }],
  ];
  for (const [name, props] of rows) {
    now = new Date(now.getTime() + 60_000);
    const page = await h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: { Name: { title: [{ text: { content: name } }] }, ...props } as never });
    ids[name] = page.id;
  }
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

async function names(filter?: object, sorts?: object[]): Promise<string[]> {
  const response = await h.notion.dataSources.query({ data_source_id: IDS.dataSource, filter: filter as never, sorts: sorts as never });
  return (response.results as PageObjectResponse[]).map((p) => {
    const t = p.properties.Name;
    return t?.type === 'title' ? t.title.map((r) => r.plain_text).join('') : '';
  });
}

describe('property filters', () => {
  it('filters titles and rich text by equals, contains, starts_with and emptiness', async () => {
    expect(await names({ property: 'Name', title: { equals: 'Beta' } })).toEqual(['Beta']);
    expect(await names({ property: 'Name', title: { contains: 'MM' } })).toEqual(['Gamma']);
    expect(await names({ property: 'Name', rich_text: { starts_with: 'al' } })).toEqual(['Alpha']);
    expect(await names({ property: 'Notes', rich_text: { is_not_empty: true } })).toEqual(['Gamma']);
    expect(await names({ property: 'Name', title: { does_not_contain: 'a' } })).toEqual([]);
  });

  it('filters status and select by one name or several, and by emptiness', async () => {
    expect(await names({ property: 'Status', status: { equals: 'Done' } })).toEqual(['Alpha']);
    expect((await names({ property: 'Status', status: { equals: ['Done', 'Doing'] } })).sort()).toEqual(['Alpha', 'Beta', 'Write the launch post'].sort());
    expect(await names({ property: 'Priority', select: { equals: 'Low' } })).toEqual(['Beta', 'Rotate the keys']);
    expect(await names({ property: 'Priority', select: { is_empty: true } })).toEqual(['Gamma', 'Alpha']);
    expect(await names({ property: 'Status', status: { does_not_equal: 'To do' } })).not.toContain('Rotate the keys');
  });

  it('filters numbers, checkboxes, urls, multi-selects and people', async () => {
    expect(await names({ property: 'Estimate', number: { greater_than: 3 } })).toEqual(['Gamma', 'Beta']);
    expect(await names({ property: 'Estimate', number: { less_than_or_equal_to: 1 } })).toEqual(['Alpha']);
    expect(await names({ property: 'Done', checkbox: { equals: true } })).toEqual(['Alpha']);
    expect(await names({ property: 'Link', url: { contains: 'a.example' } })).toEqual(['Alpha']);
    expect(await names({ property: 'Tags', multi_select: { contains: 'ops' } })).toEqual(['Beta', 'Rotate the keys']);
    expect(await names({ property: 'Owner', people: { contains: IDS.ada } })).toEqual(['Beta', 'Write the launch post']);
    expect(await names({ property: 'Owner', people: { is_empty: true } })).toEqual(['Gamma', 'Alpha']);
  });

  it('filters dates by day for date values and by instant for datetimes', async () => {
    expect(await names({ property: 'Due', date: { on_or_before: '2026-11-01' } })).toEqual(['Alpha']);
    expect(await names({ property: 'Due', date: { after: '2026-12-01' } })).toEqual(['Gamma']);
    expect(await names({ property: 'Due', date: { equals: '2026-12-15' } })).toEqual(['Gamma']);
    expect(await names({ property: 'Due', date: { before: '2026-12-15T10:00:00.000Z' } })).toEqual(['Alpha', 'Write the launch post']);
  });

  it('filters relations by the related page', async () => {
    await h.notion.pages.update({ page_id: ids.Beta!, properties: { 'Blocked by': { relation: [{ id: ids.Alpha! }] } } });
    expect(await names({ property: 'Blocked by', relation: { contains: ids.Alpha! } })).toEqual(['Beta']);
    expect(await names({ property: 'Blocked by', relation: { is_not_empty: true } })).toEqual(['Beta']);
    const beta = (await h.notion.pages.retrieve({ page_id: ids.Beta! })) as PageObjectResponse;
    expect(beta.properties['Blocked by']).toMatchObject({ type: 'relation', relation: [{ id: ids.Alpha }] });
  });

  it('filters and returns the computed created_by and last_edited_time properties', async () => {
    expect((await names({ property: 'Created by', created_by: { contains: IDS.bot } })).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect((await names({ property: 'Created by', people: { contains: IDS.ada } }))).toEqual(['Rotate the keys', 'Write the launch post']);
    expect(await names({ property: 'Edited', last_edited_time: { after: '2026-11-20T08:02:00.000Z' } })).toContain('Gamma');
    const gamma = (await h.notion.pages.retrieve({ page_id: ids.Gamma! })) as PageObjectResponse;
    expect(gamma.properties['Created by']).toMatchObject({ type: 'created_by', created_by: { object: 'user', id: IDS.bot, type: 'bot' } });
    expect(gamma.properties.Edited).toEqual({ id: expect.any(String), type: 'last_edited_time', last_edited_time: gamma.last_edited_time });
  });

  it('filters on created_by and the created time of each row', async () => {
    expect((await names({ property: 'Name', title: { is_not_empty: true } })).length).toBe(5);
    expect(await names({ timestamp: 'created_time', created_time: { on_or_after: '2026-11-20T08:03:00.000Z' } })).toEqual(['Gamma']);
  });

  it('combines filters with and / or, one level deep', async () => {
    expect(
      await names({
        or: [
          { property: 'Status', status: { equals: 'Done' } },
          { and: [{ property: 'Estimate', number: { greater_than: 5 } }, { property: 'Priority', select: { equals: 'Low' } }] },
        ],
      }),
    ).toEqual(['Beta', 'Alpha']);
  });

  it('refuses a filter on a property that does not exist or of the wrong type', async () => {
    const missing = await failure(h.notion.dataSources.query({ data_source_id: IDS.dataSource, filter: { property: 'Colour', select: { equals: 'red' } } }));
    expect(missing).toMatchObject({ status: 400, code: 'validation_error' });
    const wrong = await failure(h.notion.dataSources.query({ data_source_id: IDS.dataSource, filter: { property: 'Status', select: { equals: 'Done' } } }));
    expect(wrong).toMatchObject({ status: 400, code: 'validation_error' });
  });
});

describe('timestamp filters', () => {
  it('compares against last_edited_time rounded down to the minute, so a poll must overlap', async () => {
    now = new Date('2026-11-20T09:30:45Z');
    await h.notion.pages.update({ page_id: ids.Beta!, properties: { Estimate: { number: 9 } } });
    expect(await names({ timestamp: 'last_edited_time', last_edited_time: { on_or_after: '2026-11-20T09:30:00.000Z' } })).toEqual(['Beta']);
    // An edit at 09:30:45 is stored as 09:30:00: asking for "after 09:30:10" misses it.
    expect(await names({ timestamp: 'last_edited_time', last_edited_time: { after: '2026-11-20T09:30:10.000Z' } })).toEqual([]);
  });

  it('understands relative dates such as past_week, measured from the stand-in clock', async () => {
    now = new Date('2026-11-27T09:00:00Z');
    // Only Beta was edited less than a week before this "now" (at 2026-11-20T09:30).
    expect(await names({ timestamp: 'last_edited_time', last_edited_time: { past_week: {} } })).toEqual(['Beta']);
  });
});

describe('sorts and pagination', () => {
  it('sorts by a property or a timestamp, with empty values last', async () => {
    expect(await names(undefined, [{ property: 'Estimate', direction: 'descending' }])).toEqual(['Gamma', 'Beta', 'Write the launch post', 'Alpha', 'Rotate the keys']);
    expect(await names(undefined, [{ timestamp: 'created_time', direction: 'ascending' }])).toEqual(['Write the launch post', 'Rotate the keys', 'Alpha', 'Beta', 'Gamma']);
  });

  it('pages through results with page_size, has_more and next_cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.notion.dataSources.query({ data_source_id: IDS.dataSource, page_size: 2, start_cursor: cursor });
      expect(page.results.length).toBeLessThanOrEqual(2);
      seen.push(...page.results.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
      expect(page.has_more).toBe(cursor !== undefined);
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses a page_size over 100', async () => {
    const error = await failure(h.notion.dataSources.query({ data_source_id: IDS.dataSource, page_size: 101 }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'body.page_size should be ≤ `100`, instead was `101`.' });
  });

  it('leaves rows in the trash out unless in_trash is asked for', async () => {
    await h.notion.pages.update({ page_id: ids.Alpha!, in_trash: true });
    expect(await names()).not.toContain('Alpha');
    const trash = await h.notion.dataSources.query({ data_source_id: IDS.dataSource, in_trash: true });
    expect(trash.results.map((r) => r.id)).toEqual([ids.Alpha]);
  });
});
