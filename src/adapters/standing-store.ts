// D1 access for the Notion standings Baton remembers (migration 0006): pages a walk found inside
// the allowed pages, with every id the walk passed through. registry/allowed-roots.ts decides
// when one may be used instead of walking again; the webhook route forgets the ones a move or a
// deletion may have changed. Ids are stored dashless and lower case.
import * as z from 'zod';

export interface RememberedStanding {
  /** The page's last_edited_time as last known (the walk's read, or an edit event's timestamp). */
  editedTime: string | null;
  /** Wall-clock time of the walk. */
  checkedAt: string;
}

export interface StandingStore {
  /** The remembered "allowed" standing of a page, checked against these roots, or null. */
  get(pageId: string, rootsKey: string): Promise<RememberedStanding | null>;
  /**
   * Remembers a walk that began at `checkedAt` and ended "allowed": `chain` holds the page and
   * every id above it the walk read. Not kept when a move or deletion of any of them was handled
   * since the walk began (its read may predate the move); false then.
   */
  put(pageId: string, rootsKey: string, chain: readonly string[], editedTime: string | null, checkedAt: Date): Promise<boolean>;
  /** Forgets every standing whose walk passed through one of these ids (a move or deletion at `at`); how many went. */
  forgetThrough(ids: readonly string[], at: Date): Promise<number>;
  /** A page was edited: its remembered edit time follows, so provenance stays right. */
  noteEdited(pageId: string, at: string): Promise<void>;
}

const Row = z.object({ edited_time: z.string().nullable(), checked_at: z.string() });

export const normalizeNotionId = (id: string) => id.replace(/-/g, '').toLowerCase();
const distinct = (ids: readonly string[]) => [...new Set(ids.map(normalizeNotionId))];
/** A walk takes seconds; a day is far longer than any walk can have begun before an event. */
const MOVES_KEPT_MS = 24 * 60 * 60_000;

export function createStandingStore(db: D1Database): StandingStore {
  return {
    async get(pageId, rootsKey) {
      const row = await db.prepare('SELECT edited_time, checked_at FROM notion_standings WHERE page_id = ?1 AND roots_key = ?2').bind(normalizeNotionId(pageId), rootsKey).first();
      if (!row) return null;
      const parsed = Row.parse(row);
      return { editedTime: parsed.edited_time, checkedAt: parsed.checked_at };
    },
    async put(pageId, rootsKey, chain, editedTime, checkedAt) {
      // One statement, so no event can be handled between the check and the write.
      const result = await db
        .prepare(
          'INSERT INTO notion_standings (page_id, roots_key, chain_json, edited_time, checked_at) ' +
            'SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM notion_moves m, json_each(?3) c WHERE m.id = c.value AND m.at >= ?5) ' +
            'ON CONFLICT(page_id) DO UPDATE SET roots_key = ?2, chain_json = ?3, edited_time = ?4, checked_at = ?5',
        )
        .bind(normalizeNotionId(pageId), rootsKey, JSON.stringify(distinct(chain)), editedTime, checkedAt.toISOString())
        .run();
      return (result.meta.changes ?? 0) > 0;
    },
    async forgetThrough(ids, at) {
      if (ids.length === 0) return 0;
      const named = JSON.stringify(distinct(ids));
      const stamp = at.toISOString();
      const [, , forgotten] = await db.batch([
        db.prepare('DELETE FROM notion_moves WHERE at < ?1').bind(new Date(at.getTime() - MOVES_KEPT_MS).toISOString()),
        db.prepare('INSERT INTO notion_moves (id, at) SELECT value, ?2 FROM json_each(?1) WHERE true ON CONFLICT(id) DO UPDATE SET at = ?2').bind(named, stamp),
        // json_each (SQLite's JSON1, available in D1): a row goes when any id of its chain is named.
        db.prepare('DELETE FROM notion_standings WHERE page_id IN (SELECT s.page_id FROM notion_standings s, json_each(s.chain_json) c WHERE c.value IN (SELECT value FROM json_each(?1)))').bind(named),
      ]);
      return forgotten?.meta.changes ?? 0;
    },
    async noteEdited(pageId, at) {
      await db.prepare('UPDATE notion_standings SET edited_time = ?2 WHERE page_id = ?1').bind(normalizeNotionId(pageId), at).run();
    },
  };
}

/**
 * Events that can change where a page stands (developers.notion.com/reference/webhooks-events-delivery):
 * a page, database or data source moved, trashed or restored. Their entity id is forgotten
 * wherever a walk passed through it. Restores can only widen what is allowed, and nothing
 * refused is remembered, but they are counted too, so nothing rests on that reasoning.
 */
const STANDING_EVENTS = new Set([
  'page.moved',
  'page.deleted',
  'page.undeleted',
  'database.moved',
  'database.deleted',
  'database.undeleted',
  'data_source.moved',
  'data_source.deleted',
  'data_source.undeleted',
]);
const EDIT_EVENTS = new Set(['page.content_updated', 'page.properties_updated']);

/** What one webhook event means for the remembered standings, whoever its author. */
export async function applyStandingEvent(store: StandingStore, event: { type: string; timestamp: string; entity: { id: string } }, now: Date): Promise<void> {
  if (STANDING_EVENTS.has(event.type)) await store.forgetThrough([event.entity.id], now);
  else if (EDIT_EVENTS.has(event.type)) await store.noteEdited(event.entity.id, event.timestamp);
}
