// Loads a seed into a fresh state. Values go through the same checks as API requests; ids the
// seed gives are kept, so tests can refer to them.
import type { Clock } from './clock';
import { validationError } from './errors';
import { newId, normalizeId } from './ids';
import { parseInline } from './markdown/inline';
import { parseMarkdown } from './markdown/parse';
import { storeDrafts } from './model/blocks';
import { buildProperty, configType } from './model/property-schema';
import { defaultValues, writeProperties } from './model/property-values';
import { Store } from './model/store';
import { emptyState, type StoredPage, type StoredProperty, type StoredState } from './model/types';
import { textItem } from './rich-text';
import type { NotionSeed } from './seed';

function id(raw: string | undefined): string {
  if (raw === undefined) return newId();
  const normalized = normalizeId(raw);
  if (!normalized) throw new Error(`seed: ${raw} is not a UUID`);
  return normalized;
}

export function stateFromSeed(seed: NotionSeed, clock: Clock): StoredState {
  const store = new Store(emptyState(), clock);
  const state = store.state;
  state.workspace = { id: id(seed.workspace?.id), name: seed.workspace?.name ?? 'Stand-in workspace' };
  for (const p of seed.people ?? []) {
    const userId = id(p.id);
    state.users[userId] = { id: userId, type: 'person', name: p.name, avatar_url: p.avatar_url ?? null, ...(p.email ? { email: p.email } : {}) };
  }
  for (const i of seed.integrations) {
    const botId = id(i.bot_id);
    const name = i.name ?? 'Stand-in integration';
    state.users[botId] = { id: botId, type: 'bot', name, avatar_url: null };
    state.integrations.push({ token: i.token, name, botId, shared: (i.shared ?? []).map(id) });
  }
  const firstPerson = Object.values(state.users).find((u) => u.type === 'person')?.id ?? state.integrations[0]?.botId ?? newId();
  const author = (raw?: string) => (raw ? id(raw) : firstPerson);

  const pendingBodies: { page: StoredPage; markdown: string }[] = [];
  for (const p of seed.pages ?? []) {
    const parentId = p.parent ? id(p.parent.page_id) : undefined;
    if (parentId && !state.pages[parentId]) throw new Error(`seed: page ${p.title} names parent ${parentId}, which comes later or does not exist`);
    const page: StoredPage = {
      id: id(p.id),
      seq: store.nextSeq(),
      parent: parentId ? { type: 'page_id', page_id: parentId } : { type: 'workspace', workspace: true },
      properties: { title: { type: 'title', title: p.title ? [textItem(p.title)] : [] } },
      icon: p.icon ? { type: 'emoji', emoji: p.icon } : null,
      cover: null,
      in_trash: p.in_trash ?? false,
      is_archived: false,
      is_locked: false,
      ...store.stamp(author(p.created_by)),
    };
    state.pages[page.id] = page;
    state.children[page.id] = [];
    if (parentId) store.insertChildren(parentId, [page.id]);
    // Bodies may mention pages that come later in the seed, so they are parsed last.
    if (p.markdown) pendingBodies.push({ page, markdown: p.markdown });
  }

  const dataSourceOf = new Map<object, string>();
  for (const d of seed.databases ?? []) {
    const parentId = id(d.parent.page_id);
    if (!state.pages[parentId]) throw new Error(`seed: database ${d.title} names parent ${parentId}, which does not exist`);
    const dbId = id(d.id);
    const dsId = id(d.data_source_id);
    dataSourceOf.set(d, dsId);
    const properties: StoredProperty[] = [];
    const entries = Object.entries(d.properties);
    if (!entries.some(([, c]) => configType(c as Record<string, unknown>) === 'title')) entries.unshift(['Name', { title: {} }]);
    for (const [name, config] of entries) {
      properties.push(buildProperty(name, config as Record<string, unknown>, store, dsId, `seed.${d.title}.${name}`, new Set(properties.map((x) => x.id))));
    }
    const stamp = store.stamp(firstPerson);
    state.databases[dbId] = {
      id: dbId,
      parent: { type: 'page_id', page_id: parentId },
      title: [textItem(d.title)],
      description: [],
      is_inline: d.is_inline ?? false,
      icon: null,
      in_trash: false,
      is_locked: false,
      dataSourceIds: [dsId],
      created_time: stamp.created_time,
      last_edited_time: stamp.last_edited_time,
    };
    state.dataSources[dsId] = { id: dsId, databaseId: dbId, title: [textItem(d.title)], description: [], properties, in_trash: false, ...stamp };
    store.insertChildren(parentId, [dbId]);
  }

  const pendingRows: { page: StoredPage; values: Record<string, never>; markdown?: string }[] = [];
  for (const d of seed.databases ?? []) {
    const ds = state.dataSources[dataSourceOf.get(d)!];
    for (const row of d.rows ?? []) {
      const page: StoredPage = {
        id: id(row.id),
        seq: store.nextSeq(),
        parent: { type: 'data_source_id', data_source_id: ds!.id, database_id: ds!.databaseId },
        properties: defaultValues(ds!.properties),
        icon: null,
        cover: null,
        in_trash: false,
        is_archived: false,
        is_locked: false,
        ...store.stamp(author(row.created_by)),
      };
      state.pages[page.id] = page;
      state.children[page.id] = [];
      pendingRows.push({ page, values: row.properties as Record<string, never>, markdown: row.markdown });
    }
  }
  // Values last, so relations may point at any row of the seed.
  for (const { page, values, markdown } of pendingRows) {
    writeProperties(page, values, store);
    if (markdown) storeDrafts(parseMarkdown(markdown, store), page.id, store, page.created_by);
  }
  for (const { page, markdown } of pendingBodies) {
    storeDrafts(parseMarkdown(markdown, store), page.id, store, page.created_by, { start: true });
  }
  for (const c of seed.comments ?? []) {
    const target = id(c.on);
    if (!state.pages[target] && !state.blocks[target]) throw validationError(`seed: comment on ${target}, which does not exist`);
    const at = store.nowMinute();
    const commentId = newId();
    state.comments[commentId] = {
      id: commentId,
      discussionId: newId(),
      parent: state.pages[target] ? { type: 'page_id', page_id: target } : { type: 'block_id', block_id: target },
      rich_text: parseInline(c.markdown, store),
      created_time: at,
      last_edited_time: at,
      created_by: author(c.author),
      resolved: c.resolved ?? false,
    };
  }
  return state;
}
