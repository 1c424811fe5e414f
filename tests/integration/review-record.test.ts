// Issue 11 in workerd, the review record: the previous output by the names people give it (and a
// first run that says there is nothing to compare), revision rounds a reviewer can follow, no
// Baton note in anything published, the final text on the Run page of a run without review, and
// the provenance block on every published page and Doc. And a non-reviewer's approval whose
// setting back fails: Notion retries the delivery (the route answered 500), and the retry must set
// it back — not answer 200 "already_delivered" because the failed attempt left its revert lease
// behind. Found by the fault soak: a 529 on the revert's PATCH left Alex's approval standing on
// the row (Needs review in D1) for the lease's minute, through the retried delivery and every
// reconcile in between.
import { introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env';
import { applyReviewChange } from '../../src/review/decide';
import { servicesFor } from '../../src/services';
import { runIdFor } from '../../src/triggers/run-id';
import { WORLD } from '../support/world';
import { text, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { deliverWebhooks, modelRequests, notionAdmin, postWebhook, replaceMarkdownAsPerson, takeWebhooks, tick, updateAsPerson } from './harness';
import { commentsOn, drive, MAYA, notion, publishedOutputs, runRow, scheduleWeeklyBrief, statusOf, store, waitForReview } from './run-helpers';

const FIRST_RUN = 'Previous output: none — this is the first run, so there is nothing to compare';
const NEXT_MONDAY_9_PARIS = '2026-12-07T08:00:00.000Z';

/** The weekly brief with its Context line for the last brief written another way. */
function briefCalling(previous: string, change: (markdown: string) => string = (m) => m): FixtureRow {
  return { ...weeklyBrief, markdown: change(weeklyBrief.markdown.replace("- Last week's brief", `- ${previous}`)) };
}

describe('the previous output, by the names people give it', () => {
  it('"Last month\'s update" on a first run: the draft says there is nothing to compare; the next run reads what run 1 published', async () => {
    const { row, runId } = await scheduleWeeklyBrief(briefCalling("Last month's update"));
    const health = (await notion.retrievePage(row)).properties.Health;
    expect(health?.type === 'rich_text' && health.rich_text.map((t) => t.plain_text).join('')).not.toMatch(/Last month's update/);
    {
      await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
      await tick('2026-11-30T08:00:00.000Z');
      const page = await waitForReview(runId);
      expect((await modelRequests()).map((r) => r.body).join('\n')).toContain(FIRST_RUN);
      expect((await notion.readMarkdown(page)).markdown).toContain(FIRST_RUN);
      await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
      await deliverWebhooks();
      await instance.waitForStatus('complete');
    }
    const [published] = (await publishedOutputs()).pages;
    const run1 = (await notion.readMarkdown(published!.id)).markdown;
    expect(run1).toMatch(/Last month's update \(none yet: first run\)/);

    const asked = (await modelRequests()).length;
    const next = await runIdFor(row, 'schedule', NEXT_MONDAY_9_PARIS);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, next);
    await tick(NEXT_MONDAY_9_PARIS);
    await waitForReview(next);
    // Run 2 is shown what run 1 published, under the line's own name, and no "first run" source.
    const prompts = (await modelRequests()).slice(asked).map((r) => r.body).join('\n');
    expect(prompts).toMatch(/<source name=\\?"Last month's update \(2026-11-30 — Weekly competitive brief\)\\?"/);
    expect(prompts).not.toMatch(/<source name=\\?"Last month's update \(none yet/);
  });

  it('an unresolvable Context line is a Health warning that names it', async () => {
    const { row } = await scheduleWeeklyBrief(briefCalling("Last week's brief", (m) => m.replace('## Output template', '- What the sales team heard\n## Output template')));
    const health = (await notion.retrievePage(row)).properties.Health;
    const said = health?.type === 'rich_text' ? health.rich_text.map((t) => t.plain_text).join('') : '';
    expect(said).toContain("Context line 'What the sales team heard' has no link");
  });
});

describe('revision rounds a reviewer can follow', () => {
  it('says what each revision changed, keeps the model\'s notes out, and the provenance says who reviewed, in how many rounds, and what changed', async () => {
    const { runId } = await scheduleWeeklyBrief();
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    const page = await waitForReview(runId);
    const draft1 = (await notion.readMarkdown(page)).markdown;

    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Changes requested' } }, Feedback: { rich_text: text('Too long; lead with pricing') } });
    await deliverWebhooks();
    await waitForReview(runId, 2);
    const draft2 = (await notion.readMarkdown(page)).markdown;
    expect(draft2).not.toContain('Revised per feedback');
    expect((await modelRequests()).map((r) => r.body).join('\n')).toContain('Too long; lead with pricing');
    const announced = (await commentsOn(page)).at(-1)!;
    expect(announced).toMatch(new RegExp(`^@${MAYA} — revision 2 is ready for your review\\. Since the last round: “Pricing moves” moved; \\d+ lines removed\\. Edit it in place`));
    expect(draft2).not.toBe(draft1);

    // Maya removes a sentence, then approves.
    const removed = draft2.split('\n').find((l) => /^\s*-\s+\S/.test(l) && !/Pricing/.test(l))!;
    await replaceMarkdownAsPerson(MAYA, page, draft2.replace(`${removed}\n`, ''));
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');

    const { pages, docs } = await publishedOutputs(); // also checks: no Baton note in either
    for (const published of [(await notion.readMarkdown(pages[0]!.id)).markdown, (await drive.readText(docs[0]!)) ?? '']) {
      expect(published).toContain('Reviewed by Maya Okafor in 2 rounds, approved');
      expect(published).toMatch(/Changed in review \(Baton's first draft → the approved text\): “Pricing moves” moved; \d+ lines removed/);
      expect(published).toMatch(/Model: .+, [\d,]+ tokens/);
      expect(published).toMatch(/Plan: v[0-9a-f]{8} · 1 /);
      expect(published).toContain('Lessons used: none');
      // Each drafting step's prompt, as the model counted it (src/engine/step-tokens.ts).
      expect(published).toMatch(/Prompt tokens by step \(sources budget 24,000 each\): step 1: [\d,]+ · step 2: [\d,]+ · step 3: [\d,]+/);
      // Each source with the version read: a Doc's modifiedTime, a Notion page's last edit.
      expect(published).toMatch(/\[Rival A press release\]\([^)]+\) \(version of 2026-11-27T10:00:00\.000Z\)/);
      expect(published).toMatch(/\[Our positioning\]\([^)]+\) \(version of \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
      expect(published).toContain('Trigger: schedule');
    }
  });
});

describe('a run with no review gate', () => {
  it('publishes, and leaves what it published on its Run page, provenance included', async () => {
    const unreviewed: FixtureRow = {
      ...weeklyBrief,
      properties: { ...weeklyBrief.properties, Reviewer: { people: [] } },
      markdown: weeklyBrief.markdown.replace('4. Send it to Maya for review.\n', ''),
    };
    const { runId } = await scheduleWeeklyBrief(unreviewed);
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    await instance.waitForStatus('complete');
    const [run] = await runRow(runId);
    expect(statusOf(run!)).toBe('Published');
    const { pages } = await publishedOutputs();
    const published = (await notion.readMarkdown(pages[0]!.id)).markdown;
    expect(published).toContain('Review: none — published without a reviewer');
    const record = (await notion.readMarkdown(run!.id)).markdown;
    expect(record).toContain('Pricing moves');
    expect(record).toContain(`Run ID: ${runId}`);
  });
});

describe('setting back an approval by someone else', () => {
  let runId: string;
  beforeEach(async () => {
    ({ runId } = await scheduleWeeklyBrief());
  });

  it('is done by the retried delivery when the first attempt’s write failed', async () => {
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [row] = await runRow(runId);
    const page = row!.id;

    await takeWebhooks(); // Baton's own edits so far
    await updateAsPerson(WORLD.alex, page, { Status: { select: { name: 'Approved' } } });
    const [delivery, ...others] = await takeWebhooks();
    expect(others).toEqual([]);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'page.properties_updated', authors: [{ id: WORLD.alex, type: 'person' }] });

    // Notion answers the revert's PATCH 529 before applying it: Baton does not resend a write.
    await notionAdmin('faults', { method: 'PATCH', path: `^/v1/pages/${page}$`, status: 529, retryAfter: 0, count: 1 });
    const first = await postWebhook(delivery!);
    expect(first.status).toBe(500);
    expect(statusOf(await notion.retrievePage(page))).toBe('Approved');

    // Notion's retry of the same event (attempt_number aside, the same body).
    const retry = await postWebhook(delivery!);
    expect(retry).toEqual({ status: 200, body: { ok: true, outcome: 'reverted' } });
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    expect((await commentsOn(page)).at(-1)).toBe(
      `Status was changed to Approved by @${WORLD.alex}, but only @${MAYA} may approve or request changes on this run, so Baton set it back to Needs review.`,
    );
    expect((await store.getRun(runId))?.status).toBe('Needs review');
  });

  it('says why when the failed write was applied, and is not done again from an older read once Maya has approved', async () => {
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [row] = await runRow(runId);
    const page = row!.id;

    await takeWebhooks();
    await updateAsPerson(WORLD.alex, page, { Status: { select: { name: 'Approved' } } });
    const [delivery] = await takeWebhooks();
    // What a reconcile's query read before Baton's write: Alex's approval.
    const older = await notion.retrievePage(page);

    // The revert's PATCH is applied, then answered 529: the re-read shows Baton's write, so Alex is told why.
    await notionAdmin('faults', { method: 'PATCH', path: `^/v1/pages/${page}$`, status: 529, retryAfter: 0, count: 1, afterCommit: true });
    expect(await postWebhook(delivery!)).toEqual({ status: 200, body: { ok: true, outcome: 'reverted' } });
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    expect((await commentsOn(page)).at(-1)).toMatch(new RegExp(`^Status was changed to Approved by @${WORLD.alex}, but only @${MAYA} may approve`));
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });

    // The older read must not set Maya's approval back: the lease of the applied write still holds.
    const outcome = await applyReviewChange(servicesFor(loadConfig(env), 'background'), older, { kind: 'page' }, new Date());
    expect(outcome).toEqual({ kind: 'already_delivered' });
    expect(statusOf(await notion.retrievePage(page))).toBe('Approved');
  });
});
