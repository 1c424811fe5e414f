// Pages through the real SDK: create, retrieve, update, trash, property value shapes, ids,
// minute-rounded last_edited_time and who edited (reference/page, post-page, patch-page).
import type { PageObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, startHarness } from './test-support';

let h: Harness;
let now = new Date('2026-11-24T10:15:42.123Z');
beforeAll(async () => {
  h = await startHarness({ now: () => now });
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

const title = (content: string) => [{ text: { content } }];

describe('creating pages', () => {
  it('creates a row in a data source with typed properties and returns them the way Notion does', async () => {
    const page = (await h.notion.pages.create({
      parent: { data_source_id: IDS.dataSource },
      properties: {
        Name: { title: title('Plan the offsite') },
        Status: { status: { name: 'Doing' } },
        Owner: { people: [{ id: IDS.grace }] },
        Due: { date: { start: '2026-12-24' } },
        Priority: { select: { name: 'High' } },
        Tags: { multi_select: [{ name: 'ops' }, { name: 'writing' }] },
        Estimate: { number: 5 },
        Done: { checkbox: true },
        Link: { url: 'https://example.com/offsite' },
        Notes: { rich_text: title('Book the venue') },
      },
    })) as PageObjectResponse;
    expect(page.object).toBe('page');
    expect(page.parent).toEqual({ type: 'data_source_id', data_source_id: IDS.dataSource, database_id: IDS.database });
    expect(page.url).toMatch(/^https:\/\/www\.notion\.so\/Plan-the-offsite-[0-9a-f]{32}$/);
    expect(page.public_url).toBeNull();
    expect(page.created_by).toEqual({ object: 'user', id: IDS.bot });
    const p = page.properties;
    expect(p.Name).toMatchObject({ id: 'title', type: 'title', title: [{ type: 'text', plain_text: 'Plan the offsite', href: null }] });
    expect(p.Status).toMatchObject({ type: 'status', status: { name: 'Doing', color: 'blue' } });
    expect(p.Owner).toMatchObject({ type: 'people', people: [{ object: 'user', id: IDS.grace, type: 'person', name: 'Grace Hopper' }] });
    expect(p.Due).toEqual({ id: p.Due!.id, type: 'date', date: { start: '2026-12-24', end: null, time_zone: null } });
    expect(p.Tags).toMatchObject({ type: 'multi_select', multi_select: [{ name: 'ops' }, { name: 'writing' }] });
    expect(p.Estimate).toMatchObject({ type: 'number', number: 5 });
    expect(p.Done).toMatchObject({ type: 'checkbox', checkbox: true });
    expect(p.Link).toMatchObject({ type: 'url', url: 'https://example.com/offsite' });
    // Property ids are short URL-encoded strings; only the title's is "title".
    for (const [name, value] of Object.entries(p)) {
      if (name === 'Name') continue;
      expect(decodeURIComponent(value.id)).toHaveLength(4);
      expect(encodeURIComponent(decodeURIComponent(value.id))).toBe(value.id);
    }
  });

  it('stores created_time and last_edited_time rounded down to the minute', async () => {
    const page = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('Minute') } } })) as PageObjectResponse;
    expect(page.created_time).toBe('2026-11-24T10:15:00.000Z');
    expect(page.last_edited_time).toBe('2026-11-24T10:15:00.000Z');
  });

  it('gives a new row its status default and leaves other properties empty', async () => {
    const page = (await h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: {} })) as PageObjectResponse;
    expect(page.properties.Status).toMatchObject({ status: { name: 'To do' } });
    expect(page.properties.Name).toMatchObject({ title: [] });
    expect(page.properties.Priority).toMatchObject({ select: null });
    expect(page.properties.Owner).toMatchObject({ people: [] });
  });

  it('creates a select option that does not exist yet, but never a status option', async () => {
    const page = (await h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: { Priority: { select: { name: 'Urgent' } } } })) as PageObjectResponse;
    expect(page.properties.Priority).toMatchObject({ select: { name: 'Urgent' } });
    const error = await failure(h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: { Status: { status: { name: 'Planned' } } } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'Invalid status option. Status option "Planned" does not exist' });
  });

  it('refuses a property the data source does not have, or a value of the wrong type', async () => {
    const unknown = await failure(h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: { Colour: { rich_text: title('red') } } }));
    expect(unknown).toMatchObject({ status: 400, code: 'validation_error', message: 'Colour is not a property that exists.' });
    const wrong = await failure(h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: { Status: { select: { name: 'Doing' } } } }));
    expect(wrong).toMatchObject({ status: 400, code: 'validation_error', message: 'Status is expected to be status.' });
  });

  it('still takes the pre-2025-09-03 database_id parent while the database has one data source', async () => {
    const page = (await h.notion.pages.create({ parent: { database_id: IDS.database }, properties: { Name: { title: title('Old style') } } })) as PageObjectResponse;
    expect(page.parent).toEqual({ type: 'data_source_id', data_source_id: IDS.dataSource, database_id: IDS.database });
  });

  it('refuses children and markdown together', async () => {
    const error = await failure(
      h.notion.pages.create({
        parent: { page_id: IDS.root },
        markdown: '# Hi',
        children: [{ paragraph: { rich_text: title('hi') } }],
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
  });

  it('answers 404 for a parent that is not shared with the integration', async () => {
    const error = await failure(h.notion.pages.create({ parent: { page_id: IDS.private }, properties: { title: { title: title('x') } } }));
    expect(error.status).toBe(404);
    expect(error.message).toContain(`Could not find page with ID: ${IDS.private}. Make sure the relevant pages and databases are shared with your integration`);
  });

  it('creates a child page that shows up as a child_page block of its parent', async () => {
    const child = await h.notion.pages.create({ parent: { page_id: IDS.notes }, properties: { title: { title: title('Minutes') } } });
    const blocks = await h.notion.blocks.children.list({ block_id: IDS.notes });
    expect(blocks.results.at(-1)).toMatchObject({ id: child.id, type: 'child_page', child_page: { title: 'Minutes' } });
  });
});

describe('retrieving pages', () => {
  it('returns a shared page and only the properties asked for with filter_properties', async () => {
    const page = (await h.notion.pages.retrieve({ page_id: IDS.firstRow })) as PageObjectResponse;
    expect(page.id).toBe(IDS.firstRow);
    expect(Object.keys(page.properties)).toContain('Status');
    const statusId = page.properties.Status!.id;
    const only = (await h.notion.pages.retrieve({ page_id: IDS.firstRow, filter_properties: [statusId] })) as PageObjectResponse;
    expect(Object.keys(only.properties)).toEqual(['Status']);
  });

  it('accepts ids without dashes', async () => {
    const page = await h.notion.pages.retrieve({ page_id: IDS.firstRow.replaceAll('-', '') });
    expect(page.id).toBe(IDS.firstRow);
  });

  it('answers 404 object_not_found for unknown and unshared pages alike', async () => {
    for (const id of ['0000000000004000800000000000beef', IDS.private]) {
      const error = await failure(h.notion.pages.retrieve({ page_id: id }));
      expect(error).toMatchObject({ status: 404, code: 'object_not_found' });
      expect(error.body).toMatchObject({ object: 'error', status: 404, code: 'object_not_found' });
      expect(error.body.request_id).toEqual(expect.any(String));
    }
  });

  it('answers 400 validation_error for an id that is not a UUID', async () => {
    const error = await failure(h.notion.pages.retrieve({ page_id: 'not-a-page' }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
    expect(error.message).toContain('path.page_id should be a valid uuid');
  });
});

describe('updating pages', () => {
  it('updates properties, moves last_edited_time to the minute and names the bot as editor', async () => {
    now = new Date('2026-11-24T11:02:59.999Z');
    const page = (await h.notion.pages.update({
      page_id: IDS.secondRow,
      properties: { Status: { status: { name: 'Done' } }, Done: { checkbox: true }, Owner: { people: [] } },
    })) as PageObjectResponse;
    expect(page.last_edited_time).toBe('2026-11-24T11:02:00.000Z');
    expect(page.last_edited_by).toEqual({ object: 'user', id: IDS.bot });
    expect(page.properties.Status).toMatchObject({ status: { name: 'Done' } });
    expect(page.properties.Owner).toMatchObject({ people: [] });
  });

  it('clears a select with null and sets a relation-free date range with a time zone', async () => {
    const page = (await h.notion.pages.update({
      page_id: IDS.firstRow,
      properties: { Priority: { select: null }, Due: { date: { start: '2026-12-01T09:00:00', end: '2026-12-01T10:00:00', time_zone: 'Europe/Paris' } } },
    })) as PageObjectResponse;
    expect(page.properties.Priority).toMatchObject({ select: null });
    expect(page.properties.Due).toMatchObject({ date: { start: '2026-12-01T09:00:00', end: '2026-12-01T10:00:00', time_zone: 'Europe/Paris' } });
  });

  it('refuses a person who is not in the workspace', async () => {
    const error = await failure(h.notion.pages.update({ page_id: IDS.firstRow, properties: { Owner: { people: [{ id: '0000000000004000800000000000beef' }] } } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
  });

  it('moves a page to the trash with in_trash and back, and says so in both fields on 2025-09-03', async () => {
    const page = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('Scratch') } } });
    const trashed = (await h.notion.pages.update({ page_id: page.id, in_trash: true })) as PageObjectResponse;
    expect(trashed).toMatchObject({ in_trash: true, archived: true, is_archived: false });
    const viaArchived = (await h.notion.pages.update({ page_id: page.id, archived: false })) as PageObjectResponse;
    expect(viaArchived.in_trash).toBe(false);
  });

  it('refuses to edit the properties of a page in the trash', async () => {
    const page = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('Gone') } } });
    await h.notion.pages.update({ page_id: page.id, in_trash: true });
    const error = await failure(h.notion.pages.update({ page_id: page.id, properties: { title: { title: title('Back?') } } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
  });

  it('on 2026-03-11 takes in_trash only and returns no archived field', async () => {
    const notion = h.client({ version: '2026-03-11' });
    const page = await notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('New era') } } });
    const trashed = (await notion.pages.update({ page_id: page.id, in_trash: true })) as PageObjectResponse;
    expect(trashed.in_trash).toBe(true);
    expect('archived' in trashed).toBe(false);
    const error = await failure(notion.pages.update({ page_id: page.id, archived: false }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'body failed validation: body.archived should be not present, instead was `false`.' });
  });
});

describe('a database id given to the page endpoints', () => {
  it('answers 400 validation_error saying it is a database, not 404', async () => {
    const error = await failure(h.notion.pages.retrieve({ page_id: IDS.database }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
    expect(String((error as unknown as Error).message)).toMatch(/is a database, not a page/);
  });
});

describe('moving pages (reference/move-page)', () => {
  it('moves a page under another page, with its content, and lists it there and not under the old parent', async () => {
    const a = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('Moves') } }, markdown: 'Body stays' });
    const b = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('New home') } } });
    const moved = (await h.notion.pages.move({ page_id: a.id, parent: { page_id: b.id } })) as PageObjectResponse;
    expect(moved.parent).toEqual({ type: 'page_id', page_id: b.id });
    expect((await h.notion.blocks.children.list({ block_id: b.id })).results.map((r) => r.id)).toContain(a.id);
    expect((await h.notion.blocks.children.list({ block_id: IDS.root })).results.map((r) => r.id)).not.toContain(a.id);
    expect((await h.client({ version: '2026-03-11' }).pages.retrieveMarkdown({ page_id: a.id })).markdown).toContain('Body stays');
  });

  it('moves a row out of its database under a page with only its title, as a page has no other properties', async () => {
    const row = (await h.notion.pages.create({ parent: { data_source_id: IDS.dataSource }, properties: { Name: { title: title('Leaves the table') }, Estimate: { number: 3 } } })) as PageObjectResponse;
    const moved = (await h.notion.pages.move({ page_id: row.id, parent: { page_id: IDS.root } })) as PageObjectResponse;
    expect(Object.keys(moved.properties)).toEqual(['title']);
    expect(moved.properties.title).toMatchObject({ type: 'title', title: [{ plain_text: 'Leaves the table' }] });
  });

  it('refuses a page under itself, a database as the page, and a parent the integration cannot see', async () => {
    const a = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: title('Outer') } } });
    const inner = await h.notion.pages.create({ parent: { page_id: a.id }, properties: { title: { title: title('Inner') } } });
    expect(await failure(h.notion.pages.move({ page_id: a.id, parent: { page_id: inner.id } }))).toMatchObject({ status: 400, code: 'validation_error' });
    expect(await failure(h.notion.pages.move({ page_id: IDS.database, parent: { page_id: a.id } }))).toMatchObject({ status: 400, code: 'validation_error' });
    expect(await failure(h.notion.pages.move({ page_id: a.id, parent: { page_id: IDS.private } }))).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});
