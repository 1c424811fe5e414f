// The frame around every workspace view: who you are acting as (a picker of the team's people),
// where to go (Workflows, Runs, databases, Drive, the Worker's runs dashboard), "Sync now", the
// message from the last action, and the auto-refresh while Baton is working on something.
import { html, safeHref, trusted, type SafeHtml } from './html';
import type { Person } from './notion-source';

export interface Frame {
  title: string;
  /** The path of this view, for forms to come back to. */
  path: string;
  person: Person | undefined;
  people: Person[];
  workerUrl: string;
  notice?: string;
  error?: string;
  /** Baton is working on something: refresh while nobody is typing. */
  live: boolean;
}

/** Seconds between refreshes of a live view. */
export const REFRESH_SECONDS = 4;

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#fbfbfa}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.6rem 1.2rem;background:#fff;border-bottom:1px solid #e3e2e0}
header nav a{margin-right:.9rem}header .who{margin-left:auto}main{max-width:96rem;margin:1.2rem auto;padding:0 1.2rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin-top:1.8rem;border-bottom:1px solid #e3e2e0;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eeedeb;vertical-align:top;overflow-wrap:break-word}
th{font-weight:600;color:#6b6b6b;white-space:nowrap}.muted{color:#6b6b6b}.notice{background:#e9f5ec;border:1px solid #a7d7b5;padding:.5rem .8rem}
.error{background:#fdecea;border:1px solid #f1aeb5;padding:.5rem .8rem}.health{white-space:pre-line;max-width:28rem}.plan{white-space:pre-line;font-size:.9em;max-width:24rem}
form.inline{display:inline}textarea{width:100%;font:13px/1.4 ui-monospace,monospace}.props th{width:12rem}
.markdown{background:#fff;border:1px solid #eeedeb;padding:.2rem 1rem}.status{font-weight:600}
.plan{min-width:14rem}.new-row{margin-top:.8rem}.health,.plan{overflow-wrap:anywhere}button{white-space:nowrap}
.comment{border-left:3px solid #e3e2e0;padding-left:.6rem;margin:.5rem 0}a{color:#0b6bcb}
`;

// Reloads while Baton is working, unless the person is using a field: focus or any typed change
// stops it, so nothing they typed is refreshed away.
const REFRESH_SCRIPT = trusted`
(() => {
  let touched = false;
  const mark = () => { touched = true; const n = document.getElementById('refresh-note'); if (n) n.textContent = 'Refresh paused while you edit.'; };
  document.addEventListener('input', mark, true);
  document.addEventListener('change', mark, true);
  setInterval(() => {
    const a = document.activeElement;
    if (touched || (a && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(a.tagName))) return;
    // Reloaded without the last action's message, which was news only once.
    const next = new URL(location.href);
    next.searchParams.delete('notice');
    next.searchParams.delete('error');
    location.replace(next.href);
  }, ${REFRESH_SECONDS * 1000});
})();
`;

export function frame(f: Frame, body: SafeHtml): SafeHtml {
  const dashboard = safeHref(`${f.workerUrl}/`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title} — Acme workspace (offline)</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<strong>Acme workspace <span class="muted">(offline stand-ins)</span></strong>
<nav><a href="/">Workflows</a><a href="/runs">Runs</a><a href="/published">Published</a><a href="/databases">Databases</a><a href="/drive">Drive</a>${dashboard ? html`<a href="${dashboard}" id="dashboard-link">Runs dashboard ↗</a>` : ''}</nav>
<form class="who" method="post" action="/as">
<label>You are: <select name="person" aria-label="You are">${f.people.map((p) => html`<option value="${p.id}"${p.id === f.person?.id ? html` selected` : ''}>${p.name}</option>`)}</select></label>
<input type="hidden" name="back" value="${f.path}"><button type="submit">Switch</button>
</form>
<form method="post" action="/sync" title="Runs the Worker's scheduled handler once, as Cloudflare's cron does every minute and npm start does">
<input type="hidden" name="back" value="${f.path}"><button type="submit" id="sync-now">Sync now</button>
</form>
</header>
<main>
${f.notice ? html`<p class="notice" role="status">${f.notice}</p>` : ''}
${f.error ? html`<p class="error" role="alert">${f.error}</p>` : ''}
${body}
${f.live ? html`<p class="muted" id="refresh-note">Baton is working on something: this page refreshes every ${REFRESH_SECONDS} s while you are not editing.</p><script>${REFRESH_SCRIPT}</script>` : ''}
</main>
</body>
</html>`;
}
