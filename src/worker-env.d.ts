// The bindings wrangler.toml declares, for `import { env } from 'cloudflare:workers'` and the
// handler types. Values are still parsed by src/env.ts before use.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    RUN_WORKFLOW: Workflow;
    [setting: string]: unknown;
  }
}
