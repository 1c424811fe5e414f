// Worker entry: wiring only.
import { createApp } from './http/app';
import { loadConfig } from './env';
import { servicesFor } from './services';
import { runTick } from './triggers/tick';
import { tickTasks } from './triggers/tasks';

export { RunWorkflow } from './engine/run-workflow';
export { RateGate } from './gate/rate-gate';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const config = loadConfig(env);
    ctx.waitUntil(runTick(config, new Date(controller.scheduledTime), tickTasks(servicesFor(config))));
  },
} satisfies ExportedHandler<Cloudflare.Env>;
