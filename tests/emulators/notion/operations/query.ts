// POST /v1/data_sources/{id}/query (reference/query-a-data-source): filter, sorts, pagination,
// `in_trash` (the trash instead of the live rows) and `filter_properties`.
import type { QueryDataSourceParameters } from '@notionhq/client';
import type { OperationContext } from '../context';
import { bodyValidationError, quoteValue, validationError } from '../errors';
import { findProperty } from '../model/property-schema';
import { propertyValue } from '../model/property-values';
import type { StoredDataSource, StoredPage, StoredProperty } from '../model/types';
import { paginate } from '../pagination';
import { plainText } from '../rich-text';
import { matches } from './filters';
import { getDataSource } from './databases';

export function queryDataSource(ctx: OperationContext, rawId: string, params: Omit<QueryDataSourceParameters, 'data_source_id'>) {
  const { store } = ctx;
  const ds = getDataSource(ctx, rawId);
  if (ctx.version !== '2025-09-03' && params.archived !== undefined) {
    throw bodyValidationError(`body.archived should be not present, instead was \`${quoteValue(params.archived)}\``);
  }
  const trash = params.in_trash ?? params.archived ?? false;
  const filterContext = { store, dataSource: ds, now: store.clock.now(), me: ctx.actor.id };
  let rows = Object.values(store.state.pages).filter(
    (p) => p.parent.type === 'data_source_id' && p.parent.data_source_id === ds.id && p.in_trash === trash,
  );
  if (params.result_type === 'data_source') rows = [];
  if (params.filter) rows = rows.filter((p) => matches(params.filter as Record<string, unknown>, p, filterContext));
  rows.sort(comparator(ds, params.sorts ?? [], ctx));
  const only = params.filter_properties ? new Set(params.filter_properties.map((f) => findProperty(ds, f)?.id ?? f)) : undefined;
  return { page: paginate(rows, (p) => p.id, params, 'body'), only };
}

type Sort = NonNullable<QueryDataSourceParameters['sorts']>[number];

function comparator(ds: StoredDataSource, sorts: Sort[], ctx: OperationContext) {
  const keys = sorts.map((sort) => {
    const direction = sort.direction === 'descending' ? -1 : 1;
    if ('timestamp' in sort) return { direction, read: (p: StoredPage) => (sort.timestamp === 'created_time' ? p.created_time : p.last_edited_time) };
    const property = findProperty(ds, sort.property);
    if (!property) throw validationError(`Could not find sort property with name or id: ${sort.property}`);
    return { direction, read: (p: StoredPage) => sortValue(property, p, ctx) };
  });
  return (a: StoredPage, b: StoredPage): number => {
    for (const key of keys) {
      const x = key.read(a);
      const y = key.read(b);
      // Empty values sort last in either direction.
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (order !== 0) return order * key.direction;
    }
    // Without sorts, newest first; the creation sequence breaks ties within a minute.
    return keys.length ? a.seq - b.seq : b.seq - a.seq;
  };
}

function sortValue(p: StoredProperty, page: StoredPage, ctx: OperationContext): string | number | null {
  const v = propertyValue(p, page);
  if (!v) return null;
  switch (v.type) {
    case 'title':
      return plainText(v.title, ctx.store) || null;
    case 'rich_text':
      return plainText(v.rich_text, ctx.store) || null;
    case 'number':
      return v.number;
    case 'checkbox':
      return v.checkbox ? 1 : 0;
    case 'select':
    case 'status': {
      const id = v.type === 'select' ? v.select?.id : v.status?.id;
      // Options sort in schema order, as in the Notion app.
      const index = 'options' in p ? p.options.findIndex((o) => o.id === id) : -1;
      return index === -1 ? null : index;
    }
    case 'date':
      return v.date ? Date.parse(v.date.start) : null;
    case 'timestamp':
      return Date.parse(v.at);
    case 'user':
      return ctx.store.user(v.id)?.name ?? null;
    case 'people':
      return v.people.length ? (ctx.store.user(v.people[0]!.id)?.name ?? null) : null;
    case 'url':
    case 'email':
    case 'phone_number':
      return (v as Record<string, unknown>)[v.type] as string | null;
    default:
      return null;
  }
}
