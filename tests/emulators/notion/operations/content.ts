// Page bodies: listing and appending blocks (reference/get-block-children,
// reference/patch-block-children) and the markdown endpoints (reference/retrieve-page-markdown,
// reference/update-page-markdown).
import type { AppendBlockChildrenParameters } from '@notionhq/client';
import { type OperationContext, requireVisible } from '../context';
import { bodyValidationError, notFound, quoteValue, validationError } from '../errors';
import { applyDrafts } from '../markdown/apply';
import { applyEdit, type MarkdownEdit } from '../markdown/edit';
import { parseMarkdown } from '../markdown/parse';
import { renderPageMarkdown } from '../markdown/render';
import { draftsFromRequest, storeDrafts, visibleChildren } from '../model/blocks';
import type { StoredPage } from '../model/types';
import { getPage, resolveId } from './pages';

const LOCKED_MESSAGE = "Can't edit block that is archived. You must unarchive the block before editing.";

/** A page or block whose children may be read or written; a page in the trash answers 404. */
export function requireContainer(ctx: OperationContext, rawId: string): string {
  const { store } = ctx;
  const id = resolveId(rawId, 'path.block_id');
  const exists = store.page(id) !== undefined || store.block(id) !== undefined;
  requireVisible(ctx, id, 'block', exists);
  // Observed live (2026-10): the children of a page in the trash answer 404.
  if (store.inTrash(id)) throw notFound('block', id, ctx.integration.name);
  return id;
}

export function listChildren(ctx: OperationContext, rawId: string): string[] {
  return visibleChildren(requireContainer(ctx, rawId), ctx.store);
}

export function appendChildren(
  ctx: OperationContext,
  rawId: string,
  params: Omit<AppendBlockChildrenParameters, 'block_id'>,
): string[] {
  const { store } = ctx;
  const parentId = requireContainer(ctx, rawId);
  // 2025-09-03 takes `after`; 2026-03-11 replaced it with `position` (upgrade guide 2026-03-11).
  if (ctx.version === '2025-09-03' && params.position !== undefined) {
    throw bodyValidationError(`body.position should be not present, instead was \`${quoteValue(params.position)}\``);
  }
  if (ctx.version !== '2025-09-03' && params.after !== undefined) {
    throw bodyValidationError(`body.after should be not present, instead was \`${quoteValue(params.after)}\``);
  }
  let where: { after?: string; start?: boolean } = {};
  const afterRaw = params.after ?? (params.position?.type === 'after_block' ? params.position.after_block.id : undefined);
  if (afterRaw !== undefined) {
    const after = resolveId(afterRaw, params.after !== undefined ? 'body.after' : 'body.position.after_block.id');
    if (!store.childIds(parentId).includes(after)) throw validationError(`Block ${after} is not a child of ${parentId}.`);
    where = { after };
  } else if (params.position?.type === 'start') where = { start: true };
  const drafts = draftsFromRequest(params.children, store, 'body.children');
  const ids = storeDrafts(drafts, parentId, store, ctx.actor.id, where);
  const page = store.owningPage(parentId);
  if (page) touchContent(ctx, page, ids);
  return ids;
}

function touchContent(ctx: OperationContext, page: StoredPage, blockIds: string[]): void {
  ctx.store.touch(page, ctx.actor.id);
  ctx.store.changed();
  ctx.emit({ type: 'page.content_updated', pageId: page.id, actor: ctx.actor, blockIds });
}

export function pageMarkdown(ctx: OperationContext, rawId: string) {
  const page = getPage(ctx, rawId);
  if (ctx.store.inTrash(page.id)) throw notFound('page', page.id, ctx.integration.name);
  const rendered = renderPageMarkdown(page.id, ctx.store);
  return { object: 'page_markdown' as const, id: page.id, markdown: rendered.markdown, truncated: false, unknown_block_ids: rendered.unknownBlockIds };
}

export function updateMarkdown(ctx: OperationContext, rawId: string, edit: MarkdownEdit & { allow_async?: boolean }) {
  const { store } = ctx;
  const page = getPage(ctx, rawId);
  if (store.inTrash(page.id)) throw validationError(LOCKED_MESSAGE);
  const current = renderPageMarkdown(page.id, store).markdown;
  const outcome = applyEdit(current, edit);
  const drafts = parseMarkdown(outcome.markdown, store);
  const result = applyDrafts(page.id, drafts, store, ctx.actor.id, outcome.allowDeleting);
  if (result.changedBlockIds.length > 0) touchContent(ctx, page, result.changedBlockIds);
  return pageMarkdown(ctx, page.id);
}
