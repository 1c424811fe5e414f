// Links as people paste them, and as the stand-ins hand them out, turned into this page's own
// routes so that a published brief's links open offline:
// - Notion page addresses end in the page id, 32 hex digits after the slug
//   ("https://www.notion.so/acme/Our-positioning-3b7d…01?pvs=4", "https://app.notion.com/p/<id>")
//   or a dashed UUID; a database address ends in the database id and carries its view in `?v=`,
//   which is why only the path is read.
// - Drive and Docs addresses carry the file id in a known place: /drive/folders/<id>,
//   /file/d/<id>/view, /document/d/<id>/edit, /spreadsheets/d/<id>/edit, open?id=<id>, uc?id=<id>.
// - This server's own /notion/<…id> and /drive/<id> routes, whatever the host (the stand-ins may
//   be told to give out addresses on this server).
const UUID = /(?:^|[/-])([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;
const NOTION_HOSTS = /(^|\.)notion\.(so|site|com)$/i;
const DRIVE_HOSTS = /^(drive|docs)\.google\.com$/i;
const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;

/** The dashed, lower-case UUID a path ends in, if it ends in one. */
export function idAtEnd(path: string): string | undefined {
  const m = UUID.exec(path.replace(/\/+$/, ''));
  return m ? m.slice(1, 6).join('-').toLowerCase() : undefined;
}

export function compactId(id: string): string {
  return id.replace(/-/g, '');
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url, 'http://workspace.invalid');
  } catch {
    return undefined;
  }
}

/** The Notion page or database a link points at, from a notion.so/app.notion.com or /notion/ address. */
export function notionIdFromLink(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  if (!NOTION_HOSTS.test(parsed.hostname) && !parsed.pathname.startsWith('/notion/')) return undefined;
  return idAtEnd(parsed.pathname);
}

/** The Drive file or folder a link points at, from a Drive or Docs address or a /drive/ one. */
export function driveIdFromLink(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  const segments = parsed.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (DRIVE_HOSTS.test(parsed.hostname)) {
    const after = (word: string) => {
      const i = segments.indexOf(word);
      return i >= 0 ? segments[i + 1] : undefined;
    };
    id = after('folders') ?? after('d') ?? parsed.searchParams.get('id') ?? undefined;
  } else if (segments[0] === 'drive' && segments.length === 2) {
    id = segments[1];
  }
  return id && DRIVE_ID.test(id) ? id : undefined;
}

/** Where a link opens from this page: the local view of a Notion page or Drive file, else the link itself. */
export function localLink(url: string): string {
  const notion = notionIdFromLink(url);
  if (notion) return `/notion/${compactId(notion)}`;
  const drive = driveIdFromLink(url);
  if (drive) return `/drive/${drive}`;
  return url;
}
