// The shared rate gate in workerd: the real Durable Object, the real SDK through the services
// Baton builds, and the Notion stand-in holding its own request budget (429 + Retry-After).
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env';
import { servicesFor, requireNotion } from '../../src/services';
import { connectionGateName } from '../../src/gate/notion-gate';
import { WORLD } from '../support/world';
import { notionAdmin, notionRequests, resetWorld, type Logged } from './harness';

/** A config of its own (servicesFor caches per config), with the gate's budget as given. */
const configWith = (requests: number, windowSeconds: number) =>
  loadConfig({ ...env, NOTION_REQUESTS_PER_WINDOW: String(requests), NOTION_RATE_WINDOW_SECONDS: String(windowSeconds) });

const page = WORLD.rootPage;
const since = async (from: number): Promise<Logged[]> =>
  (await notionRequests()).filter((r) => Date.parse(r.startedAt) >= from && r.path === `/v1/pages/${page}`);

/** The most requests that arrived within any span of `windowMs`. */
function busiestWindow(requests: Logged[], windowMs: number): number {
  const times = requests.map((r) => Date.parse(r.startedAt)).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('the shared rate gate', () => {
  beforeEach(resetWorld);
  afterEach(() => notionAdmin('rate-limit', null, 'PUT'));

  it('paces concurrent callers of every priority to the budget, so the rate-limited stand-in never answers 429', async () => {
    await notionAdmin('rate-limit', { requests: 4, perMs: 1000 }, 'PUT');
    const config = configWith(4, 1);
    const callers = (['decision', 'run', 'background'] as const).map((p) => requireNotion(servicesFor(config, p)));
    const started = Date.now();
    const pages = await Promise.all(Array.from({ length: 12 }, (_, i) => callers[i % 3]!.retrievePage(page)));
    const elapsed = Date.now() - started;
    expect(pages.every((p) => p.id === page)).toBe(true);
    const seen = await since(started);
    expect(seen).toHaveLength(12);
    expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
    expect(busiestWindow(seen, 1000)).toBeLessThanOrEqual(4);
    // 12 requests at 4 per window: the third four cannot start before two windows have passed.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
  });

  it('pauses everyone for Retry-After when one caller is answered 429, and sends the refused request again', async () => {
    // The stand-in allows 3 per 3 s; the gate believes in 100 per second (another process, say, spent the budget).
    await notionAdmin('rate-limit', { requests: 3, perMs: 3000 }, 'PUT');
    const config = configWith(100, 1);
    const notion = requireNotion(servicesFor(config, 'run'));
    const started = Date.now();
    for (let i = 0; i < 3; i++) await notion.retrievePage(page);
    // The fourth is refused (Retry-After ≈ 3 s), waits in the gate and is sent again.
    const refused = notion.retrievePage(page);
    let first429: Logged | undefined;
    for (const deadline = Date.now() + 5000; !first429 && Date.now() < deadline; ) {
      first429 = (await since(started)).find((r) => r.status === 429);
      if (!first429) await new Promise((r) => setTimeout(r, 20));
    }
    expect(first429).toBeDefined();
    // Callers arriving during the pause, at every priority, wait for it instead of being refused too.
    const others = (['decision', 'background'] as const).map((p) => requireNotion(servicesFor(config, p)).retrievePage(page));
    const results = await Promise.all([refused, ...others]);
    expect(results.every((p) => p.id === page)).toBe(true);
    const seen = await since(started);
    expect(seen.filter((r) => r.status === 429)).toHaveLength(1);
    const pauseEnds = Date.parse(first429!.at) + 2000; // Retry-After is whole seconds, at least 2 of the 3 here
    const after = seen.filter((r) => Date.parse(r.startedAt) > Date.parse(first429!.at));
    expect(after).toHaveLength(3);
    for (const r of after) {
      expect(r.status).toBe(200);
      expect(Date.parse(r.startedAt)).toBeGreaterThanOrEqual(pauseEnds);
    }
  });

  it('pauses the workspace’s gate when the workspace limit refuses, and every caller waits for it', async () => {
    await notionAdmin('rate-limit', { workspace: { requests: 2, perMs: 3000 } }, 'PUT');
    const workspaceId = `ws-${crypto.randomUUID()}`;
    const config = loadConfig({ ...env, NOTION_REQUESTS_PER_WINDOW: '100', NOTION_RATE_WINDOW_SECONDS: '1', NOTION_WORKSPACE_ID: workspaceId });
    const run = requireNotion(servicesFor(config, 'run'));
    const started = Date.now();
    await run.retrievePage(page);
    await run.retrievePage(page);
    const refused = run.retrievePage(page);
    await new Promise((r) => setTimeout(r, 300));
    const during = requireNotion(servicesFor(config, 'decision')).retrievePage(page);
    await Promise.all([refused, during]);
    const seen = await since(started);
    const limited = seen.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    expect(seen.filter((r) => r.status === 200)).toHaveLength(4);
    expect(await env.RATE_GATE.getByName(`notion-workspace:${workspaceId}`).stats()).toMatchObject({ pauses: 1, refusals: 1 });
  });

  it('serves a reviewer’s decision before drafting and background reads already waiting', async () => {
    // The connection's gate is shared with the tests above: their permits come back a window (1 s) after their answers.
    await new Promise((r) => setTimeout(r, 1100));
    const config = configWith(1, 0.5);
    const of = (p: 'decision' | 'run' | 'background') => requireNotion(servicesFor(config, p));
    const started = Date.now();
    const order: string[] = [];
    const call = (p: 'decision' | 'run' | 'background', label: string) => of(p).retrievePage(page).then(() => order.push(label));
    // The first takes the only permit; the rest queue while it is out.
    const first = call('background', 'b0');
    await new Promise((r) => setTimeout(r, 50));
    const queued = [call('background', 'b1'), call('background', 'b2'), call('run', 'r1'), call('decision', 'd1')];
    await Promise.all([first, ...queued]);
    expect(order).toEqual(['b0', 'd1', 'r1', 'b1', 'b2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 500);
  });

  it('costs one short round trip per permit when the budget has room', async () => {
    const stub = env.RATE_GATE.getByName(`overhead-${crypto.randomUUID()}`);
    const budget = { requests: 1_000_000, windowMs: 60_000 };
    const n = 200;
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const permit = await stub.take({ priority: 1, leaseMs: 60_000, budget });
      await stub.answered(permit.id);
    }
    const perCall = (performance.now() - started) / n;
    console.log(`rate gate: take + answered, ${n} sequential: ${perCall.toFixed(2)} ms per request`);
    expect(perCall).toBeLessThan(25);
    expect(await stub.stats()).toMatchObject({ granted: n, held: 0, queued: 0 });
  });

  it('names the connection’s gate by a hash, never the token', async () => {
    const name = await connectionGateName(WORLD.notionToken);
    expect(name).toMatch(/^notion-connection:[0-9a-f]{24}$/);
    expect(name).not.toContain(WORLD.notionToken);
  });
});
