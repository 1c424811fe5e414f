// One Notion page as a person opens it: its properties (each changeable on its own), its body
// (read, and editable as markdown in place — the way a reviewer edits a draft before approving),
// the pages inside it (published outputs), and its comments with a box to add one.
import type { CommentObjectResponse, DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';
import { html, type SafeHtml } from './html';
import { compactId } from './links';
import { markdownView } from './markdown-view';
import type { ChildPage, Person } from './notion-source';
import { titleOf } from './notion-source';
import { propertyEditor } from './property-editor';
import { formatTime } from './properties';

export interface PageViewInput {
  page: PageObjectResponse;
  /** The page's database schema, when it is a row. */
  schema?: DataSourceObjectResponse;
  markdown: string;
  children: ChildPage[];
  comments: CommentObjectResponse[];
  people: Person[];
  /** Titles of the pages its relation properties point at. */
  related: Map<string, string>;
  back: string;
}

export function pageView(v: PageViewInput): SafeHtml {
  const id = compactId(v.page.id);
  const properties = v.schema
    ? Object.entries(v.page.properties).map(
        ([name, p]) =>
          html`<tr data-property-row="${name}"><th>${name}</th><td>${
            p.type === 'relation'
              ? p.relation.map((r, i) => html`${i ? ', ' : ''}<a href="/notion/${compactId(r.id)}">${v.related.get(r.id) ?? r.id}</a>`)
              : propertyEditor({ pageId: v.page.id, people: v.people, back: v.back }, name, p, v.schema?.properties[name])
          }</td></tr>`,
      )
    : [];
  const author = (c: CommentObjectResponse) => v.people.find((p) => p.id === c.created_by.id)?.name ?? 'Baton (integration)';
  return html`<p class="muted">${v.schema ? html`In <a href="/databases/${compactId(v.schema.id)}">${titleOf(v.schema)}</a> · ` : ''}edited ${formatTime(v.page.last_edited_time)}</p>
<h1>${titleOf(v.page)}</h1>
${properties.length ? html`<table class="props">${properties}</table>` : ''}
<h2>Page</h2>
${v.markdown.trim() ? markdownView(v.markdown) : html`<p class="muted">This page is empty.</p>`}
${v.children.length ? html`<h2>Pages inside</h2><ul class="children">${v.children.map((c) => html`<li><a href="/notion/${compactId(c.id)}">${c.title}</a></li>`)}</ul>` : ''}
<details id="edit-body"><summary>Edit this page</summary>
<form method="post" action="/notion/${id}/body">
<input type="hidden" name="back" value="${v.back}">
<textarea name="markdown" rows="${Math.min(40, v.markdown.split('\n').length + 4)}" aria-label="Page body (markdown)">${v.markdown}</textarea>
<p><button type="submit">Save page</button> <span class="muted">Saved as you, the way Notion saves your typing; pages inside stay.</span></p>
</form></details>
<h2>Comments</h2>
${v.comments.length ? v.comments.map((c) => html`<div class="comment"><strong>${author(c)}</strong> <span class="muted">${formatTime(c.created_time)}</span><br>${c.rich_text.map((t) => t.plain_text).join('')}</div>`) : html`<p class="muted">No comments.</p>`}
<form method="post" action="/notion/${id}/comment">
<input type="hidden" name="back" value="${v.back}">
<textarea name="text" rows="2" aria-label="Add a comment"></textarea><button type="submit">Comment</button>
</form>`;
}
