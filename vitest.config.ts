import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { WEBHOOK_SECRET } from './tests/integration/global-setup';
import { WORLD } from './tests/support/world';

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
          include: ['tests/unit/**/*.test.ts', 'tests/emulators/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => {
            const s = inject('standIns');
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: await readD1Migrations('src/adapters/migrations'),
                  MAILBOX_URL: s.mailboxUrl,
                  NOTION_API_URL: s.notionUrl,
                  NOTION_TOKEN: WORLD.notionToken,
                  NOTION_WORKFLOWS_DATA_SOURCE_ID: WORLD.workflowsDataSource,
                  NOTION_RUNS_DATA_SOURCE_ID: WORLD.runsDataSource,
                  NOTION_WEBHOOK_SECRET: WEBHOOK_SECRET,
                  GOOGLE_API_URL: s.driveUrl,
                  GOOGLE_TOKEN_URL: s.driveTokenUrl,
                  GOOGLE_SERVICE_ACCOUNT_EMAIL: WORLD.serviceAccountEmail,
                  GOOGLE_PRIVATE_KEY: s.privateKey,
                  MODEL_BASE_URL: s.modelUrl,
                  MODEL_NAME: 'gpt-4.1-mini',
                  ALLOWED_DRIVE_ROOTS: WORLD.teamDrive,
                  ALLOWED_NOTION_PAGES: WORLD.rootPage,
                  STEP_RETRY_DELAY_SECONDS: '1',
                },
              },
            };
          }),
        ],
        test: {
          name: 'workers',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/integration/apply-migrations.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          // The stand-ins are shared: files take turns (each resets the world first).
          fileParallelism: false,
        },
      },
    ],
  },
});
