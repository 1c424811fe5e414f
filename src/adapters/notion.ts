// Notion, through @notionhq/client. The only module that calls the Notion API.
//
// - The API version is pinned: the SDK still defaults to 2025-09-03, and 2026-03-11 renamed
//   `archived` to `in_trash` (developers.notion.com/reference/versioning).
// - The SDK's own retry is off (`retry: false`): it would resend creates after a 529. Every call
//   goes through notion-retry.ts instead — reads retried, writes retried only when refused
//   (429), creates at most once by looking up before sending again.
import {
  APIErrorCode,
  APIResponseError,
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
import { createOnce, withRetry, type RetryPolicy } from './notion-retry';

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
  /**
   * Inserts markdown after the line holding a selection ("start…end"), or at the end; nothing
   * else on the page is rewritten. Answers with the page's markdown after the insert (PATCH
   * /v1/pages/{id}/markdown returns the page_markdown object: SDK UpdatePageMarkdownResponse).
   */
  insertMarkdown(pageId: string, insert: { content: string; after?: string }): Promise<{ markdown: string; truncated: boolean }>;
  /** Replaces the text a selection ("start…end") covers; nothing else on the page is rewritten. Answers with the page's markdown after it. */
  replaceMarkdownRange(pageId: string, edit: { range: string; content: string }): Promise<{ markdown: string; truncated: boolean }>;
  updatePage(pageId: string, properties: PagePropertiesRequest): Promise<PageObjectResponse>;
  /**
   * Creates a page at most once: after a doubtful answer `lookup` finds the page if the first
   * attempt committed. Without a lookup a doubtful answer is thrown (the caller looks up).
   */
  createPage(params: CreatePageParameters, lookup?: () => Promise<PageObjectResponse | null>): Promise<PageObjectResponse>;
  /** Comments once: after a doubtful answer, Baton's newest comment on the page, if identical, counts as made. */
  comment(pageId: string, richText: RichTextRequest): Promise<void>;
  /** Unresolved comments on a page (GET /v1/comments lists only those), oldest first; `text` leaves mentions out. */
  listComments(pageId: string): Promise<PageComment[]>;
  /**
   * The workspace's people (users of type person, with a name; bots left out), every page of
   * GET /v1/users. Refused when the integration may not read user information; other failures throw.
   */
  listUsers(): Promise<UserList>;
}

export interface NotionPerson {
  id: string;
  name: string;
}

/**
 * GET /v1/users needs one of the integration's user-information capabilities; without it Notion
 * answers 403 (developers.notion.com/reference/get-users: "Attempting to call this API without user
 * information capabilities will return an HTTP response with a 403 status code"). In the integration's
 * settings the capability is "Read user information without email addresses" (or "…including email
 * addresses"; reference/capabilities). Guests are never listed.
 */
export type UserList = { ok: true; people: NotionPerson[] } | { ok: false; reason: 'no_user_information' };

export interface PageComment {
  id: string;
  authorId: string;
  createdTime: string;
  text: string;
}

export interface NotionClientOptions {
  token: string;
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createNotionClient(options: NotionClientOptions): Client {
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl,
    notionVersion: NOTION_VERSION,
    // Baton retries itself (notion-retry.ts); the SDK would resend creates after a 529.
    retry: false,
    timeoutMs: options.timeoutMs ?? 60_000,
    // Workers' fetch must be called unbound from the global, not as a method of the client.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
}

export function createNotionAdapter(client: Client, policy: RetryPolicy = DEFAULT_POLICY): NotionAdapter {
  let botId: Promise<string> | undefined;
  const read = <T>(call: () => Promise<T>) => withRetry('read', policy, call);
  const write = <T>(call: () => Promise<T>) => withRetry('write', policy, call);
  type Block = Awaited<ReturnType<Client['blocks']['children']['list']>>['results'][number];
  const childBlocks = async <T>(pageId: string, pick: (block: Block) => T | null): Promise<T[]> =>
    read(async () => {
      const found: T[] = [];
      for await (const block of iteratePaginatedAPI(client.blocks.children.list, { block_id: pageId })) {
        const hit = pick(block);
        if (hit !== null) found.push(hit);
      }
      return found;
    });
  const adapter: NotionAdapter = {
    botUserId() {
      botId ??= read(() => client.users.me({})).then((me) => me.id);
      botId.catch(() => (botId = undefined));
      return botId;
    },
    async retrievePage(pageId) {
      return fullPage(await read(() => client.pages.retrieve({ page_id: pageId })));
    },
    listChildDatabases: (pageId) =>
      childBlocks(pageId, (block) => ('type' in block && block.type === 'child_database' ? { id: block.id, title: block.child_database.title } : null)),
    listChildPages: (pageId) => childBlocks(pageId, (block) => ('type' in block && block.type === 'child_page' ? { id: block.id, title: block.child_page.title } : null)),
    async retrieveDatabase(databaseId) {
      const db = await read(() => client.databases.retrieve({ database_id: databaseId }));
      if (!isFullDatabase(db)) throw new Error(`Notion returned a partial database for ${databaseId}`);
      return {
        id: db.id,
        title: db.title.map((t) => t.plain_text).join(''),
        dataSourceIds: db.data_sources.map((d) => d.id),
        parentPageId: db.parent.type === 'page_id' ? db.parent.page_id : null,
      };
    },
    async retrieveDataSource(dataSourceId) {
      return fullDataSource(await read(() => client.dataSources.retrieve({ data_source_id: dataSourceId })));
    },
    async updateDataSource(dataSourceId, properties) {
      // Setting a schema to the same properties twice is harmless, so a doubtful answer is retried.
      return fullDataSource(await read(() => client.dataSources.update({ data_source_id: dataSourceId, properties })));
    },
    async createDatabase(params) {
      // Setup is run by a person and safe to run again (it finds databases by title first).
      const db = await createOnce(policy, () => client.databases.create(params));
      if (!isFullDatabase(db)) throw new Error('Notion returned a partial database after create');
      return { databaseId: db.id, dataSourceIds: db.data_sources.map((d) => d.id) };
    },
    async queryDataSource(dataSourceId, query = {}) {
      return read(async () => {
        const rows: PageObjectResponse[] = [];
        for await (const row of iteratePaginatedAPI(client.dataSources.query, { ...query, data_source_id: dataSourceId })) {
          if (isFullPage(row)) rows.push(row);
        }
        return rows;
      });
    },
    async readMarkdown(pageId) {
      const result = await read(() => client.pages.retrieveMarkdown({ page_id: pageId }));
      return { markdown: result.markdown, truncated: result.truncated };
    },
    async replaceMarkdown(pageId, markdown) {
      await write(() =>
        client.pages.updateMarkdown({
          page_id: pageId,
          type: 'replace_content',
          replace_content: { new_str: markdown },
        }),
      );
    },
    async replaceMarkdownRange(pageId, { range, content }) {
      const result = await write(() => client.pages.updateMarkdown({ page_id: pageId, type: 'replace_content_range', replace_content_range: { content, content_range: range } }));
      return { markdown: result.markdown, truncated: result.truncated };
    },
    async insertMarkdown(pageId, { content, after }) {
      const result = await write(() =>
        client.pages.updateMarkdown({
          page_id: pageId,
          type: 'insert_content',
          insert_content: after === undefined ? { content, position: { type: 'end' } } : { content, after },
        }),
      );
      return { markdown: result.markdown, truncated: result.truncated };
    },
    async updatePage(pageId, properties) {
      return fullPage(await write(() => client.pages.update({ page_id: pageId, properties })));
    },
    async createPage(params, lookup) {
      return fullPage(await createOnce(policy, () => client.pages.create(params), lookup));
    },
    async comment(pageId, richText) {
      const wanted = plainText(richText);
      await createOnce<unknown>(
        policy,
        () => client.comments.create({ parent: { page_id: pageId }, rich_text: richText }),
        async () => {
          // Baton's newest comment on the page is this one if the doubtful create committed
          // (comments are listed oldest first); no clock is compared with Notion's.
          const bot = await adapter.botUserId();
          const newest = (await adapter.listComments(pageId)).filter((c) => c.authorId === bot).at(-1);
          return newest?.text === wanted ? newest : null;
        },
      );
    },
    async listComments(pageId) {
      return read(async () => {
        const found: PageComment[] = [];
        for await (const c of iteratePaginatedAPI(client.comments.list, { block_id: pageId })) {
          if (!('created_by' in c) || !('rich_text' in c)) continue;
          // Mentions left out, as in plainText below, so Baton's own comments compare equal.
          const text = c.rich_text.filter((t) => t.type !== 'mention').map((t) => t.plain_text).join('');
          found.push({ id: c.id, authorId: c.created_by.id, createdTime: c.created_time, text });
        }
        return found;
      });
    },
    async listUsers() {
      try {
        return await read(async () => {
          const people: NotionPerson[] = [];
          // The SDK follows next_cursor with start_cursor; 100 is the largest page Notion serves.
          for await (const user of iteratePaginatedAPI(client.users.list, { page_size: 100 })) {
            if (user.type === 'person' && user.name?.trim()) people.push({ id: user.id, name: user.name.trim() });
          }
          return { ok: true as const, people };
        });
      } catch (error) {
        // The docs promise a 403; its code is restricted_resource, as for any other capability refused.
        if (APIResponseError.isAPIResponseError(error) && (error.status === 403 || error.code === APIErrorCode.RestrictedResource)) {
          return { ok: false, reason: 'no_user_information' };
        }
        throw error;
      }
    },
  };
  return adapter;
}

const DEFAULT_POLICY: RetryPolicy = { retries: 4, backoffMs: 1000 };

/** The text of a rich_text request without its mentions (listComments reads comments the same way). */
function plainText(richText: RichTextRequest): string {
  return richText.map((item) => ('text' in item && item.text ? item.text.content : '')).join('');
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
