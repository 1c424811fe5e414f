// POST /v1/search (reference/post-search): titles of the pages and data sources shared with
// the integration, optionally filtered to one kind, sorted by last edit (newest first unless
// asked otherwise).
import type { SearchParameters } from '@notionhq/client';
import type { OperationContext } from '../context';
import type { StoredDataSource, StoredPage } from '../model/types';
import { canSee } from '../model/visibility';
import { paginate } from '../pagination';
import { plainText } from '../rich-text';

export type SearchHit = { kind: 'page'; page: StoredPage } | { kind: 'data_source'; dataSource: StoredDataSource };

export function search(ctx: OperationContext, params: SearchParameters) {
  const { store, integration } = ctx;
  const wantTrash = params.filter?.in_trash ?? false;
  const kind = params.filter && 'value' in params.filter ? params.filter.value : undefined;
  const query = (params.query ?? '').toLowerCase();
  const hits: SearchHit[] = [];
  if (kind !== 'data_source') {
    for (const page of Object.values(store.state.pages)) {
      if (page.in_trash !== wantTrash || !canSee(store, integration, page.id)) continue;
      if (store.pageTitle(page).toLowerCase().includes(query)) hits.push({ kind: 'page', page });
    }
  }
  if (kind !== 'page') {
    for (const ds of Object.values(store.state.dataSources)) {
      if (ds.in_trash !== wantTrash || !canSee(store, integration, ds.id)) continue;
      if (plainText(ds.title, store).toLowerCase().includes(query)) hits.push({ kind: 'data_source', dataSource: ds });
    }
  }
  const edited = (h: SearchHit) => (h.kind === 'page' ? h.page.last_edited_time : h.dataSource.last_edited_time);
  const seq = (h: SearchHit) => (h.kind === 'page' ? h.page.seq : 0);
  const direction = params.sort && 'direction' in params.sort && params.sort.direction === 'ascending' ? 1 : -1;
  hits.sort((a, b) => direction * (edited(a).localeCompare(edited(b)) || seq(a) - seq(b)));
  return paginate(hits, (h) => (h.kind === 'page' ? h.page.id : h.dataSource.id), params, 'body');
}
