// Notion, through @notionhq/client. The only module that calls the Notion API.
//
// - The API version is pinned: the SDK still defaults to 2025-09-03, and 2026-03-11 renamed
//   `archived` to `in_trash` (developers.notion.com/reference/versioning).
// - The SDK retries 429/529 honouring Retry-After, and 500/503 for GET/DELETE only
//   (notion-sdk-js src/Client.ts); creates are made idempotent by the callers (look up first).
import {
  APIErrorCode,
  Client,
  isFullDatabase,
  isFullDataSource,
  isFullPage,
  isNotionClientError,
  iteratePaginatedAPI,
  type CreateCommentParameters,
  type CreateDatabaseParameters,
  type CreatePageParameters,
  type DataSourceObjectResponse,
  type PageObjectResponse,
  type QueryDataSourceParameters,
  type UpdateDataSourceParameters,
  type UpdatePageParameters,
} from '@notionhq/client';

export const NOTION_VERSION = '2026-03-11';

export type DataSourcePropertiesRequest = NonNullable<UpdateDataSourceParameters['properties']>;
export type PagePropertiesRequest = NonNullable<UpdatePageParameters['properties']>;
export type RichTextRequest = Extract<CreateCommentParameters, { rich_text: unknown }>['rich_text'];

export interface NotionAdapter {
  /** The integration's own bot user id (its edits must not count as people's edits). */
  botUserId(): Promise<string>;
  retrievePage(pageId: string): Promise<PageObjectResponse>;
  /** Databases that are direct children of a page, by title. */
  listChildDatabases(pageId: string): Promise<{ id: string; title: string }[]>;
  /** Pages that are direct children of a page, by title. */
  listChildPages(pageId: string): Promise<{ id: string; title: string }[]>;
  retrieveDatabase(databaseId: string): Promise<{ id: string; title: string; dataSourceIds: string[]; parentPageId: string | null }>;
  retrieveDataSource(dataSourceId: string): Promise<DataSourceObjectResponse>;
  updateDataSource(dataSourceId: string, properties: DataSourcePropertiesRequest): Promise<DataSourceObjectResponse>;
  createDatabase(params: CreateDatabaseParameters): Promise<{ databaseId: string; dataSourceIds: string[] }>;
  /** Every row matching the query, following pagination. */
  queryDataSource(dataSourceId: string, query?: Omit<QueryDataSourceParameters, 'data_source_id' | 'start_cursor'>): Promise<PageObjectResponse[]>;
  readMarkdown(pageId: string): Promise<{ markdown: string; truncated: boolean }>;
  replaceMarkdown(pageId: string, markdown: string): Promise<void>;
  updatePage(pageId: string, properties: PagePropertiesRequest): Promise<PageObjectResponse>;
  createPage(params: CreatePageParameters): Promise<PageObjectResponse>;
  comment(pageId: string, richText: RichTextRequest): Promise<void>;
}

export interface NotionClientOptions {
  token: string;
  baseUrl: string;
  fetch?: typeof fetch;
}

export function createNotionClient(options: NotionClientOptions): Client {
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl,
    notionVersion: NOTION_VERSION,
    // Workers' fetch must be called unbound from the global, not as a method of the client.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
}

export function createNotionAdapter(client: Client): NotionAdapter {
  let botId: Promise<string> | undefined;
  return {
    botUserId() {
      botId ??= client.users.me({}).then((me) => me.id);
      return botId;
    },
    async retrievePage(pageId) {
      return fullPage(await client.pages.retrieve({ page_id: pageId }));
    },
    async listChildDatabases(pageId) {
      const found: { id: string; title: string }[] = [];
      for await (const block of iteratePaginatedAPI(client.blocks.children.list, { block_id: pageId })) {
        if ('type' in block && block.type === 'child_database') found.push({ id: block.id, title: block.child_database.title });
      }
      return found;
    },
    async listChildPages(pageId) {
      const found: { id: string; title: string }[] = [];
      for await (const block of iteratePaginatedAPI(client.blocks.children.list, { block_id: pageId })) {
        if ('type' in block && block.type === 'child_page') found.push({ id: block.id, title: block.child_page.title });
      }
      return found;
    },
    async retrieveDatabase(databaseId) {
      const db = await client.databases.retrieve({ database_id: databaseId });
      if (!isFullDatabase(db)) throw new Error(`Notion returned a partial database for ${databaseId}`);
      return {
        id: db.id,
        title: db.title.map((t) => t.plain_text).join(''),
        dataSourceIds: db.data_sources.map((d) => d.id),
        parentPageId: db.parent.type === 'page_id' ? db.parent.page_id : null,
      };
    },
    async retrieveDataSource(dataSourceId) {
      return fullDataSource(await client.dataSources.retrieve({ data_source_id: dataSourceId }));
    },
    async updateDataSource(dataSourceId, properties) {
      return fullDataSource(await client.dataSources.update({ data_source_id: dataSourceId, properties }));
    },
    async createDatabase(params) {
      const db = await client.databases.create(params);
      if (!isFullDatabase(db)) throw new Error('Notion returned a partial database after create');
      return { databaseId: db.id, dataSourceIds: db.data_sources.map((d) => d.id) };
    },
    async queryDataSource(dataSourceId, query = {}) {
      const rows: PageObjectResponse[] = [];
      for await (const row of iteratePaginatedAPI(client.dataSources.query, { ...query, data_source_id: dataSourceId })) {
        if (isFullPage(row)) rows.push(row);
      }
      return rows;
    },
    async readMarkdown(pageId) {
      const result = await client.pages.retrieveMarkdown({ page_id: pageId });
      return { markdown: result.markdown, truncated: result.truncated };
    },
    async replaceMarkdown(pageId, markdown) {
      await client.pages.updateMarkdown({
        page_id: pageId,
        type: 'replace_content',
        replace_content: { new_str: markdown },
      });
    },
    async updatePage(pageId, properties) {
      return fullPage(await client.pages.update({ page_id: pageId, properties }));
    },
    async createPage(params) {
      return fullPage(await client.pages.create(params));
    },
    async comment(pageId, richText) {
      await client.comments.create({ parent: { page_id: pageId }, rich_text: richText });
    },
  };
}

function fullPage(page: Awaited<ReturnType<Client['pages']['retrieve']>>): PageObjectResponse {
  if (!isFullPage(page)) throw new Error(`Notion returned a partial page for ${page.id}`);
  return page;
}

function fullDataSource(ds: Awaited<ReturnType<Client['dataSources']['retrieve']>>): DataSourceObjectResponse {
  if (!isFullDataSource(ds)) throw new Error(`Notion returned a partial data source for ${ds.id}`);
  return ds;
}

/** Notion's "not found" also means "not shared with the integration". */
export function isNotionNotFound(error: unknown): boolean {
  return isNotionClientError(error) && error.code === APIErrorCode.ObjectNotFound;
}

export function isNotionUnauthorized(error: unknown): boolean {
  return isNotionClientError(error) && (error.code === APIErrorCode.Unauthorized || error.code === APIErrorCode.RestrictedResource);
}
