// Page endpoints: create, retrieve, update, move, and the markdown pair (reference/post-page,
// retrieve-a-page, patch-page, move-page, retrieve-page-markdown, update-page-markdown).
import { pageMarkdown, updateMarkdown } from '../operations/content';
import { createPage, getPage, movePage, updatePage } from '../operations/pages';
import { pageObject } from '../serialize/objects';
import type { Route } from './route';
import { findProperty } from '../model/property-schema';
import type { OperationContext } from '../context';
import type { StoredPage } from '../model/types';

function only(ctx: OperationContext, page: StoredPage, filter?: string[]): Set<string> | undefined {
  if (!filter) return undefined;
  const ds = page.parent.type === 'data_source_id' ? ctx.store.dataSource(page.parent.data_source_id) : undefined;
  return new Set(filter.map((f) => (ds ? (findProperty(ds, f)?.id ?? f) : f)));
}

const arrays = { arrays: ['filter_properties'] };

export const pageRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/pages',
    request: 'CreatePageParameters',
    response: 'PageObjectResponse',
    query: arrays,
    handle: (ctx, input) => {
      const page = createPage(ctx, input);
      return pageObject(page, ctx.store, ctx.version, only(ctx, page, input.filter_properties));
    },
  },
  {
    method: 'GET',
    path: '/v1/pages/:page_id',
    request: 'GetPageParameters',
    response: 'PageObjectResponse',
    query: arrays,
    handle: (ctx, input) => {
      const page = getPage(ctx, input.page_id);
      return pageObject(page, ctx.store, ctx.version, only(ctx, page, input.filter_properties));
    },
  },
  {
    method: 'PATCH',
    path: '/v1/pages/:page_id',
    request: 'UpdatePageParameters',
    response: 'PageObjectResponse',
    query: arrays,
    handle: (ctx, input) => {
      const { page_id, filter_properties, ...body } = input;
      const page = updatePage(ctx, page_id, body);
      return pageObject(page, ctx.store, ctx.version, only(ctx, page, filter_properties));
    },
  },
  {
    method: 'POST',
    path: '/v1/pages/:page_id/move',
    request: 'MovePageParameters',
    response: 'PageObjectResponse',
    handle: (ctx, input) => pageObject(movePage(ctx, input.page_id, input.parent), ctx.store, ctx.version),
  },
  {
    method: 'GET',
    path: '/v1/pages/:page_id/markdown',
    request: 'GetPageMarkdownParameters',
    response: 'PageMarkdownResponse',
    query: { booleans: ['include_transcript'] },
    handle: (ctx, input) => pageMarkdown(ctx, input.page_id),
  },
  {
    method: 'PATCH',
    path: '/v1/pages/:page_id/markdown',
    request: 'UpdatePageMarkdownParameters',
    response: 'PageMarkdownResponse',
    handle: (ctx, input) => {
      const { page_id, ...edit } = input;
      return updateMarkdown(ctx, page_id, edit as never);
    },
  },
];
