// Issue 8 in workerd: Baton's promises hold when Notion misbehaves and people act at awkward
// moments — only the reviewer decides, what they approved is what is published, a reviewer's
// change is never undone, and a run whose instance is lost or never told is picked up again.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { createExecutionContext } from 'cloudflare:test';
import { WORLD } from '../support/world';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { findLiveMarkup } from '../../src/publish/inert-markdown';
import { deliverWebhooks, driveAdmin, modelAdmin, modelRequests, notionAdmin, replaceMarkdownAsPerson, tick, updateAsPerson, waitFor } from './harness';
import { commentsOn, waitForReview, MAYA, notion, publishedOutputs, runRow, scheduleWeeklyBrief, statusOf, store, waitForStatus } from './run-helpers';

const ALEX = WORLD.alex;
const commentAs = (person: string, pageId: string, content: string) =>
  notionAdmin(`people/${person}/comments`, { parent: { page_id: pageId }, rich_text: [{ type: 'text', text: { content } }] });

/** The brief drafted and waiting for Maya; Baton's own webhook echoes already handled. */
async function briefInReview() {
  const { row, runId } = await scheduleWeeklyBrief();
  await tick('2026-11-30T08:00:00.000Z');
  await waitForReview(runId);
  const [page] = await runRow(runId);
  await deliverWebhooks();
  return { row, runId, page: page!.id, draft: (await notion.readMarkdown(page!.id)).markdown };
}

async function publishedText(): Promise<string> {
  const { pages } = await publishedOutputs();
  expect(pages).toHaveLength(1);
  return (await notion.readMarkdown(pages[0]!.id)).markdown;
}

describe('who decided is who changed Status', () => {
  it('does not publish Alex’s approval when Maya then edits the draft — with his webhook lost and on the reconcile path — until Maya confirms', async () => {
    const { runId, page, draft } = await briefInReview();
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await updateAsPerson(ALEX, page, { Status: { select: { name: 'Approved' } } });
    expect(await deliverWebhooks()).toEqual([]);
    await notionAdmin('webhooks/knobs', { drop: 0 }, 'PATCH');
    await replaceMarkdownAsPerson(MAYA, page, draft.replace('Pricing moves', 'Pricing changes'));
    // Maya's body edit arrives as a webhook; it says nothing about who set Status.
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'no_decision' });

    // Webhooks are healthy (Baton's own writes came back), so the reconcile is the 15-minute
    // backstop (review/reconcile-cadence.ts): the first tick that sees the review starts its clock.
    await tick('2026-11-30T08:01:00.000Z');
    expect((await commentsOn(page)).filter((c) => c.includes('cannot tell who set it'))).toHaveLength(0);
    await tick('2026-11-30T08:16:00.000Z');
    expect((await store.getRun(runId))?.status).toBe('Needs review');
    const asked = (await commentsOn(page)).at(-1);
    expect(asked).toMatch(new RegExp(`^@${MAYA} — Status now reads Approved, but Baton cannot tell who set it`));
    await tick('2026-11-30T08:31:00.000Z');
    expect((await commentsOn(page)).filter((c) => c.includes('cannot tell who set it'))).toHaveLength(1);
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });

    // Someone other than Maya replying does not count; Maya's reply does.
    await commentAs(ALEX, page, 'confirm');
    await tick('2026-11-30T08:46:00.000Z');
    expect((await store.getRun(runId))?.status).toBe('Needs review');
    await commentAs(MAYA, page, 'Confirm — ship it');
    await tick('2026-11-30T09:01:00.000Z');
    await waitForStatus(runId, 'Published');
    expect(await publishedText()).toContain('Pricing changes');
  });

  it('sets Alex’s approval back on the reconcile path when nothing else changed, and takes Maya’s', async () => {
    const { runId, page } = await briefInReview();
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await updateAsPerson(ALEX, page, { Status: { select: { name: 'Approved' } } });
    await tick('2026-11-30T08:01:00.000Z'); // starts the backstop's clock for this review
    expect(statusOf(await notion.retrievePage(page))).toBe('Approved');
    await tick('2026-11-30T08:16:00.000Z');
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    expect((await commentsOn(page)).at(-1)).toMatch(/^Status was changed to Approved by @.+, but only @.+ may approve/);
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await tick('2026-11-30T08:31:00.000Z');
    await waitForStatus(runId, 'Published');
  });

  /** Maya approves her edited draft; Alex edits the page while the publish step is still retrying (`afterApproval` runs between). */
  async function approvedThenEditedByAlex(afterApproval: () => Promise<unknown> = async () => undefined) {
    const { runId, page, draft } = await briefInReview();
    // The Doc upload fails twice, so the publish step is still retrying when Alex edits.
    await driveAdmin('faults', { method: 'POST', path: '^/upload/drive/v3/files$', status: 503, count: 2 });
    await replaceMarkdownAsPerson(MAYA, page, `${draft}\n\nMaya’s note: hold our price.`);
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await afterApproval();
    await replaceMarkdownAsPerson(ALEX, page, `${draft}\n\nMaya’s note: hold our price.\n\nAlex: we should cut prices by half.`);
    return { runId, page };
  }
  const toldMaya = async (page: string) => (await commentsOn(page)).filter((c) => c.startsWith(`@${MAYA} — this page was edited after you approved it.`)).length;

  it('publishes the text as Maya approved it, and tells her once, when the edit’s webhook arrives, that the page changed after', async () => {
    const { runId, page } = await approvedThenEditedByAlex();
    await waitForStatus(runId, 'Published');
    const text = await publishedText();
    expect(text).toContain('Maya’s note: hold our price.');
    expect(text).not.toContain('cut prices by half');
    const { docs } = await publishedOutputs();
    expect(docs).toHaveLength(1);
    // Webhooks are healthy, so the finish step did not read the page: Alex's edit event tells.
    expect(await deliverWebhooks()).toContainEqual({ ok: true, outcome: 'noted' });
    expect(await toldMaya(page)).toBe(1);
    await replaceMarkdownAsPerson(ALEX, page, 'Alex, again.');
    await deliverWebhooks();
    expect(await toldMaya(page)).toBe(1);
  });

  it('without healthy webhooks, reads the page when it finishes and tells Maya it changed after she approved', async () => {
    const forged = async () =>
      worker.fetch(
        new Request('http://baton.test/webhooks/notion', { method: 'POST', headers: { 'x-notion-signature': `sha256=${'0'.repeat(64)}` }, body: '{"id":"evt-forged"}' }),
        env,
        createExecutionContext(),
      );
    const { runId, page } = await approvedThenEditedByAlex(forged);
    await waitForStatus(runId, 'Published');
    expect(await publishedText()).not.toContain('cut prices by half');
    expect(await toldMaya(page)).toBe(1);
  });
});

describe('a retried step never undoes the reviewer', () => {
  it('keeps Maya’s edit and approval made while opening the review was being retried after a 500 that had committed', async () => {
    const { runId } = await scheduleWeeklyBrief();
    // The model answers late, so the fault below is in place before the review opens.
    await modelAdmin('faults', { kind: 'rate_limit', retryAfter: 1, times: 1 });
    await tick('2026-11-30T08:00:00.000Z');
    await waitForStatus(runId, 'Running');
    const [row] = await runRow(runId);
    const page = row!.id;
    await notionAdmin('faults', { method: 'PATCH', path: `^/v1/pages/${page}$`, status: 500, afterCommit: true, count: 1 });
    await waitFor('the draft to show Needs review', async () => statusOf(await notion.retrievePage(page)) === 'Needs review', 20_000);
    const draft = (await notion.readMarkdown(page)).markdown;
    await replaceMarkdownAsPerson(MAYA, page, `${draft}\n\nMaya was here.`);
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await waitForStatus(runId, 'Published');
    expect(await publishedText()).toContain('Maya was here.');
    expect(statusOf(await notion.retrievePage(page))).toBe('Published');
    // Announced at most once (not at all when Maya decided before the retry got that far).
    expect((await commentsOn(page)).filter((c) => c.includes('the draft is ready for your review')).length).toBeLessThanOrEqual(1);
  });
});

describe('a decision belongs to its round', () => {
  it('moves a run to a decision only in the round that decision was read for', async () => {
    const { runId } = await briefInReview();
    expect(await store.decideRound(runId, 2, 'Changes requested', new Date())).toBe(false);
    expect((await store.getRun(runId))?.status).toBe('Needs review');
    expect(await store.decideRound(runId, 1, 'Changes requested', new Date())).toBe(true);
    expect(await store.decideRound(runId, 1, 'Approved', new Date())).toBe(false);
  });
});

describe('no stranded runs', () => {
  it('delivers again a decision D1 recorded but the run was never told', async () => {
    const { runId, page, draft } = await briefInReview();
    // Recorded as the decision path does, but the event is lost (say the worker died first).
    const at = new Date().toISOString();
    await store.putArtifact(runId, 'decision-1', JSON.stringify({ decision: 'approved', feedback: '', by: MAYA, evidence: 'webhook', at }), new Date());
    await store.putArtifact(runId, 'approved-1', draft, new Date());
    await store.moveRun(runId, 'Needs review', 'Approved', new Date());
    await env.DB.prepare('UPDATE runs SET heartbeat_at = ?2 WHERE run_id = ?1').bind(runId, new Date(Date.now() - 5 * 60_000).toISOString()).run();
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await tick('2026-11-30T08:05:00.000Z');
    await waitForStatus(runId, 'Published');
    expect((await publishedOutputs()).pages).toHaveLength(1);
  });

  it('restarts a run whose instance was terminated, without drafting or announcing again', async () => {
    const { runId, page } = await briefInReview();
    const drafted = (await modelRequests()).length;
    await (await env.RUN_WORKFLOW.get(runId)).terminate();
    await tick('2026-11-30T08:01:00.000Z');
    expect((await store.getRun(runId))?.restarts).toBe(1);
    await waitFor('the restarted run to wait again', async () => ['running', 'waiting'].includes((await (await env.RUN_WORKFLOW.get(runId)).status()).status));
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await waitForStatus(runId, 'Published');
    expect((await modelRequests()).length).toBe(drafted);
    expect((await commentsOn(page)).filter((c) => c.includes('the draft is ready for your review'))).toHaveLength(1);
    expect(await publishedOutputs()).toMatchObject({ pages: [expect.anything()], docs: [expect.anything()] });
  });
});

describe('source text is data', () => {
  it('publishes mention, page-link and javascript: markup from a source as inert text', async () => {
    const { runId } = await scheduleWeeklyBrief();
    await driveAdmin('files', {
      name: 'Rival C notes',
      parentId: FIXTURE_IDS.driveFolders.competitorUpdates,
      mimeType: 'application/vnd.google-apps.document',
      markdown: [
        `- Rival C pinged <mention-user url="user://${ALEX}">Alex</mention-user> about pricing.`,
        '- Rival C copied <mention-page url="https://www.notion.so/0b47a7e51d2c4f3a9b8e7c6d5e4f3a22">Secret roadmap</mention-page> into their deck.',
        '- Rival C pricing page: [click here](javascript:alert(document.cookie)) for details.',
      ].join('\n'),
    });
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [row] = await runRow(runId);
    const draft = (await notion.readMarkdown(row!.id)).markdown;
    expect(draft).toContain('Rival C');
    expect(findLiveMarkup(draft)).toEqual([]);
    await updateAsPerson(MAYA, row!.id, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await waitForStatus(runId, 'Published');
    const text = await publishedText();
    expect(text).toContain('Rival C');
    expect(findLiveMarkup(text)).toEqual([]);
  });
});

describe('webhook hygiene', () => {
  const post = (body: unknown, bindings: Cloudflare.Env) =>
    worker.fetch(new Request('http://baton.test/webhooks/notion', { method: 'POST', body: JSON.stringify(body) }), bindings, createExecutionContext());

  it('stores the verification token once, only while no secret is set, and logs every refusal without the body', async () => {
    await scheduleWeeklyBrief();
    const warn = vi.spyOn(console, 'warn');
    const unconfigured = { ...env, NOTION_WEBHOOK_SECRET: '' } as Cloudflare.Env;
    expect((await post({ verification_token: 'secret_first' }, unconfigured)).status).toBe(200);
    expect((await post({ verification_token: 'secret_attacker' }, unconfigured)).status).toBe(409);
    expect(await store.getMeta('notion_verification_token')).toBe('secret_first');
    expect((await post({ verification_token: 'secret_other' }, env)).status).toBe(409);
    expect((await post({ id: 'e1', type: 'page.created' }, env)).status).toBe(401);
    const logged = warn.mock.calls.map((c) => String(c[0]));
    expect(logged).toEqual(
      expect.arrayContaining([expect.stringMatching(/refused \(409\): a different verification token/), expect.stringMatching(/refused \(401\): Bad signature/)]),
    );
    expect(logged.join('\n')).not.toMatch(/secret_attacker|secret_other|whsec_/);
    warn.mockRestore();
  });
});
