import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';

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
});
