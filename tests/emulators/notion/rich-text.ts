// Rich text: request items to stored items, stored items to response items
// (reference/rich-text). A mention's plain text is read at response time, so a renamed page
// or person shows under its current name, as Notion does.
import type { RichTextItemResponse } from '@notionhq/client';
import type { RichTextItemRequest } from '@notionhq/client/build/src/api-endpoints';
import { bodyValidationError } from './errors';
import { normalizeId, objectUrl } from './ids';
import type { Store } from './model/store';
import type { Annotations, StoredMention, StoredRichText } from './model/types';
import { userObject } from './serialize/users';

export const DEFAULT_ANNOTATIONS: Annotations = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: 'default',
};

export function textItem(content: string, annotations: Partial<Annotations> = {}, link: string | null = null): StoredRichText {
  return {
    type: 'text',
    text: { content, link: link === null ? null : { url: link } },
    annotations: { ...DEFAULT_ANNOTATIONS, ...annotations },
  };
}

/** Request items (already checked against the SDK schema and the size limits) to stored items. */
export function toStoredRichText(items: RichTextItemRequest[], store: Store, path: string): StoredRichText[] {
  return items.map((item, index) => {
    const annotations = { ...DEFAULT_ANNOTATIONS, ...(item.annotations ?? {}) };
    const at = `${path}[${index}]`;
    if ('text' in item) {
      return { type: 'text', text: { content: item.text.content, link: item.text.link ?? null }, annotations };
    }
    if ('equation' in item) return { type: 'equation', equation: { expression: item.equation.expression }, annotations };
    return { type: 'mention', mention: toStoredMention(item.mention, store, `${at}.mention`), annotations };
  });
}

type MentionRequest = Extract<RichTextItemRequest, { mention: unknown }>['mention'];

function toStoredMention(mention: MentionRequest, store: Store, path: string): StoredMention {
  if ('user' in mention) {
    const id = normalizeId(mention.user.id);
    if (!id || !store.user(id)) throw bodyValidationError(`${path}.user.id should be a valid user id, instead was \`"${mention.user.id}"\``);
    return { type: 'user', user: { id } };
  }
  if ('page' in mention) {
    const id = normalizeId(mention.page.id);
    if (!id || !store.page(id)) throw bodyValidationError(`${path}.page.id should be a valid page id, instead was \`"${mention.page.id}"\``);
    return { type: 'page', page: { id } };
  }
  if ('database' in mention) {
    const id = normalizeId(mention.database.id);
    if (!id || !store.database(id))
      throw bodyValidationError(`${path}.database.id should be a valid database id, instead was \`"${mention.database.id}"\``);
    return { type: 'database', database: { id } };
  }
  if ('date' in mention) {
    return { type: 'date', date: { start: mention.date.start, end: mention.date.end ?? null, time_zone: mention.date.time_zone ?? null } };
  }
  // Template and custom-emoji mentions are left out of the stand-in (README).
  throw bodyValidationError(`${path} is a mention type the Notion stand-in does not support`);
}

export function mentionPlainText(mention: StoredMention, store: Store): string {
  switch (mention.type) {
    case 'user':
      return `@${store.user(mention.user.id)?.name ?? 'Unknown user'}`;
    case 'page': {
      const page = store.page(mention.page.id);
      return page ? store.pageTitle(page) || 'Untitled' : 'Untitled';
    }
    case 'database': {
      const database = store.database(mention.database.id);
      return database ? store.databaseTitle(database) || 'Untitled' : 'Untitled';
    }
    case 'date':
      return mention.date.end ? `${mention.date.start} → ${mention.date.end}` : mention.date.start;
  }
}

export function itemPlainText(item: StoredRichText, store: Store): string {
  if (item.type === 'text') return item.text.content;
  if (item.type === 'equation') return item.equation.expression;
  return mentionPlainText(item.mention, store);
}

export function plainText(items: StoredRichText[], store: Store): string {
  return items.map((item) => itemPlainText(item, store)).join('');
}

export function renderRichText(items: StoredRichText[], store: Store): RichTextItemResponse[] {
  return items.map((item): RichTextItemResponse => {
    const common = { annotations: item.annotations as RichTextItemResponse['annotations'], plain_text: itemPlainText(item, store) };
    if (item.type === 'text') {
      return { type: 'text', text: { content: item.text.content, link: item.text.link }, ...common, href: item.text.link?.url ?? null };
    }
    if (item.type === 'equation') return { type: 'equation', equation: { expression: item.equation.expression }, ...common, href: null };
    const m = item.mention;
    switch (m.type) {
      case 'user': {
        const user = store.user(m.user.id);
        return {
          type: 'mention',
          mention: { type: 'user', user: user ? userObject(user, store) : { object: 'user', id: m.user.id } },
          ...common,
          href: null,
        };
      }
      case 'page':
        return { type: 'mention', mention: { type: 'page', page: { id: m.page.id } }, ...common, href: objectUrl(m.page.id, store.webBase) };
      case 'database':
        return { type: 'mention', mention: { type: 'database', database: { id: m.database.id } }, ...common, href: objectUrl(m.database.id, store.webBase) };
      case 'date':
        return { type: 'mention', mention: { type: 'date', date: { ...m.date } }, ...common, href: null };
    }
  });
}

/** Splits text into items of at most 2000 characters (Notion's limit per text object). */
export function splitLongText(items: StoredRichText[]): StoredRichText[] {
  return items.flatMap((item) => {
    if (item.type !== 'text' || item.text.content.length <= 2000) return [item];
    const parts: StoredRichText[] = [];
    for (let i = 0; i < item.text.content.length; i += 2000) {
      parts.push({ ...item, text: { ...item.text, content: item.text.content.slice(i, i + 2000) } });
    }
    return parts;
  });
}
