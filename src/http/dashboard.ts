// GET / — the runs dashboard (src/dashboard): who may see it is src/dashboard/access.ts's rule.
//
// - With DASHBOARD_TOKEN, the token is compared in constant time (same-secret.ts); a missing or
//   wrong one gets 401 and a plain message, never data.
// - Without it, the page opens only on this machine; a deployed worker answers 503 saying which
//   secret to set, so the dashboard is never public by omission.
// - The answer is never cached and sends no Referer: a `?token=` address must not leak through
//   a proxy cache or the output links it holds.
// - Cheap: one D1 batch, no Notion or Drive call.
import type { Context } from 'hono';
import { readDashboard } from '../adapters/dashboard-store';
import { dashboardAccess, givenToken } from '../dashboard/access';
import { dashboardPage } from '../dashboard/page';
import { summarizeDashboard } from '../dashboard/summary';
import type { AppEnv } from './app';
import { sameSecret } from './same-secret';

/** Runs on the timeline; live runs are shown whatever their age. */
const TIMELINE_RUNS = 50;
const LESSON_RECORDS = 20;

export async function handleDashboard(c: Context<AppEnv>): Promise<Response> {
  const config = c.var.config;
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  const access = dashboardAccess({ token: config.dashboardToken, publicUrl: config.publicUrl, requestUrl: c.req.url });
  if (access.kind === 'off') {
    return c.text('The dashboard is off: set the DASHBOARD_TOKEN secret (`wrangler secret put DASHBOARD_TOKEN`) to see it.\n', 503);
  }
  if (access.kind === 'token') {
    const given = givenToken(c.req.header('authorization'), c.req.query('token'));
    if (!given || !(await sameSecret(given, access.expected))) {
      c.header('WWW-Authenticate', 'Bearer realm="baton"');
      return c.text('Send Authorization: Bearer <DASHBOARD_TOKEN>, or open /?token=<DASHBOARD_TOKEN> in a browser.\n', 401);
    }
  }
  const now = new Date();
  const rows = await readDashboard(config.db, { runs: TIMELINE_RUNS, lessons: LESSON_RECORDS });
  return c.html(dashboardPage(summarizeDashboard(rows, now, { runs: TIMELINE_RUNS }), now));
}
