// Reading D1 rows through a schema: every row is parsed on the way out, like any upstream answer.
import type { z } from 'zod';

export interface D1Rows {
  one<T>(schema: z.ZodType<T>, sql: string, ...args: unknown[]): Promise<T | null>;
  all<T>(schema: z.ZodType<T>, sql: string, ...args: unknown[]): Promise<T[]>;
}

export function d1Rows(db: D1Database): D1Rows {
  return {
    async one(schema, sql, ...args) {
      const row = await db.prepare(sql).bind(...args).first();
      return row ? schema.parse(row) : null;
    },
    async all(schema, sql, ...args) {
      const { results } = await db.prepare(sql).bind(...args).all();
      return results.map((r) => schema.parse(r));
    },
  };
}
