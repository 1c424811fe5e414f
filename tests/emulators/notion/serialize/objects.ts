// Page, database, data source and comment objects as the API returns them
// (reference/page, reference/database, reference/data-source, reference/comment-object).
// `archived` exists only before 2026-03-11 (upgrade guide 2026-03-11).
import type {
  CommentObjectResponse,
  DatabaseObjectResponse,
  DataSourceObjectResponse,
  PageObjectResponse,
} from '@notionhq/client';
import { objectUrl, pageUrl } from '../ids';
import { renderPropertyConfig } from '../model/property-schema';
import { renderProperties } from '../model/property-values';
import type { Store } from '../model/store';
import type { StoredComment, StoredDatabase, StoredDataSource, StoredIcon, StoredPage } from '../model/types';
import { renderRichText } from '../rich-text';
import type { NotionVersion } from '../versions';
import { partialUser } from './users';

const archived = (version: NotionVersion, inTrash: boolean) => (version === '2025-09-03' ? { archived: inTrash } : {});

export function iconObject(icon: StoredIcon | null) {
  return icon ? { ...icon } : null;
}

export function pageObject(page: StoredPage, store: Store, version: NotionVersion, only?: Set<string>): PageObjectResponse {
  return {
    object: 'page',
    id: page.id,
    created_time: page.created_time,
    last_edited_time: page.last_edited_time,
    in_trash: page.in_trash,
    ...archived(version, page.in_trash),
    is_archived: page.is_archived,
    is_locked: page.is_locked,
    url: pageUrl(store.pageTitle(page), page.id, store.webBase),
    public_url: null,
    parent: { ...page.parent } as PageObjectResponse['parent'],
    properties: renderProperties(page, store, only),
    icon: iconObject(page.icon) as PageObjectResponse['icon'],
    cover: page.cover ? { ...page.cover } : null,
    created_by: partialUser(page.created_by),
    last_edited_by: partialUser(page.last_edited_by),
  } as PageObjectResponse;
}

export function databaseObject(db: StoredDatabase, store: Store, version: NotionVersion): DatabaseObjectResponse {
  return {
    object: 'database',
    id: db.id,
    title: renderRichText(db.title, store),
    description: renderRichText(db.description, store),
    parent: { ...db.parent },
    is_inline: db.is_inline,
    in_trash: db.in_trash,
    ...archived(version, db.in_trash),
    is_locked: db.is_locked,
    created_time: db.created_time,
    last_edited_time: db.last_edited_time,
    data_sources: db.dataSourceIds.map((id) => ({ id, name: dataSourceName(store, id) })),
    icon: iconObject(db.icon) as DatabaseObjectResponse['icon'],
    cover: null,
    url: objectUrl(db.id, store.webBase),
    public_url: null,
  } as DatabaseObjectResponse;
}

function dataSourceName(store: Store, id: string): string {
  const ds = store.dataSource(id);
  return ds ? ds.title.map((t) => (t.type === 'text' ? t.text.content : '')).join('') : '';
}

export function dataSourceObject(ds: StoredDataSource, store: Store, version: NotionVersion): DataSourceObjectResponse {
  const db = store.database(ds.databaseId)!;
  const properties: DataSourceObjectResponse['properties'] = {};
  for (const p of ds.properties) properties[p.name] = renderPropertyConfig(p);
  return {
    object: 'data_source',
    id: ds.id,
    title: renderRichText(ds.title, store),
    description: renderRichText(ds.description, store),
    parent: { type: 'database_id', database_id: db.id },
    database_parent: { ...db.parent },
    is_inline: db.is_inline,
    in_trash: ds.in_trash,
    ...archived(version, ds.in_trash),
    created_time: ds.created_time,
    last_edited_time: ds.last_edited_time,
    created_by: partialUser(ds.created_by),
    last_edited_by: partialUser(ds.last_edited_by),
    properties,
    icon: iconObject(db.icon) as DataSourceObjectResponse['icon'],
    cover: null,
    url: objectUrl(db.id, store.webBase),
    public_url: null,
  } as DataSourceObjectResponse;
}

export function commentObject(comment: StoredComment, store: Store): CommentObjectResponse {
  const author = store.user(comment.created_by);
  const integration = comment.integrationBotId ? store.integrationByBot(comment.integrationBotId) : undefined;
  return {
    object: 'comment',
    id: comment.id,
    parent: { ...comment.parent } as CommentObjectResponse['parent'],
    discussion_id: comment.discussionId,
    created_time: comment.created_time,
    last_edited_time: comment.last_edited_time,
    created_by: partialUser(comment.created_by),
    rich_text: renderRichText(comment.rich_text, store),
    display_name: integration
      ? { type: 'integration', resolved_name: integration.name }
      : { type: 'user', resolved_name: author?.name ?? null },
  };
}
