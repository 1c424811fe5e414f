import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Two kinds of test file:
// - tests/unit, tests/emulators: plain Node (pure core, stand-in servers driven by the real SDKs).
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
