// Comments, users and search (reference/create-a-comment, list-comments, get-users, get-user,
// get-self, post-search).
import { notFound } from '../errors';
import { createComment, listComments } from '../operations/comments';
import { resolveId } from '../operations/pages';
import { search } from '../operations/search';
import { paginate } from '../pagination';
import { commentObject, dataSourceObject, pageObject } from '../serialize/objects';
import { userObject } from '../serialize/users';
import type { Route } from './route';

export const miscRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/comments',
    request: 'CreateCommentParameters',
    response: 'CommentObjectResponse',
    handle: (ctx, input) => commentObject(createComment(ctx, input as never), ctx.store),
  },
  {
    method: 'GET',
    path: '/v1/comments',
    request: 'ListCommentsParameters',
    response: 'ListCommentsResponse',
    query: { numbers: ['page_size'] },
    handle: (ctx, input) => {
      const page = paginate(listComments(ctx, input.block_id), (c) => c.id, input, 'query');
      return {
        object: 'list',
        results: page.results.map((c) => commentObject(c, ctx.store)),
        next_cursor: page.next_cursor,
        has_more: page.has_more,
        type: 'comment',
        comment: {},
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/users/me',
    request: 'GetSelfParameters',
    response: 'UserObjectResponse',
    handle: (ctx) => userObject(ctx.store.user(ctx.integration.botId)!, ctx.store, { self: true }),
  },
  {
    method: 'GET',
    path: '/v1/users/:user_id',
    request: 'GetUserParameters',
    response: 'UserObjectResponse',
    handle: (ctx, input) => {
      const id = resolveId(input.user_id, 'path.user_id');
      const user = ctx.store.user(id);
      if (!user) throw notFound('user', id, ctx.integration.name);
      return userObject(user, ctx.store);
    },
  },
  {
    method: 'GET',
    path: '/v1/users',
    request: 'ListUsersParameters',
    response: 'ListUsersResponse',
    query: { numbers: ['page_size'] },
    handle: (ctx, input) => {
      const page = paginate(Object.values(ctx.store.state.users), (u) => u.id, input, 'query');
      return {
        object: 'list',
        results: page.results.map((u) => userObject(u, ctx.store)),
        next_cursor: page.next_cursor,
        has_more: page.has_more,
        type: 'user',
        user: {},
      };
    },
  },
  {
    method: 'POST',
    path: '/v1/search',
    request: 'SearchParameters',
    response: 'SearchResponse',
    handle: (ctx, input) => {
      const page = search(ctx, input);
      return {
        object: 'list',
        results: page.results.map((h) => (h.kind === 'page' ? pageObject(h.page, ctx.store, ctx.version) : dataSourceObject(h.dataSource, ctx.store, ctx.version))),
        next_cursor: page.next_cursor,
        has_more: page.has_more,
        type: 'page_or_data_source',
        page_or_data_source: {},
      };
    },
  },
];
