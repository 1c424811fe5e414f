// Issue 11 in workerd: what Maya corrects in the weekly brief becomes lessons on the workflow page,
// the next run's prompt carries them, a lesson a person deletes is gone from the run after, and
// with Learning = Ask first a lesson waits until a person ticks it.
import { introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/triggers/run-id';
import { text, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { createWebhookStore } from '../../src/adapters/webhook-store';
import { deliverWebhooks, modelRequests, notionAdmin, notionRequests, postWebhooks, replaceMarkdownAsPerson, takeWebhooks, tick, updateAsPerson } from './harness';
import { MAYA, notion, publishedOutputs, runRow, scheduleWeeklyBrief, store, waitForReview, waitForStatus } from './run-helpers';

const FEEDBACK = 'Lead with the pricing moves. This is too long.';
const NEXT_MONDAYS = ['2026-12-07T08:00:00.000Z', '2026-12-14T08:00:00.000Z'];

/** The text of every <lessons> block the model was sent since `from` requests. */
async function lessonsSent(from: number): Promise<string> {
  const chats = (await modelRequests()).slice(from).filter((r) => r.path === '/v1/chat/completions');
  const prompts = chats.map((r) => (JSON.parse(r.body) as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n'));
  return prompts.flatMap((p) => [...p.matchAll(/<lessons>\n([\s\S]*?)\n<\/lessons>/g)].map((m) => m[1])).join('\n');
}

/** Run 1: one "changes requested" round, then Maya moves a section to the top, cuts a sentence and approves. */
async function reviewRunOne(row: FixtureRow): Promise<{ workflow: string; runPage: string }> {
  const { row: workflow, runId } = await scheduleWeeklyBrief(row);
  await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
  await tick('2026-11-30T08:00:00.000Z');
  const runPage = await waitForReview(runId);
  await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Changes requested' } }, Feedback: { rich_text: text(FEEDBACK) } });
  await deliverWebhooks();
  await waitForReview(runId, 2);
  const draft = (await notion.readMarkdown(runPage)).markdown;
  const sections = draft.split(/(?=^### )/m);
  const watch = sections.find((s) => s.startsWith('### What to watch')) ?? '';
  const edited = [watch, ...sections.filter((s) => s !== watch)].join('').replace(/^- .*Rival B deprecated its free tier.*$/m, '');
  await replaceMarkdownAsPerson(MAYA, runPage, edited);
  await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
  await deliverWebhooks();
  await instance.waitForStatus('complete');
  return { workflow, runPage };
}

/** Starts the run of a later Monday and waits until it drafted; returns the lessons its prompts carried. */
async function nextRun(workflow: string, slot: string): Promise<string> {
  const from = (await modelRequests()).length;
  await tick(slot);
  await waitForReview(await runIdFor(workflow, 'schedule', slot));
  return lessonsSent(from);
}

const lessonLines = (markdown: string) => (markdown.split(/^## Lessons$/m)[1] ?? '').split('\n').filter((l) => /^- /.test(l));

describe('lessons from reviews', () => {
  it('writes dated lessons linked to run 1, uses them in run 2, and drops the one a person deleted from run 3', async () => {
    const { workflow, runPage } = await reviewRunOne(weeklyBrief);
    const page = (await notion.readMarkdown(workflow)).markdown;
    const lines = lessonLines(page);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(3);
    const link = `https://www.notion.so/${runPage.replace(/-/g, '')}`;
    for (const line of lines) expect(line).toMatch(new RegExp(`^- [^\\[].+ \\(learned \\d{4}-\\d{2}-\\d{2} from \\[2026-11-30 — Weekly competitive brief\\]\\(${link}\\)\\)$`));
    const lesson = /^- (.+?) \(learned/.exec(lines[0]!)![1]!;
    // The stand-in model distils the first thing said; a real model writes its own words.
    expect(lesson).toMatch(/^Lead with the pricing moves\.?$/);

    expect(await nextRun(workflow, NEXT_MONDAYS[0]!)).toContain(`- ${lesson}`);
    // Run 2 is approved as drafted: its provenance lists the lesson it used, and it teaches nothing new.
    const run2 = await runIdFor(workflow, 'schedule', NEXT_MONDAYS[0]!);
    {
      await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, run2);
      const [row] = await runRow(run2);
      await updateAsPerson(MAYA, row!.id, { Status: { select: { name: 'Approved' } } });
      await deliverWebhooks();
      await instance.waitForStatus('complete');
    }
    const { pages } = await publishedOutputs('2026-12-07 — Weekly competitive brief');
    const published = (await notion.readMarkdown(pages[0]!.id)).markdown;
    expect(published).toMatch(/- Lessons used:\n\t- Lead with the pricing moves/);
    expect(lessonLines((await notion.readMarkdown(workflow)).markdown)).toEqual(lines);

    // A person deletes the lesson on the page: the next run no longer carries it.
    const now = (await notion.readMarkdown(workflow)).markdown;
    await replaceMarkdownAsPerson(MAYA, workflow, now.split('\n').filter((l) => l !== lines[0]).join('\n'));
    expect(await nextRun(workflow, NEXT_MONDAYS[1]!)).not.toContain(lesson);
  });

  it('with Learning = Ask first, proposes lessons as to-dos that no run uses until a person ticks one', async () => {
    const askFirst = variant(weeklyBrief, { properties: { Learning: { select: { name: 'Ask first' } } } });
    const { workflow } = await reviewRunOne(askFirst);
    const proposed = lessonLines((await notion.readMarkdown(workflow)).markdown);
    expect(proposed.length).toBeGreaterThan(0);
    for (const line of proposed) expect(line).toMatch(/^- \[ \] .+ \(proposed \d{4}-\d{2}-\d{2} from \[.+\]\(https:\/\/www\.notion\.so\/\w+\)\)$/);
    const lesson = /^- \[ \] (.+?) \(proposed/.exec(proposed[0]!)![1]!;

    expect(await nextRun(workflow, NEXT_MONDAYS[0]!)).toBe('');

    const now = (await notion.readMarkdown(workflow)).markdown;
    await replaceMarkdownAsPerson(MAYA, workflow, now.replace(proposed[0]!, proposed[0]!.replace('- [ ]', '- [x]')));
    expect(await nextRun(workflow, NEXT_MONDAYS[1]!)).toContain(`- ${lesson}`);
  });

  it('merges the lessons when they grow past the budget, and leaves the rest of the page as it was', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `- Lesson ${i + 1}: keep section ${i + 1} short.`);
    const crowded = variant(weeklyBrief, { markdown: `${weeklyBrief.markdown}\n## Lessons\n${many.join('\n')}` });
    const { workflow } = await reviewRunOne(crowded);
    const page = (await notion.readMarkdown(workflow)).markdown;
    const lines = lessonLines(page);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(8);
    for (const line of lines) expect(line).toMatch(/ \(learned \d{4}-\d{2}-\d{2} from \[.+\]\(https:\/\/www\.notion\.so\/\w+\)\)$/);
    expect(page.split('## Lessons')[0]).toBe(crowded.markdown.split('## Lessons')[0]);
  });
});

const COMMENT = 'Always open with the three biggest pricing moves.';
// The stand-in model distils the first thing said, as an instruction without its full stop.
const COMMENT_LESSON = 'Always open with the three biggest pricing moves';
const learnedText = (line: string) => /^- (.+?) \(learned/.exec(line)?.[1];
const commentAsMaya = (page: string) => notionAdmin(`people/${MAYA}/comments`, { parent: { page_id: page }, rich_text: text(COMMENT) });
const approve = (page: string) => updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
/** The requests listing the Run page's comments (GET /v1/comments?block_id=) since `from` requests. */
const commentLists = async (page: string, from: number) => (await notionRequests()).slice(from).filter((r) => r.method === 'GET' && r.path === '/v1/comments' && r.query.block_id === page);

/** The brief in review with its webhooks healthy: Baton's own echoes (its announcement's comment.created among them) handled. */
async function inReview(): Promise<{ workflow: string; runId: string; runPage: string; echoes: unknown[] }> {
  const { row: workflow, runId } = await scheduleWeeklyBrief();
  await tick('2026-11-30T08:00:00.000Z');
  const runPage = await waitForReview(runId);
  return { workflow, runId, runPage, echoes: await deliverWebhooks() };
}

describe('lessons from comments on the Run page', () => {
  it("with healthy webhooks and only Baton's comment on the page, learns without listing the page's comments", async () => {
    const { runId, runPage, echoes } = await inReview();
    expect(echoes).toContainEqual({ ok: true, ignored: 'own comment' });
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    const from = (await notionRequests()).length;
    await approve(runPage);
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect(await store.getArtifact(runId, 'lessons-learned')).toBe('[]');
    expect(await commentLists(runPage, from)).toEqual([]);
  });

  it('learns from a comment Maya wrote just before approving, whose event arrives after the approval', async () => {
    const { workflow, runId, runPage } = await inReview();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await commentAsMaya(runPage);
    const late = await takeWebhooks();
    const from = (await notionRequests()).length;
    await approve(runPage);
    await deliverWebhooks();
    // Published, and the run waits for comment events (LEARN_AFTER_SECONDS) before it learns.
    await waitForStatus(runId, 'Published');
    expect(await postWebhooks(late)).toContainEqual({ ok: true, outcome: 'person_commented' });
    await instance.waitForStatus('complete');
    expect(await commentLists(runPage, from)).toHaveLength(1);
    expect(lessonLines((await notion.readMarkdown(workflow)).markdown).map(learnedText)).toEqual([COMMENT_LESSON]);
  });

  it('without healthy webhooks, lists the comments and learns from one whose event never came', async () => {
    const { workflow, runId, runPage } = await inReview();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    // A delivery failed while the run was in review: the event it carried may have been a comment.
    await createWebhookStore(env.DB).recordDelivery('failed', new Date());
    await notionAdmin('webhooks/knobs', { drop: 1 }, 'PATCH');
    await commentAsMaya(runPage);
    await notionAdmin('webhooks/knobs', { drop: 0 }, 'PATCH');
    await approve(runPage);
    await deliverWebhooks();
    await instance.waitForStatus('complete');
    expect(await store.getArtifact(runId, 'person-commented')).toBeNull();
    expect(lessonLines((await notion.readMarkdown(workflow)).markdown).map(learnedText)).toEqual([COMMENT_LESSON]);
  });
});
