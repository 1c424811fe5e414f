// Data source schemas: property configurations as created, updated and returned
// (reference/property-object, reference/update-a-data-source).
import type { DataSourceObjectResponse, UpdateDataSourceParameters } from '@notionhq/client';
import { bodyValidationError, validationError } from '../errors';
import { newId, newPropertyId, normalizeId } from '../ids';
import type { Store } from './store';
import type { SelectOption, StatusGroup, StoredDataSource, StoredProperty } from './types';

type PropertyConfigResponse = DataSourceObjectResponse['properties'][string];
type UpdateValue = NonNullable<NonNullable<UpdateDataSourceParameters['properties']>[string]>;
type OptionRequest = { id?: string; name?: string; color?: string; description?: string | null };

const SIMPLE = ['title', 'rich_text', 'url', 'email', 'phone_number', 'checkbox', 'date', 'people'] as const;
const READ_ONLY = ['created_time', 'last_edited_time', 'created_by', 'last_edited_by'] as const;
const SUPPORTED = [...SIMPLE, ...READ_ONLY, 'number', 'select', 'multi_select', 'status', 'relation'];

/** The type a configuration request names, explicitly or by its one type key. */
export function configType(config: Record<string, unknown>): string | undefined {
  if (typeof config.type === 'string') return config.type;
  return Object.keys(config).find((k) => k !== 'type' && k !== 'name' && k !== 'description');
}

export function buildProperty(
  name: string,
  config: Record<string, unknown>,
  store: Store,
  dataSourceId: string,
  path: string,
  existingIds: Set<string>,
): StoredProperty {
  const type = configType(config);
  if (!type || !SUPPORTED.includes(type)) {
    throw bodyValidationError(`${path} uses property type \`${type}\`, which the Notion stand-in does not support`);
  }
  let id = type === 'title' ? 'title' : newPropertyId(`${dataSourceId}:${name}`);
  for (let n = 1; existingIds.has(id); n += 1) id = newPropertyId(`${dataSourceId}:${name}:${n}`);
  const description = typeof config.description === 'string' ? config.description : null;
  const body = (config[type] ?? {}) as Record<string, unknown>;
  const common = { id, name, description };
  switch (type) {
    case 'number':
      return { ...common, type, format: typeof body.format === 'string' ? body.format : 'number' };
    case 'select':
    case 'multi_select':
      return { ...common, type, options: mergeOptions([], (body.options ?? []) as OptionRequest[]) };
    case 'status':
      return { ...common, type, ...statusConfig((body.options as OptionRequest[] | undefined) ?? undefined) };
    case 'relation': {
      const target = normalizeId(String(body.data_source_id ?? ''));
      const ds = target ? store.dataSource(target) : undefined;
      if (!ds) throw bodyValidationError(`${path}.relation.data_source_id should be a valid data source id`);
      if ('dual_property' in body) {
        throw bodyValidationError(`${path}.relation.dual_property is not supported by the Notion stand-in; use single_property`);
      }
      return { ...common, type, data_source_id: ds.id, database_id: ds.databaseId };
    }
    default:
      return { ...common, type } as StoredProperty;
  }
}

/**
 * New status options always land in the To-do group; groups cannot be set through the API
 * (platform notes; makenotion/notion-mcp-server#232). Without options Notion creates its defaults.
 */
function statusConfig(requested: OptionRequest[] | undefined): { options: SelectOption[]; groups: StatusGroup[] } {
  const options = requested?.length
    ? mergeOptions([], requested)
    : mergeOptions([], [{ name: 'Not started', color: 'default' }, { name: 'In progress', color: 'blue' }, { name: 'Done', color: 'green' }]);
  const groups: StatusGroup[] = [
    { id: newId(), name: 'To-do', color: 'gray', option_ids: [] },
    { id: newId(), name: 'In progress', color: 'blue', option_ids: [] },
    { id: newId(), name: 'Complete', color: 'green', option_ids: [] },
  ];
  if (requested?.length) groups[0]!.option_ids = options.map((o) => o.id);
  else options.forEach((o, i) => groups[i]!.option_ids.push(o.id));
  return { options, groups };
}

function mergeOptions(existing: SelectOption[], requested: OptionRequest[]): SelectOption[] {
  const options = existing.map((o) => ({ ...o }));
  for (const r of requested) {
    const match = options.find((o) => (r.id !== undefined && o.id === r.id) || (r.name !== undefined && o.name === r.name));
    if (match) {
      if (r.name !== undefined) match.name = r.name;
      if (r.color !== undefined) match.color = r.color;
      if (r.description !== undefined) match.description = r.description;
    } else {
      options.push({ id: r.id ?? newId(), name: r.name ?? '', color: r.color ?? 'default', description: r.description ?? null });
    }
  }
  return options;
}

export function findProperty(ds: StoredDataSource, key: string): StoredProperty | undefined {
  return ds.properties.find((p) => p.id === key || p.name === key) ?? ds.properties.find((p) => p.id === encodeURIComponent(key));
}

/** PATCH /v1/data_sources/{id} `properties`: add, rename, reconfigure (options) or remove. */
export function updateSchema(
  ds: StoredDataSource,
  updates: Record<string, UpdateValue | null>,
  store: Store,
): void {
  for (const [key, update] of Object.entries(updates)) {
    const path = `body.properties.${key}`;
    const existing = findProperty(ds, key);
    if (update === null) {
      if (!existing) throw validationError(`${key} is not a property that exists.`);
      if (existing.type === 'title') throw validationError('Cannot delete the title property.');
      ds.properties = ds.properties.filter((p) => p !== existing);
      continue;
    }
    const config = update as Record<string, unknown>;
    const type = configType(config);
    const newName = typeof config.name === 'string' ? config.name : undefined;
    if (newName !== undefined && ds.properties.some((p) => p !== existing && p.name === newName)) {
      throw validationError(`A property named ${newName} already exists.`);
    }
    if (!existing) {
      if (!type) throw validationError(`${key} is not a property that exists.`);
      if (type === 'title') throw validationError('A data source can only have one title property.');
      const ids = new Set(ds.properties.map((p) => p.id));
      ds.properties.push(buildProperty(newName ?? key, config, store, ds.id, path, ids));
      continue;
    }
    if (newName !== undefined) existing.name = newName;
    if (typeof config.description === 'string' || config.description === null) existing.description = config.description as string | null;
    if (!type) continue;
    if (type !== existing.type) {
      if (existing.type === 'title' || type === 'title') throw validationError('The title property cannot change type.');
      // A new type keeps the property's id, name and description; values of the old type go.
      const rebuilt = buildProperty(existing.name, config, store, ds.id, path, new Set());
      ds.properties[ds.properties.indexOf(existing)] = { ...rebuilt, id: existing.id, name: existing.name, description: existing.description };
      continue;
    }
    const body = (config[type] ?? {}) as { options?: OptionRequest[]; format?: string };
    if ((existing.type === 'select' || existing.type === 'multi_select') && body.options) {
      existing.options = mergeOptions(existing.options, body.options);
    } else if (existing.type === 'status' && body.options) {
      const before = new Set(existing.options.map((o) => o.id));
      existing.options = mergeOptions(existing.options, body.options);
      const added = existing.options.filter((o) => !before.has(o.id)).map((o) => o.id);
      existing.groups[0]!.option_ids.push(...added);
    } else if (existing.type === 'number' && body.format) {
      existing.format = body.format;
    }
  }
}

export function renderPropertyConfig(p: StoredProperty): PropertyConfigResponse {
  const common = { id: p.id, name: p.name, description: p.description };
  switch (p.type) {
    case 'number':
      return { ...common, type: 'number', number: { format: p.format } };
    case 'select':
      return { ...common, type: 'select', select: { options: p.options.map((o) => ({ ...o })) } } as PropertyConfigResponse;
    case 'multi_select':
      return { ...common, type: 'multi_select', multi_select: { options: p.options.map((o) => ({ ...o })) } } as PropertyConfigResponse;
    case 'status':
      return {
        ...common,
        type: 'status',
        status: { options: p.options.map((o) => ({ ...o })), groups: p.groups.map((g) => ({ ...g, option_ids: [...g.option_ids] })) },
      } as PropertyConfigResponse;
    case 'relation':
      return {
        ...common,
        type: 'relation',
        relation: { database_id: p.database_id, data_source_id: p.data_source_id, type: 'single_property', single_property: {} },
      };
    default:
      return { ...common, type: p.type, [p.type]: {} } as PropertyConfigResponse;
  }
}
