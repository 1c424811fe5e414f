// Bindings only the workerd tests see (added in vitest.config.ts).
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
declare namespace Cloudflare {
  interface Env {
    MAILBOX_URL: string;
    NOTION_API_URL: string;
    GOOGLE_API_URL: string;
    MODEL_BASE_URL: string;
  }
}
declare namespace Cloudflare {
  interface Env {
    GOOGLE_TOKEN_URL: string;
  }
}
