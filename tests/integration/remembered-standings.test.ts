// Remembered Notion standings (registry/allowed-roots.ts): while webhooks are healthy a run takes a
// context page and the Output page as allowed from what the sync's walk found, without reading
// them again; a move or a trash event forgets that, a removed share shows at the read, and without
// fresh deliveries every read walks again.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env';
import { servicesFor } from '../../src/services';
import { gatherContext } from '../../src/context/gather';
import { checkOutputDestinations, refusedByNotion } from '../../src/registry/output-destinations';
import { createWebhookStore } from '../../src/adapters/webhook-store';
import { publishNotionPage } from '../../src/publish/publish';
import type { WorkflowDefinition } from '../../src/domain/workflow-definition';
import { FIXTURE_IDS, weeklyBrief } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { deliverWebhooks, notionAdmin, notionRequests } from './harness';
import { MAYA, scheduleWeeklyBrief, store } from './run-helpers';

const POSITIONING = FIXTURE_IDS.notionPages.ourPositioning;
const OUTPUT = FIXTURE_IDS.notionPages.competitiveIntelligence;
const dashless = (id: string) => id.replace(/-/g, '');
/** GET /v1/pages/{id} requests for this page since the log had `from` entries. */
const pageReads = async (pageId: string, from: number) =>
  (await notionRequests()).slice(from).filter((r) => r.method === 'GET' && dashless(r.path) === `/v1/pages/${dashless(pageId)}`).length;
const logSize = async () => (await notionRequests()).length;

let definition: WorkflowDefinition;
const services = () => servicesFor(loadConfig(env), 'run');
const positioning = async (runId = 'run-standings') => (await gatherContext(services(), definition, runId)).sources.find((s) => s.name === 'Our positioning');
const unavailable = async () => (await gatherContext(services(), definition, 'run-standings')).unavailable.find((u) => u.name === 'Our positioning');

beforeEach(async () => {
  const { row } = await scheduleWeeklyBrief(weeklyBrief); // the sync walks every link of the row
  definition = (await store.getDefinition(row))!.definition_json as unknown as WorkflowDefinition;
  await deliverWebhooks(); // the sync's own writes come back as verified deliveries: webhooks are healthy
});

describe('remembered Notion standings', () => {
  it('reads a context page and checks the Output page without walking them again while webhooks are healthy', async () => {
    const from = await logSize();
    expect((await positioning())?.text).toContain('We compete on onboarding speed');
    expect(await checkOutputDestinations(services(), definition)).toBeNull();
    expect(await pageReads(POSITIONING, from)).toBe(0);
    expect(await pageReads(OUTPUT, from)).toBe(0);
  });

  it('walks again after a page above moved, and leaves the page out once it is outside the allowed pages', async () => {
    await notionAdmin('share', { ids: [WORLD.privatePage] }); // shared with Baton, but not an allowed page
    await notionAdmin(`people/${MAYA}/pages/${POSITIONING}/move`, { parent: { page_id: WORLD.privatePage } });
    await deliverWebhooks(); // page.moved
    const from = await logSize();
    expect(await unavailable()).toMatchObject({ reason: expect.stringContaining('outside') });
    expect(await pageReads(POSITIONING, from)).toBe(1);
  });

  it('refuses an Output page a person moved to the trash, from its page.deleted event', async () => {
    await notionAdmin(`people/${MAYA}/pages/${OUTPUT}`, { in_trash: true }, 'PATCH');
    await deliverWebhooks();
    expect(await checkOutputDestinations(services(), definition)).toMatch(/is in Notion's trash/);
  });

  it('walks again when a delivery failed since the walk, or none verified for a day', async () => {
    const health = createWebhookStore(env.DB);
    await health.recordDelivery('failed', new Date());
    let from = await logSize();
    await positioning();
    expect(await pageReads(POSITIONING, from)).toBe(1);

    await env.DB.prepare("UPDATE meta SET value = ?1 WHERE key = 'notion_webhook_verified_at'").bind(new Date(Date.now() - 25 * 3600_000).toISOString()).run();
    await env.DB.prepare("DELETE FROM meta WHERE key = 'notion_webhook_failed_at'").run();
    from = await logSize();
    await positioning();
    expect(await pageReads(POSITIONING, from)).toBe(1);
  });

  it('forgets a page whose sharing was removed (Notion sends no event): the read says so, and the next one walks', async () => {
    await notionAdmin('unshare', { ids: [WORLD.rootPage] });
    let from = await logSize();
    expect(await unavailable()).toMatchObject({ reason: 'not found, or not shared with the Baton integration' });
    expect(await pageReads(POSITIONING, from)).toBe(0); // taken as allowed; the markdown read answered 404
    from = await logSize();
    expect(await unavailable()).toMatchObject({ reason: 'not found, or not shared with the Baton integration' });
    expect(await pageReads(POSITIONING, from)).toBe(1); // forgotten: walked again

    // The Output page the same way: the create under it answers 404, and the run says why.
    const created = publishNotionPage(services().notion!, OUTPUT, { runId: 'run-standings', title: 'x', markdown: 'y', mayExist: false });
    const error = await created.then(() => null, (e: unknown) => e);
    expect(await refusedByNotion(services(), definition, error)).toMatch(/was deleted or is no longer shared with the Baton integration/);
  });
});
