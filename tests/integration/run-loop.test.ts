// Issue 5 in workerd: the weekly competitive brief runs from its Monday 9:00 slot, drafts from
// Drive and Notion context, waits for Maya in Notion, and publishes what she approved.
import { createExecutionContext, introspectWorkflowInstance } from 'cloudflare:test';
import worker from '../../src/index';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/triggers/run-id';
import { RUN_ROW_SENT } from '../../src/triggers/create-run-row';
import { FIXTURE_IDS, text, weeklyBrief } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { createRow, deliverWebhooks, driveAdmin, modelAdmin, modelRequests, notionAdmin, replaceMarkdownAsPerson, resetWorld, setNotionClock, tick, updateAsPerson, waitFor } from './harness';
import { commentsOn, waitForReview, drive, MAYA, MONDAY_9_PARIS, notion, publishedOutputs, runRow, scheduleWeeklyBrief, statusOf, store, waitForStatus } from './run-helpers';

describe('a scheduled run, reviewed in Notion', () => {
  let row: string;
  let runId: string;
  beforeEach(async () => {
    ({ row, runId } = await scheduleWeeklyBrief());
  });

  it('drafts from the Drive folder and the Notion page, waits for Maya, and publishes her edited text', async () => {
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);

    // The model saw both Docs, the Sheet and the Notion page.
    const prompt = (await modelRequests()).map((r) => r.body).join('\n');
    expect(prompt).toContain('Rival A launched a Teams plan at 39 EUR per seat');
    expect(prompt).toContain('Rival B shipped an AI onboarding assistant');
    expect(prompt).toContain('Rival B,Pro,55 EUR');
    expect(prompt).toContain('Our Pro plan costs 49 EUR per seat');

    const [runPage] = await runRow(runId);
    expect(runPage && statusOf(runPage)).toBe('Needs review');
    const draft = (await notion.readMarkdown(runPage!.id)).markdown;
    expect(draft).toContain('Summary (3 bullets)');
    expect(draft).toContain('Pricing moves');
    expect(runPage!.properties.Reviewer).toMatchObject({ people: [{ id: MAYA }] });
    expect(await commentsOn(runPage!.id)).toEqual([expect.stringMatching(new RegExp(`^@${MAYA} — the draft is ready for your review`))]);

    await replaceMarkdownAsPerson(MAYA, runPage!.id, `${draft}\n\nMaya’s note: we will not match Rival A on price.`);
    await updateAsPerson(MAYA, runPage!.id, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');

    const { pages, docs } = await publishedOutputs();
    expect(pages).toHaveLength(1);
    expect((await notion.readMarkdown(pages[0]!.id)).markdown).toContain('Maya’s note: we will not match Rival A on price.');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ parents: [FIXTURE_IDS.driveFolders.competitiveIntelligence], appProperties: { batonRunId: runId } });
    expect(await drive.readText(docs[0]!)).toContain('Maya’s note: we will not match Rival A on price.');

    const done = await notion.retrievePage(runPage!.id);
    expect(statusOf(done)).toBe('Published');
    expect(done.properties.Output).toMatchObject({ url: expect.stringContaining(docs[0]!.id) });
    expect(done.properties['Output page']).toMatchObject({ url: expect.stringContaining(pages[0]!.id.replace(/-/g, '')) });
    const workflow = await notion.retrievePage(row);
    expect(workflow.properties['Last run']).toMatchObject({ date: { start: expect.any(String) } });
  });

  /** Baton's queries of the Runs data source so far: the review reconcile's request. */
  const reconcileQueries = async () =>
    ((await notionAdmin('requests', undefined, 'GET')) as { requests: { method: string; path: string }[] }).requests.filter(
      (r) => r.method === 'POST' && r.path.replace(/-/g, '') === `/v1/data_sources/${WORLD.runsDataSource.replace(/-/g, '')}/query`,
    ).length;

  /** Drafted and waiting, Baton's own webhook echoes handled, and Maya's approval webhook lost. */
  async function approvedWithWebhookLost(): Promise<void> {
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [runPage] = await runRow(runId);
    await deliverWebhooks(); // what Baton's own writes produced so far: webhooks are healthy
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await updateAsPerson(MAYA, runPage!.id, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toEqual([]);
    expect((await store.getRun(runId))?.status).toBe('Needs review');
  }

  it('makes no reconcile query on quiet ticks while webhooks are healthy, and completes through the 15-minute backstop when the approval webhook is lost', async () => {
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await approvedWithWebhookLost();
    const before = await reconcileQueries();
    await tick('2026-11-30T08:01:00.000Z');
    await tick('2026-11-30T08:02:00.000Z');
    await tick('2026-11-30T08:15:00.000Z');
    expect(await reconcileQueries()).toBe(before);
    expect((await store.getRun(runId))?.status).toBe('Needs review');
    await tick('2026-11-30T08:16:00.000Z'); // 15 minutes after the first tick that saw the review
    await instance.waitForStatus('complete');
    expect(await reconcileQueries()).toBe(before + 1);
    expect(await publishedOutputs()).toMatchObject({ pages: [expect.anything()], docs: [expect.anything()] });
  });

  it('reconciles at once when a delivery fails verification', async () => {
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await approvedWithWebhookLost();
    const forged = JSON.stringify({ id: 'evt-forged', type: 'page.properties_updated', timestamp: new Date().toISOString(), entity: { id: WORLD.rootPage, type: 'page' } });
    const res = await worker.fetch(
      new Request('http://baton.test/webhooks/notion', { method: 'POST', headers: { 'content-type': 'application/json', 'x-notion-signature': `sha256=${'0'.repeat(64)}` }, body: forged }),
      env,
      createExecutionContext(),
    );
    expect(res.status).toBe(401);
    await tick('2026-11-30T08:01:00.000Z');
    await instance.waitForStatus('complete');
    expect(await publishedOutputs()).toMatchObject({ pages: [expect.anything()], docs: [expect.anything()] });
  });

  it('revises with Maya’s feedback, and undoes an approval by someone else', async () => {
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [runPage] = await runRow(runId);
    const page = runPage!.id;

    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Changes requested' } }, Feedback: { rich_text: text('Too long; lead with pricing') } });
    await deliverWebhooks();
    await waitForReview(runId, 2);
    const revised = (await notion.readMarkdown(page)).markdown;
    // The model's note about its revision stays off the page; the round's comment says what changed.
    expect(revised).not.toContain('Revised per feedback');
    expect((await commentsOn(page)).at(-1)).toMatch(/revision 2 is ready for your review\. Since the last round: “Pricing moves” moved; \d+ lines removed\./);
    expect(revised.indexOf('Pricing moves')).toBeLessThan(revised.indexOf('Summary (3 bullets)'));
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');

    await updateAsPerson(WORLD.alex, page, { Status: { select: { name: 'Approved' } } });
    const answers = await deliverWebhooks();
    expect(answers).toContainEqual({ ok: true, outcome: 'reverted' });
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    expect((await commentsOn(page)).at(-1)).toBe(
      `Status was changed to Approved by @${WORLD.alex}, but only @${MAYA} may approve or request changes on this run, so Baton set it back to Needs review.`,
    );
    expect((await store.getRun(runId))?.status).toBe('Needs review');

    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });
});

describe('exactly once', () => {
  it('starts one run from ten concurrent ticks of the same minute', async () => {
    const { runId } = await scheduleWeeklyBrief();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await Promise.all(Array.from({ length: 10 }, () => tick('2026-11-30T08:00:00.000Z')));
    await waitForReview(runId);
    const runs = await env.DB.prepare('SELECT run_id FROM runs').all();
    expect(runs.results).toEqual([{ run_id: runId }]);
    expect(await runRow(runId)).toHaveLength(1);
    const slots = await env.DB.prepare('SELECT slot FROM schedule_slots').all();
    expect(slots.results).toEqual([{ slot: MONDAY_9_PARIS }]);
  });

  it('creates one Run row, already Running, with no lookup first — and still one when its create is answered 529 after it committed', async () => {
    const { runId } = await scheduleWeeklyBrief();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    const runsQuery = `/v1/data_sources/${WORLD.runsDataSource.replace(/-/g, '')}/query`;
    const log = async () => ((await notionAdmin('requests', undefined, 'GET')) as { requests: { method: string; path: string; body: string; status: number }[] }).requests;
    const seen = (await log()).length;
    await notionAdmin('faults', { method: 'POST', path: '^/v1/pages$', status: 529, afterCommit: true });
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    expect(await runRow(runId)).toHaveLength(1);
    const sent = (await log()).slice(seen).filter((r) => !r.path.startsWith('/__admin/'));
    const creates = sent.filter((r) => r.method === 'POST' && r.path === '/v1/pages');
    // The create answered 529, the Run ID looked up (found: no second create), then nothing else.
    expect(creates.map((r) => r.status)).toEqual([529]);
    expect(JSON.parse(creates[0]!.body).properties.Status).toEqual({ select: { name: 'Running' } });
    const isLookup = (r: { method: string; path: string }) => r.method === 'POST' && r.path.replace(/-/g, '') === runsQuery;
    const at = sent.indexOf(creates[0]!);
    // (This test's own helpers query the Runs database too, but only after the tick returned.)
    expect(sent.slice(0, at).filter(isLookup)).toEqual([]);
    expect(isLookup(sent[at + 1]!)).toBe(true);
    // No status write between the create and the draft: the row was created in its first state.
    const runPage = (await runRow(runId))[0]!.id.replace(/-/g, '');
    const statusWrites = sent.filter((r) => r.method === 'PATCH' && r.path.replace(/-/g, '') === `/v1/pages/${runPage}` && 'Status' in (JSON.parse(r.body).properties ?? {}));
    expect(statusWrites.map((r) => JSON.parse(r.body).properties.Status)).toEqual([{ select: { name: 'Needs review' } }]);
  });

  it('looks the Run row up before creating it when an earlier start may have sent the create', async () => {
    const { runId } = await scheduleWeeklyBrief();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    expect(await store.getArtifact(runId, RUN_ROW_SENT)).not.toBeNull();
    // As if that start had crashed after the create committed, before D1 recorded the row.
    await env.DB.prepare('UPDATE runs SET started = 0, run_page_id = NULL, start_lease_until = NULL WHERE run_id = ?').bind(runId).run();
    await tick('2026-11-30T08:01:00.000Z');
    expect((await store.getRun(runId))?.started).toBe(true);
    expect(await runRow(runId)).toHaveLength(1);
  });

  it('publishes one page and one Doc though both creates fail with a 5xx after succeeding', async () => {
    const { runId } = await scheduleWeeklyBrief();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [runPage] = await runRow(runId);
    await notionAdmin('faults', { method: 'POST', path: '^/v1/pages$', status: 500, afterCommit: true });
    await driveAdmin('faults', { method: 'POST', path: '^/upload/drive/v3/files$', status: 503, afterCommit: true });
    await updateAsPerson(MAYA, runPage!.id, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    const { pages, docs } = await publishedOutputs();
    expect(pages).toHaveLength(1);
    expect(docs).toHaveLength(1);
    expect(statusOf(await notion.retrievePage(runPage!.id))).toBe('Published');
  });
});

describe('trial mode', () => {
  it('goes through review but publishes nothing', async () => {
    await resetWorld();
    await setNotionClock('2026-11-30T07:50:00.000Z');
    const row = await createRow({ ...weeklyBrief, properties: { ...weeklyBrief.properties, Mode: { select: { name: 'Trial' } } } }, MAYA);
    await tick('2026-11-30T07:59:00.000Z');
    const runId = await runIdFor(row, 'schedule', MONDAY_9_PARIS);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [runPage] = await runRow(runId);
    await updateAsPerson(MAYA, runPage!.id, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
    expect((await commentsOn(runPage!.id)).at(-1)).toMatch(/^Trial mode: approved, and nothing was published/);
  });
});

describe('failures', () => {
  it('rides out a rate-limited model, then fails in plain words when the Output folder is gone', async () => {
    const { row, runId } = await scheduleWeeklyBrief();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await modelAdmin('faults', { kind: 'rate_limit', retryAfter: 0, times: 2 });
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    expect((await modelRequests()).map((r) => r.status).slice(0, 3)).toEqual([429, 429, 200]);

    const [runPage] = await runRow(runId);
    await driveAdmin(`files/${FIXTURE_IDS.driveFolders.competitiveIntelligence}`, undefined, 'DELETE');
    await updateAsPerson(MAYA, runPage!.id, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    // Checked before anything is published, so no Notion page is left without its Doc.
    const reason = `The Output folder (https://drive.google.com/drive/folders/${FIXTURE_IDS.driveFolders.competitiveIntelligence}?usp=sharing) was deleted or is no longer shared with ${WORLD.serviceAccountEmail} — share it with that account as Editor (Content manager in a shared drive), or choose another folder; nothing was published`;
    expect(await instance.getOutput()).toMatchObject({ status: 'Failed', reason });

    expect(statusOf(await notion.retrievePage(runPage!.id))).toBe('Failed');
    expect((await commentsOn(runPage!.id)).at(-1)).toBe(`This run failed: ${reason}`);
    const health = (await notion.retrievePage(row)).properties.Health;
    expect(health?.type === 'rich_text' && health.rich_text.map((t) => t.plain_text).join('')).toBe(`Last run failed: ${reason}`);
    expect((await store.getRun(runId))?.status).toBe('Failed');
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
  });
});
