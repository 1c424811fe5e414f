// A newcomer's first ten minutes, in a real Chromium, against the whole offline stack (the three
// stand-ins, `wrangler dev`, the workspace page): open the workspace, see the four example
// workflows checked by Baton, tick Run now on the weekly brief as Maya, watch the run reach
// review on the Worker's dashboard, edit the draft and approve it, open the published page and
// find the edit in it; then close a deal as its owner and see the kickoff brief start.
// Baton's cron does not tick by itself under `wrangler dev`, so the test ticks it, as `npm start`
// does each minute, or presses the page's Sync now, as a person would.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../demo/demo-stack';
import { startWorkspace } from '../demo/workspace';
import { REFRESH_SECONDS } from '../demo/workspace/layout';
import { freePort, freeStackPorts } from '../support/ports';
import { eventually, launchChromium, screenshot, waitUntil } from './browser-kit';

const DOCS = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
/** `npm run screenshots`: the README's two screenshots are taken from the real pages by this test. */
const UPDATE_README = process.env.UPDATE_SCREENSHOTS === '1';
const forReadme = (shot: string, name: string) => UPDATE_README && copyFileSync(shot, join(DOCS, name));
const EDIT = 'Maya’s note: call the two customers who asked about SSO pricing before Friday.';

let dir: string | undefined;
let stack: DemoStack | undefined;
let workspace: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-browser-'));
  // Exactly what `npm start` runs: the stand-ins as processes, seeded with the demo's four workflows.
  const ports = { workspace: await freePort(), ...(await freeStackPorts()) };
  stack = await startDemoStack({ dir, ports });
  await stack.worker.start();
  const { notion, drive } = stack.standIns;
  workspace = await startWorkspace({ port: ports.workspace, notionUrl: notion.url, driveUrl: drive.url, workerUrl: stack.worker.url });
  browser = await launchChromium();
  if (UPDATE_README) mkdirSync(DOCS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await workspace?.close().catch(() => undefined);
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ws = (path: string) => `${workspace!.url}${path}`;
const tick = () => stack!.worker.tick();

async function actAs(name: string): Promise<void> {
  await page.getByLabel('You are').selectOption({ label: name });
  await submit(page.getByRole('button', { name: 'Switch' }));
  await eventually(async () => expect(await page.getByLabel('You are').locator('option:checked').innerText()).toBe(name));
}

/** Presses a form's button and waits for the page it leads to; returns the notice it shows, or fails with its error. */
async function submit(button: Locator): Promise<string> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
  const error = page.locator('.error[role=alert]');
  if (await error.count()) throw new Error(`The page said: ${await error.innerText()}`);
  return page.locator('.notice[role=status]').innerText();
}

const workflowRow = (name: string) => page.locator(`#workflows tr[data-name="${name}"]`);
const dashboardRun = (workflow: string) => page.locator('#runs + table tr[data-run]', { hasText: workflow }).first();

describe('a newcomer in the offline workspace, in a browser', () => {
  it('runs the weekly brief now, watches it reach review, edits and approves it as Maya, and reads the published page', async () => {
    await page.goto(ws('/'));
    await actAs('Maya Okafor');

    // Baton has not read the rows yet; Sync now runs its minute tick once.
    expect(await submit(page.locator('#sync-now'))).toContain('scheduled handler');
    const healths = await waitUntil(
      'four workflows with Health OK',
      async () => {
        const cells = await page.locator('#workflows tbody td.health').allInnerTexts();
        return cells.length === 4 && cells.every((c) => c.startsWith('OK')) ? cells : undefined;
      },
      { between: async () => void (await page.goto(ws('/'))), describe: async () => (await page.locator('#workflows tbody td.health').allInnerTexts()).join(' | ') },
    );
    expect(healths).toHaveLength(4);
    expect(await page.locator('#workflows tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual([
      'Weekly competitive brief',
      'Client kickoff brief',
      'Repurpose new articles',
      'Sprint feedback synthesis',
    ]);
    await page.goto(ws('/'));
    forReadme(await screenshot(page, 'workspace-home'), 'workspace.png');

    // Maya ticks Run now; Baton notices at its next tick and starts a run.
    expect(await submit(workflowRow('Weekly competitive brief').getByRole('button', { name: 'Tick Run now' }))).toBe('Maya Okafor changed Run now.');

    // Run now is ticked, so Baton has the next move: the page refreshes itself (dropping the
    // notice), but never while someone is typing into it.
    await page.waitForEvent('load', { timeout: (REFRESH_SECONDS + 5) * 1000 });
    expect(new URL(page.url()).search).toBe('');
    const typing = page.getByPlaceholder('Name');
    await typing.fill('A row Maya is still naming');
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await page.waitForTimeout(REFRESH_SECONDS * 2 * 1000);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    expect(await typing.inputValue()).toBe('A row Maya is still naming');
    expect(await page.locator('#refresh-note').innerText()).toBe('Refresh paused while you edit.');

    expect(await submit(page.locator('#sync-now'))).toContain('scheduled handler');

    // The Worker's dashboard, open on loopback without DASHBOARD_TOKEN.
    await page.goto(`${stack!.worker.url}/`);
    await waitUntil('the run to reach Needs review on the dashboard', async () => ((await dashboardRun('Weekly competitive brief').locator('td.status').innerText().catch(() => '')) === 'Needs review' ? true : undefined), {
      between: async () => {
        await tick();
        await page.reload();
      },
      describe: async () => (await page.locator('#runs + table').innerText().catch(() => 'no runs table')).slice(0, 400),
    });
    expect(await page.locator('#reviews + table').innerText()).toContain('Maya Okafor');
    forReadme(await screenshot(page, 'dashboard'), 'dashboard.png');

    // The review queue in the workspace, then the Run page with its draft.
    await page.goto(ws('/'));
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    const queued = page.locator('#review-queue tr[data-run]', { hasText: 'Weekly competitive brief' });
    expect(await queued.count()).toBe(1);
    expect(await queued.locator('td.status').innerText()).toBe('Needs review');
    await screenshot(page, 'runs-queue');
    await queued.getByRole('link').click();
    await eventually(async () => expect(await page.locator('[data-property-row="Status"] select').inputValue()).toBe('Needs review'));
    expect(await page.locator('.markdown').innerText()).toContain('Pricing moves');
    await screenshot(page, 'run-page');

    // Maya edits the draft in place, then approves.
    await page.locator('#edit-body summary').click();
    const body = page.getByLabel('Page body (markdown)');
    await body.fill(`${await body.inputValue()}\n${EDIT}`);
    expect(await submit(page.getByRole('button', { name: 'Save page' }))).toBe('Maya Okafor saved the page.');
    expect(await page.locator('.markdown').innerText()).toContain(EDIT);
    await page.locator('form[data-property="Status"] select').selectOption('Approved');
    expect(await submit(page.locator('form[data-property="Status"]').getByRole('button', { name: 'Set' }))).toBe('Maya Okafor changed Status.');

    // Published: the Run row links to the page, and the page holds Maya's edit.
    const runPage = page.url().replace(/\?.*$/, '');
    const open = await waitUntil('the run to be Published with its Output page', async () => {
      const status = await page.locator('[data-property-row="Status"] select').inputValue();
      const link = page.locator('a[data-open="Output page"]');
      return status === 'Published' && (await link.count()) ? link : undefined;
    }, {
      between: async () => {
        await tick();
        await page.goto(runPage);
      },
      describe: async () => page.locator('[data-property-row="Status"] select').inputValue(),
    });
    const docLink = page.locator('a[data-open="Output"]');
    expect(await docLink.getAttribute('href')).toMatch(/^\/drive\/[\w-]+$/);
    const docHref = (await docLink.getAttribute('href'))!;
    await open.click();
    expect(new URL(page.url()).pathname).toMatch(/^\/notion\/[0-9a-f]{32}$/);
    expect(await page.locator('h1').innerText()).toContain('Weekly competitive brief');
    expect(await page.locator('.markdown').innerText()).toContain(EDIT);
    await screenshot(page, 'published-page');

    // The Google Doc of the same name, in the Output folder, holds the edit too.
    await page.goto(ws(docHref));
    expect(await page.locator('h1').innerText()).toContain('Weekly competitive brief');
    expect(await page.locator('.markdown').innerText()).toContain(EDIT);
    expect(await page.locator('main p.muted').first().innerText()).toContain('Competitive intelligence');
    await screenshot(page, 'published-doc');

    // The published list under the Output page shows it too.
    await page.goto(ws('/published'));
    expect(await page.locator('ul.published a', { hasText: 'Weekly competitive brief' }).count()).toBe(1);
  });

  it('starts the client kickoff brief when the deal’s owner moves it to Closed won', async () => {
    await page.goto(ws('/databases'));
    await actAs('Jordan Lee');
    await page.getByRole('link', { name: 'Deals' }).click();
    const deal = page.locator('tr[data-name="Acme Corp — analytics rollout"]');
    await deal.locator('form[data-property="Stage"] select').selectOption('Closed won');
    expect(await submit(deal.locator('form[data-property="Stage"]').getByRole('button', { name: 'Set' }))).toBe('Jordan Lee changed Stage.');
    expect(await deal.locator('form[data-property="Stage"] select').inputValue()).toBe('Closed won');
    await screenshot(page, 'deals-database');

    // The Notion webhook (or, failing it, the next tick's reconcile) starts the kickoff run.
    await page.goto(ws('/runs'));
    const kickoff = page.locator('#runs tr[data-run]', { hasText: 'Client kickoff brief' });
    await waitUntil('a kickoff run in the Runs database', async () => ((await kickoff.count()) === 1 ? true : undefined), {
      between: async () => {
        await tick();
        await page.reload();
      },
    });
    const kickoffText = await kickoff.innerText();
    expect(kickoffText).toContain('Acme Corp — analytics rollout');
    expect(kickoffText).toContain('notion');
    await screenshot(page, 'runs-kickoff');

    await page.goto(`${stack!.worker.url}/`);
    await waitUntil('the kickoff run on the dashboard', async () => ((await dashboardRun('Client kickoff brief').count()) ? true : undefined), { between: async () => void (await page.reload()) });
    await screenshot(page, 'dashboard-kickoff');
  });

  it('sees Health follow an edit to a workflow row, and starts the repurpose run by dropping an article into Drive', async () => {
    await page.goto(ws('/'));
    await actAs('Maya Okafor');
    await workflowRow('Weekly competitive brief').getByRole('link').click();
    const schedule = page.locator('form[data-property="Schedule"]');
    await schedule.locator('textarea').fill('every Tuesday at 10:00');
    expect(await submit(schedule.getByRole('button', { name: 'Save' }))).toBe('Maya Okafor changed Schedule.');
    await page.goto(ws('/'));
    await waitUntil('Health to show the new schedule', async () => ((await workflowRow('Weekly competitive brief').locator('td.health').innerText()).includes('next run Tue') ? true : undefined), {
      between: async () => void (await submit(page.locator('#sync-now'))),
      describe: () => workflowRow('Weekly competitive brief').locator('td.health').innerText(),
    });
    expect(await workflowRow('Weekly competitive brief').locator('td.health').innerText()).toMatch(/^OK — next run Tue \d+ Dec 10:00 \(Europe\/Paris\)/);

    // Lena drops a new article into the folder the repurpose workflow watches.
    await actAs('Lena Fischer');
    await page.getByRole('link', { name: 'Drive', exact: true }).click();
    await page.getByRole('link', { name: 'Acme team' }).click();
    await page.getByRole('link', { name: 'Published articles' }).click();
    const upload = page.locator('#upload');
    const article = '# Why onboarding speed wins\nTeams that go live in a week keep using the product.\nWe onboard finance teams in five days.';
    await upload.getByLabel('Pick a file').setInputFiles({ name: 'Why onboarding speed wins.md', mimeType: 'text/markdown', buffer: Buffer.from(article) });
    await eventually(async () => expect(await upload.getByLabel('File content').inputValue()).toBe(article));
    expect(await upload.getByLabel('Name').inputValue()).toBe('Why onboarding speed wins');
    expect(await upload.locator('select[name=kind]').inputValue()).toBe('doc');
    expect(await submit(upload.getByRole('button', { name: 'Upload' }))).toBe('Lena Fischer uploaded “Why onboarding speed wins”.');
    expect(await page.locator('#files tr', { hasText: 'Why onboarding speed wins' }).innerText()).toContain('Lena Fischer');
    await screenshot(page, 'drive-folder');

    await page.goto(ws('/runs'));
    const repurpose = page.locator('#runs tr[data-run]', { hasText: 'Repurpose new articles' });
    await waitUntil('a repurpose run for the new article', async () => ((await repurpose.count()) === 1 ? true : undefined), {
      between: async () => {
        await tick();
        await page.reload();
      },
    });
    expect(await repurpose.innerText()).toContain('drive');
  });
});
