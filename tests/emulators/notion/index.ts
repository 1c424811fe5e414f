// The Notion stand-in for Baton's tests and offline demo: a local server that answers the
// Notion API the way developers.notion.com documents it, driven through @notionhq/client.
export { startNotion, type NotionStandIn, type NotionStandInOptions } from './stand-in';
export { defaultSeed, DEFAULT_IDS, type DefaultSeedOptions, type NotionSeed, type SeedComment, type SeedDatabase, type SeedIntegration, type SeedPage, type SeedPerson, type SeedRow } from './seed';
export type { AdminActions, PersonPageUpdate } from './admin/actions';
export type { ResponseHook, ResponseHookInput } from './api';
export type { RateLimit } from './rate-limit';
export type { SchemaViolation } from './schema/checker';
export type { SchemaInfo } from './schema/generate';
export { sign as signWebhookBody, type DeliveryRecord, type WebhookKnobs, type WebhookSettings } from './webhooks/dispatcher';
export { NOTION_VERSIONS, type NotionVersion } from './versions';
export { notionGlobalSetup } from './global-setup';
