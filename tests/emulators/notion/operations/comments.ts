// Comments (reference/create-a-comment, reference/list-comments): on a page, on a block, or as
// a reply in a discussion. Listing shows unresolved comments only. A comment does not move the
// page's last_edited_time (observed live, 2026-10).
import type { CreateCommentParameters } from '@notionhq/client';
import { type OperationContext, requireVisible } from '../context';
import { notFound } from '../errors';
import { newId } from '../ids';
import { parseInline } from '../markdown/inline';
import type { StoredComment } from '../model/types';
import { canSee } from '../model/visibility';
import { toStoredRichText } from '../rich-text';
import { resolveId } from './pages';

export function createComment(ctx: OperationContext, params: CreateCommentParameters): StoredComment {
  const { store } = ctx;
  let parent: StoredComment['parent'];
  let discussionId: string;
  if ('discussion_id' in params) {
    const id = resolveId(params.discussion_id, 'body.discussion_id');
    const first = Object.values(store.state.comments).find((c) => c.discussionId === id);
    if (!first) throw notFound('discussion', id, ctx.integration.name);
    const target = 'page_id' in first.parent ? first.parent.page_id : first.parent.block_id;
    if (ctx.actor.type === 'bot' && !canSee(store, ctx.integration, target)) throw notFound('discussion', id, ctx.integration.name);
    parent = { ...first.parent };
    discussionId = id;
  } else {
    const raw = 'page_id' in params.parent ? params.parent.page_id : params.parent.block_id;
    const kind = 'page_id' in params.parent ? 'page' : 'block';
    const id = resolveId(raw, `body.parent.${kind}_id`);
    requireVisible(ctx, id, kind, kind === 'page' ? store.page(id) !== undefined : store.block(id) !== undefined);
    parent = kind === 'page' ? { type: 'page_id', page_id: id } : { type: 'block_id', block_id: id };
    discussionId = newId();
  }
  const rich_text = 'rich_text' in params ? toStoredRichText(params.rich_text, store, 'body.rich_text') : parseInline(params.markdown, store);
  const at = store.nowMinute();
  const comment: StoredComment = {
    id: newId(),
    discussionId,
    parent,
    rich_text,
    created_time: at,
    last_edited_time: at,
    created_by: ctx.actor.id,
    ...(ctx.actor.type === 'bot' ? { integrationBotId: ctx.actor.id } : {}),
    resolved: false,
  };
  store.state.comments[comment.id] = comment;
  store.changed();
  const pageId = store.owningPage('page_id' in parent ? parent.page_id : parent.block_id)?.id ?? '';
  ctx.emit({ type: 'comment.created', commentId: comment.id, pageId, actor: ctx.actor });
  return comment;
}

export function listComments(ctx: OperationContext, rawBlockId: string): StoredComment[] {
  const { store } = ctx;
  const id = resolveId(rawBlockId, 'query.block_id');
  requireVisible(ctx, id, 'block', store.page(id) !== undefined || store.block(id) !== undefined);
  return Object.values(store.state.comments)
    .filter((c) => !c.resolved && ('page_id' in c.parent ? c.parent.page_id : c.parent.block_id) === id)
    .sort((a, b) => a.created_time.localeCompare(b.created_time));
}
