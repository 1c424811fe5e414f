// Data source query filters (reference/filter-data-source-entries): property filters by
// family (text, number, checkbox, select/status, multi-select, people, relation, date),
// timestamp filters, and compound and/or. Dates without a time compare by UTC day.
import { validationError } from '../errors';
import { findProperty } from '../model/property-schema';
import { propertyValue } from '../model/property-values';
import type { Store } from '../model/store';
import type { StoredDataSource, StoredPage, StoredProperty } from '../model/types';
import { plainText } from '../rich-text';

type Condition = Record<string, unknown>;
type Filter = Record<string, unknown>;

const FAMILIES: Record<string, string[]> = {
  text: ['title', 'rich_text', 'url', 'email', 'phone_number'],
  people: ['people', 'created_by', 'last_edited_by'],
  date: ['date', 'created_time', 'last_edited_time'],
};
const CONDITION_KEYS = ['title', 'rich_text', 'url', 'email', 'phone_number', 'number', 'checkbox', 'select', 'multi_select', 'status', 'date', 'people', 'relation', 'created_by', 'created_time', 'last_edited_by', 'last_edited_time', 'files', 'formula', 'rollup', 'unique_id', 'verification'];

export interface FilterContext {
  store: Store;
  dataSource: StoredDataSource;
  now: Date;
  /** The user "me" stands for in people filters: the token's bot. */
  me: string;
}

export function matches(filter: Filter, page: StoredPage, ctx: FilterContext): boolean {
  if (Array.isArray(filter.and)) return (filter.and as Filter[]).every((f) => matches(f, page, ctx));
  if (Array.isArray(filter.or)) return (filter.or as Filter[]).some((f) => matches(f, page, ctx));
  if (typeof filter.timestamp === 'string') {
    const at = filter.timestamp === 'created_time' ? page.created_time : page.last_edited_time;
    return dateMatches(at, filter[filter.timestamp] as Condition, ctx.now);
  }
  const property = findProperty(ctx.dataSource, String(filter.property));
  if (!property) throw validationError(`Could not find property with name or id: ${String(filter.property)}`);
  const key = typeof filter.type === 'string' ? filter.type : CONDITION_KEYS.find((k) => k in filter);
  if (!key || !compatible(key, property.type)) {
    throw validationError(`The filter on property "${property.name}" uses a \`${key}\` condition, but the property's type is \`${property.type}\`.`);
  }
  return evaluate(property, filter[key] as Condition, page, ctx);
}

function compatible(key: string, type: string): boolean {
  if (key === type) return true;
  return Object.values(FAMILIES).some((family) => family.includes(key) && family.includes(type));
}

function evaluate(p: StoredProperty, c: Condition, page: StoredPage, ctx: FilterContext): boolean {
  const v = propertyValue(p, page);
  const family = Object.entries(FAMILIES).find(([, types]) => types.includes(p.type))?.[0] ?? p.type;
  switch (family) {
    case 'text': {
      const text = !v ? '' : v.type === 'title' ? plainText(v.title, ctx.store) : v.type === 'rich_text' ? plainText(v.rich_text, ctx.store) : (((v as Record<string, unknown>)[v.type] as string | null) ?? '');
      return textMatches(text, c);
    }
    case 'number':
      return numberMatches(v?.type === 'number' ? v.number : null, c);
    case 'checkbox': {
      const checked = v?.type === 'checkbox' ? v.checkbox : false;
      return 'equals' in c ? checked === c.equals : checked !== c.does_not_equal;
    }
    case 'select':
    case 'status': {
      const id = v?.type === 'select' ? v.select?.id : v?.type === 'status' ? v.status?.id : undefined;
      const name = 'options' in p ? p.options.find((o) => o.id === id)?.name : undefined;
      return optionMatches(name === undefined ? [] : [name], c, 'equals');
    }
    case 'multi_select': {
      const names = v?.type === 'multi_select' && 'options' in p ? v.multi_select.map((o) => p.options.find((x) => x.id === o.id)?.name ?? '') : [];
      return optionMatches(names, c, 'contains');
    }
    case 'people': {
      const ids = v?.type === 'people' ? v.people.map((x) => x.id) : v?.type === 'user' ? [v.id] : [];
      return idMatches(ids, c, ctx.me);
    }
    case 'relation':
      return idMatches(v?.type === 'relation' ? v.relation.map((x) => x.id) : [], c, ctx.me);
    case 'date': {
      const at = v?.type === 'timestamp' ? v.at : v?.type === 'date' ? (v.date?.start ?? null) : null;
      return dateMatches(at, c, ctx.now);
    }
    default:
      throw validationError(`Filtering on ${p.type} properties is not supported by the Notion stand-in.`);
  }
}

function existence(empty: boolean, c: Condition): boolean | undefined {
  if (c.is_empty === true) return empty;
  if (c.is_not_empty === true) return !empty;
  return undefined;
}

function textMatches(text: string, c: Condition): boolean {
  const e = existence(text === '', c);
  if (e !== undefined) return e;
  const lower = text.toLowerCase();
  if ('equals' in c) return text === c.equals;
  if ('does_not_equal' in c) return text !== c.does_not_equal;
  if ('contains' in c) return lower.includes(String(c.contains).toLowerCase());
  if ('does_not_contain' in c) return !lower.includes(String(c.does_not_contain).toLowerCase());
  if ('starts_with' in c) return lower.startsWith(String(c.starts_with).toLowerCase());
  if ('ends_with' in c) return lower.endsWith(String(c.ends_with).toLowerCase());
  return true;
}

function numberMatches(n: number | null, c: Condition): boolean {
  const e = existence(n === null, c);
  if (e !== undefined) return e;
  if (n === null) return 'does_not_equal' in c;
  if ('equals' in c) return n === c.equals;
  if ('does_not_equal' in c) return n !== c.does_not_equal;
  if ('greater_than' in c) return n > Number(c.greater_than);
  if ('less_than' in c) return n < Number(c.less_than);
  if ('greater_than_or_equal_to' in c) return n >= Number(c.greater_than_or_equal_to);
  if ('less_than_or_equal_to' in c) return n <= Number(c.less_than_or_equal_to);
  return true;
}

/** select/status equals takes one name or several (any of them); multi-select contains likewise. */
function optionMatches(names: string[], c: Condition, positive: 'equals' | 'contains'): boolean {
  const e = existence(names.length === 0, c);
  if (e !== undefined) return e;
  const negative = positive === 'equals' ? 'does_not_equal' : 'does_not_contain';
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : [String(x)]);
  if (positive in c) return list(c[positive]).some((n) => names.includes(n));
  if (negative in c) return !list(c[negative]).some((n) => names.includes(n));
  return true;
}

function idMatches(ids: string[], c: Condition, me: string): boolean {
  const e = existence(ids.length === 0, c);
  if (e !== undefined) return e;
  const id = (x: unknown) => (x === 'me' ? me : String(x).replace(/^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i, '$1-$2-$3-$4-$5').toLowerCase());
  if ('contains' in c) return ids.includes(id(c.contains));
  if ('does_not_contain' in c) return !ids.includes(id(c.does_not_contain));
  return true;
}

const DAY = 86_400_000;

function relative(value: string, now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const shift: Record<string, number> = { today: 0, tomorrow: DAY, yesterday: -DAY, one_week_ago: -7 * DAY, one_week_from_now: 7 * DAY };
  if (value in shift) return new Date(today + shift[value]!).toISOString().slice(0, 10);
  if (value === 'one_month_ago' || value === 'one_month_from_now') {
    const d = new Date(today);
    d.setUTCMonth(d.getUTCMonth() + (value === 'one_month_ago' ? -1 : 1));
    return d.toISOString().slice(0, 10);
  }
  return value;
}

function dateMatches(value: string | null, c: Condition, now: Date): boolean {
  const e = existence(value === null, c);
  if (e !== undefined) return e;
  if (value === null) return false;
  const t = Date.parse(value);
  const n = now.getTime();
  const windows: Record<string, [number, number]> = {
    past_week: [n - 7 * DAY, n],
    past_month: [n - 30 * DAY, n],
    past_year: [n - 365 * DAY, n],
    next_week: [n, n + 7 * DAY],
    next_month: [n, n + 30 * DAY],
    next_year: [n, n + 365 * DAY],
  };
  for (const [key, [from, to]] of Object.entries(windows)) if (key in c) return t >= from && t <= to;
  if ('this_week' in c) {
    const day = new Date(n).getUTCDay();
    const monday = Date.UTC(new Date(n).getUTCFullYear(), new Date(n).getUTCMonth(), new Date(n).getUTCDate()) - ((day + 6) % 7) * DAY;
    return t >= monday && t < monday + 7 * DAY;
  }
  const op = ['equals', 'before', 'after', 'on_or_before', 'on_or_after'].find((k) => k in c);
  if (!op) return true;
  const raw = relative(String(c[op]), now);
  const f = Date.parse(raw);
  if (Number.isNaN(f)) throw validationError(`body.filter date value should be a valid ISO 8601 date, instead was \`"${raw}"\`.`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const [start, end] = dateOnly ? [f, f + DAY] : [f, f];
  switch (op) {
    case 'equals':
      return dateOnly ? t >= start && t < end : t === f;
    case 'before':
      return t < start;
    case 'after':
      return dateOnly ? t >= end : t > f;
    case 'on_or_before':
      return dateOnly ? t < end : t <= f;
    default:
      return t >= start;
  }
}
