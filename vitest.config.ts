import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Three kinds of test file:
// - tests/unit, tests/emulators: plain Node (pure core, stand-in servers driven by the real SDKs).
// - tests/browser: plain Node driving a headless Chromium against the offline stack.
// - tests/integration: inside workerd, with the real D1 migrations applied. Each workerd file
//   costs ~10 s to start, so integration tests are grouped into few files.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/emulators/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // A real Chromium (@sparticuz/chromium) driving the workspace page and the dashboard over
        // the whole offline stack: one stack per file, files one at a time (2 cores are shared).
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('src/adapters/migrations'),
                // The stand-ins' addresses and the world's ids (tests/integration/global-setup.ts).
                ...inject('workerBindings'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/integration/apply-migrations.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          // The stand-ins are shared: files take turns (each resets the world first).
          fileParallelism: false,
        },
      },
    ],
  },
});
