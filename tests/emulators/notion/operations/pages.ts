// Creating and updating pages (reference/post-page, reference/patch-page), shared by the API
// handlers and the admin API's person actions.
import type { CreatePageParameters, MovePageParameters, UpdatePageParameters } from '@notionhq/client';
import { type OperationContext, requireVisible } from '../context';
import { bodyValidationError, quoteValue, validationError } from '../errors';
import { newId, normalizeId } from '../ids';
import { parseMarkdown, takeTitle } from '../markdown/parse';
import { type BlockDraft, draftsFromRequest, storeDrafts, trashTree } from '../model/blocks';
import { defaultValues, writeProperties } from '../model/property-values';
import type { PageParent, StoredIcon, StoredPage } from '../model/types';

export function resolveId(raw: string, path: string): string {
  const id = normalizeId(raw);
  if (!id) throw validationError(`${path.split('.')[0]} failed validation: ${path} should be a valid uuid, instead was \`${quoteValue(raw)}\`.`);
  return id;
}

function resolveParent(ctx: OperationContext, parent: NonNullable<CreatePageParameters['parent']>): PageParent {
  const { store } = ctx;
  if ('page_id' in parent) {
    const id = resolveId(parent.page_id, 'body.parent.page_id');
    requireVisible(ctx, id, 'page', store.page(id) !== undefined);
    return { type: 'page_id', page_id: id };
  }
  if ('data_source_id' in parent) {
    const id = resolveId(parent.data_source_id, 'body.parent.data_source_id');
    const ds = store.dataSource(id);
    requireVisible(ctx, id, 'data_source', ds !== undefined);
    return { type: 'data_source_id', data_source_id: id, database_id: ds!.databaseId };
  }
  if ('database_id' in parent) {
    // The pre-2025-09-03 shape still works while the database holds a single data source.
    const id = resolveId(parent.database_id, 'body.parent.database_id');
    const db = store.database(id);
    requireVisible(ctx, id, 'database', db !== undefined);
    if (db!.dataSourceIds.length !== 1) {
      throw validationError('Databases with multiple data sources are not supported with parent.database_id; use parent.data_source_id.');
    }
    return { type: 'data_source_id', data_source_id: db!.dataSourceIds[0]!, database_id: id };
  }
  // Internal integrations are not owned by a person, so they cannot make private workspace pages.
  throw validationError('Internal integrations cannot create workspace-level pages. Give the page a parent page or data source.');
}

export function toIcon(raw: CreatePageParameters['icon']): StoredIcon | null {
  if (raw === undefined || raw === null) return null;
  if ('emoji' in raw) return { type: 'emoji', emoji: raw.emoji };
  if ('external' in raw) return { type: 'external', external: { url: raw.external.url } };
  throw bodyValidationError('body.icon uses an icon type the Notion stand-in does not support');
}

function toCover(raw: CreatePageParameters['cover']): StoredPage['cover'] {
  if (raw === undefined || raw === null) return null;
  if ('external' in raw) return { type: 'external', external: { url: raw.external.url } };
  throw bodyValidationError('body.cover uses a cover type the Notion stand-in does not support');
}

export function createPage(ctx: OperationContext, params: CreatePageParameters): StoredPage {
  const { store } = ctx;
  if (!params.parent) throw bodyValidationError('body.parent should be defined, instead was `undefined`');
  const blocks = params.children ?? params.content;
  if (blocks !== undefined && params.markdown !== undefined) {
    throw validationError('Provide either `markdown` or `children`, not both.');
  }
  for (const unsupported of ['template', 'position'] as const) {
    if (params[unsupported] !== undefined) throw bodyValidationError(`body.${unsupported} is not supported by the Notion stand-in`);
  }
  const parent = resolveParent(ctx, params.parent);
  if (parent.type === 'page_id' && store.inTrash(parent.page_id)) {
    throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
  }
  const schema = parent.type === 'data_source_id' ? store.dataSource(parent.data_source_id)!.properties : [];
  const page: StoredPage = {
    id: newId(),
    seq: store.nextSeq(),
    parent,
    properties: defaultValues(schema),
    icon: toIcon(params.icon),
    cover: toCover(params.cover),
    in_trash: false,
    is_archived: false,
    is_locked: false,
    ...store.stamp(ctx.actor.id),
  };
  // Validate everything before anything is stored.
  writeProperties(page, (params.properties ?? {}) as Record<string, never>, store);
  let drafts: BlockDraft[] = [];
  if (params.markdown !== undefined) {
    drafts = parseMarkdown(params.markdown, store);
    const titleId = store.titlePropertyId(page);
    const current = page.properties[titleId];
    if (!current || (current.type === 'title' && current.title.length === 0)) {
      const { title, rest } = takeTitle(drafts);
      if (title && title.length > 0) page.properties[titleId] = { type: 'title', title };
      drafts = rest;
    }
  } else if (blocks) drafts = draftsFromRequest(blocks, store, params.children ? 'body.children' : 'body.content');
  store.state.pages[page.id] = page;
  store.state.children[page.id] = [];
  if (parent.type === 'page_id') store.insertChildren(parent.page_id, [page.id]);
  storeDrafts(drafts, page.id, store, ctx.actor.id);
  store.changed();
  ctx.emit({ type: 'page.created', pageId: page.id, actor: ctx.actor });
  return page;
}

export function getPage(ctx: OperationContext, rawId: string): StoredPage {
  const id = resolveId(rawId, 'path.page_id');
  const page = ctx.store.page(id);
  if (!page && ctx.store.database(id)) {
    // A database id given to a page endpoint is a 400 validation_error, not a 404 (seen in
    // connectors that call pages.retrieve with a database id, e.g. dust-tt/dust#13141).
    requireVisible(ctx, id, 'database', true);
    throw validationError(`Provided ID ${id} is a database, not a page. Use the retrieve a database API instead, or use a page ID.`);
  }
  requireVisible(ctx, id, 'page', page !== undefined);
  return page!;
}

export function updatePage(ctx: OperationContext, rawId: string, params: Omit<UpdatePageParameters, 'page_id'>): StoredPage {
  const { store } = ctx;
  const page = getPage(ctx, rawId);
  if (ctx.version !== '2025-09-03' && params.archived !== undefined) {
    // 2026-03-11 accepts only in_trash (reference/trash-page).
    throw bodyValidationError(`body.archived should be not present, instead was \`${quoteValue(params.archived)}\``);
  }
  if (params.template !== undefined) throw bodyValidationError('body.template is not supported by the Notion stand-in');
  const trash = params.in_trash ?? params.archived;
  const staysInTrash = page.in_trash && trash !== false;
  if (staysInTrash && (params.properties || params.icon !== undefined || params.cover !== undefined || params.erase_content)) {
    throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
  }
  const draft = structuredClone(page);
  const changed = params.properties ? writeProperties(draft, params.properties as Record<string, never>, store) : [];
  let touched = changed.length > 0;
  if (params.icon !== undefined) (draft.icon = toIcon(params.icon)), (touched = true);
  if (params.cover !== undefined) (draft.cover = toCover(params.cover)), (touched = true);
  if (params.is_locked !== undefined) (draft.is_locked = params.is_locked), (touched = true);
  if (params.is_archived !== undefined) (draft.is_archived = params.is_archived), (touched = true);
  const trashChanged = trash !== undefined && trash !== page.in_trash;
  if (trashChanged) (draft.in_trash = trash), (touched = true);
  Object.assign(page, draft);
  // Property schema changes (a select option created on write) were made on the shared schema.
  if (params.erase_content) {
    const erased = [...store.childIds(page.id)];
    for (const child of erased) trashTree(child, store, ctx.actor.id);
    if (erased.length) ctx.emit({ type: 'page.content_updated', pageId: page.id, actor: ctx.actor, blockIds: erased });
    touched ||= erased.length > 0;
  }
  if (touched) store.touch(page, ctx.actor.id);
  store.changed();
  if (changed.length) ctx.emit({ type: 'page.properties_updated', pageId: page.id, actor: ctx.actor, propertyIds: changed });
  if (trashChanged) ctx.emit({ type: trash ? 'page.deleted' : 'page.undeleted', pageId: page.id, actor: ctx.actor });
  return page;
}

/**
 * Moves a page under another page or into a data source (reference/move-page): "This must be a
 * regular Notion page, and not a database"; "The bot must have edit access to the new parent";
 * the new parent page "must be a regular Notion page". Properties and content move with it; a
 * page cannot go under itself or a page below it. Notion sends page.moved (webhooks).
 */
export function movePage(ctx: OperationContext, rawId: string, target: MovePageParameters['parent']): StoredPage {
  const { store } = ctx;
  const page = getPage(ctx, rawId);
  if (page.in_trash) throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
  const parent = resolveParent(ctx, target as NonNullable<CreatePageParameters['parent']>);
  const parentId = parent.type === 'page_id' ? parent.page_id : parent.type === 'data_source_id' ? parent.data_source_id : undefined;
  if (parentId !== undefined && store.lineage(parentId).includes(page.id)) {
    throw validationError('A page cannot be moved under itself or one of its own child pages.');
  }
  if (parent.type === 'page_id' && store.inTrash(parent.page_id)) {
    throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
  }
  if (page.parent.type === 'page_id') store.removeChild(page.parent.page_id, page.id);
  const sameSchema = parent.type === 'data_source_id' && page.parent.type === 'data_source_id' && parent.data_source_id === page.parent.data_source_id;
  if (!sameSchema) {
    // Properties follow the new parent: a row keeps only its title under a page (a page's only
    // property), and a page or another source's row becomes a row with the source's other
    // properties empty.
    const title = page.properties[store.titlePropertyId(page)];
    page.parent = parent;
    page.properties = parent.type === 'data_source_id' ? defaultValues(store.dataSource(parent.data_source_id)!.properties) : {};
    if (title) page.properties[store.titlePropertyId(page)] = title;
  }
  if (parent.type === 'page_id') store.insertChildren(parent.page_id, [page.id]);
  store.touch(page, ctx.actor.id);
  store.changed();
  ctx.emit({ type: 'page.moved', pageId: page.id, actor: ctx.actor });
  return page;
}
