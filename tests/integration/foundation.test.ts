import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { createWebhookStore } from '../../src/adapters/webhook-store';
import { EVENT_WINDOW } from '../../src/triggers/tasks';

const unconfigured = {
  ...env,
  NOTION_TOKEN: '',
  NOTION_WORKFLOWS_DATA_SOURCE_ID: '',
  NOTION_RUNS_DATA_SOURCE_ID: '',
  NOTION_WEBHOOK_SECRET: '',
  GOOGLE_SERVICE_ACCOUNT_EMAIL: '',
  GOOGLE_PRIVATE_KEY: '',
  BATON_API_TOKEN: '',
};

describe('the worker in workerd', () => {
  it('answers /health with its version and which integrations are configured, never a secret', async () => {
    const response = await worker.fetch(new Request('http://baton.test/health'), env, createExecutionContext());
    expect(response.status).toBe(200);
    const body = await response.json<Record<string, unknown>>();
    expect(body).toMatchObject({ ok: true, name: 'baton', version: '0.1.0' });
    expect(body.integrations).toEqual({ notion: true, notionWebhooks: true, drive: true, drivePush: true, model: true, api: true });
    const text = JSON.stringify(body);
    for (const secret of [env.NOTION_TOKEN, env.NOTION_WEBHOOK_SECRET, env.GOOGLE_PRIVATE_KEY, env.BATON_API_TOKEN, env.DASHBOARD_TOKEN]) expect(text).not.toContain(String(secret));

    const bare = await worker.fetch(new Request('http://baton.test/health'), unconfigured, createExecutionContext());
    expect(((await bare.json()) as Record<string, unknown>).integrations).toEqual({ notion: false, notionWebhooks: false, drive: false, drivePush: false, model: true, api: false });
  });

  it('runs the minute tick from the cron trigger and records it', async () => {
    const controller = createScheduledController({ cron: '* * * * *', scheduledTime: new Date('2026-11-30T08:00:00Z') });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, unconfigured, ctx);
    await waitOnExecutionContext(ctx);
    const row = await env.DB.prepare("SELECT value FROM meta WHERE key = 'last_tick'").first<{ value: string }>();
    expect(row?.value).toBe('2026-11-30T08:00:00.000Z');
    const health = await worker.fetch(new Request('http://baton.test/health'), unconfigured, createExecutionContext());
    expect(await health.json()).toMatchObject({ lastTick: '2026-11-30T08:00:00.000Z' });
  });

  it('tells the operator which setting is wrong when the config is malformed', async () => {
    const response = await worker.fetch(new Request('http://baton.test/health'), { ...env, MODEL_BASE_URL: 'nope' }, createExecutionContext());
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ ok: false, error: expect.stringContaining('MODEL_BASE_URL must be a full URL') });
  });

  it('keeps processed webhook event ids to a bounded window: past three days, and past the newest ten thousand, they go', async () => {
    await env.DB.exec('DELETE FROM processed_events');
    const now = new Date('2026-12-10T12:00:00Z');
    const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
    const insert = env.DB.prepare('INSERT INTO processed_events (event_id, received_at) VALUES (?1, ?2)');
    await env.DB.batch([insert.bind('old', at(4 * 24 * 3600_000)), insert.bind('recent', at(3600_000)), insert.bind('newest', at(1000))]);
    const store = createWebhookStore(env.DB);
    expect(await store.pruneProcessedEvents(now, EVENT_WINDOW)).toBe(1);
    expect(await store.pruneProcessedEvents(now, { ...EVENT_WINDOW, keep: 1 })).toBe(1);
    const left = await env.DB.prepare('SELECT event_id FROM processed_events').all<{ event_id: string }>();
    expect(left.results.map((r) => r.event_id)).toEqual(['newest']);
    // The prune reads received_at through its index, not a scan of the table.
    const plan = await env.DB.prepare('EXPLAIN QUERY PLAN DELETE FROM processed_events WHERE received_at < ?').bind(at(0)).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('processed_events_received_at');
  });
});
