// Worker entry: wiring only.
import { createApp } from './http/app';
import { loadConfig } from './env';
import { runTick } from './triggers/tick';

export { RunWorkflow } from './engine/run-workflow';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runTick(loadConfig(env), new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Cloudflare.Env>;
