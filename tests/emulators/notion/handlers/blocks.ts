// Block children (reference/get-block-children, reference/patch-block-children).
import { appendChildren, listChildren } from '../operations/content';
import { renderBlock } from '../model/blocks';
import { paginate } from '../pagination';
import type { Route } from './route';

export const blockRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/blocks/:block_id/children',
    request: 'ListBlockChildrenParameters',
    response: 'ListBlockChildrenResponse',
    query: { numbers: ['page_size'] },
    handle: (ctx, input) => {
      const page = paginate(listChildren(ctx, input.block_id), (id) => id, input, 'query');
      return {
        object: 'list',
        results: page.results.map((id) => renderBlock(id, ctx.store, ctx.version)),
        next_cursor: page.next_cursor,
        has_more: page.has_more,
        type: 'block',
        block: {},
      };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/blocks/:block_id/children',
    request: 'AppendBlockChildrenParameters',
    response: 'AppendBlockChildrenResponse',
    handle: (ctx, input) => {
      const { block_id, ...body } = input;
      const ids = appendChildren(ctx, block_id, body as never);
      return {
        object: 'list',
        results: ids.map((id) => renderBlock(id, ctx.store, ctx.version)),
        next_cursor: null,
        has_more: false,
        type: 'block',
        block: {},
      };
    },
  },
];
