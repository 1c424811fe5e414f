// Page content as blocks (reference/block): request blocks to stored blocks, stored blocks to
// responses. Child pages and databases are blocks too: their id is the page's or database's id.
import type { BlockObjectRequest, BlockObjectResponse } from '@notionhq/client';
import { bodyValidationError } from '../errors';
import { newId } from '../ids';
import { renderRichText, toStoredRichText } from '../rich-text';
import { partialUser } from '../serialize/users';
import type { NotionVersion } from '../versions';
import type { Store } from './store';
import type { BlockContent, BlockType, StoredBlock, StoredIcon } from './types';

export const WRITABLE_BLOCK_TYPES: readonly BlockType[] = [
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'heading_4',
  'bulleted_list_item',
  'numbered_list_item',
  'to_do',
  'toggle',
  'quote',
  'callout',
  'code',
  'divider',
  'equation',
];

const TEXT_BLOCKS = new Set<BlockType>(WRITABLE_BLOCK_TYPES.filter((t) => t !== 'divider' && t !== 'equation'));

/** A block as the stand-in builds it before storing: type, content and children. */
export interface BlockDraft {
  type: BlockType;
  content: BlockContent;
  children: BlockDraft[];
  /** Set when the draft stands for an existing block (markdown edits keep ids). */
  id?: string;
  /** An existing child page, database or unknown block the markdown refers to, kept as it is. */
  keep?: boolean;
}

export function draftsFromRequest(requests: BlockObjectRequest[], store: Store, path: string): BlockDraft[] {
  return requests.map((request, index) => {
    const at = `${path}[${index}]`;
    const record = request as Record<string, unknown>;
    const type = (typeof record.type === 'string' ? record.type : Object.keys(record).find((k) => k !== 'object')) as string;
    if (!WRITABLE_BLOCK_TYPES.includes(type as BlockType)) {
      throw bodyValidationError(`${at}.${type} is a block type the Notion stand-in does not support`);
    }
    const body = (record[type] ?? {}) as Record<string, unknown>;
    const content: BlockContent = {};
    if (TEXT_BLOCKS.has(type as BlockType)) {
      content.rich_text = toStoredRichText((body.rich_text ?? []) as never, store, `${at}.${type}.rich_text`);
      if (type !== 'code') content.color = (body.color as string | undefined) ?? 'default';
    }
    if (type.startsWith('heading_')) content.is_toggleable = (body.is_toggleable as boolean | undefined) ?? false;
    if (type === 'to_do') content.checked = (body.checked as boolean | undefined) ?? false;
    if (type === 'paragraph') content.icon = toIcon(body.icon) ?? null;
    if (type === 'callout') {
      content.icon = toIcon(body.icon) ?? { type: 'emoji', emoji: '💡' };
      content.color = (body.color as string | undefined) ?? 'gray_background';
    }
    if (type === 'code') {
      content.language = body.language as string;
      content.caption = toStoredRichText((body.caption ?? []) as never, store, `${at}.code.caption`);
    }
    if (type === 'equation') content.expression = String(body.expression ?? '');
    const children = Array.isArray(body.children)
      ? draftsFromRequest(body.children as BlockObjectRequest[], store, `${at}.${type}.children`)
      : [];
    return { type: type as BlockType, content, children };
  });
}

function toIcon(raw: unknown): StoredIcon | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const icon = raw as Record<string, unknown>;
  if (typeof icon.emoji === 'string') return { type: 'emoji', emoji: icon.emoji };
  const external = icon.external as { url?: string } | undefined;
  if (external?.url) return { type: 'external', external: { url: external.url } };
  throw bodyValidationError('body.icon uses an icon type the Notion stand-in does not support');
}

/** Stores drafts under a parent (page or block); returns the ids of the top-level blocks. */
export function storeDrafts(
  drafts: BlockDraft[],
  parentId: string,
  store: Store,
  actorId: string,
  position: { after?: string; start?: boolean } = {},
): string[] {
  const parentType = store.page(parentId) ? 'page_id' : 'block_id';
  const ids = drafts.map((draft) => {
    if (draft.keep && draft.id) {
      // An existing child page or block named again by markdown: moved here, not copied.
      for (const [holder, list] of Object.entries(store.state.children)) {
        if (list.includes(draft.id)) store.removeChild(holder, draft.id);
      }
      return draft.id;
    }
    const id = draft.id ?? newId();
    const block: StoredBlock = { id, type: draft.type, parentId, parentType, content: draft.content, in_trash: false, ...store.stamp(actorId) };
    store.state.blocks[id] = block;
    store.state.children[id] = [];
    storeDrafts(draft.children, id, store, actorId);
    return id;
  });
  store.insertChildren(parentId, ids, position);
  return ids;
}

/** The children a listing shows: not in the trash. */
export function visibleChildren(parentId: string, store: Store): string[] {
  return store.childIds(parentId).filter((id) => {
    const o = store.block(id) ?? store.page(id) ?? store.database(id);
    return o !== undefined && !o.in_trash;
  });
}

export function renderBlock(id: string, store: Store, version: NotionVersion): BlockObjectResponse {
  const page = store.page(id);
  const database = store.database(id);
  const block = store.block(id);
  // A database has no author of its own in the stand-in; its data source has.
  const source = database ? store.dataSource(database.dataSourceIds[0]!) : undefined;
  const stamp = page ?? block ?? { ...database!, created_by: source?.created_by ?? '', last_edited_by: source?.last_edited_by ?? '' };
  const parentId = page ? store.parentOf(id)! : block ? block.parentId : store.parentOf(id)!;
  const parent = store.page(parentId) ? { type: 'page_id' as const, page_id: parentId } : { type: 'block_id' as const, block_id: parentId };
  const creator = stamp.created_by;
  const common = {
    object: 'block' as const,
    id,
    parent,
    created_time: stamp.created_time,
    created_by: partialUser(creator),
    last_edited_time: stamp.last_edited_time,
    last_edited_by: partialUser(stamp.last_edited_by || creator),
    has_children: visibleChildren(id, store).length > 0,
    in_trash: stamp.in_trash,
    ...(version === '2025-09-03' ? { archived: stamp.in_trash } : {}),
  };
  if (page) return { ...common, type: 'child_page', child_page: { title: store.pageTitle(page) } } as BlockObjectResponse;
  if (database) return { ...common, type: 'child_database', child_database: { title: store.databaseTitle(database) } } as BlockObjectResponse;
  return { ...common, type: block!.type, [block!.type]: renderContent(block!, store) } as BlockObjectResponse;
}

function renderContent(block: StoredBlock, store: Store): Record<string, unknown> {
  const c = block.content;
  switch (block.type) {
    case 'divider':
      return {};
    case 'equation':
      return { expression: c.expression ?? '' };
    case 'code':
      return { rich_text: renderRichText(c.rich_text ?? [], store), caption: renderRichText(c.caption ?? [], store), language: c.language };
    default: {
      const out: Record<string, unknown> = { rich_text: renderRichText(c.rich_text ?? [], store), color: c.color ?? 'default' };
      if (block.type.startsWith('heading_')) out.is_toggleable = c.is_toggleable ?? false;
      if (block.type === 'to_do') out.checked = c.checked ?? false;
      if (block.type === 'paragraph' || block.type === 'callout') out.icon = c.icon ?? null;
      return out;
    }
  }
}

/** Moves a block and everything under it to the trash (child pages included). */
export function trashTree(id: string, store: Store, actorId: string): void {
  const target = store.block(id) ?? store.page(id) ?? store.database(id);
  if (!target) return;
  target.in_trash = true;
  if ('last_edited_by' in target) store.touch(target, actorId);
  if (store.block(id)) for (const child of store.childIds(id)) trashTree(child, store, actorId);
}
