// Replaces a page's body with parsed markdown while keeping the ids of blocks that did not
// change, so comments and links on them survive. Child pages and databases the new markdown
// no longer mentions are moved to the trash only with allow_deleting_content (observed live:
// "This operation would delete N child page(s) or database(s)").
import { validationError } from '../errors';
import { newId } from '../ids';
import { type BlockDraft, storeDrafts, trashTree, visibleChildren } from '../model/blocks';
import type { Store } from '../model/store';

export interface ApplyResult {
  /** Blocks created or removed, for `page.content_updated` (data.updated_blocks). */
  changedBlockIds: string[];
}

export function applyDrafts(pageId: string, drafts: BlockDraft[], store: Store, actorId: string, allowDeleting: boolean): ApplyResult {
  const kept = new Set<string>();
  collectKept(drafts, kept);
  const removedPages = childObjects(pageId, store).filter((id) => !kept.has(id));
  if (removedPages.length > 0 && !allowDeleting) {
    const list = removedPages
      .map((id) => {
        const page = store.page(id);
        return page ? `- page: "${store.pageTitle(page)}" (id: ${id})` : `- database: "${store.databaseTitle(store.database(id)!)}" (id: ${id})`;
      })
      .join('\n');
    throw validationError(
      `This operation would delete ${removedPages.length} child page(s) or database(s):\n${list}\n\nTo proceed, either:\n1. Include these items in content using <page url="..."> tags, OR\n2. Set allow_deleting_content: true to confirm deletion.`,
    );
  }
  const changed: string[] = [];
  reconcile(pageId, drafts, store, actorId, changed);
  for (const id of removedPages) {
    trashTree(id, store, actorId);
    changed.push(id);
  }
  return { changedBlockIds: changed };
}

function collectKept(drafts: BlockDraft[], into: Set<string>): void {
  for (const d of drafts) {
    if (d.keep && d.id) into.add(d.id);
    collectKept(d.children, into);
  }
}

/** Child pages and databases anywhere in the body. */
function childObjects(parentId: string, store: Store): string[] {
  return visibleChildren(parentId, store).flatMap((id) =>
    store.page(id) || store.database(id) ? [id] : store.block(id) ? childObjects(id, store) : [],
  );
}

const signature = (type: string, content: unknown) => `${type}:${JSON.stringify(content)}`;

function reconcile(parentId: string, drafts: BlockDraft[], store: Store, actorId: string, changed: string[]): void {
  const old = visibleChildren(parentId, store).filter((id) => store.block(id));
  const used = new Set<string>();
  const ids: string[] = [];
  for (const draft of drafts) {
    if (draft.keep && draft.id) {
      used.add(draft.id);
      ids.push(draft.id);
      moveUnder(draft.id, parentId, store);
      continue;
    }
    const match = old.find((id) => !used.has(id) && signature(store.block(id)!.type, store.block(id)!.content) === signature(draft.type, draft.content));
    if (match) {
      used.add(match);
      ids.push(match);
      reconcile(match, draft.children, store, actorId, changed);
      continue;
    }
    const [id] = storeDrafts([{ ...draft, id: newId() }], parentId, store, actorId);
    // storeDrafts appended it; it is placed in order below.
    store.removeChild(parentId, id!);
    ids.push(id!);
    markCreated(id!, store, changed);
  }
  for (const id of old) {
    if (used.has(id)) continue;
    // Child pages inside a removed block survive only if the new markdown names them elsewhere.
    trashTree(id, store, actorId);
    changed.push(id);
  }
  const trashed = store.childIds(parentId).filter((id) => !ids.includes(id));
  store.state.children[parentId] = [...ids, ...trashed];
}

function markCreated(id: string, store: Store, changed: string[]): void {
  changed.push(id);
  for (const child of store.childIds(id)) markCreated(child, store, changed);
}

/** A child page referenced from another place in the body moves there. */
function moveUnder(id: string, parentId: string, store: Store): void {
  for (const [holder, list] of Object.entries(store.state.children)) {
    if (holder !== parentId && list.includes(id)) store.removeChild(holder, id);
  }
}
