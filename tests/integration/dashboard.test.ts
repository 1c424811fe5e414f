// Issue 12 in workerd: the runs dashboard at GET / — behind DASHBOARD_TOKEN, the four example
// workflows with their Health, the weekly brief waiting on Maya and then published with its links,
// a failed run with its reason, every value escaped and no secret anywhere in the page.
import { createExecutionContext, introspectWorkflowInstance } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import worker from '../../src/index';
import { runIdFor } from '../../src/triggers/run-id';
import { EXAMPLE_ROWS, weeklyBrief } from '../fixtures/example-rows';
import { createRow, deliverWebhooks, resetWorld, setNotionClock, tick, updateAsPerson } from './harness';
import { MAYA, MONDAY_9_PARIS, store, waitForReview } from './run-helpers';

const TOKEN = env.DASHBOARD_TOKEN as string;
const Link = z.object({ url: z.string() });
const SECRET_BINDINGS = ['NOTION_TOKEN', 'NOTION_WEBHOOK_SECRET', 'GOOGLE_PRIVATE_KEY', 'MODEL_API_KEY', 'BATON_API_TOKEN', 'DASHBOARD_TOKEN'] as const;

async function dashboard(init: { url?: string; headers?: Record<string, string>; bindings?: Cloudflare.Env } = {}) {
  const res = await worker.fetch(new Request(init.url ?? 'http://baton.test/', { headers: init.headers }), init.bindings ?? env, createExecutionContext());
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}
const withToken = () => dashboard({ headers: { authorization: `Bearer ${TOKEN}` } });

/** The part of the page under one heading (its id), up to the next heading. */
const section = (html: string, id: string) => html.split(`<h2 id="${id}">`)[1]?.split('<h2 ')[0] ?? '';
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** No secret binding's value, nor any line of the private key, is in the page. */
function expectNoSecret(html: string) {
  for (const name of SECRET_BINDINGS) {
    const value = env[name];
    if (typeof value !== 'string' || value === '') continue;
    expect(html, `the page shows ${name}`).not.toContain(value);
    for (const line of value.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))) expect(html, `the page shows part of ${name}`).not.toContain(line);
  }
}

describe('the runs dashboard', () => {
  let runId: string;
  beforeAll(async () => {
    await resetWorld();
    await setNotionClock('2026-11-30T07:50:00.000Z');
    for (const row of Object.values(EXAMPLE_ROWS)) await createRow(row, row === weeklyBrief ? MAYA : undefined);
    await tick('2026-11-30T07:59:00.000Z');
    const weekly = (await env.DB.prepare("SELECT page_id FROM definitions WHERE name = 'Weekly competitive brief'").first<{ page_id: string }>())!.page_id;
    runId = await runIdFor(weekly, 'schedule', MONDAY_9_PARIS);
  });

  it('answers 401 without the token or with a wrong one, and shows no data', async () => {
    for (const headers of [undefined, { authorization: 'Bearer wrong' }, { authorization: `Basic ${TOKEN}` }]) {
      const res = await dashboard({ headers });
      expect(res.status).toBe(401);
      expect(res.html).toMatch(/^Send Authorization: Bearer <DASHBOARD_TOKEN>/);
      expect(res.html).not.toContain('Weekly competitive brief');
    }
    expect((await dashboard({ url: 'http://baton.test/?token=wrong' })).status).toBe(401);
    expect((await dashboard({ url: `http://baton.test/?token=${encodeURIComponent(TOKEN)}` })).status).toBe(200);
  });

  it('is open on this machine without a token, and off when deployed without one', async () => {
    const noToken = { ...env, DASHBOARD_TOKEN: '' };
    expect((await dashboard({ url: 'http://127.0.0.1:8787/', bindings: noToken })).status).toBe(200);
    const deployed = await dashboard({ url: 'https://baton.example.workers.dev/', bindings: { ...noToken, PUBLIC_URL: 'https://baton.example.workers.dev' } });
    expect(deployed.status).toBe(503);
    expect(deployed.html).toContain('set the DASHBOARD_TOKEN secret');
    expect((await dashboard({ url: 'http://localhost:8787/', bindings: { ...noToken, PUBLIC_URL: 'https://baton.example.workers.dev' } })).status).toBe(503);
  });

  it('lists the four example workflows with what starts them, their Health and next run', async () => {
    const res = await withToken();
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    const workflows = section(res.html, 'workflows');
    const { results } = await env.DB.prepare('SELECT name, health FROM definitions').all<{ name: string; health: string }>();
    expect(results).toHaveLength(Object.keys(EXAMPLE_ROWS).length);
    for (const stored of results) {
      expect(stored.health).toMatch(/^OK/);
      expect(workflows).toContain(`<td>${escaped(stored.name)}</td>`);
      expect(workflows).toContain(`<td>${escaped(stored.health)}</td>`);
    }
    expect(workflows).toContain('every Monday at 9:00 (Europe/Paris)');
    expect(workflows).toContain('2026-11-30 08:00 UTC');
    expectNoSecret(res.html);
  });

  it('shows the weekly brief waiting on Maya, refreshing itself, then published with links to its page and Doc', async () => {
    await using instance = await introspectWorkflowInstance(env.RUN_WORKFLOW, runId);
    await tick('2026-11-30T08:00:00.000Z');
    const runPage = await waitForReview(runId);

    const waiting = await withToken();
    expect(section(waiting.html, 'reviews')).toMatch(new RegExp(`<tr data-run="${runId}"><td>Weekly competitive brief</td><td>Maya Okafor</td><td>1</td>`));
    expect(section(waiting.html, 'runs')).toContain('Needs review');
    expect(waiting.html).toContain('<meta http-equiv="refresh" content="10">');
    expectNoSecret(waiting.html);

    await updateAsPerson(MAYA, runPage, { Status: { select: { name: 'Approved' } } });
    await deliverWebhooks();
    await instance.waitForStatus('complete');

    const done = await withToken();
    const runs = section(done.html, 'runs');
    const page = await store.getJson(runId, 'published-page', Link);
    const doc = await store.getJson(runId, 'published-doc', Link);
    expect(runs).toContain(`<a href="${escaped(page!.url)}" rel="noopener noreferrer">Notion page</a>`);
    expect(runs).toContain(`<a href="${escaped(doc!.url)}" rel="noopener noreferrer">Google Doc</a>`);
    expect(runs).toContain('2026-11-30 — Weekly competitive brief');
    expect(runs).toMatch(/Created [^→]+ → Needs review \(round 1\) [^→]+ → Approved \(round 1\) [^→]+ → Published \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(section(done.html, 'reviews')).toContain('Nothing is waiting for a reviewer.');
    expectNoSecret(done.html);
  });

  it('shows a failed run’s plain-words reason, escaping markup in it and in workflow names', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const weekly = (await env.DB.prepare("SELECT page_id, definition_json FROM definitions WHERE name = 'Weekly competitive brief'").first<{ page_id: string; definition_json: string }>())!;
    const definition = { ...JSON.parse(weekly.definition_json), name: `Brief ${evil}` };
    const now = new Date();
    await store.claimRun({ runId: 'run-manual-dashboard-evil', workflowPageId: weekly.page_id, triggerKind: 'manual', triggerKey: 'dashboard-evil', scheduledFor: null, reviewerId: MAYA, definition }, now);
    await store.failRun('run-manual-dashboard-evil', `The Output folder is not shared with Baton ${evil}; share it and tick Run now`, now);
    await store.saveDefinition({ pageId: 'dashboard-evil-row', name: `Row ${evil}`, state: 'Draft', contentHash: 'h', definition: null, runnable: false, health: `Problem: ${evil}`, nextRun: null, problems: [] }, now);

    const res = await withToken();
    expect(res.html).not.toContain('<script>alert');
    expect(res.html).not.toContain('<img');
    const failures = section(res.html, 'failures');
    expect(failures).toContain(`The Output folder is not shared with Baton ${escaped(evil)}; share it and tick Run now`);
    expect(failures).toContain(`Brief ${escaped(evil)}`);
    expect(section(res.html, 'workflows')).toContain(`Row ${escaped(evil)}`);
    expectNoSecret(res.html);
  });
});
