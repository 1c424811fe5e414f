// Page property values: request shapes checked against the data source schema and stored by
// property id; responses keyed by name with each value's id (reference/page-property-values).
import type { PageObjectResponse, UpdatePageParameters } from '@notionhq/client';
import { bodyValidationError, validationError } from '../errors';
import { newId, normalizeId } from '../ids';
import { renderRichText, toStoredRichText } from '../rich-text';
import { userObject } from '../serialize/users';
import { configType, findProperty } from './property-schema';
import type { Store } from './store';
import type { SelectOption, StoredPage, StoredProperty, StoredPropertyValue } from './types';

type PropertyRequest = NonNullable<UpdatePageParameters['properties']>[string];
type PropertyResponse = PageObjectResponse['properties'][string];

/** Properties a page outside a data source has: only its title (reference/page). */
const PAGE_TITLE: StoredProperty = { id: 'title', name: 'title', description: null, type: 'title' };

export function schemaOf(page: StoredPage, store: Store): StoredProperty[] {
  if (page.parent.type !== 'data_source_id') return [PAGE_TITLE];
  return store.dataSource(page.parent.data_source_id)?.properties ?? [];
}

/** Applies request values to a page; returns the ids of the properties whose value changed. */
export function writeProperties(
  page: StoredPage,
  values: Record<string, PropertyRequest>,
  store: Store,
): string[] {
  const schema = schemaOf(page, store);
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const property = page.parent.type === 'data_source_id'
      ? findProperty({ properties: schema } as never, key)
      : key === 'title' ? PAGE_TITLE : undefined;
    if (!property) throw validationError(`${key} is not a property that exists.`);
    const stored = toStoredValue(property, value as Record<string, unknown>, store, `body.properties.${key}`);
    const before = JSON.stringify(page.properties[property.id] ?? null);
    page.properties[property.id] = stored;
    if (JSON.stringify(stored) !== before) changed.push(property.id);
  }
  return changed;
}

function toStoredValue(
  property: StoredProperty,
  value: Record<string, unknown>,
  store: Store,
  path: string,
): StoredPropertyValue {
  const type = configType(value);
  if (type !== property.type) throw validationError(`${property.name} is expected to be ${property.type}.`);
  const raw = value[type];
  switch (property.type) {
    case 'title':
    case 'rich_text':
      return { type: property.type, [property.type]: toStoredRichText(raw as never, store, `${path}.${type}`) } as StoredPropertyValue;
    case 'number':
      return { type: 'number', number: raw as number | null };
    case 'url':
    case 'email':
    case 'phone_number':
      return { type: property.type, [property.type]: raw as string | null } as StoredPropertyValue;
    case 'checkbox':
      return { type: 'checkbox', checkbox: raw as boolean };
    case 'date':
      return { type: 'date', date: raw === null ? null : toDate(raw as Record<string, unknown>, `${path}.date`) };
    case 'select':
      return { type: 'select', select: raw === null ? null : { id: pickOption(property, raw as OptionRef).id } };
    case 'status':
      return { type: 'status', status: raw === null ? null : { id: pickOption(property, raw as OptionRef).id } };
    case 'multi_select':
      return { type: 'multi_select', multi_select: (raw as OptionRef[]).map((r) => ({ id: pickOption(property, r).id })) };
    case 'people':
      return { type: 'people', people: (raw as { id: string; object?: string }[]).map((r, i) => ({ id: personId(r, store, `${path}.people[${i}]`) })) };
    case 'relation':
      return { type: 'relation', relation: (raw as { id: string }[]).map((r, i) => ({ id: relatedId(r.id, property, store, `${path}.relation[${i}]`) })) };
    default:
      throw validationError(`${property.name} is a ${property.type} property, which cannot be set through the API.`);
  }
}

type OptionRef = { id?: string; name?: string; color?: string };

/**
 * Select and multi-select create an option that does not exist yet; status never does
 * (observed live: "Invalid status option. Status option "planned" does not exist").
 */
function pickOption(property: StoredProperty, ref: OptionRef): SelectOption {
  if (!('options' in property)) throw new Error('not an option property');
  const found = property.options.find((o) => (ref.id !== undefined ? o.id === ref.id : o.name === ref.name));
  if (found) return found;
  if (property.type === 'status') throw validationError(`Invalid status option. Status option "${ref.name ?? ref.id}" does not exist`);
  if (ref.id !== undefined && ref.name === undefined) throw validationError(`Invalid select option id: ${ref.id}`);
  if (ref.name?.includes(',')) throw validationError(`Invalid select option, commas not allowed: ${ref.name}`);
  const option: SelectOption = { id: newId(), name: ref.name ?? '', color: ref.color ?? 'default', description: null };
  property.options.push(option);
  return option;
}

function personId(ref: { id: string; object?: string }, store: Store, path: string): string {
  if (ref.object === 'group') throw bodyValidationError(`${path} is a group, which the Notion stand-in does not support`);
  const id = normalizeId(ref.id);
  if (!id || !store.user(id)) throw validationError(`${path.replace(/^body\./, '')} is not a valid user id: ${ref.id}`);
  return id;
}

function relatedId(raw: string, property: StoredProperty, store: Store, path: string): string {
  const id = normalizeId(raw);
  const target = id ? store.page(id) : undefined;
  if (!id || !target || property.type !== 'relation' || target.parent.type !== 'data_source_id' || target.parent.data_source_id !== property.data_source_id) {
    throw validationError(`${path.replace(/^body\./, '')} should be a page in the related data source, instead was \`"${raw}"\`.`);
  }
  return id;
}

function toDate(raw: Record<string, unknown>, path: string) {
  const start = String(raw.start);
  if (Number.isNaN(Date.parse(start))) throw bodyValidationError(`${path}.start should be a valid ISO 8601 date string, instead was \`"${start}"\``);
  const end = raw.end === undefined || raw.end === null ? null : String(raw.end);
  if (end !== null && Number.isNaN(Date.parse(end))) throw bodyValidationError(`${path}.end should be a valid ISO 8601 date string, instead was \`"${end}"\``);
  return { start, end, time_zone: (raw.time_zone as string | null | undefined) ?? null };
}

/** Values for a new row: empty, except status, which starts at its default option. */
export function defaultValues(properties: StoredProperty[]): Record<string, StoredPropertyValue> {
  const values: Record<string, StoredPropertyValue> = {};
  for (const p of properties) {
    if (p.type === 'status') {
      const first = p.groups[0]?.option_ids[0] ?? p.options[0]?.id;
      values[p.id] = { type: 'status', status: first ? { id: first } : null };
    }
  }
  return values;
}

const CAP = 25; // A page object returns at most 25 people or relations per property (platform notes).

export function renderProperties(page: StoredPage, store: Store, only?: Set<string>): Record<string, PropertyResponse> {
  const out: Record<string, PropertyResponse> = {};
  for (const p of schemaOf(page, store)) {
    if (only && !only.has(p.id)) continue;
    out[p.name] = renderValue(p, page, store);
  }
  return out;
}

function renderValue(p: StoredProperty, page: StoredPage, store: Store): PropertyResponse {
  const v = page.properties[p.id];
  const base = { id: p.id };
  const option = (id: string | undefined) => {
    const o = 'options' in p ? p.options.find((x) => x.id === id) : undefined;
    return o ? { id: o.id, name: o.name, color: o.color } : null;
  };
  const user = (id: string) => {
    const u = store.user(id);
    return u ? userObject(u, store) : { object: 'user' as const, id };
  };
  switch (p.type) {
    case 'title':
    case 'rich_text': {
      const items = v && (v.type === 'title' || v.type === 'rich_text') ? (v.type === 'title' ? v.title : v.rich_text) : [];
      return { ...base, type: p.type, [p.type]: renderRichText(items, store) } as PropertyResponse;
    }
    case 'number':
      return { ...base, type: 'number', number: v?.type === 'number' ? v.number : null };
    case 'url':
      return { ...base, type: 'url', url: v?.type === 'url' ? v.url : null };
    case 'email':
      return { ...base, type: 'email', email: v?.type === 'email' ? v.email : null };
    case 'phone_number':
      return { ...base, type: 'phone_number', phone_number: v?.type === 'phone_number' ? v.phone_number : null };
    case 'checkbox':
      return { ...base, type: 'checkbox', checkbox: v?.type === 'checkbox' ? v.checkbox : false };
    case 'date':
      return { ...base, type: 'date', date: v?.type === 'date' && v.date ? { ...v.date } : null };
    case 'select':
      return { ...base, type: 'select', select: v?.type === 'select' ? option(v.select?.id) : null } as PropertyResponse;
    case 'status':
      return { ...base, type: 'status', status: v?.type === 'status' ? option(v.status?.id) : null } as PropertyResponse;
    case 'multi_select': {
      const ids = v?.type === 'multi_select' ? v.multi_select.map((o) => o.id) : [];
      return { ...base, type: 'multi_select', multi_select: ids.map(option).filter((o) => o !== null) } as PropertyResponse;
    }
    case 'people':
      return { ...base, type: 'people', people: (v?.type === 'people' ? v.people : []).slice(0, CAP).map((r) => user(r.id)) };
    case 'relation':
      return { ...base, type: 'relation', relation: (v?.type === 'relation' ? v.relation : []).slice(0, CAP).map((r) => ({ id: r.id })) };
    case 'created_time':
      return { ...base, type: 'created_time', created_time: page.created_time };
    case 'last_edited_time':
      return { ...base, type: 'last_edited_time', last_edited_time: page.last_edited_time };
    case 'created_by':
      return { ...base, type: 'created_by', created_by: user(page.created_by) };
    case 'last_edited_by':
      return { ...base, type: 'last_edited_by', last_edited_by: user(page.last_edited_by) };
  }
}

/** The stored value of a property for filters and sorts, including the computed ones. */
export function propertyValue(p: StoredProperty, page: StoredPage): StoredPropertyValue | { type: 'timestamp'; at: string } | { type: 'user'; id: string } | undefined {
  if (p.type === 'created_time') return { type: 'timestamp', at: page.created_time };
  if (p.type === 'last_edited_time') return { type: 'timestamp', at: page.last_edited_time };
  if (p.type === 'created_by') return { type: 'user', id: page.created_by };
  if (p.type === 'last_edited_by') return { type: 'user', id: page.last_edited_by };
  return page.properties[p.id];
}
