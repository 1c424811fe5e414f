// A non-reviewer's approval whose setting back fails: Notion retries the delivery (the route
// answered 500), and the retry must set it back — not answer 200 "already_delivered" because the
// failed attempt left its revert lease behind. Found by the fault soak: a 529 on the revert's
// PATCH left Alex's approval standing on the row (Needs review in D1) for the lease's minute,
// through the retried delivery and every reconcile in between.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env';
import worker from '../../src/index';
import { applyReviewChange } from '../../src/review/decide';
import { servicesFor } from '../../src/services';
import { WORLD } from '../support/world';
import { notionAdmin, tick, updateAsPerson } from './harness';
import { commentsOn, MAYA, notion, runRow, scheduleWeeklyBrief, statusOf, store, waitForReview } from './run-helpers';

interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** Waits for the stand-in's deliveries and takes them from the mailbox, without handing them over. */
async function takeDeliveries(): Promise<Delivery[]> {
  await notionAdmin('webhooks/settle');
  const res = await fetch(`${env.MAILBOX_URL}/take`, { method: 'POST' });
  return (await res.json()) as Delivery[];
}

async function post(delivery: Delivery): Promise<{ status: number; body: unknown }> {
  const res = await worker.fetch(
    new Request('http://baton.test/webhooks/notion', { method: 'POST', headers: delivery.headers, body: delivery.body }),
    env,
    createExecutionContext(),
  );
  return { status: res.status, body: await res.json() };
}

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

    await takeDeliveries(); // Baton's own edits so far
    await updateAsPerson(WORLD.alex, page, { Status: { select: { name: 'Approved' } } });
    const [delivery, ...others] = await takeDeliveries();
    expect(others).toEqual([]);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'page.properties_updated', authors: [{ id: WORLD.alex, type: 'person' }] });

    // Notion answers the revert's PATCH 529 before applying it: Baton does not resend a write.
    await notionAdmin('faults', { method: 'PATCH', path: `^/v1/pages/${page}$`, status: 529, retryAfter: 0, count: 1 });
    const first = await post(delivery!);
    expect(first.status).toBe(500);
    expect(statusOf(await notion.retrievePage(page))).toBe('Approved');

    // Notion's retry of the same event (attempt_number aside, the same body).
    const retry = await post(delivery!);
    expect(retry).toEqual({ status: 200, body: { ok: true, outcome: 'reverted' } });
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    expect((await commentsOn(page)).at(-1)).toBe(
      `Status was changed to Approved by @${WORLD.alex}, but only @${MAYA} may approve or request changes on this run, so Baton set it back to Needs review.`,
    );
    expect((await store.getRun(runId))?.status).toBe('Needs review');
  });

  it('is not done again from an older read when the failed write was applied and Maya has since approved', async () => {
    await tick('2026-11-30T08:00:00.000Z');
    await waitForReview(runId);
    const [row] = await runRow(runId);
    const page = row!.id;

    await takeDeliveries();
    await updateAsPerson(WORLD.alex, page, { Status: { select: { name: 'Approved' } } });
    const [delivery] = await takeDeliveries();
    // What a reconcile's query read before Baton's write: Alex's approval.
    const older = await notion.retrievePage(page);

    // The revert's PATCH is applied, then answered 529.
    await notionAdmin('faults', { method: 'PATCH', path: `^/v1/pages/${page}$`, status: 529, retryAfter: 0, count: 1, afterCommit: true });
    expect((await post(delivery!)).status).toBe(500);
    expect(statusOf(await notion.retrievePage(page))).toBe('Needs review');
    await updateAsPerson(MAYA, page, { Status: { select: { name: 'Approved' } } });

    // The older read must not set Maya's approval back: the lease of the applied write still holds.
    const outcome = await applyReviewChange(servicesFor(loadConfig(env), 'background'), older, { kind: 'page' }, new Date());
    expect(outcome).toEqual({ kind: 'already_delivered' });
    expect(statusOf(await notion.retrievePage(page))).toBe('Approved');
  });
});
