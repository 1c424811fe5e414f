// Webhook event bodies (reference/webhooks-events-delivery and the SDK's *WebhookPayload types):
// id, timestamp, workspace, subscription and integration ids, authors, attempt_number,
// api_version, entity {id, type} and data {parent, …}. Events are signals: they carry ids, not
// content.
import type { ChangeEvent } from '../context';
import { newId } from '../ids';
import type { Store } from '../model/store';
import type { SdkTypeName } from '../schema/sdk-types';
import type { NotionVersion } from '../versions';

export interface SubscriptionIdentity {
  subscriptionId: string;
  integrationId: string;
  apiVersion: NotionVersion;
}

export type WebhookPayload = Record<string, unknown> & { id: string; type: string; attempt_number: number };

export const PAYLOAD_TYPES: Record<ChangeEvent['type'], SdkTypeName> = {
  'page.created': 'PageCreatedWebhookPayload',
  'page.properties_updated': 'PagePropertiesUpdatedWebhookPayload',
  'page.content_updated': 'PageContentUpdatedWebhookPayload',
  'page.deleted': 'PageDeletedWebhookPayload',
  'page.undeleted': 'PageUndeletedWebhookPayload',
  'page.moved': 'PageMovedWebhookPayload',
  'comment.created': 'CommentCreatedWebhookPayload',
};

export function buildPayload(event: ChangeEvent, store: Store, sub: SubscriptionIdentity): WebhookPayload {
  const base = {
    id: newId(),
    timestamp: store.clock.now().toISOString(),
    workspace_id: store.state.workspace.id,
    workspace_name: store.state.workspace.name,
    subscription_id: sub.subscriptionId,
    integration_id: sub.integrationId,
    type: event.type,
    authors: [{ id: event.actor.id, type: event.actor.type }],
    attempt_number: 1,
    api_version: sub.apiVersion,
  };
  if (event.type === 'comment.created') {
    const comment = store.state.comments[event.commentId]!;
    const parent = 'page_id' in comment.parent ? { id: comment.parent.page_id, type: 'page' } : { id: comment.parent.block_id, type: 'block' };
    return { ...base, entity: { id: event.commentId, type: 'comment' }, data: { page_id: event.pageId, parent } };
  }
  const data: Record<string, unknown> = { parent: pageParent(event.pageId, store) };
  if (event.type === 'page.properties_updated') data.updated_properties = event.propertyIds;
  if (event.type === 'page.content_updated') {
    data.updated_blocks = event.blockIds.map((id) => ({ id, type: store.page(id) ? 'page' : store.database(id) ? 'database' : 'block' }));
  }
  return { ...base, entity: { id: event.pageId, type: 'page' }, data };
}

function pageParent(pageId: string, store: Store): Record<string, unknown> {
  const page = store.page(pageId);
  if (!page) return { id: store.state.workspace.id, type: 'space' };
  switch (page.parent.type) {
    case 'data_source_id':
      return { id: page.parent.database_id, type: 'database', data_source_id: page.parent.data_source_id };
    case 'page_id':
      return { id: page.parent.page_id, type: 'page' };
    default:
      return { id: store.state.workspace.id, type: 'space' };
  }
}
