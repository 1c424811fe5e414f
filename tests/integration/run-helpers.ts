// Shared by the run-loop and guarantees suites: the weekly brief scheduled before its Monday
// 9:00 slot, its Run row, the outputs it published, and the comments Baton left.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { createDriveAdapter, type DriveFile } from '../../src/adapters/drive';
import { createGoogleAuth } from '../../src/adapters/google-auth';
import { createNotionAdapter, createNotionClient } from '../../src/adapters/notion';
import { createStore } from '../../src/adapters/store';
import { runIdFor } from '../../src/triggers/run-id';
import { FIXTURE_IDS, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { createRow, resetWorld, setNotionClock, tick, waitFor } from './harness';

export const client = createNotionClient({ token: env.NOTION_TOKEN as string, baseUrl: env.NOTION_API_URL });
export const notion = createNotionAdapter(client);
export const store = createStore(env.DB);
const googleAuth = createGoogleAuth({
  serviceAccountEmail: env.GOOGLE_SERVICE_ACCOUNT_EMAIL as string,
  privateKey: env.GOOGLE_PRIVATE_KEY as string,
  tokenUrl: env.GOOGLE_TOKEN_URL as string,
});
export const drive = createDriveAdapter({ rootUrl: env.GOOGLE_API_URL, accessToken: () => googleAuth.accessToken() });
export const MAYA = FIXTURE_IDS.users.maya;
export const MONDAY_9_PARIS = '2026-11-30T08:00:00.000Z';
export const TITLE = '2026-11-30 — Weekly competitive brief';

/** Each comment on a page as plain text, mentions included by their user id. */
export async function commentsOn(pageId: string): Promise<string[]> {
  const { results } = await client.comments.list({ block_id: pageId });
  return results.map((c) => c.rich_text.map((t) => (t.type === 'mention' && t.mention.type === 'user' ? `@${t.mention.user.id}` : t.plain_text)).join(''));
}

/** The weekly brief row (or a variant), synced before its slot; returns the run id its 9:00 slot maps to. */
export async function scheduleWeeklyBrief(row: FixtureRow = weeklyBrief): Promise<{ row: string; runId: string }> {
  await resetWorld();
  await setNotionClock('2026-11-30T07:50:00.000Z');
  const page = await createRow(row, MAYA);
  await tick('2026-11-30T07:59:00.000Z');
  return { row: page, runId: await runIdFor(page, 'schedule', MONDAY_9_PARIS) };
}

export async function runRow(runId: string) {
  return notion.queryDataSource(WORLD.runsDataSource, { filter: { property: 'Run ID', rich_text: { equals: runId } } });
}

export const statusOf = (page: Awaited<ReturnType<typeof notion.retrievePage>>) => {
  const p = page.properties.Status;
  return p?.type === 'select' ? p.select?.name : undefined;
};

export async function waitForStatus(runId: string, status: string) {
  return waitFor(`run ${runId} to be ${status}`, async () => (await store.getRun(runId))?.status === status);
}

/**
 * The review is open the way a reviewer sees it: D1 moves to Needs review first, then the Run row's
 * Status and the announcement comment follow, so tests wait for all three.
 */
export async function waitForReview(runId: string, round = 1): Promise<string> {
  await waitFor(`run ${runId} to wait in review round ${round}`, async () => {
    const run = await store.getRun(runId);
    return run?.status === 'Needs review' && run.review_round === round;
  });
  return waitFor(`the review of ${runId} to be announced`, async () => {
    const [row] = await runRow(runId);
    if (!row || statusOf(row) !== 'Needs review') return null;
    const announced = (await commentsOn(row.id)).filter((c) => /is ready for your review/.test(c)).length >= round;
    return announced ? row.id : null;
  });
}

/** What the weekly brief published; every page and Doc is checked for Baton's own notes on the way (expectNoBatonNotes). */
export async function publishedOutputs(title = TITLE) {
  const pages = await notion.listChildPages(FIXTURE_IDS.notionPages.competitiveIntelligence);
  const files = await drive.listFolder(FIXTURE_IDS.driveFolders.competitiveIntelligence);
  const found = { pages: pages.filter((p) => p.title === title), docs: files.filter((f) => f.name === title) };
  await expectNoBatonNotes(found);
  return found;
}

export { BATON_NOTES } from '../support/baton-notes';
import { BATON_NOTES } from '../support/baton-notes';

/** Fails when a published text holds a Baton note; `where` names it in the failure. */
export function expectNoBatonNote(text: string, where: string): void {
  for (const note of BATON_NOTES) expect(text, `${where} holds Baton's note ${note}`).not.toMatch(note);
}

/** Reads every page and Doc given and checks each (expectNoBatonNote); used by every test that publishes. */
export async function expectNoBatonNotes(published: { pages?: readonly { id: string; title?: string }[]; docs?: readonly DriveFile[] }): Promise<void> {
  for (const page of published.pages ?? []) expectNoBatonNote((await notion.readMarkdown(page.id)).markdown, `the published page "${page.title ?? page.id}"`);
  for (const doc of published.docs ?? []) expectNoBatonNote((await drive.readText(doc)) ?? '', `the published Doc "${doc.name}"`);
}
