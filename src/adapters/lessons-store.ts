// D1's copy of the lessons a workflow page holds (its accepted lessons, as review/lessons-page.ts
// reads them), kept in `meta` under `page-lessons:<page id>`. Written whenever Baton has the page's
// markdown in hand: the registry sync reading the row, and the learn step's write (Notion answers
// a markdown PATCH with the page as it is after it). engine/activities.ts `gatherStep` uses it
// instead of reading the page while webhooks are healthy (a person's edit then marks the row to
// be read again by the next sync).
import { z } from 'zod';

const key = (pageId: string) => `page-lessons:${pageId.replace(/-/g, '')}`;
const Lessons = z.array(z.string());

export interface LessonsStore {
  get(pageId: string): Promise<string[] | null>;
  put(pageId: string, lessons: readonly string[], now: Date): Promise<void>;
  /** A webhook said a person edited the row since the sync last read it (registry/sync.ts reads it next). */
  pendingRead(pageId: string): Promise<boolean>;
}

export function createLessonsStore(db: D1Database): LessonsStore {
  return {
    async get(pageId) {
      const row = await db.prepare('SELECT value FROM meta WHERE key = ?').bind(key(pageId)).first<{ value: string }>();
      if (!row) return null;
      const parsed = Lessons.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : null;
    },
    async put(pageId, lessons, now) {
      await db
        .prepare('INSERT INTO meta (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3')
        .bind(key(pageId), JSON.stringify(lessons), now.toISOString())
        .run();
    },
    async pendingRead(pageId) {
      // store.ts markRowDirty keys rows as 'dirty:' + the id the webhook named.
      const row = await db.prepare("SELECT 1 AS hit FROM meta WHERE key = 'dirty:' || ?1 OR key = 'dirty:' || ?2").bind(pageId, pageId.replace(/-/g, '')).first();
      return row !== null;
    },
  };
}
