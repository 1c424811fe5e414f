// What an operation needs to know: the workspace, the API version, who acts (the token's bot
// or, through the admin API, a person) and where change events go (webhooks).
import { notFound } from './errors';
import type { Store } from './model/store';
import type { StoredIntegration } from './model/types';
import { canSee } from './model/visibility';
import type { NotionVersion } from './versions';

export interface Actor {
  type: 'bot' | 'person';
  id: string;
}

export type ChangeEvent =
  | { type: 'page.created' | 'page.deleted' | 'page.undeleted' | 'page.moved'; pageId: string; actor: Actor }
  | { type: 'page.properties_updated'; pageId: string; actor: Actor; propertyIds: string[] }
  | { type: 'page.content_updated'; pageId: string; actor: Actor; blockIds: string[] }
  | { type: 'comment.created'; commentId: string; pageId: string; actor: Actor };

export interface OperationContext {
  store: Store;
  version: NotionVersion;
  /** The integration whose token made the request; person actions use the first integration. */
  integration: StoredIntegration;
  actor: Actor;
  emit(event: ChangeEvent): void;
}

export type Kind = 'page' | 'database' | 'data_source' | 'block' | 'user' | 'comment' | 'discussion';

/**
 * Resolves an id the caller may see. A bot sees only what is shared with its integration; a
 * missing and an unshared object answer the same 404 (reference/status-codes).
 */
export function requireVisible(ctx: OperationContext, id: string, kind: Kind, exists: boolean): void {
  if (!exists || (ctx.actor.type === 'bot' && !canSee(ctx.store, ctx.integration, id))) {
    throw notFound(kind, id, ctx.integration.name);
  }
}
