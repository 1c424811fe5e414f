// What the workspace page reads from the Notion stand-in: through its public API with the
// integration's token and the real @notionhq/client, as any Notion client would. The page sees
// what the integration was shared (the team's teamspace), which is what Baton sees too.
import {
  Client,
  LogLevel,
  isFullComment,
  isFullDataSource,
  isFullPage,
  isFullUser,
  type CommentObjectResponse,
  type DataSourceObjectResponse,
  type PageObjectResponse,
} from '@notionhq/client';

export interface Person {
  id: string;
  name: string;
  email?: string;
}

export interface ChildPage {
  id: string;
  title: string;
}

export type NotionSource = ReturnType<typeof createNotionSource>;

// The version Baton pins (src/adapters/notion.ts); the stand-in answers it.
const NOTION_VERSION = '2026-03-11';

export function createNotionSource(baseUrl: string, token: string) {
  // No retries: a person waiting on a page would rather see the stand-in's error now.
  // Quiet: a page id that turns out to be a database is an expected 400, not a warning to print.
  const client = new Client({ auth: token, baseUrl, notionVersion: NOTION_VERSION, retry: false, logLevel: LogLevel.ERROR });

  return {
    /** The workspace's people (not bots), as GET /v1/users lists them. */
    async people(): Promise<Person[]> {
      const people: Person[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.users.list({ start_cursor: cursor, page_size: 100 });
        for (const user of page.results) {
          if (isFullUser(user) && user.type === 'person') people.push({ id: user.id, name: user.name ?? user.id, email: user.person.email });
        }
        cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
      } while (cursor);
      return people;
    },

    /** Every data source (database) the integration can see, by title. */
    async dataSources(): Promise<DataSourceObjectResponse[]> {
      const found: DataSourceObjectResponse[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.search({ filter: { property: 'object', value: 'data_source' }, start_cursor: cursor, page_size: 100 });
        for (const hit of page.results) if (hit.object === 'data_source' && isFullDataSource(hit)) found.push(hit);
        cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
      } while (cursor);
      return found.sort((a, b) => titleOf(a).localeCompare(titleOf(b)));
    },

    dataSource: async (id: string): Promise<DataSourceObjectResponse> => {
      const ds = await client.dataSources.retrieve({ data_source_id: id });
      if (!isFullDataSource(ds)) throw new Error(`Data source ${id} came back partial`);
      return ds;
    },

    /** A database's first data source (a database address names the database, not the source). */
    async dataSourceOfDatabase(databaseId: string): Promise<string | undefined> {
      const db = await client.databases.retrieve({ database_id: databaseId });
      return 'data_sources' in db ? db.data_sources[0]?.id : undefined;
    },

    /** All rows, oldest first (the order people added them). */
    async rows(dataSourceId: string): Promise<PageObjectResponse[]> {
      const rows: PageObjectResponse[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.dataSources.query({
          data_source_id: dataSourceId,
          start_cursor: cursor,
          page_size: 100,
          sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
        });
        rows.push(...page.results.filter(isFullPage));
        cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
      } while (cursor);
      return rows;
    },

    async page(id: string): Promise<PageObjectResponse> {
      const page = await client.pages.retrieve({ page_id: id });
      if (!isFullPage(page)) throw new Error(`Page ${id} came back partial`);
      return page;
    },

    markdown: async (id: string): Promise<string> => (await client.pages.retrieveMarkdown({ page_id: id })).markdown,

    async comments(id: string): Promise<CommentObjectResponse[]> {
      const list = await client.comments.list({ block_id: id, page_size: 100 });
      return list.results.filter(isFullComment);
    },

    /** Pages directly under a page: where published outputs land. */
    async childPages(id: string): Promise<ChildPage[]> {
      const pages: ChildPage[] = [];
      let cursor: string | undefined;
      do {
        const list = await client.blocks.children.list({ block_id: id, start_cursor: cursor, page_size: 100 });
        for (const block of list.results) {
          if ('type' in block && block.type === 'child_page') pages.push({ id: block.id, title: block.child_page.title });
        }
        cursor = list.has_more ? (list.next_cursor ?? undefined) : undefined;
      } while (cursor);
      return pages;
    },
  };
}

export function titleOf(object: DataSourceObjectResponse | PageObjectResponse): string {
  if (object.object === 'data_source') return object.title.map((t) => t.plain_text).join('') || 'Untitled';
  const title = Object.values(object.properties).find((p) => p.type === 'title');
  return (title?.type === 'title' ? title.title.map((t) => t.plain_text).join('') : '') || 'Untitled';
}
