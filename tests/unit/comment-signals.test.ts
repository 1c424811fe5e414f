import type { CommentCreatedWebhookPayload, PageContentUpdatedWebhookPayload } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/services';
import type { StoredRun } from '../../src/adapters/store';
import type { WebhookHealth } from '../../src/adapters/webhook-store';
import { commentsSignalled, PERSON_COMMENTED, recordCommentSignal } from '../../src/review/comment-signals';

const BOT = 'bot-baton';
const MAYA = 'person-maya';
const RUN_PAGE = '2b8f4c1e-0a3d-4e5f-9a6b-7c8d9e0f1a2b';
const OTHER_PAGE = '3c9a5d2f-1b4e-4f60-8b7c-8d9e0f1a2b3c';
const NOW = new Date('2026-11-30T08:20:00.000Z');

/** A comment.created delivery as Notion documents it (the SDK's own payload type). */
function commentCreated(authors: CommentCreatedWebhookPayload['authors'], pageId = RUN_PAGE): CommentCreatedWebhookPayload {
  return {
    id: `evt-${Math.random().toString(16).slice(2)}`,
    timestamp: '2026-11-30T08:14:03.000Z',
    workspace_id: 'ws-1',
    workspace_name: 'Acme',
    subscription_id: 'sub-1',
    integration_id: 'int-1',
    type: 'comment.created',
    authors,
    attempt_number: 1,
    api_version: '2026-03-11',
    entity: { id: 'comment-1', type: 'comment' },
    data: { page_id: pageId, parent: { id: pageId, type: 'page' } },
  };
}

/** A run on RUN_PAGE, D1's artifacts and the route's bookkeeping, in memory. */
function world(options: { failWrites?: boolean } = {}) {
  const artifacts = new Map<string, string>();
  const forgotten: string[] = [];
  const deliveries: string[] = [];
  const run = { run_id: 'run-schedule-1', run_page_id: RUN_PAGE, created_at: '2026-11-30T08:00:00.000Z' } as StoredRun;
  const db = {
    prepare: () => ({ bind: (key: string) => ({ run: async () => void deliveries.push(key) }) }),
  };
  const services = {
    config: { db, notion: { webhookSecret: 'whsec' } },
    notion: { botUserId: async () => BOT },
    store: {
      getRunByPage: async (pageId: string) => (pageId === RUN_PAGE ? run : null),
      getArtifact: async (_run: string, name: string) => artifacts.get(name) ?? null,
      putArtifact: async (_run: string, name: string, body: string) => {
        if (options.failWrites) throw new Error('D1_ERROR: database is locked');
        artifacts.set(name, body);
      },
      forgetEvent: async (id: string) => void forgotten.push(id),
    },
  } as unknown as Services;
  return { services, artifacts, forgotten, deliveries };
}

describe('comment signals from Notion webhooks', () => {
  it("records that a person commented on a run's page, with the event's time", async () => {
    const { services, artifacts } = world();
    expect(await recordCommentSignal(services, commentCreated([{ id: MAYA, type: 'person' }]), NOW)).toEqual({ outcome: 'person_commented' });
    expect(artifacts.get(PERSON_COMMENTED)).toBe('2026-11-30T08:14:03.000Z');
  });

  it('records a person’s edit or deletion of a comment too, and a comment one of several authors made', async () => {
    for (const type of ['comment.updated', 'comment.deleted'] as const) {
      const { services, artifacts } = world();
      expect(await recordCommentSignal(services, { ...commentCreated([{ id: MAYA, type: 'person' }]), type }, NOW)).toEqual({ outcome: 'person_commented' });
      expect(artifacts.has(PERSON_COMMENTED)).toBe(true);
    }
    const { services, artifacts } = world();
    await recordCommentSignal(services, commentCreated([{ id: BOT, type: 'bot' }, { id: MAYA, type: 'person' }]), NOW);
    expect(artifacts.has(PERSON_COMMENTED)).toBe(true);
  });

  it("ignores Baton's own comment (its review announcement), by its bot id or a bot author", async () => {
    for (const authors of [[{ id: BOT, type: 'bot' }], [{ id: 'bot-other-integration', type: 'bot' }], []] as CommentCreatedWebhookPayload['authors'][]) {
      const { services, artifacts } = world();
      expect(await recordCommentSignal(services, commentCreated(authors), NOW)).toEqual({ ignored: 'own comment' });
      expect(artifacts.size).toBe(0);
    }
  });

  it('ignores a comment on a page that is not a Run page', async () => {
    const { services, artifacts } = world();
    expect(await recordCommentSignal(services, commentCreated([{ id: MAYA, type: 'person' }], OTHER_PAGE), NOW)).toEqual({ ignored: 'not a run page' });
    expect(artifacts.size).toBe(0);
  });

  it('ignores a malformed comment event without throwing, and leaves page events to the route', async () => {
    const { services, artifacts } = world();
    const good = commentCreated([{ id: MAYA, type: 'person' }]);
    const malformed: unknown[] = [
      { ...good, data: undefined },
      { ...good, data: { parent: good.data.parent } },
      { ...good, authors: 'maya' },
      { ...good, entity: { id: 'comment-1', type: 'page' } },
      { type: 'comment.created' },
      { entity: { type: 'comment' } },
    ];
    for (const event of malformed) expect(await recordCommentSignal(services, event, NOW)).toEqual({ ignored: 'malformed comment event' });
    expect(artifacts.size).toBe(0);

    const page: PageContentUpdatedWebhookPayload = {
      ...good,
      type: 'page.content_updated',
      entity: { id: RUN_PAGE, type: 'page' },
      data: { parent: { id: 'db-runs', type: 'database' }, updated_blocks: [] },
    };
    for (const event of [page, null, 'comment.created', 42, {}]) expect(await recordCommentSignal(services, event, NOW)).toBeNull();
    // Without Notion configured there are no runs: the route answers the event as it answers all then.
    expect(await recordCommentSignal({ ...services, notion: null }, good, NOW)).toBeNull();
  });

  it('throws when the signal cannot be recorded, so the route forgets the event and Notion’s retry is handled', async () => {
    const { services, forgotten } = world({ failWrites: true });
    await expect(recordCommentSignal(services, commentCreated([{ id: MAYA, type: 'person' }]), NOW)).rejects.toThrow(/database is locked/);
    expect(forgotten).toEqual([]); // the route's part (http/notion-webhook.ts)
  });
});

describe('whether comment signals can be relied on', () => {
  const since = new Date('2026-11-30T08:00:00.000Z');
  const healthy: WebhookHealth = { verifiedAt: '2026-11-30T08:10:00.000Z', refusedAt: null, failedAt: null, reconciledAt: null, reconciledWallAt: null };

  it('while webhooks are healthy and none was lost since the run began', () => {
    expect(commentsSignalled(true, healthy, since)).toBe(true);
    expect(commentsSignalled(true, { ...healthy, failedAt: '2026-11-29T23:00:00.000Z', reconciledWallAt: '2026-11-29T23:01:00.000Z' }, since)).toBe(true);
  });

  it('not without webhooks, before one verified, or when one was refused or failed since the run began — even once a reconcile covered it', () => {
    expect(commentsSignalled(false, healthy, since)).toBe(false);
    expect(commentsSignalled(true, { ...healthy, verifiedAt: null }, since)).toBe(false);
    expect(commentsSignalled(true, { ...healthy, refusedAt: '2026-11-30T08:11:00.000Z' }, since)).toBe(false);
    // The reconcile looked for decisions after the failure, not for comments: the lost event may be a comment.
    expect(commentsSignalled(true, { ...healthy, failedAt: '2026-11-30T08:05:00.000Z', reconciledWallAt: '2026-11-30T08:06:00.000Z' }, since)).toBe(false);
  });
});
