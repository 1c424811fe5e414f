// D1 access for the worker's own index. The only module that writes SQL.
export interface Store {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string, now: Date): Promise<void>;
}

export function createStore(db: D1Database): Store {
  return {
    async getMeta(key) {
      const row = await db.prepare('SELECT value FROM meta WHERE key = ?').bind(key).first<{ value: string }>();
      return row?.value ?? null;
    },
    async setMeta(key, value, now) {
      await db
        .prepare(
          'INSERT INTO meta (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(key) DO UPDATE SET value = ?2, updated_at = ?3',
        )
        .bind(key, value, now.toISOString())
        .run();
    },
  };
}
