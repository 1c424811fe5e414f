// The Hono app: routes only; services come from the parsed config.
import { Hono } from 'hono';
import { ConfigError, integrations, loadConfig, type Config } from '../env';
import { createStore } from '../adapters/store';
import { LAST_TICK_KEY } from '../triggers/tick';
import { handleNotionWebhook } from './notion-webhook';
import { handleDriveWebhook } from './drive-webhook';
import { handleRunNow } from './api';
import { handleDashboard } from './dashboard';
import pkg from '../../package.json';

export type AppEnv = { Bindings: Record<string, unknown>; Variables: { config: Config } };

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('config', loadConfig(c.env));
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof ConfigError) return c.json({ ok: false, error: error.message }, 500);
    console.error(`request failed: ${error.message}`);
    return c.json({ ok: false, error: 'Internal error' }, 500);
  });

  app.get('/health', async (c) => {
    const config = c.var.config;
    const lastTick = await createStore(config.db).getMeta(LAST_TICK_KEY);
    return c.json({ ok: true, name: 'baton', version: pkg.version, integrations: integrations(config), lastTick });
  });

  app.get('/', handleDashboard);
  app.post('/webhooks/notion', handleNotionWebhook);
  app.post('/webhooks/drive', handleDriveWebhook);
  app.post('/api/workflows/:id/runs', handleRunNow);

  return app;
}
