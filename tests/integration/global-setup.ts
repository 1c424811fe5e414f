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

declare module 'vitest' {
  export interface ProvidedContext {
    standIns: { notionUrl: string; driveUrl: string; driveTokenUrl: string; modelUrl: string; mailboxUrl: string; privateKey: string };
  }
}

export default async function setup(project: TestProject) {
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
  project.provide('standIns', {
    notionUrl: notion.url,
    driveUrl: drive.url,
    driveTokenUrl: drive.tokenUrl,
    modelUrl: model.url,
    mailboxUrl: mailbox.url,
    privateKey: keys.privateKey,
  });
  return async () => {
    await Promise.all([notion.close(), drive.close(), model.close(), mailbox.close()]);
    notion.assertNoSchemaViolations();
  };
}
