// Allowed roots: the one place that decides whether a Drive item or a Notion page lies inside
// what an admin allowed (ALLOWED_DRIVE_ROOTS, ALLOWED_NOTION_PAGES).
//
// Allowed roots are a security boundary: anyone who can edit the registry could otherwise make
// Baton copy a file they cannot see into a page they can. So the answer is asked for again each
// time content is touched, not only when a row is edited: by the link check (check-links.ts), by
// every run as it reads its sources (context/gather.ts), and before it publishes
// (output-destinations.ts). A folder moved out after its row was checked is caught at its next read
// (a Notion page: at its next walk, or within minutes from its move's event; see "Remembered
// standings" below).
//
// - With no roots configured, nothing is allowed.
// - A guard caches what it looked up for its own lifetime only (one sync, one run's gathering),
//   so a move is seen by the next one. Walks are capped in depth.
// - Remembered standings (a run's sources and destinations only, `reuse`): a Notion page a walk
//   found allowed is kept in D1 with every id the walk passed through (adapters/standing-store.ts),
//   and a run may take it instead of walking again while Notion's events would have told Baton of
//   a change: webhooks configured, a delivery verified in the last RECENT_DELIVERY_MS, none refused
//   or failed since the walk, and the allowed pages unchanged. A page.moved / page.deleted (or
//   database / data source moved or deleted) event for any id of the chain forgets it (the webhook
//   route). What this trusts: Notion's events, "usually under a minute, at most ~5", and at-most-
//   once (developers.notion.com/reference/webhooks) — a move is seen within minutes, and a move
//   whose event Notion drops is seen at the next walk (a row edit's check, or a run without fresh
//   deliveries). Sharing removed sends no event, but then the read itself answers 404, which the
//   callers treat as "missing" and forget. Saving: one GET /v1/pages/{id} (or more, one per page
//   above it) per Notion context page and per Output page, per run.
// - What Baton cannot see it cannot vouch for: a page shared with the integration whose parent is
//   not shared answers 404 for the parent, and is reported as such, not as "not shared".
// - A row trigger's database is checked the same way, from the page it sits in (notionDatabase).
// - Rate limits and outages are not answers: they throw, and the caller tries again later.
import { APIErrorCode, isNotionClientError, type PageObjectResponse } from '@notionhq/client';
import type { Services } from '../services';
import { DriveError, type DriveFile } from '../adapters/drive';
import { isNotionNotFound } from '../adapters/notion';
import { createStandingStore, type StandingStore } from '../adapters/standing-store';
import { createWebhookStore, type WebhookHealth } from '../adapters/webhook-store';
import { deliveryLostSince } from '../review/reconcile-rule';

const MAX_DEPTH = 12;

/** Where a Drive item stands. */
export type DriveStanding = 'allowed' | 'outside' | 'missing' | 'trashed';

/**
 * Where a Notion id stands. `parent_hidden`: the page is shared with Baton but a page (or
 * database) above it is not, so Baton cannot tell whether it lies inside the allowed pages.
 * `database`: the id is a database, not a page.
 */
export type NotionStanding = 'allowed' | 'outside' | 'missing' | 'trashed' | 'parent_hidden' | 'database';

/** Where a Notion database stands (a row trigger watches one). `page`: the id is a page, not a database. */
export type NotionDatabaseStanding = 'allowed' | 'outside' | 'missing' | 'trashed' | 'parent_hidden' | 'page';

export type NotionDatabase = Awaited<ReturnType<NonNullable<Services['notion']>['retrieveDatabase']>>;

export interface RootsGuard {
  /** The item's metadata, or null when Drive answers 404 (deleted, or not shared). Cached. */
  driveFile(fileId: string): Promise<DriveFile | null>;
  /** Whether the item, or a folder or shared drive above it, is an allowed Drive root. */
  drive(file: DriveFile | string): Promise<DriveStanding>;
  /** Whether the page, or a page or database above it, is an allowed Notion page. */
  notion(pageId: string): Promise<NotionStanding>;
  /** The database, or null when Notion answers 404 (or says the id is not a database). Cached. */
  database(databaseId: string): Promise<NotionDatabase | null>;
  /** Whether the database, or a page above it, is an allowed Notion page. */
  notionDatabase(databaseId: string): Promise<NotionDatabaseStanding>;
  /** The page's last_edited_time as notion() read it (the version checked), or null before that. */
  notionEditedTime(pageId: string): string | null;
  /** The page answered 404 after notion() said allowed (sharing removed): its remembered standing goes. */
  forgetNotion(pageId: string): Promise<void>;
}

/** A delivery verified this recently means Notion's events are reaching Baton. */
export const RECENT_DELIVERY_MS = 24 * 60 * 60_000;

/** Whether a remembered standing, walked at `checkedAt`, may stand in for a walk now (wall-clock times); pure. */
export function standingTrusted(input: { webhooksConfigured: boolean; health: WebhookHealth; checkedAt: string; wallNow: Date }): boolean {
  const { webhooksConfigured, health, wallNow } = input;
  if (!webhooksConfigured || !health.verifiedAt) return false;
  if (wallNow.getTime() - Date.parse(health.verifiedAt) > RECENT_DELIVERY_MS) return false;
  // A refused or failed delivery since the walk may have been the move that changed it.
  return !deliveryLostSince(health, new Date(input.checkedAt));
}

export interface RootsGuardOptions {
  /** Take a remembered Notion standing instead of walking, when trusted (a run's reads and publish). */
  reuse?: boolean;
}

export function createRootsGuard(services: Pick<Services, 'config' | 'drive' | 'notion'>, options: RootsGuardOptions = {}): RootsGuard {
  const driveRoots = new Set(services.config.allowedDriveRoots);
  const notionRoots = new Set(services.config.allowedNotionPages.map(normalizeId));
  const rootsKey = [...notionRoots].sort().join(',');
  // Unit tests build services without D1: nothing is remembered then.
  const standings: StandingStore | null = services.config.db ? createStandingStore(services.config.db) : null;
  let health: Promise<WebhookHealth> | undefined;
  const webhookHealth = () => (health ??= createWebhookStore(services.config.db).health());
  const driveCache = new Map<string, Promise<DriveFile | null>>();
  const notionCache = new Map<string, Promise<NotionStanding>>();
  const databaseCache = new Map<string, Promise<NotionDatabase | null>>();
  const editedTimes = new Map<string, string>();

  function driveFile(id: string): Promise<DriveFile | null> {
    let hit = driveCache.get(id);
    if (!hit) {
      const drive = services.drive;
      hit = drive
        ? drive.getFile(id).catch((error: unknown) => {
            if (error instanceof DriveError && error.notFound) return null;
            throw error;
          })
        : Promise.resolve(null);
      // A failed look-up is not remembered: the next caller asks again.
      hit.catch(() => driveCache.delete(id));
      driveCache.set(id, hit);
    }
    return hit;
  }

  async function drive(fileOrId: DriveFile | string): Promise<DriveStanding> {
    const file = typeof fileOrId === 'string' ? await driveFile(fileOrId) : fileOrId;
    if (!file) return 'missing';
    if (file.trashed) return 'trashed';
    let current: DriveFile | null = file;
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      if (driveRoots.has(current.id) || (current.driveId && driveRoots.has(current.driveId))) return 'allowed';
      // Drive items have exactly one parent (Drive's single-parent model, since 2020).
      const parentId: string | undefined = current.parents[0];
      if (parentId && driveRoots.has(parentId)) return 'allowed';
      current = parentId ? await driveFile(parentId) : null;
    }
    return 'outside';
  }

  function notion(pageId: string): Promise<NotionStanding> {
    const key = normalizeId(pageId);
    let hit = notionCache.get(key);
    if (!hit) {
      hit = rememberedOrWalk(pageId);
      hit.catch(() => notionCache.delete(key));
      notionCache.set(key, hit);
    }
    return hit;
  }

  function database(databaseId: string): Promise<NotionDatabase | null> {
    const key = normalizeId(databaseId);
    let hit = databaseCache.get(key);
    if (!hit) {
      const client = services.notion;
      hit = client
        ? client.retrieveDatabase(databaseId).catch((error: unknown) => {
            if (isNotionNotFound(error) || isWrongObjectType(error)) return null;
            throw error;
          })
        : Promise.resolve(null);
      hit.catch(() => databaseCache.delete(key));
      databaseCache.set(key, hit);
    }
    return hit;
  }

  async function rememberedOrWalk(pageId: string): Promise<NotionStanding> {
    if (options.reuse && standings && services.notion) {
      const remembered = await standings.get(pageId, rootsKey);
      if (remembered && standingTrusted({ webhooksConfigured: Boolean(services.config.notion.webhookSecret), health: await webhookHealth(), checkedAt: remembered.checkedAt, wallNow: new Date() })) {
        if (remembered.editedTime) editedTimes.set(normalizeId(pageId), remembered.editedTime);
        return 'allowed';
      }
    }
    const startedAt = new Date();
    const chain: string[] = [];
    const standing = await walkNotion(pageId, chain);
    if (standing === 'allowed' && standings) await standings.put(pageId, rootsKey, chain, editedTimes.get(normalizeId(pageId)) ?? null, startedAt);
    return standing;
  }

  /** `chain` collects every id the walk reads: the page, then each page, database and data source above it. */
  async function walkNotion(pageId: string, chain: string[]): Promise<NotionStanding> {
    const client = services.notion;
    if (!client) return 'missing';
    let page;
    try {
      page = await client.retrievePage(pageId);
    } catch (error) {
      if (!isNotionNotFound(error) && !isWrongObjectType(error)) throw error;
      return (await database(pageId)) ? 'database' : 'missing';
    }
    chain.push(page.id);
    editedTimes.set(normalizeId(pageId), page.last_edited_time);
    if (page.in_trash) return 'trashed';
    if (notionRoots.has(normalizeId(page.id))) return 'allowed';
    return walkAbove(page.parent, chain);
  }

  async function notionDatabase(databaseId: string): Promise<NotionDatabaseStanding> {
    const found = await database(databaseId);
    if (!found) {
      const standing = await notion(databaseId);
      return standing === 'missing' || standing === 'database' ? 'missing' : 'page';
    }
    if (notionRoots.has(normalizeId(found.id))) return 'allowed';
    if (!found.parentPageId) return 'outside';
    return walkAbove({ type: 'page_id', page_id: found.parentPageId });
  }

  /** From a page's (or database's) parent up to an allowed page, within MAX_DEPTH; each id passed goes into `chain`. */
  async function walkAbove(start: PageParent, chain: string[] = []): Promise<Exclude<NotionStanding, 'database'>> {
    const client = services.notion;
    if (!client) return 'missing';
    let parent = start;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      let pageAbove: string;
      if (parent.type === 'page_id') {
        pageAbove = parent.page_id;
      } else if (parent.type === 'data_source_id' || parent.type === 'database_id') {
        const databaseId = parent.database_id;
        chain.push(databaseId, ...(parent.type === 'data_source_id' ? [parent.data_source_id] : []));
        if (notionRoots.has(normalizeId(databaseId))) return 'allowed';
        const above = await database(databaseId);
        if (!above) return 'parent_hidden';
        if (!above.parentPageId) return 'outside';
        pageAbove = above.parentPageId;
      } else {
        // workspace: nothing above. block_id (a page inside a toggle or column): the adapter has
        // no block look-up, so Baton cannot follow it and does not claim the page is allowed.
        return 'outside';
      }
      chain.push(pageAbove);
      if (notionRoots.has(normalizeId(pageAbove))) return 'allowed';
      const above = await optional(() => client.retrievePage(pageAbove));
      if (!above) return 'parent_hidden';
      if (above.in_trash) return 'trashed';
      parent = above.parent;
    }
    return 'outside';
  }

  const notionEditedTime = (pageId: string) => editedTimes.get(normalizeId(pageId)) ?? null;
  const forgetNotion = async (pageId: string) => {
    notionCache.delete(normalizeId(pageId));
    await standings?.forgetThrough([pageId], new Date());
  };
  return { driveFile, drive, notion, database, notionDatabase, notionEditedTime, forgetNotion };
}

type PageParent = PageObjectResponse['parent'] | { type: 'page_id'; page_id: string };

/** The value, or null when Notion answers 404 (deleted, or not shared with the integration). */
async function optional<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isNotionNotFound(error)) return null;
    throw error;
  }
}

/**
 * Notion answers GET /v1/pages/{id} for a database id with 400 validation_error "Provided ID … is
 * a database, not a page. Use the retrieve database API instead." (the API's message, as quoted
 * by public clients that handle it); some answer 404. Either way databases.retrieve tells.
 */
function isWrongObjectType(error: unknown): boolean {
  return isNotionClientError(error) && error.code === APIErrorCode.ValidationError;
}

export function normalizeId(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}
