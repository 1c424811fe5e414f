// Starts the Notion, Drive and model stand-ins (in Node) for the workerd tests, seeded with the
// example world, and hands their addresses to vitest.config.ts as worker bindings. At the end
// the run fails if any Notion request or response did not match the SDK's own types.
import { generateKeyPairSync } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startDrive } from '../emulators/drive';
import { startModel } from '../emulators/model';
import { startNotion } from '../emulators/notion';
import { startMailbox } from '../support/mailbox';
import { driveWorld, notionWorld, WORLD } from '../support/world';

export const WEBHOOK_SECRET = 'whsec_integration_tests';
export const API_TOKEN = 'baton_api_integration_tests';
export const DASHBOARD_TOKEN = 'baton_dashboard_integration_tests';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Worker bindings pointing at the stand-ins (vitest.config.ts passes them to workerd). */
    workerBindings: Record<string, string>;
  }
}

export async function setup(project: TestProject) {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const mailbox = await startMailbox();
  const notion = await startNotion({
    seed: notionWorld(),
    webhook: { url: `${mailbox.url}/deliver`, verificationToken: WEBHOOK_SECRET, confirmed: true, backoffMs: 50 },
  });
  const drive = await startDrive({ seed: driveWorld(), serviceAccounts: [{ email: WORLD.serviceAccountEmail, publicKey: keys.publicKey }] });
  const model = await startModel({});
  project.provide('workerBindings', {
    MAILBOX_URL: mailbox.url,
    NOTION_API_URL: notion.url,
    NOTION_TOKEN: WORLD.notionToken,
    NOTION_WORKFLOWS_DATA_SOURCE_ID: WORLD.workflowsDataSource,
    NOTION_RUNS_DATA_SOURCE_ID: WORLD.runsDataSource,
    NOTION_WEBHOOK_SECRET: WEBHOOK_SECRET,
    GOOGLE_API_URL: drive.url,
    GOOGLE_TOKEN_URL: drive.tokenUrl,
    GOOGLE_SERVICE_ACCOUNT_EMAIL: WORLD.serviceAccountEmail,
    GOOGLE_PRIVATE_KEY: keys.privateKey,
    MODEL_BASE_URL: model.url,
    MODEL_NAME: 'gpt-4.1-mini',
    ALLOWED_DRIVE_ROOTS: WORLD.teamDrive,
    ALLOWED_NOTION_PAGES: WORLD.rootPage,
    // Retried run steps wait 1 s, not 10, so failure tests stay quick.
    STEP_RETRY_DELAY_SECONDS: '1',
    // Drive pushes go to the mailbox (workerd cannot listen); tests hand them to /webhooks/drive.
    PUBLIC_URL: `${mailbox.url}/drive`,
    BATON_API_TOKEN: API_TOKEN,
    DASHBOARD_TOKEN,
    // New files settle in 1 s, not 15, so trigger tests stay quick.
    DRIVE_SETTLE_SECONDS: '1',
    // A published run waits 3 s, not 5 minutes, for comment events before it learns (the mailbox
    // holds deliveries until a test hands them over). lessons.test.ts hands one over after the run
    // is Published: 3 s leaves that a wide margin on a loaded machine, where 1 s could be flaky.
    LEARN_AFTER_SECONDS: '3',
    // The stand-in has no request budget unless a test sets one (rate-gate.test.ts does, with a
    // budget of its own); Notion's real 180 per minute would only slow the other tests down.
    NOTION_REQUESTS_PER_WINDOW: '100000',
  });
  return async () => {
    await Promise.all([notion.close(), drive.close(), model.close(), mailbox.close()]);
    notion.assertNoSchemaViolations();
  };
}
