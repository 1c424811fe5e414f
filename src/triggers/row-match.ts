// Does a Notion row have <Property> = <value>? And the row in words, for the run's context. Pure.
//
// Property names and values are compared as people write them: case and surrounding spaces do
// not matter. A checkbox matches "checked"/"true"/"yes" (or their opposites).
import type { PageObjectResponse } from '@notionhq/client';
import { checkboxValue } from '../registry/trigger-text';

type Property = PageObjectResponse['properties'][string];

const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The property named `name` (case-insensitive), with its real name: a row's value, or a data
 * source's schema entry (both are keyed by property name).
 */
export function findProperty<P>(properties: Record<string, P>, name: string): { name: string; property: P } | null {
  const wanted = normalise(name);
  for (const [key, property] of Object.entries(properties)) if (normalise(key) === wanted) return { name: key, property };
  return null;
}

/** A property's value as text; null for kinds that hold none Baton reads. */
export function propertyText(property: Property): string | null {
  switch (property.type) {
    case 'title':
      return property.title.map((t) => t.plain_text).join('');
    case 'rich_text':
      return property.rich_text.map((t) => t.plain_text).join('');
    case 'select':
      return property.select?.name ?? '';
    case 'status':
      return property.status?.name ?? '';
    case 'multi_select':
      return property.multi_select.map((o) => o.name).join(', ');
    case 'checkbox':
      return property.checkbox ? 'checked' : 'unchecked';
    case 'number':
      return property.number === null ? '' : String(property.number);
    case 'url':
      return property.url ?? '';
    case 'email':
      return property.email ?? '';
    case 'phone_number':
      return property.phone_number ?? '';
    case 'date':
      return property.date ? [property.date.start, property.date.end].filter(Boolean).join(' → ') : '';
    case 'people':
      return property.people.map((p) => ('name' in p && p.name ? p.name : p.id)).join(', ');
    case 'formula':
      return property.formula.type === 'string' ? (property.formula.string ?? '') : property.formula.type === 'number' ? String(property.formula.number ?? '') : null;
    default:
      return null;
  }
}

export function rowMatches(page: Pick<PageObjectResponse, 'properties'>, propertyName: string, value: string): boolean {
  const found = findProperty(page.properties, propertyName);
  if (!found) return false;
  const { property } = found;
  // The registry already refused a checkbox value that is neither (check-links.ts).
  if (property.type === 'checkbox') return property.checkbox === (checkboxValue(value) ?? false);
  if (property.type === 'multi_select') return property.multi_select.some((o) => normalise(o.name) === normalise(value));
  const text = propertyText(property);
  return text !== null && normalise(text) === normalise(value);
}

/** The row's title. */
export function rowTitle(page: Pick<PageObjectResponse, 'properties'>): string {
  for (const property of Object.values(page.properties)) if (property.type === 'title') return property.title.map((t) => t.plain_text).join('').trim() || 'Untitled';
  return 'Untitled';
}

/** "Stage: Closed won" lines for every property with a value, title first. */
export function describeRow(page: Pick<PageObjectResponse, 'properties'>): string {
  const lines: string[] = [];
  for (const [name, property] of Object.entries(page.properties)) {
    const text = propertyText(property);
    if (text === null || text === '') continue;
    if (property.type === 'title') lines.unshift(`${name}: ${text}`);
    else lines.push(`${name}: ${text}`);
  }
  return lines.join('\n');
}
