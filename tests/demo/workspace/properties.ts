// Page properties as a person sees and edits them in Notion: each value shown as words, and one
// cell's new value turned into the property value Notion's API takes (developers.notion.com,
// reference/page-property-values: select {name}, people [{id}], checkbox boolean, url, number,
// rich_text/title arrays, date {start}). Read-only kinds (formula, rollup, created_*, …) are
// shown, never offered for editing.
import type { DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';
import type { PropertyForm } from './forms';
import type { Person } from './notion-source';

export type PageProperty = PageObjectResponse['properties'][string];
type SchemaProperty = DataSourceObjectResponse['properties'][string];
export type PropertyRequest = Record<string, unknown>;

const EDITABLE = new Set(['title', 'rich_text', 'select', 'status', 'multi_select', 'checkbox', 'number', 'url', 'email', 'phone_number', 'people', 'date']);

export function isEditable(type: string): boolean {
  return EDITABLE.has(type);
}

/** "2026-12-01 18:06 UTC" for a timestamp, the date alone for a date; anything else as given. */
export function formatTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) return value;
  if (m[3] === 'Z' || m[3] === '+00:00') return `${m[1]} ${m[2]} UTC`;
  return m[3] ? `${m[1]} ${m[2]} (UTC${m[3]})` : `${m[1]} ${m[2]}`;
}

const plain = (items: { plain_text: string }[]) => items.map((t) => t.plain_text).join('');

/** The value as words, e.g. "Needs review", "Maya Okafor", "✓". People are named from the directory. */
export function propertyText(p: PageProperty, people: Person[] = []): string {
  const name = (id: string, fallback?: string | null) => people.find((x) => x.id === id)?.name ?? fallback ?? id;
  switch (p.type) {
    case 'title':
      return plain(p.title);
    case 'rich_text':
      return plain(p.rich_text);
    case 'select':
      return p.select?.name ?? '';
    case 'status':
      return p.status?.name ?? '';
    case 'multi_select':
      return p.multi_select.map((o) => o.name).join(', ');
    case 'checkbox':
      return p.checkbox ? '✓' : '';
    case 'number':
      return p.number === null ? '' : String(p.number);
    case 'url':
      return p.url ?? '';
    case 'email':
      return p.email ?? '';
    case 'phone_number':
      return p.phone_number ?? '';
    case 'people':
      return p.people.map((u) => name(u.id, 'name' in u ? u.name : undefined)).join(', ');
    case 'date':
      return p.date ? (p.date.end ? `${formatTime(p.date.start)} → ${formatTime(p.date.end)}` : formatTime(p.date.start)) : '';
    case 'created_time':
      return formatTime(p.created_time);
    case 'last_edited_time':
      return formatTime(p.last_edited_time);
    case 'relation':
      return p.relation.map((r) => r.id).join(', ');
    default:
      return '';
  }
}

/** What a form field holds for this property now (the ids of people; "true"/"false" for a box). */
export function formValue(p: PageProperty): string | string[] {
  if (p.type === 'people') return p.people.map((u) => u.id);
  if (p.type === 'multi_select') return p.multi_select.map((o) => o.name);
  if (p.type === 'checkbox') return String(p.checkbox);
  if (p.type === 'date') return p.date?.start ?? '';
  return propertyText(p);
}

/** Select, status and multi-select options as the data source lists them. */
export function optionsOf(schema: SchemaProperty | undefined): string[] {
  if (!schema) return [];
  if (schema.type === 'select') return schema.select.options.map((o) => o.name);
  if (schema.type === 'status') return schema.status.options.map((o) => o.name);
  if (schema.type === 'multi_select') return schema.multi_select.options.map((o) => o.name);
  return [];
}

export type ChangeResult = { ok: true; request: PropertyRequest } | { ok: false; message: string };

const text = (content: string) => (content === '' ? [] : [{ type: 'text', text: { content } }]);

/**
 * The request body for one property set to the form's value, or why it cannot be sent. A value
 * that is not one of the property's options is refused here: a person picks from the menu.
 */
export function propertyChange(current: PageProperty, schema: SchemaProperty | undefined, form: PropertyForm): ChangeResult {
  const values = Array.isArray(form.value) ? form.value : form.value === '' ? [] : [form.value];
  const one = values[0] ?? '';
  const name = form.property;
  const options = optionsOf(schema);
  const offered = (v: string) => options.length === 0 || options.includes(v);
  switch (current.type) {
    case 'title':
      return { ok: true, request: { title: text(one) } };
    case 'rich_text':
      return { ok: true, request: { rich_text: text(one) } };
    case 'select':
    case 'status':
      if (one !== '' && !offered(one)) return { ok: false, message: `${name} has no option “${one}”: pick one of ${options.join(', ')}.` };
      return { ok: true, request: { [current.type]: one === '' ? null : { name: one } } };
    case 'multi_select':
      if (!values.every(offered)) return { ok: false, message: `${name} has no such option: pick from ${options.join(', ')}.` };
      return { ok: true, request: { multi_select: values.map((v) => ({ name: v })) } };
    case 'checkbox':
      if (one !== 'true' && one !== 'false') return { ok: false, message: `${name} is a checkbox: it is ticked or not.` };
      return { ok: true, request: { checkbox: one === 'true' } };
    case 'number': {
      const number = Number(one);
      if (one !== '' && !Number.isFinite(number)) return { ok: false, message: `${name} takes a number; “${one}” is not one.` };
      return { ok: true, request: { number: one === '' ? null : number } };
    }
    case 'url':
    case 'email':
    case 'phone_number':
      return { ok: true, request: { [current.type]: one === '' ? null : one } };
    case 'people':
      return { ok: true, request: { people: values.map((id) => ({ id })) } };
    case 'date':
      if (one !== '' && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(one)) return { ok: false, message: `${name} takes a date like 2026-12-01.` };
      return { ok: true, request: { date: one === '' ? null : { start: one } } };
    default:
      return { ok: false, message: `${name} is a ${current.type} property, which people cannot edit.` };
  }
}

/** Whether the change would leave the value as it is (Notion's UI then sends nothing). */
export function isUnchanged(current: PageProperty, form: PropertyForm): boolean {
  const now = formValue(current);
  const next = Array.isArray(form.value) ? form.value : current.type === 'people' || current.type === 'multi_select' ? (form.value === '' ? [] : [form.value]) : form.value;
  return JSON.stringify(now) === JSON.stringify(next);
}
