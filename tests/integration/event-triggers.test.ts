// Issue 9 in workerd: a Deals row reaching Closed won, Run now (checkbox and API), and one
// workflow's publication starting another — each once, with its subject as context.
import { introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/triggers/run-id';
import { FIXTURE_IDS, kickoffBrief, repurposeArticles, sprintSynthesis, text, type FixtureRow } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { createRow, deliverDrivePushes, deliverWebhooks, driveAdmin, modelRequests, notionAdmin, resetWorld, setNotionClock, tick, updateAsPerson, waitFor } from './harness';
import { expectNoBatonNotes, MAYA, MONDAY_9_PARIS, notion, runRow, scheduleWeeklyBrief, store, waitForReview } from './run-helpers';
import { activate, runNowApi, runsOf, tickNow, waitForRuns } from './trigger-helpers';

const { users: U, notionPages: P, driveFolders: F } = FIXTURE_IDS;
const OWNER = U.accountOwner;
const stage = (name: string) => ({ Stage: { select: { name } } });
const promptText = async () => (await modelRequests()).map((r) => r.body).join('\n');
const healthOf = async (pageId: string) => {
  const p = (await notion.retrievePage(pageId)).properties.Health;
  return p?.type === 'rich_text' ? p.rich_text.map((t) => t.plain_text).join('') : '';
};

describe('a Deals row that reaches Closed won', () => {
  it('starts one kickoff run with the deal as context, through the webhook; a duplicate starts nothing; out and back in through the reconcile starts a second', async () => {
    await resetWorld();
    const row = await activate(kickoffBrief, OWNER);
    await deliverWebhooks();
    // Globex was Closed won before Baton watched the database: nothing starts for it.
    expect(await runsOf(row)).toEqual([]);

    await updateAsPerson(OWNER, WORLD.acmeDeal, stage('Closed won'));
    const answers = await deliverWebhooks();
    expect(answers).toContainEqual(expect.objectContaining({ outcome: 'row_observed', admitted: [expect.any(String)] }));
    const [first] = await waitForRuns(row, 1);
    expect(first).toMatchObject({ trigger_kind: 'notion', trigger_subject: { kind: 'notion_row', pageId: WORLD.acmeDeal, title: 'Acme Corp — analytics rollout' } });
    await waitForReview(first!.run_id);
    const prompt = await promptText();
    expect(prompt).toContain('Stage: Closed won');
    expect(prompt).toContain('Amount: 48000');
    expect(prompt).toContain('Acme wants dashboards for 40 finance users by March.');
    const [runPage] = await runRow(first!.run_id);
    expect(runPage!.properties.Name).toMatchObject({ title: [{ plain_text: expect.stringMatching(/— Client kickoff brief — Acme Corp — analytics rollout$/) }] });
    expect(await healthOf(row)).toMatch(/runs when a row in .+ has Stage = Closed won \(last: Acme Corp — analytics rollout, /);

    // Redelivered and reordered events, and ticks: still one.
    await notionAdmin('webhooks/knobs', { duplicate: 1, reorder: true }, 'PATCH');
    await updateAsPerson(OWNER, WORLD.acmeDeal, { Amount: { number: 50000 } });
    await deliverWebhooks();
    await tickNow();
    expect(await runsOf(row)).toHaveLength(1);

    // Webhooks lost: the reconcile sees the row leave and come back.
    await notionAdmin('webhooks/knobs', { drop: 1, duplicate: 0, reorder: false }, 'PATCH');
    await updateAsPerson(OWNER, WORLD.acmeDeal, stage('Proposal'));
    await tickNow();
    await updateAsPerson(OWNER, WORLD.acmeDeal, stage('Closed won'));
    expect(await deliverWebhooks()).toEqual([]);
    expect(await runsOf(row)).toHaveLength(1);
    await tickNow();
    const runs = await waitForRuns(row, 2);
    expect(runs[1]!.trigger_key).not.toBe(runs[0]!.trigger_key);
  });

  it('runs the kickoff brief end to end from the deal: reviewed by the account owner, published under the deal’s name', async () => {
    await resetWorld();
    const row = await activate(kickoffBrief, OWNER);
    await updateAsPerson(OWNER, WORLD.acmeDeal, stage('Closed won'));
    await deliverWebhooks();
    const [run] = await waitForRuns(row, 1);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, run!.run_id);
    const runPage = await waitForReview(run!.run_id);
    await updateAsPerson(OWNER, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    const pages = await notion.listChildPages(P.clientOnboarding);
    await expectNoBatonNotes({ pages });
    expect(pages.map((p) => p.title)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} — Client kickoff brief — Acme Corp — analytics rollout$/)]);
  });
});

describe('the kickoff brief from the signed proposal', () => {
  it('runs end to end when the proposal lands in Closed-won deals: the proposal is its context, the output is named after it', async () => {
    await resetWorld();
    const row = await activate(kickoffBrief, OWNER);
    await deliverDrivePushes();
    await driveAdmin('files', { name: 'Acme proposal (signed)', parentId: F.closedWonDeals, markdown: '# Acme proposal\nScope: dashboards for 40 finance users. Start date: 4 January.' });
    await deliverDrivePushes();
    const [run] = await waitForRuns(row, 1);
    expect(run).toMatchObject({ trigger_kind: 'drive', trigger_subject: { kind: 'drive_file', name: 'Acme proposal (signed)' } });
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, run!.run_id);
    const runPage = await waitForReview(run!.run_id);
    expect(await promptText()).toContain('Scope: dashboards for 40 finance users.');
    await updateAsPerson(OWNER, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    const pages = await notion.listChildPages(P.clientOnboarding);
    await expectNoBatonNotes({ pages });
    expect(pages.map((p) => p.title)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} — Client kickoff brief — Acme proposal \(signed\)$/)]);
  });
});

describe('the repurposing pipeline', () => {
  it('runs end to end from a new article: one run, Lena approves, published under the article’s name', async () => {
    await resetWorld();
    const row = await activate(repurposeArticles, U.lena);
    await deliverDrivePushes();
    await driveAdmin('files', { name: 'Seats beat usage.md', parentId: F.publishedArticles, mimeType: 'text/markdown', text: '# Seats beat usage\nPredictable bills win finance teams.' });
    await deliverDrivePushes();
    const [run] = await waitForRuns(row, 1);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, run!.run_id);
    const runPage = await waitForReview(run!.run_id);
    expect(await promptText()).toContain('Predictable bills win finance teams.');
    await updateAsPerson(U.lena, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    const pages = await notion.listChildPages(P.contentLibrary);
    await expectNoBatonNotes({ pages });
    expect(pages.map((p) => p.title)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} — Repurpose new articles — Seats beat usage$/)]);
  });
});

describe('Run now', () => {
  it('starts one run per tick of the box and per API call, refuses a missing or wrong token, and leaves the other schedule firing on time', async () => {
    const { row: brief, runId: slotRun } = await scheduleWeeklyBrief();
    const other = await createRow(repurposeArticles, U.lena);
    await tick('2026-11-30T07:59:10.000Z');

    await updateAsPerson(U.lena, other, { 'Run now': { checkbox: true } });
    await deliverWebhooks();
    await tick('2026-11-30T07:59:20.000Z');
    const [manual] = await waitForRuns(other, 1);
    expect(manual).toMatchObject({ trigger_kind: 'manual', trigger_subject: { kind: 'manual', via: 'checkbox' } });
    expect((await notion.retrievePage(other)).properties['Run now']).toMatchObject({ checkbox: false });
    await tick('2026-11-30T07:59:30.000Z');
    expect(await runsOf(other)).toHaveLength(1);

    await updateAsPerson(U.lena, other, { 'Run now': { checkbox: true } });
    await deliverWebhooks();
    await tick('2026-11-30T07:59:40.000Z');
    await waitForRuns(other, 2);

    expect((await runNowApi(other, { token: null })).status).toBe(401);
    expect((await runNowApi(other, { token: 'not-the-token' })).status).toBe(401);
    expect(await runsOf(other)).toHaveLength(2);
    const viaApi = await runNowApi(other);
    expect(viaApi).toMatchObject({ status: 201, body: { ok: true, created: true } });
    expect((await runNowApi(other, { idempotencyKey: 'cron-2026-11-30' })).status).toBe(201);
    expect(await runNowApi(other, { idempotencyKey: 'cron-2026-11-30' })).toMatchObject({ status: 200, body: { created: false } });
    expect((await runNowApi('not-an-id')).status).toBe(400);
    await waitForRuns(other, 4);

    // The weekly brief's Monday 9:00 slot still fires at 9:00, once.
    expect(await store.getRun(slotRun)).toBeNull();
    await tick('2026-11-30T08:00:00.000Z');
    expect(await store.getRun(slotRun)).toMatchObject({ trigger_kind: 'schedule', scheduled_for: MONDAY_9_PARIS });
    expect((await runsOf(brief)).map((r) => r.trigger_kind)).toEqual(['schedule']);
  });
});

describe('one workflow publishing starts another', () => {
  const follower = (name: string, after: string): FixtureRow => ({
    pageId: '',
    properties: {
      Name: { title: text(name) },
      State: { select: { name: 'Active' } },
      Trigger: { rich_text: text(`when ${after} publishes`) },
      'Output page': { url: `https://www.notion.so/${P.competitiveIntelligence.replace(/-/g, '')}` },
    },
    markdown: ['## Goal', 'Turn the brief into three talking points for sales.', '## Steps', '1. Read the brief.', '2. Write three talking points.', '## Context', '- The brief'].join('\n'),
  });

  it('starts the follower once with the published output as context, and refuses A → B → A on Health', async () => {
    const { row: brief, runId } = await scheduleWeeklyBrief();
    const digest = await createRow(follower('Sales talking points', 'Weekly competitive brief'), MAYA);
    await deliverWebhooks(); // page.created: the next sync reads the row
    await tick('2026-11-30T07:59:30.000Z');
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    const runPage = await waitForReview(runId);
    const draft = (await notion.readMarkdown(runPage)).markdown;
    await notionAdmin(`people/${MAYA}/pages/${runPage}/markdown`, { markdown: `${draft}\n\nMaya: lead with onboarding speed.` }, 'PUT');
    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');

    await tick('2026-11-30T08:02:00.000Z');
    const [chained] = await waitForRuns(digest, 1);
    expect(chained).toMatchObject({ trigger_kind: 'chain', trigger_key: runId, trigger_subject: { kind: 'chain', upstreamRunId: runId, path: [brief] } });
    await waitFor('the follower to draft', async () => (await store.getRun(chained!.run_id))?.status !== 'Queued' && (await promptText()).includes('lead with onboarding speed'), 30_000);
    await tick('2026-11-30T08:03:00.000Z');
    expect(await runsOf(digest)).toHaveLength(1);
    expect(await runIdFor(digest, 'chain', runId)).toBe(chained!.run_id);

    // A loop: two rows that follow each other.
    const a = await createRow(follower('Loop A', 'Loop B'), MAYA);
    const b = await createRow(follower('Loop B', 'Loop A'), MAYA);
    await deliverWebhooks();
    await tick('2026-11-30T08:04:00.000Z');
    await tick('2026-11-30T08:05:00.000Z');
    const healths = [await healthOf(a), await healthOf(b)];
    expect(healths.some((h) => /Loop A → Loop B → Loop A|Loop B → Loop A → Loop B/.test(h))).toBe(true);
  });
});

describe('a schedule that skips', () => {
  it('runs the sprint synthesis every other Friday at 16:00 New York time, from the week the row was created', async () => {
    await resetWorld();
    // Created on Tuesday 1 December: its first Friday is the 4th.
    await setNotionClock('2026-12-01T15:00:00.000Z');
    const row = await createRow(sprintSynthesis, U.sam); // its Schedule: "every other Friday at 4pm"
    await tick('2026-12-01T15:01:00.000Z');
    expect(await healthOf(row)).toMatch(/^OK — next run Fri 4 Dec 16:00 \(America\/New_York\)/);
    const slots = ['2026-12-04T21:00:00.000Z', '2026-12-11T21:00:00.000Z', '2026-12-18T21:00:00.000Z', '2026-12-25T21:00:00.000Z', '2027-01-01T21:00:00.000Z'];
    for (const slot of slots) {
      await tick(new Date(Date.parse(slot) - 60_000).toISOString());
      await tick(slot);
    }
    expect((await runsOf(row)).map((r) => r.scheduled_for)).toEqual(['2026-12-04T21:00:00.000Z', '2026-12-18T21:00:00.000Z', '2027-01-01T21:00:00.000Z']);
  });
});
