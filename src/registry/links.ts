// Recognises the links people paste into a workflow row: Google Drive / Docs and Notion pages.
//
// Pure string work (the URL parser is WHATWG's, present in workerd and Node alike). Nothing
// here fetches a link; whether Baton may open it is the adapters' check, reported later as
// `link_not_shared` / `link_outside_allowed_roots`.

/** What a Drive address points at; `unknown` for `open?id=` links, which name either. */
export type DriveLinkKind = 'folder' | 'file' | 'unknown';

export interface DriveLink {
  kind: DriveLinkKind;
  id: string;
}

// Drive ids are URL-safe base64-ish: folder and file ids are 28–44 chars, shared drives 19.
const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;

/**
 * Reads a Google Drive or Docs address. Accepted forms:
 * - drive.google.com/drive/folders/ID, /drive/u/N/folders/ID, /drive/mobile/folders/ID → folder
 * - drive.google.com/file/d/ID/view (and /file/u/N/d/ID) → file
 * - docs.google.com/{document,spreadsheets,presentation,forms,drawings}/d/ID/… (and /u/N/d/ID) → file
 * - drive.google.com/open?id=ID, /uc?id=ID → unknown (the address does not say which)
 * Returns null for anything else, including Drive addresses without an id.
 */
export function parseDriveUrl(raw: string): DriveLink | null {
  const url = toUrl(raw);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  if (host === 'drive.google.com') {
    const folders = parts.indexOf('folders');
    if (parts[0] === 'drive' && folders > 0) return driveLink('folder', parts[folders + 1]);
    if (parts[0] === 'file') return driveLink('file', afterD(parts));
    if (parts[0] === 'open' || parts[0] === 'uc') return driveLink('unknown', url.searchParams.get('id') ?? undefined);
    return null;
  }
  if (host === 'docs.google.com' || host === 'sheets.google.com' || host === 'slides.google.com') {
    return driveLink('file', afterD(parts));
  }
  return null;
}

function afterD(parts: string[]): string | undefined {
  const d = parts.indexOf('d');
  return d >= 0 ? parts[d + 1] : undefined;
}

function driveLink(kind: DriveLinkKind, id: string | undefined): DriveLink | null {
  return id !== undefined && DRIVE_ID.test(id) ? { kind, id } : null;
}

const NOTION_HOSTS = /(^|\.)(notion\.so|notion\.site|notion\.com)$/i;
const HEX32 = /([0-9a-f]{32})$/i;
const DASHED = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Reads a Notion page address and returns the page id as a dashed lowercase UUID.
 * Accepted: www.notion.so/<workspace>/<Title>-<32 hex>, notion.so/<32 hex>, dashed UUIDs,
 * app.notion.com/p/…, <team>.notion.site/…, with any `?pvs=…` query or `#block` fragment. A
 * database peek link (`…/<database>?v=<view>&p=<page>`) names the page in `p`.
 */
export function parseNotionUrl(raw: string): string | null {
  const url = toUrl(raw);
  if (!url || !NOTION_HOSTS.test(url.hostname)) return null;
  const peek = url.searchParams.get('p');
  if (peek && /^[0-9a-f]{32}$/i.test(peek)) return dashedId(peek);
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  const match = DASHED.exec(last) ?? HEX32.exec(last);
  return match?.[1] ? dashedId(match[1]) : null;
}

/** A Notion id in canonical form: 8-4-4-4-12 lowercase hex. Accepts dashed or bare ids. */
export function dashedId(id: string): string {
  const hex = id.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return id;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The address Notion itself uses for a page id (for pages known only by id, e.g. relations). */
export function notionPageUrl(id: string): string {
  return `https://www.notion.so/${id.replace(/-/g, '')}`;
}

/**
 * The human part of a Notion address: `…/Our-positioning-1a2b…` → "Our positioning".
 * Empty when the address is only an id.
 */
export function notionSlugTitle(raw: string): string {
  const url = toUrl(raw);
  if (!url) return '';
  const last = decodeSafely(url.pathname.split('/').filter(Boolean).pop() ?? '');
  const withoutId = last.replace(DASHED, '').replace(HEX32, '').replace(/-+$/, '');
  return withoutId.replace(/-/g, ' ').trim();
}

export type LinkService = 'drive' | 'notion' | 'other';

/** Which service an address belongs to (an unparseable Drive/Notion address still counts as that service). */
export function linkService(raw: string): LinkService {
  const url = toUrl(raw);
  if (!url) return 'other';
  const host = url.hostname.toLowerCase();
  if (NOTION_HOSTS.test(host)) return 'notion';
  if (/(^|\.)google\.com$/.test(host)) return 'drive';
  return 'other';
}

/** The host of an address, for messages ("links to example.com"). */
export function linkHost(raw: string): string {
  return toUrl(raw)?.hostname.replace(/^www\./, '') ?? raw;
}

/** Parses an address, adding https:// to the bare `drive.google.com/…` forms people paste. */
export function toUrl(raw: string): URL | null {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
