// Sharing: an integration sees an object only when the object or one of its ancestors was
// shared with it (developers.notion.com/docs/authorization, "Integration permissions").
import type { Store } from './store';
import type { StoredIntegration } from './types';

export function canSee(store: Store, integration: StoredIntegration, id: string): boolean {
  const shared = new Set(integration.shared);
  return store.lineage(id).some((ancestor) => shared.has(ancestor));
}
