// Identifiers the way Notion spells them: UUIDs with dashes in responses, accepted with or
// without dashes in requests (developers.notion.com/reference/intro, "Conventions").
import { createHash, randomUUID } from 'node:crypto';

const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPACT = /^[0-9a-f]{32}$/i;

export function newId(): string {
  return randomUUID();
}

/** Dashed lowercase form of an id given in either form, or undefined when it is not a UUID. */
export function normalizeId(raw: string): string | undefined {
  const value = raw.trim();
  if (DASHED.test(value)) return value.toLowerCase();
  if (COMPACT.test(value)) {
    const v = value.toLowerCase();
    return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
  }
  return undefined;
}

export function compactId(id: string): string {
  return id.replaceAll('-', '');
}

/** Finds the first UUID (either form) inside a URL such as https://app.notion.com/p/<id>. */
export function idFromUrl(url: string): string | undefined {
  const match = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i.exec(url);
  return match ? normalizeId(match[0]) : undefined;
}

/** Where Notion's own UI shows pages; the offline demo points `url`s at its workspace page instead. */
export const NOTION_WEB = 'https://www.notion.so';

/** A page's `url`: the title as a slug, then the compact id (reference/page, "url"). */
export function pageUrl(title: string, id: string, base = NOTION_WEB): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${base}/${slug ? `${slug}-` : ''}${compactId(id)}`;
}

export function objectUrl(id: string, base = NOTION_WEB): string {
  return `${base}/${compactId(id)}`;
}

/** The form the markdown endpoints write for pages and databases (observed 2026-09). */
export function markdownObjectUrl(id: string): string {
  return `https://app.notion.com/p/${compactId(id)}`;
}

export function markdownUserUrl(id: string): string {
  return `user://${id}`;
}

// Property ids are short, URL-encoded strings such as "%3AUPp" or "BJXS"; the title property
// is always "title" (reference/property-object).
const PROPERTY_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:;<=>?@[]^{|}~';

export function newPropertyId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 4; i += 1) out += PROPERTY_ID_CHARS[digest[i]! % PROPERTY_ID_CHARS.length];
  return encodeURIComponent(out);
}
