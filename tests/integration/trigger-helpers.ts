// Shared by the trigger suites: rows synced at the real time (Drive and Notion stamp files and
// rows with their own clocks, which follow the wall clock here), runs of a workflow from D1,
// Drive calls made as the service account, and the Run now API.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createGoogleAuth } from '../../src/adapters/google-auth';
import { StoredRun } from '../../src/adapters/store';
import worker from '../../src/index';
import type { FixtureRow } from '../fixtures/example-rows';
import { createRow, tick, waitFor } from './harness';
import { API_TOKEN } from './global-setup';

const googleAuth = createGoogleAuth({
  serviceAccountEmail: env.GOOGLE_SERVICE_ACCOUNT_EMAIL as string,
  privateKey: env.GOOGLE_PRIVATE_KEY as string,
  tokenUrl: env.GOOGLE_TOKEN_URL as string,
});

/** A tick at the wall clock's current minute and second. */
export const tickNow = () => tick(new Date().toISOString());

/** Creates the row as `as` and lets one tick read it and set up its triggers. */
export async function activate(row: FixtureRow, as: string): Promise<string> {
  const page = await createRow(row, as);
  await tickNow();
  return page;
}

export async function runsOf(workflowPageId: string): Promise<StoredRun[]> {
  const { results } = await env.DB.prepare('SELECT * FROM runs WHERE workflow_page_id = ? ORDER BY created_at').bind(workflowPageId).all();
  return results.map((r) => StoredRun.parse(r));
}

export async function waitForRuns(workflowPageId: string, count: number): Promise<StoredRun[]> {
  return waitFor(`${count} runs of ${workflowPageId}`, async () => {
    const runs = await runsOf(workflowPageId);
    return runs.length >= count && runs.every((r) => r.started) ? runs : null;
  });
}

/** A Drive API call as Baton's service account (what a script or another app would do). */
export async function driveApi(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const url = `${env.GOOGLE_API_URL.replace(/\/$/, '')}/${path}`;
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${await googleAuth.accessToken()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** POST /api/workflows/:id/runs, with the configured token unless told otherwise. */
export async function runNowApi(workflowPageId: string, options: { token?: string | null; idempotencyKey?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? API_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://baton.test/api/workflows/${workflowPageId}/runs`, { method: 'POST', headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
