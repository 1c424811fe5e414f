// The bindings wrangler.toml declares, for `import { env } from 'cloudflare:workers'` and the
// handler types. Values are still parsed by src/env.ts before use.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    RUN_WORKFLOW: Workflow;
    RATE_GATE: DurableObjectNamespace<import('./gate/rate-gate').RateGate>;
    [setting: string]: unknown;
  }
}
