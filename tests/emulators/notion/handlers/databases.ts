// Databases and data sources (reference/create-a-database, retrieve-a-database,
// retrieve-a-data-source, update-a-data-source, query-a-data-source).
import { createDatabase, getDatabase, getDataSource, updateDataSource } from '../operations/databases';
import { queryDataSource } from '../operations/query';
import { databaseObject, dataSourceObject, pageObject } from '../serialize/objects';
import type { Route } from './route';

export const databaseRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/databases',
    request: 'CreateDatabaseParameters',
    response: 'DatabaseObjectResponse',
    handle: (ctx, input) => databaseObject(createDatabase(ctx, input as never).database, ctx.store, ctx.version),
  },
  {
    method: 'GET',
    path: '/v1/databases/:database_id',
    request: 'GetDatabaseParameters',
    response: 'DatabaseObjectResponse',
    handle: (ctx, input) => databaseObject(getDatabase(ctx, input.database_id), ctx.store, ctx.version),
  },
  {
    method: 'GET',
    path: '/v1/data_sources/:data_source_id',
    request: 'GetDataSourceParameters',
    response: 'DataSourceObjectResponse',
    handle: (ctx, input) => dataSourceObject(getDataSource(ctx, input.data_source_id), ctx.store, ctx.version),
  },
  {
    method: 'PATCH',
    path: '/v1/data_sources/:data_source_id',
    request: 'UpdateDataSourceParameters',
    response: 'DataSourceObjectResponse',
    handle: (ctx, input) => {
      const { data_source_id, ...body } = input;
      return dataSourceObject(updateDataSource(ctx, data_source_id, body), ctx.store, ctx.version);
    },
  },
  {
    method: 'POST',
    path: '/v1/data_sources/:data_source_id/query',
    request: 'QueryDataSourceParameters',
    response: 'QueryDataSourceResponse',
    query: { arrays: ['filter_properties'] },
    handle: (ctx, input) => {
      const { data_source_id, ...params } = input;
      const { page, only } = queryDataSource(ctx, data_source_id, params);
      return {
        object: 'list',
        results: page.results.map((p) => pageObject(p, ctx.store, ctx.version, only)),
        next_cursor: page.next_cursor,
        has_more: page.has_more,
        type: 'page_or_data_source',
        page_or_data_source: {},
      };
    },
  },
];
