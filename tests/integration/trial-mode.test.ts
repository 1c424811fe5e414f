// Issue 11, must-show 5 in workerd: a Trial weekly brief goes through Maya's review, publishes only
// under its Trial page and Trial folder — the stand-ins' request logs show nothing sent to the live
// Competitive intelligence page or folder — and a comparison page beside it lists what differs
// from the brief the team wrote by hand (the newest page under "Strategy briefs").
import { introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { wordCount } from '../../src/publish/trial-compare';
import { FIXTURE_IDS, FIXTURE_URLS as L, variant, weeklyBrief } from '../fixtures/example-rows';
import { deliverWebhooks, driveAdmin, notionAdmin, notionRequests, tick, updateAsPerson, type Logged } from './harness';
import { commentsOn, drive, expectNoBatonNotes, MAYA, notion, publishedOutputs, runRow, scheduleWeeklyBrief, statusOf, TITLE, waitForReview } from './run-helpers';
import { WORLD } from '../support/world';

const { notionPages: P, driveFolders: F } = FIXTURE_IDS;
const bare = (id: string) => id.replace(/-/g, '');

const trialBrief = variant(weeklyBrief, {
  properties: {
    Mode: { select: { name: 'Trial' } },
    'Trial page': { url: L.trialBriefsPage },
    'Trial folder': { url: L.trialBriefsFolder },
    'Human version': { url: L.humanBriefs },
  },
});

const healthOf = (page: Awaited<ReturnType<typeof notion.retrievePage>>) => {
  const health = page.properties.Health;
  return health?.type === 'rich_text' ? health.rich_text.map((t) => t.plain_text).join('') : null;
};

async function driveRequests(): Promise<Logged[]> {
  return ((await driveAdmin('requests', undefined, 'GET')) as { requests: Logged[] }).requests;
}

describe('a Trial workflow', () => {
  it('publishes only under its Trial page and folder, and compares the output with the human version', async () => {
    const { row, runId } = await scheduleWeeklyBrief(trialBrief);
    // The Trial page, Trial folder and Human version were checked like the output destinations.
    expect(healthOf(await notion.retrievePage(row))).toMatch(/^OK/);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    const runPage = await waitForReview(runId);
    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');

    // Nothing reached the live destinations: no page created under the live page, no file uploaded
    // into the live folder — read from what the stand-ins received, not only from what they hold.
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
    const pageCreates = (await notionRequests()).filter((r) => r.method === 'POST' && r.path === '/v1/pages').map((r) => JSON.parse(r.body) as { parent?: { page_id?: string } });
    const parents = pageCreates.map((b) => bare(b.parent?.page_id ?? ''));
    expect(parents).not.toContain(bare(P.competitiveIntelligence));
    expect(parents.filter((p) => p === bare(P.trialBriefs))).toHaveLength(2);
    const uploads = (await driveRequests()).filter((r) => r.method === 'POST' && r.path.startsWith('/upload/drive/v3/files'));
    expect(uploads).toHaveLength(1);
    expect(uploads.some((u) => u.body.includes(F.competitiveIntelligence))).toBe(false);
    expect(uploads[0]!.body).toContain(F.trialBriefs);

    // The trial output and its comparison, under the Trial page; the Doc in the Trial folder.
    const children = await notion.listChildPages(P.trialBriefs);
    expect(children.map((c) => c.title)).toEqual([TITLE, `${TITLE} — compared with the human version`]);
    const output = (await notion.readMarkdown(children[0]!.id)).markdown;
    expect(output).toContain('Pricing moves');
    const docs = await drive.listFolder(F.trialBriefs);
    expect(docs.map((d) => d.name)).toEqual([TITLE]);
    expect(docs[0]).toMatchObject({ appProperties: { batonRunId: runId } });
    await expectNoBatonNotes({ pages: children.slice(0, 1), docs });

    // The comparison: with the newest of the team's briefs, section by section, length, facts.
    const comparison = (await notion.readMarkdown(children[1]!.id)).markdown;
    expect(comparison).toContain('Brief — 30 Nov');
    expect(comparison).not.toContain('Brief — 23 Nov');
    expect(comparison).toMatch(/### Only in the human version \(missing from the trial output\)\n- Customer signals/);
    expect(comparison).toMatch(/### Only in the trial output\n(- .*\n)*- What to watch/);
    expect(comparison).toMatch(/In both: Summary \(3 bullets\) · Pricing moves/);
    expect(comparison).toMatch(/- Trial output: \d+ words/);
    const human = (await notion.readMarkdown(P.humanBrief30Nov)).markdown;
    expect(comparison).toContain(`- Human version: ${wordCount(human)} words`);
    // The draft cites its sources "(source: …)"; the same sentence on both sides is not a difference.
    expect(comparison).toMatch(/^[1-9]\d* sentences? appears? in both/m);
    expect(comparison).not.toContain('- Rival A launched a Teams plan at 39 EUR per seat on 18 November.');
    expect(comparison).toContain('- Finance teams ask for single sign-on in every demo.');
    expect(comparison).toContain(`Run ID: ${runId}`);

    // The reviewer is told where both are; the Run row links the trial output.
    const note = (await commentsOn(runPage)).at(-1)!;
    expect(note).toMatch(/^Trial mode: approved, and published only to the trial destinations, not the live Output page or folder\./);
    expect(note).toContain(`Trial page: `);
    expect(note).toContain(bare(children[0]!.id));
    expect(note).toContain(`Comparison: `);
    expect(note).toContain(bare(children[1]!.id));
    expect(note).toContain('Compared with the human version "Brief — 30 Nov"');
    const [record] = await runRow(runId);
    expect(record!.properties['Output page']).toMatchObject({ url: expect.stringContaining(bare(children[0]!.id)) });
    expect(record!.properties.Output).toMatchObject({ url: expect.stringContaining(docs[0]!.id) });
  });

  it('creates the trial page, its comparison and the Doc once each, though the creates fail with a 5xx after succeeding', async () => {
    const { runId } = await scheduleWeeklyBrief(trialBrief);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    const runPage = await waitForReview(runId);
    await notionAdmin('faults', { method: 'POST', path: '^/v1/pages$', status: 500, afterCommit: true });
    await driveAdmin('faults', { method: 'POST', path: '^/upload/drive/v3/files$', status: 503, afterCommit: true });
    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect((await notion.listChildPages(P.trialBriefs)).map((c) => c.title)).toEqual([TITLE, `${TITLE} — compared with the human version`]);
    expect((await drive.listFolder(F.trialBriefs)).map((d) => d.name)).toEqual([TITLE]);
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
    expect((await commentsOn(runPage)).filter((c) => c.startsWith('Trial mode:'))).toHaveLength(1);
  });

  it('fails in plain words, publishing nothing anywhere, when the Trial folder is gone', async () => {
    const { runId } = await scheduleWeeklyBrief(trialBrief);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    const runPage = await waitForReview(runId);
    await driveAdmin(`files/${F.trialBriefs}`, undefined, 'DELETE');
    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    const reason = `The Trial folder (${L.trialBriefsFolder}) was deleted or is no longer shared with ${WORLD.serviceAccountEmail} — share it with that account as Editor (Content manager in a shared drive), or choose another folder; nothing was published`;
    expect(await instance.getOutput()).toMatchObject({ status: 'Failed', reason });
    expect(statusOf(await notion.retrievePage(runPage))).toBe('Failed');
    expect(await notion.listChildPages(P.trialBriefs)).toEqual([]);
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
  });

  it('warns on Health that a Trial row without a Trial page or folder keeps its output on the Run page', async () => {
    const { row } = await scheduleWeeklyBrief(variant(weeklyBrief, { properties: { Mode: { select: { name: 'Trial' } } } }));
    expect(healthOf(await notion.retrievePage(row))).toContain('there is no Trial page or Trial folder, so trial output will only stay on the Run page');
  });

  it('refuses a Trial page outside the pages Baton may use, on Health', async () => {
    const outside = `https://www.notion.so/${WORLD.privatePage.replace(/-/g, '')}`;
    const { row } = await scheduleWeeklyBrief(variant(trialBrief, { properties: { 'Trial page': { url: outside } } }));
    expect(healthOf(await notion.retrievePage(row))).toContain(`Trial page ${outside} can't be opened`);
  });

  it('keeps an unreviewed trial’s text on its Run page when it has nowhere else to go', async () => {
    const { runId } = await scheduleWeeklyBrief(variant(weeklyBrief, {
      properties: { Mode: { select: { name: 'Trial' } }, Reviewer: null },
      markdown: weeklyBrief.markdown.replace('4. Send it to Maya for review.\n', ''),
    }));
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await instance.waitForStatus('complete');
    const [record] = await runRow(runId);
    expect(statusOf(record!)).toBe('Published');
    expect((await notion.readMarkdown(record!.id)).markdown).toContain('Pricing moves');
    expect((await commentsOn(record!.id)).at(-1)).toMatch(/^Trial mode: nothing was published — the text stays on this page/);
    expect(await publishedOutputs()).toEqual({ pages: [], docs: [] });
  });
});
