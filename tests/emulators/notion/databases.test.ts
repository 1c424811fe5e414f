// Databases and data sources on the 2025-09-03 model through the SDK: create a database with
// its first data source, read both, change the schema (reference/create-a-database,
// retrieve-a-database, retrieve-a-data-source, update-a-data-source).
import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, startHarness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

const text = (content: string) => [{ text: { content } }];

describe('databases', () => {
  it('creates a database under a page with initial_data_source properties and lists its data source', async () => {
    const db = (await h.notion.databases.create({
      parent: { type: 'page_id', page_id: IDS.root },
      title: text('Runs'),
      initial_data_source: {
        properties: {
          Run: { title: {} },
          State: { status: {} },
          Started: { date: {} },
          Workflow: { relation: { data_source_id: IDS.dataSource, single_property: {} } },
        },
      },
    })) as DatabaseObjectResponse;
    expect(db).toMatchObject({ object: 'database', parent: { type: 'page_id', page_id: IDS.root }, is_inline: false, in_trash: false });
    expect(db.title[0]?.plain_text).toBe('Runs');
    expect(db.data_sources).toHaveLength(1);
    const ds = (await h.notion.dataSources.retrieve({ data_source_id: db.data_sources[0]!.id })) as DataSourceObjectResponse;
    expect(ds.parent).toEqual({ type: 'database_id', database_id: db.id });
    expect(ds.properties.Run).toMatchObject({ id: 'title', type: 'title' });
    // Without options, a status property gets Notion's defaults in its three groups.
    expect(ds.properties.State).toMatchObject({ type: 'status', status: { options: [{ name: 'Not started' }, { name: 'In progress' }, { name: 'Done' }] } });
    const groups = (ds.properties.State as { status: { groups: { name: string }[] } }).status.groups;
    expect(groups.map((g) => g.name)).toEqual(['To-do', 'In progress', 'Complete']);
    expect(ds.properties.Workflow).toMatchObject({ type: 'relation', relation: { data_source_id: IDS.dataSource, database_id: IDS.database, type: 'single_property' } });
    const blocks = await h.notion.blocks.children.list({ block_id: IDS.root });
    expect(blocks.results.find((b) => b.id === db.id)).toMatchObject({ type: 'child_database', child_database: { title: 'Runs' } });
  });

  it('retrieves a database with its data sources', async () => {
    const db = (await h.notion.databases.retrieve({ database_id: IDS.database })) as DatabaseObjectResponse;
    expect(db.data_sources).toEqual([{ id: IDS.dataSource, name: 'Tasks' }]);
    expect(db.url).toBe(`https://www.notion.so/${IDS.database.replaceAll('-', '')}`);
  });

  it('answers 404 for a database that does not exist and 400 for a workspace parent', async () => {
    const missing = await failure(h.notion.databases.retrieve({ database_id: '0000000000004000800000000000beef' }));
    expect(missing).toMatchObject({ status: 404, code: 'object_not_found' });
    expect(missing.message).toContain('Could not find database with ID');
    const workspace = await failure(h.notion.databases.create({ parent: { type: 'workspace', workspace: true }, title: text('Nope') }));
    expect(workspace).toMatchObject({ status: 400, code: 'validation_error' });
  });
});

describe('data sources', () => {
  it('reads the schema with property ids, option colours and status groups', async () => {
    const ds = (await h.notion.dataSources.retrieve({ data_source_id: IDS.dataSource })) as DataSourceObjectResponse;
    expect(ds.object).toBe('data_source');
    expect(ds.database_parent).toEqual({ type: 'page_id', page_id: IDS.root });
    expect(Object.keys(ds.properties)).toEqual(['Name', 'Status', 'Owner', 'Due', 'Priority', 'Tags', 'Estimate', 'Done', 'Link', 'Notes']);
    expect(ds.properties.Priority).toMatchObject({ type: 'select', select: { options: [{ name: 'High', color: 'red' }, { name: 'Low', color: 'gray' }] } });
  });

  it('adds a property, renames one and adds select and status options, new status options landing in To-do', async () => {
    const updated = (await h.notion.dataSources.update({
      data_source_id: IDS.dataSource,
      properties: {
        Reviewer: { people: {} },
        Notes: { name: 'Remarks' },
        Priority: { select: { options: [{ name: 'Medium', color: 'yellow' }] } },
        Status: { status: { options: [{ name: 'Blocked', color: 'red' }] } },
      },
    })) as DataSourceObjectResponse;
    expect(updated.properties.Reviewer).toMatchObject({ type: 'people' });
    expect(updated.properties.Remarks).toMatchObject({ type: 'rich_text' });
    expect(updated.properties.Notes).toBeUndefined();
    expect((updated.properties.Priority as { select: { options: { name: string }[] } }).select.options.map((o) => o.name)).toEqual(['High', 'Low', 'Medium']);
    const status = (updated.properties.Status as { status: { options: { id: string; name: string }[]; groups: { name: string; option_ids: string[] }[] } }).status;
    const blocked = status.options.find((o) => o.name === 'Blocked')!;
    expect(status.groups.find((g) => g.name === 'To-do')!.option_ids).toContain(blocked.id);
    // A renamed property keeps its id, so existing values stay.
    const page = await h.notion.pages.retrieve({ page_id: IDS.firstRow });
    expect('properties' in page && page.properties.Remarks).toMatchObject({ type: 'rich_text' });
  });

  it('refuses to rename a property that does not exist', async () => {
    const error = await failure(h.notion.dataSources.update({ data_source_id: IDS.dataSource, properties: { Colour: { name: 'Color' } } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'Colour is not a property that exists.' });
  });

  it('answers 404 for a data source that is not shared', async () => {
    const error = await failure(h.notion.dataSources.retrieve({ data_source_id: '0000000000004000800000000000beef' }));
    expect(error).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});
