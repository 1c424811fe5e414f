// The Notion databases as the team looks at them: the Workflows registry (with Baton's Health and
// Plan), the Runs database as a review queue, any other database as a table whose cells can be
// changed, and the pages published under each workflow's Output page.
import type { DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';
import { html, safeHref, type SafeHtml } from './html';
import { compactId, driveIdFromLink, localLink, notionIdFromLink } from './links';
import type { ChildPage, Person } from './notion-source';
import { titleOf } from './notion-source';
import { propertyEditor, type EditorContext } from './property-editor';
import { formatTime, propertyText } from './properties';

/** Run statuses in which Baton, not a person, has the next move (src/domain/run-status.ts). */
export const WORKING_STATUSES = ['Queued', 'Running', 'Approved', 'Publishing'];
export const WAITING_STATUSES = ['Needs review', 'Changes requested'];

const prop = (row: PageObjectResponse, name: string) => row.properties[name];
const textOf = (row: PageObjectResponse, name: string, people: Person[] = []) => {
  const p = prop(row, name);
  return p ? propertyText(p, people) : '';
};
const pageLink = (row: PageObjectResponse) => html`<a href="/notion/${compactId(row.id)}">${titleOf(row)}</a>`;

/** Names of Drive files and folders by id, for links people would otherwise read as raw addresses. */
export type LinkNames = Map<string, string>;

function urlCell(url: string, names: LinkNames = new Map()): SafeHtml {
  if (!url) return html``;
  const href = safeHref(localLink(url));
  const id = driveIdFromLink(url) ?? notionIdFromLink(url);
  const label = (id && names.get(id)) ?? url;
  return href ? html`<a href="${href}">${label}</a>` : html`${url}`;
}

function editor(row: PageObjectResponse, name: string, schema: DataSourceObjectResponse, people: Person[], back: string): SafeHtml {
  const p = prop(row, name);
  if (!p) return html``;
  const ctx: EditorContext = { pageId: row.id, people, back };
  return propertyEditor(ctx, name, p, schema.properties[name]);
}

export function workflowsView(schema: DataSourceObjectResponse, rows: PageObjectResponse[], people: Person[], names: LinkNames): SafeHtml {
  const starts = (row: PageObjectResponse) =>
    [
      ['Schedule', textOf(row, 'Schedule')],
      ['Watch folder', textOf(row, 'Watch folder')],
      ['Trigger', textOf(row, 'Trigger')],
    ]
      .filter(([, v]) => v)
      .map(([k, v]) => html`<div><span class="muted">${k}:</span> ${k === 'Watch folder' ? urlCell(v!, names) : v}</div>`);
  const body = rows.map(
    (row) => html`<tr data-row="${row.id}" data-name="${titleOf(row)}">
<td>${pageLink(row)}</td><td>${textOf(row, 'State')}</td><td>${starts(row)}</td><td>${textOf(row, 'Reviewer', people)}</td>
<td class="health">${textOf(row, 'Health') || html`<span class="muted">Not checked yet: Baton reads new rows at its next sync.</span>`}</td>
<td class="plan">${textOf(row, 'Plan')}</td><td>${editor(row, 'Run now', schema, people, '/')}</td><td>${textOf(row, 'Next run')}</td><td>${textOf(row, 'Last run')}</td></tr>`,
  );
  return html`<h1>Workflows</h1>
<p class="muted">One row per workflow. Open a row to edit its properties and its plain-language definition. Baton reads edits at its next sync and writes Health and Plan back: Cloudflare's cron runs it every minute; here, <strong>Sync now</strong> runs the Worker's scheduled handler once, the same call <code>npm start</code> makes each minute.</p>
<table id="workflows"><thead><tr><th>Name</th><th>State</th><th>Starts</th><th>Reviewer</th><th>Health</th><th>Plan</th><th>Run now</th><th>Next run</th><th>Last run</th></tr></thead>
<tbody>${body}</tbody></table>
${newRowForm(schema, '/')}`;
}

export function runsView(schema: DataSourceObjectResponse, rows: PageObjectResponse[], people: Person[], workflowNames: Map<string, string>): SafeHtml {
  const newest = [...rows].reverse();
  const workflow = (row: PageObjectResponse) => {
    const p = prop(row, 'Workflow');
    return p?.type === 'relation' ? p.relation.map((r) => workflowNames.get(r.id) ?? r.id).join(', ') : '';
  };
  const waiting = newest.filter((r) => WAITING_STATUSES.includes(textOf(r, 'Status')));
  const queue = waiting.map(
    (row) => html`<tr data-run="${row.id}"><td>${pageLink(row)}</td><td>${workflow(row)}</td><td class="status">${textOf(row, 'Status')}</td><td>${textOf(row, 'Reviewer', people)}</td><td>${formatTime(row.last_edited_time)}</td></tr>`,
  );
  const all = newest.map(
    (row) => html`<tr data-run="${row.id}" data-status="${textOf(row, 'Status')}"><td>${pageLink(row)}</td><td>${workflow(row)}</td><td>${editor(row, 'Status', schema, people, '/runs')}</td>
<td>${textOf(row, 'Reviewer', people)}</td><td>${textOf(row, 'Trigger')}</td><td>${textOf(row, 'Started')}</td><td>${textOf(row, 'Finished')}</td>
<td>${urlCell(textOf(row, 'Output page'))}${textOf(row, 'Output') ? html`<br>${urlCell(textOf(row, 'Output'))}` : ''}</td></tr>`,
  );
  return html`<h1>Runs</h1>
<h2>Waiting for review</h2>
${queue.length === 0
    ? html`<p class="muted">Nothing is waiting for a reviewer.</p>`
    : html`<table id="review-queue"><thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th>Reviewer</th><th>Waiting since (last change)</th></tr></thead><tbody>${queue}</tbody></table>`}
<p class="muted">To review: open the run, edit the draft in place if you like, then set Status to Approved — or to Changes requested with words in Feedback. Only the run's Reviewer may decide.</p>
<h2>All runs, newest first</h2>
${all.length === 0
    ? html`<p class="muted">No run yet. Tick Run now on a workflow, or wait for its schedule or trigger.</p>`
    : html`<table id="runs"><thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th>Reviewer</th><th>Trigger</th><th>Started</th><th>Finished</th><th>Output</th></tr></thead><tbody>${all}</tbody></table>`}`;
}

/** Any database: every property a column; select, status and checkbox cells changeable in place. */
export function databaseView(schema: DataSourceObjectResponse, rows: PageObjectResponse[], people: Person[], back: string): SafeHtml {
  const names = Object.keys(schema.properties);
  const inPlace = new Set(['select', 'status', 'checkbox']);
  const body = rows.map(
    (row) =>
      html`<tr data-row="${row.id}" data-name="${titleOf(row)}">${names.map((name) => {
        const p = prop(row, name);
        if (!p) return html`<td></td>`;
        if (p.type === 'title') return html`<td>${pageLink(row)}</td>`;
        if (inPlace.has(p.type)) return html`<td>${editor(row, name, schema, people, back)}</td>`;
        return html`<td>${p.type === 'url' ? urlCell(propertyText(p)) : propertyText(p, people)}</td>`;
      })}</tr>`,
  );
  return html`<h1>${titleOf(schema)}</h1>
<table class="database" data-database="${schema.id}"><thead><tr>${names.map((n) => html`<th>${n}</th>`)}</tr></thead><tbody>${body}</tbody></table>
${newRowForm(schema, back)}`;
}

function newRowForm(schema: DataSourceObjectResponse, back: string): SafeHtml {
  return html`<form method="post" action="/databases/${compactId(schema.id)}/rows" class="new-row">
<input type="hidden" name="back" value="${back}"><label>New row: <input name="title" size="40" placeholder="Name"></label> <button type="submit">Add</button></form>`;
}

export function databasesView(sources: DataSourceObjectResponse[]): SafeHtml {
  return html`<h1>Databases</h1><ul>${sources.map((s) => html`<li><a href="/databases/${compactId(s.id)}">${titleOf(s)}</a></li>`)}</ul>`;
}

export interface PublishedGroup {
  workflow: PageObjectResponse;
  outputPage?: { id: string; title: string };
  pages: ChildPage[];
  problem?: string;
}

export function publishedView(groups: PublishedGroup[]): SafeHtml {
  return html`<h1>Published</h1>
<p class="muted">The pages under each workflow's Output page, newest last, as Notion's sidebar lists them.</p>
${groups.map(
  (g) => html`<h2>${titleOf(g.workflow)}</h2>
${g.problem ? html`<p class="muted">${g.problem}</p>` : ''}
${g.outputPage ? html`<p>Under <a href="/notion/${compactId(g.outputPage.id)}">${g.outputPage.title}</a></p>` : ''}
${g.pages.length ? html`<ul class="published">${g.pages.map((p) => html`<li><a href="/notion/${compactId(p.id)}">${p.title}</a></li>`)}</ul>` : g.outputPage ? html`<p class="muted">Nothing published yet.</p>` : ''}`,
)}`;
}
