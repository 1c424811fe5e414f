// The runs dashboard as one server-rendered HTML page (hono/html; no script, no framework).
// Every value goes through html``'s interpolation, which escapes it; raw() is never used, so a
// workflow name or a failure reason cannot inject markup. Links are only ever http(s) addresses
// (summary.ts). The page holds no secret: nothing here reads config.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatDuration, formatTime, type DashboardSummary, type RunSummary } from './summary';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Seconds between refreshes while some run is live. */
export const REFRESH_SECONDS = 10;

// Interpolated like any value, so it is escaped too: keep it free of & < > " ' (no child combinators).
const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-weight:600;color:#57606a}.status{font-weight:600;white-space:nowrap}.s-Failed,.s-Expired{color:#cf222e}
.s-Published{color:#1a7f37}.s-Needs-review{color:#9a6700}.muted{color:#57606a}code{font-size:.85em}
`;

export function dashboardPage(summary: DashboardSummary, now: Date): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${summary.live ? html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">` : ''}
<title>Baton — runs</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Baton — runs</h1>
<p class="muted">As of ${formatTime(now.toISOString())}${summary.live ? html` · some runs are live, this page refreshes every ${REFRESH_SECONDS} s` : ''}</p>
${workflowsSection(summary)}
${reviewsSection(summary)}
${failuresSection(summary)}
${timelineSection(summary)}
${lessonsSection(summary)}
</body>
</html>`;
}

function workflowsSection({ workflows }: DashboardSummary): Html {
  const rows = workflows.map(
    (w) => html`<tr data-workflow="${w.id}"><td>${w.name}</td><td>${w.state}</td><td>${w.starts.map((s, i) => html`${i > 0 ? html`<br>` : ''}${s}`)}</td><td>${w.health}</td><td>${formatTime(w.nextRun)}</td></tr>`,
  );
  return html`<h2 id="workflows">Workflows</h2>
${workflows.length === 0
    ? html`<p class="muted">No workflow yet: add a row to the Workflows database; Baton reads it within a minute.</p>`
    : html`<table><thead><tr><th>Workflow</th><th>State</th><th>Starts when</th><th>Health</th><th>Next run</th></tr></thead><tbody>${rows}</tbody></table>`}`;
}

function reviewsSection({ reviews }: DashboardSummary): Html {
  const rows = reviews.map(
    (r) => html`<tr data-run="${r.runId}"><td>${r.workflow}</td><td>${r.reviewer}</td><td>${r.round}</td><td>${formatTime(r.since)}</td><td>${formatDuration(r.waitingMs)}</td></tr>`,
  );
  return html`<h2 id="reviews">Waiting for review</h2>
${reviews.length === 0
    ? html`<p class="muted">Nothing is waiting for a reviewer.</p>`
    : html`<table><thead><tr><th>Workflow</th><th>Waiting on</th><th>Round</th><th>Since</th><th>For</th></tr></thead><tbody>${rows}</tbody></table>`}`;
}

function failuresSection({ failures }: DashboardSummary): Html {
  const rows = failures.map(
    (r) => html`<tr data-run="${r.runId}"><td>${r.workflow}</td>${statusCell(r)}<td>${formatTime(r.updated)}</td><td>${r.failureReason ?? 'No reason was recorded.'}</td></tr>`,
  );
  return html`<h2 id="failures">Failures</h2>
${failures.length === 0
    ? html`<p class="muted">No recent run failed.</p>`
    : html`<table><thead><tr><th>Workflow</th><th>Status</th><th>When</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>`}`;
}

function timelineSection({ runs }: DashboardSummary): Html {
  const rows = runs.map(
    (r) => html`<tr data-run="${r.runId}"><td>${r.workflow}${r.title ? html`<br><span class="muted">${r.title}</span>` : ''}</td>${statusCell(r)}<td>${r.trigger}</td><td>${formatTime(r.created)}</td><td>${formatTime(r.updated)}${r.live ? '' : html` <span class="muted">(finished)</span>`}</td><td>${formatDuration(r.tookMs)}${r.live ? ' so far' : ''}</td><td>${outputs(r)}</td></tr>
<tr class="events"><td></td><td colspan="6" class="muted">${r.events.map((e, i) => html`${i > 0 ? ' → ' : ''}${e.label} ${formatTime(e.at)}`)}</td></tr>`,
  );
  return html`<h2 id="runs">Runs, newest first</h2>
${runs.length === 0
    ? html`<p class="muted">No run yet.</p>`
    : html`<table><thead><tr><th>Workflow</th><th>Status</th><th>Trigger</th><th>Created</th><th>Last change</th><th>Took</th><th>Outputs</th></tr></thead><tbody>${rows}</tbody></table>`}`;
}

function lessonsSection({ lessons }: DashboardSummary): Html {
  const items = lessons.map(
    (l) => html`<li><strong>${l.workflow}</strong> <span class="muted">${formatTime(l.at)}</span><ul>${l.lessons.map((text) => html`<li>${text}</li>`)}</ul></li>`,
  );
  return html`<h2 id="lessons">Lessons learned</h2>
${lessons.length === 0 ? html`<p class="muted">No lessons yet: they come from what reviewers change and say.</p>` : html`<ul>${items}</ul>`}`;
}

function statusCell(r: RunSummary): Html {
  return html`<td class="status s-${r.status.replace(/ /g, '-')}">${r.status}</td>`;
}

function outputs(r: RunSummary): Html {
  if (r.outputs.length === 0) return html`<span class="muted">—</span>`;
  return html`${r.outputs.map((o, i) => html`${i > 0 ? html`<br>` : ''}<a href="${o.url}" rel="noopener noreferrer">${o.label}</a>`)}`;
}
