// Issue 10 in workerd: a plan runs as a graph — independent steps at the same time, each step
// with only what it needs, every output checked before anything after it starts, a set of
// assets published from one review, and a plan with two reviews waiting for both.
import { introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/triggers/run-id';
import { FIXTURE_IDS, repurposeArticles, type FixtureRow } from '../fixtures/example-rows';
import { HIRING_URLS, hiringPipeline, teamRow } from '../support/hiring-rows';
import { WORLD } from '../support/world';
import { createRow, deliverDrivePushes, deliverWebhooks, driveAdmin, type Logged, modelAdmin, modelRequests, replaceMarkdownAsPerson, resetWorld, setNotionClock, tick, updateAsPerson, waitFor } from './harness';
import { client, commentsOn, drive, expectNoBatonNotes, MAYA, MONDAY_9_PARIS, notion, runRow, statusOf, store, waitForReview, waitForStatus } from './run-helpers';
import { activate, waitForRuns } from './trigger-helpers';

const { users: U, notionPages: P, driveFolders: F } = FIXTURE_IDS;
const SAM = U.sam;
const hex = (id: string) => id.replace(/-/g, '');
const HIRING = hiringPipeline();

/** Synced before Monday 9:00 Paris, then started by the 9:00 tick; returns the run id. */
async function startMonday(row: FixtureRow, as: string): Promise<{ row: string; runId: string }> {
  await resetWorld();
  await setNotionClock('2026-11-30T07:50:00.000Z');
  const page = await createRow(row, as);
  await tick('2026-11-30T07:59:00.000Z');
  const runId = await runIdFor(page, 'schedule', MONDAY_9_PARIS);
  return { row: page, runId };
}

/** A chat request with its messages' text as `prompt`. */
type Chat = Logged & { prompt: string };
const chats = async (): Promise<Chat[]> =>
  (await modelRequests())
    .filter((r) => r.path === '/v1/chat/completions')
    .map((r) => ({ ...r, prompt: (JSON.parse(r.body) as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n\n') }));
/** The model requests of the step whose task holds `task`, in order. */
const stepRequests = async (task: string) => (await chats()).filter((r) => (/<task>\n([\s\S]*?)\n<\/task>/.exec(r.prompt)?.[1] ?? '').includes(task));
const healthOf = async (pageId: string) => {
  const p = (await notion.retrievePage(pageId)).properties.Health;
  return p?.type === 'rich_text' ? p.rich_text.map((t) => t.plain_text).join('') : '';
};
// Every listing of what was published also checks it holds no Baton note.
const hiringPages = async () => {
  const pages = await notion.listChildPages(WORLD.hiringPage);
  await expectNoBatonNotes({ pages });
  return pages;
};

describe('the hiring pipeline', () => {
  it('drafts both summaries at the same time, each from its own source only, and the report after both', async () => {
    const { runId } = await startMonday(HIRING, SAM);
    // Each of the first two model answers takes 1.5 s: run one after another they could not overlap.
    await modelAdmin('faults', { kind: 'hang', hangMs: 1500, times: 2 });
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick(MONDAY_9_PARIS);
    const runPage = await waitForReview(runId);

    const [applicants] = await stepRequests('Summarise new applicants');
    const [notes] = await stepRequests('Summarise interview notes');
    const [report] = await stepRequests('draft the pipeline report');
    expect(applicants && notes && report).toBeTruthy();
    const span = (r: Logged) => [Date.parse(r.startedAt), Date.parse(r.at)] as const;
    const [a0, a1] = span(applicants!);
    const [n0, n1] = span(notes!);
    // Both open at once; the report only once both answered.
    expect(a0).toBeLessThan(n1);
    expect(n0).toBeLessThan(a1);
    expect(Date.parse(report!.startedAt)).toBeGreaterThanOrEqual(Math.max(a1, n1));

    // Step 2 saw the interview notes and nothing of step 1; step 1 saw the applications only.
    expect(notes!.prompt).toContain('Nadia Perez impressed the panel');
    expect(notes!.prompt).not.toContain('Five years of SQL');
    expect(notes!.prompt).not.toContain('<previous_step');
    expect(applicants!.prompt).toContain('Five years of SQL');
    expect(applicants!.prompt).not.toContain('impressed the panel');
    // The report got both summaries.
    expect(report!.prompt).toContain('<previous_step name="Step 1: Summarise new applicants">');
    expect(report!.prompt).toContain('<previous_step name="Step 2: Summarise interview notes">');

    const [row] = await runRow(runId);
    expect(row!.properties.Plan).toMatchObject({ rich_text: [{ plain_text: expect.stringMatching(/^v\w{8} · 1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review \(Sam Rivera\) → publish$/) }] });
    await updateAsPerson(SAM, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect((await hiringPages()).map((p) => p.title)).toEqual(['2026-11-30 — Weekly hiring pipeline']);
  });
});

describe('the plan a run follows', () => {
  it('is on the Run row, and a Runs database set up before that still starts the run, without it', async () => {
    const { runId } = await startMonday(HIRING, SAM);
    await client.dataSources.update({ data_source_id: WORLD.runsDataSource, properties: { Plan: null } });
    await tick(MONDAY_9_PARIS);
    const [row] = await waitFor('the Run row', async () => ((await runRow(runId)).length > 0 ? runRow(runId) : null));
    expect(row!.properties.Plan).toBeUndefined();
    await waitForReview(runId);
  });
});

describe('each output is checked before anything after it starts', () => {
  const TWEET = teamRow(
    'Hiring post',
    ['1. Summarise interview notes (Notion page Interview notes).', '2. Write a LinkedIn post about the week (under 300 characters).', '3. Sam reviews it.'],
    SAM,
    { context: [`- Notion: Interview notes (${HIRING_URLS.interviewNotes})`] },
  );
  const tooLong = `Big week. ${'We met great candidates and learned a lot about what the team needs next. '.repeat(6)}`.trim();

  it('sends a post over its limit back with the violation, and reviews the one that keeps it', async () => {
    const { runId } = await startMonday(TWEET, SAM);
    await modelAdmin('script', { lastUser: 'Write a LinkedIn post about the week', reply: { content: tooLong }, times: 1 });
    await tick(MONDAY_9_PARIS);
    const runPage = await waitForReview(runId);
    const tries = await stepRequests('Write a LinkedIn post about the week');
    expect(tries).toHaveLength(2);
    expect(tries[1]!.prompt).toContain(`under 300 characters: it has ${tooLong.length} characters`);
    const draft = (await notion.readMarkdown(runPage)).markdown;
    expect(draft.trim().length).toBeLessThanOrEqual(300);
  });

  it('fails the run when every answer breaks the limit, saying which step, which rule and what came back', async () => {
    const { row, runId } = await startMonday(TWEET, SAM);
    await modelAdmin('script', { lastUser: 'Write a LinkedIn post about the week', reply: { content: tooLong } });
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick(MONDAY_9_PARIS);
    await instance.waitForStatus('complete');
    expect(await stepRequests('Write a LinkedIn post about the week')).toHaveLength(3);
    const run = await store.getRun(runId);
    expect(run?.status).toBe('Failed');
    const [runPage] = await runRow(runId);
    expect(statusOf(runPage!)).toBe('Failed');
    const said = new RegExp(`Step 2 \\(Write a LinkedIn post about the week\\) broke "under 300 characters" \\(it has ${tooLong.length} characters\\) in all 3 answers.*the last one began: "Big week\\.`);
    expect((await commentsOn(runPage!.id)).join('\n')).toMatch(said);
    expect(await healthOf(row)).toMatch(said);
    // Nothing after the failing step started: no review, nothing published.
    expect(await hiringPages()).toEqual([]);
  });
});

describe('the repurposing pipeline publishes a set', () => {
  it('writes the three assets side by side, shows them to Lena as one set, and publishes one page and three Docs once', async () => {
    await resetWorld();
    const row = await activate(
      { ...repurposeArticles, properties: { ...repurposeArticles.properties, 'Output folder': { url: `https://drive.google.com/drive/folders/${WORLD.contentLibraryFolder}` } } },
      U.lena,
    );
    await deliverDrivePushes();
    await driveAdmin('files', {
      name: 'Seats beat usage.md',
      parentId: F.publishedArticles,
      mimeType: 'text/markdown',
      text: '# Seats beat usage\nPredictable bills win finance teams.\nUsage pricing scares buyers who plan budgets a year ahead.\nSeat pricing is easy to forecast.\nOur customers renew more often on seats.',
    });
    await deliverDrivePushes();
    const [run] = await waitForRuns(row, 1);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, run!.run_id);
    const runPage = await waitForReview(run!.run_id);

    const draft = (await notion.readMarkdown(runPage)).markdown;
    expect(draft.match(/^## .+$/gm)).toEqual(['## LinkedIn post', '## Newsletter section', '## Talk-track outline']);
    // The outline is a list: asked for as Structured Outputs; the prose assets as text.
    const format = async (task: string) => (JSON.parse((await stepRequests(task))[0]!.body) as { response_format?: { type: string } }).response_format?.type ?? 'text';
    expect(await format('Write a talk-track outline')).toBe('json_schema');
    expect(await format('Write the LinkedIn post')).toBe('text');
    expect(await commentsOn(runPage)).toEqual([expect.stringMatching(new RegExp(`^@${U.lena} — the draft is ready for your review`))]);
    await updateAsPerson(U.lena, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    await tick(new Date().toISOString());

    const pages = await notion.listChildPages(P.contentLibrary);
    expect(pages).toHaveLength(1);
    await expectNoBatonNotes({ pages, docs: await drive.listFolder(WORLD.contentLibraryFolder) });
    const published = (await notion.readMarkdown(pages[0]!.id)).markdown;
    const section = (name: string) => (published.split(/^## /m).find((s) => s.startsWith(name)) ?? '').split(/^---+$/m)[0]!;
    expect(section('LinkedIn post').length).toBeLessThanOrEqual(1300 + 20);
    expect(section('Talk-track outline').match(/^\s*(?:[-*+]|\d+[.)])\s/gm)).toHaveLength(5);
    expect(section('Newsletter section').match(/\]\(https?:\/\/[^)]+\)/g)).toHaveLength(1);

    const docs = (await drive.listFolder(WORLD.contentLibraryFolder)).map((d) => d.name).sort();
    expect(docs).toEqual(['LinkedIn post', 'Newsletter section', 'Talk-track outline'].map((label) => `${pages[0]!.title} — ${label}`));
  });
});

describe('a plan with two reviews', () => {
  const CONTRACT = teamRow(
    'Contract summary',
    ['1. Draft the contract summary.', '2. Alex checks step 1.', '3. After step 2, draft the client email from the summary.', '4. Maya reviews it.'],
    MAYA,
    { context: [`- Notion: Our positioning (https://www.notion.so/acme/Our-positioning-${hex(P.ourPositioning)})`] },
  );

  it('waits for Alex on the summary, drafts the email from what he approved, waits for Maya, and publishes only then', async () => {
    const { runId } = await startMonday(CONTRACT, MAYA);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick(MONDAY_9_PARIS);
    const runPage = await waitForReview(runId, 1);
    let row = await notion.retrievePage(runPage);
    expect(row.properties.Reviewer).toMatchObject({ people: [{ id: WORLD.alex }] });
    expect((await commentsOn(runPage))[0]).toMatch(new RegExp(`^@${WORLD.alex} — Alex checks step 1 \\(review 1 of 2\\): the draft is ready`));
    expect(await stepRequests('draft the client email')).toEqual([]);

    // Maya cannot approve Alex's review.
    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    expect((await store.getRun(runId))?.status).toBe('Needs review');

    const summary = (await notion.readMarkdown(runPage)).markdown;
    await replaceMarkdownAsPerson(WORLD.alex, runPage, `${summary}\n\nAlex: clause 4 is fine as written.`);
    await updateAsPerson(WORLD.alex, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();

    await waitForReview(runId, 2);
    row = await notion.retrievePage(runPage);
    expect(row.properties.Reviewer).toMatchObject({ people: [{ id: MAYA }] });
    const [email] = await stepRequests('draft the client email');
    expect(email!.prompt).toContain('Alex: clause 4 is fine as written.');
    const page = (await notion.readMarkdown(runPage)).markdown;
    expect(page).toMatch(/## Reviewed earlier in this run[\s\S]*Alex checks step 1 — approved by Alex Kim[\s\S]*clause 4 is fine as written/);
    expect(await hiringPages()).toEqual([]);

    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    const pages = await hiringPages();
    expect(pages).toHaveLength(1);
    const published = (await notion.readMarkdown(pages[0]!.id)).markdown;
    expect(published).not.toContain('Reviewed earlier in this run');
    expect(published).toContain('Reviewed by Alex Kim, Maya Okafor');
    await waitForStatus(runId, 'Published');
  });
});

