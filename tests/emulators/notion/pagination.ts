// Cursor pagination (reference/intro, "Pagination"): page_size up to 100 (default 100),
// start_cursor is the id of the first item of the page, next_cursor is null on the last page.
import { validationError } from './errors';

export interface Page<T> {
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
}

export function paginate<T>(
  items: T[],
  idOf: (item: T) => string,
  options: { start_cursor?: string | null; page_size?: number },
  where: 'body' | 'query',
): Page<T> {
  const size = options.page_size ?? 100;
  if (!Number.isInteger(size) || size < 1) throw validationError(`${where}.page_size should be ≥ \`1\`, instead was \`${size}\`.`);
  if (size > 100) throw validationError(`${where}.page_size should be ≤ \`100\`, instead was \`${size}\`.`);
  let start = 0;
  if (options.start_cursor) {
    start = items.findIndex((item) => idOf(item) === options.start_cursor);
    if (start === -1) throw validationError(`${where}.start_cursor should be a valid cursor, instead was \`"${options.start_cursor}"\`.`);
  }
  const results = items.slice(start, start + size);
  const next = items[start + size];
  return { results, next_cursor: next === undefined ? null : idOf(next), has_more: next !== undefined };
}
