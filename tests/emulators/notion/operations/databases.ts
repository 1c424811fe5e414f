// Databases and their data sources (2025-09-03 model): POST /v1/databases creates a database
// with one data source from `initial_data_source.properties`; the schema is read and changed on
// the data source (reference/create-a-database, reference/update-a-data-source).
import type { CreateDatabaseParameters, UpdateDataSourceParameters } from '@notionhq/client';
import { type OperationContext, requireVisible } from '../context';
import { bodyValidationError, quoteValue, validationError } from '../errors';
import { newId } from '../ids';
import { buildProperty, configType, updateSchema } from '../model/property-schema';
import type { StoredDatabase, StoredDataSource, StoredProperty } from '../model/types';
import { toStoredRichText } from '../rich-text';
import { resolveId, toIcon } from './pages';

export function createDatabase(ctx: OperationContext, params: CreateDatabaseParameters): { database: StoredDatabase; dataSource: StoredDataSource } {
  const { store } = ctx;
  if (params.parent.type !== 'page_id' || !('page_id' in params.parent)) {
    throw validationError('Internal integrations cannot create workspace-level databases. Give the database a parent page.');
  }
  const parentId = resolveId(params.parent.page_id, 'body.parent.page_id');
  requireVisible(ctx, parentId, 'page', store.page(parentId) !== undefined);
  if (store.inTrash(parentId)) throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
  if (params.cover !== undefined) throw bodyValidationError('body.cover is not supported by the Notion stand-in for databases');
  const title = toStoredRichText(params.title ?? [], store, 'body.title');
  const dataSourceId = newId();
  const requested = (params.initial_data_source?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const titles = Object.values(requested).filter((c) => configType(c) === 'title').length;
  if (titles > 1) throw validationError('A data source can have only one title property.');
  const entries: [string, Record<string, unknown>][] = titles === 0 ? [['Name', { title: {} }], ...Object.entries(requested)] : Object.entries(requested);
  const properties: StoredProperty[] = [];
  for (const [name, config] of entries) {
    const ids = new Set(properties.map((p) => p.id));
    properties.push(buildProperty(name, config, store, dataSourceId, `body.initial_data_source.properties.${name}`, ids));
  }
  const at = store.stamp(ctx.actor.id);
  const database: StoredDatabase = {
    id: newId(),
    parent: { type: 'page_id', page_id: parentId },
    title,
    description: toStoredRichText(params.description ?? [], store, 'body.description'),
    is_inline: params.is_inline ?? false,
    icon: toIcon(params.icon),
    in_trash: false,
    is_locked: false,
    dataSourceIds: [dataSourceId],
    created_time: at.created_time,
    last_edited_time: at.last_edited_time,
  };
  const dataSource: StoredDataSource = { id: dataSourceId, databaseId: database.id, title, description: [], properties, in_trash: false, ...at };
  store.state.databases[database.id] = database;
  store.state.dataSources[dataSourceId] = dataSource;
  store.insertChildren(parentId, [database.id]);
  store.changed();
  return { database, dataSource };
}

export function getDatabase(ctx: OperationContext, rawId: string): StoredDatabase {
  const id = resolveId(rawId, 'path.database_id');
  const db = ctx.store.database(id);
  requireVisible(ctx, id, 'database', db !== undefined);
  return db!;
}

export function getDataSource(ctx: OperationContext, rawId: string): StoredDataSource {
  const id = resolveId(rawId, 'path.data_source_id');
  const ds = ctx.store.dataSource(id);
  requireVisible(ctx, id, 'data_source', ds !== undefined);
  return ds!;
}

export function updateDataSource(
  ctx: OperationContext,
  rawId: string,
  params: Omit<UpdateDataSourceParameters, 'data_source_id'>,
): StoredDataSource {
  const { store } = ctx;
  const ds = getDataSource(ctx, rawId);
  if (ctx.version !== '2025-09-03' && params.archived !== undefined) {
    throw bodyValidationError(`body.archived should be not present, instead was \`${quoteValue(params.archived)}\``);
  }
  if (params.parent !== undefined) throw bodyValidationError('body.parent is not supported by the Notion stand-in');
  // Work on a copy so a rejected update leaves the schema as it was.
  const draft = structuredClone(ds);
  if (params.title) draft.title = toStoredRichText(params.title, store, 'body.title');
  if (params.properties) updateSchema(draft, params.properties, store);
  const trash = params.in_trash ?? params.archived;
  if (trash !== undefined) draft.in_trash = trash;
  if (params.icon !== undefined) store.database(ds.databaseId)!.icon = toIcon(params.icon);
  Object.assign(ds, draft);
  store.touch(ds, ctx.actor.id);
  store.changed();
  return ds;
}
