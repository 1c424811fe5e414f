// One property cell as a form, the way Notion lets a person change one cell at a time: a menu
// for select and status, a tick box, a people picker, a text field. Each form posts only its own
// property, so changing Feedback never re-sends Status (Baton takes whoever changed Status as
// the approver) and a stale copy of Health never overwrites Baton's.
import type { DataSourceObjectResponse } from '@notionhq/client';
import { html, safeHref, type SafeHtml } from './html';
import { compactId, localLink } from './links';
import type { Person } from './notion-source';
import { formValue, isEditable, optionsOf, propertyText, type PageProperty } from './properties';

type SchemaProperty = DataSourceObjectResponse['properties'][string];

export interface EditorContext {
  pageId: string;
  people: Person[];
  back: string;
}

function form(ctx: EditorContext, name: string, fields: SafeHtml, button: string): SafeHtml {
  return html`<form class="inline" method="post" action="/notion/${compactId(ctx.pageId)}/property" data-property="${name}">
<input type="hidden" name="property" value="${name}"><input type="hidden" name="back" value="${ctx.back}">${fields}
<button type="submit">${button}</button></form>`;
}

export function propertyEditor(ctx: EditorContext, name: string, p: PageProperty, schema: SchemaProperty | undefined): SafeHtml {
  if (!isEditable(p.type)) return html`<span>${propertyText(p, ctx.people)}</span>`;
  const value = formValue(p);
  const label = `${name}`;
  switch (p.type) {
    case 'select':
    case 'status': {
      const options = optionsOf(schema);
      const current = typeof value === 'string' ? value : '';
      return form(
        ctx,
        name,
        html`<select name="value" aria-label="${label}"><option value=""${current === '' ? html` selected` : ''}>—</option>${options.map((o) => html`<option${o === current ? html` selected` : ''}>${o}</option>`)}</select>`,
        'Set',
      );
    }
    case 'multi_select':
      return form(
        ctx,
        name,
        html`<select name="value" multiple aria-label="${label}">${optionsOf(schema).map((o) => html`<option${value.includes(o) ? html` selected` : ''}>${o}</option>`)}</select>`,
        'Set',
      );
    case 'checkbox':
      return form(ctx, name, html`<span>${p.checkbox ? '☑' : '☐'}</span> <input type="hidden" name="value" value="${String(!p.checkbox)}">`, p.checkbox ? `Untick ${name}` : `Tick ${name}`);
    case 'people':
      return form(
        ctx,
        name,
        html`<select name="value" multiple aria-label="${label}">${ctx.people.map((person) => html`<option value="${person.id}"${value.includes(person.id) ? html` selected` : ''}>${person.name}</option>`)}</select>`,
        'Set',
      );
    case 'rich_text':
      return form(ctx, name, html`<textarea name="value" rows="${Math.min(8, 1 + String(value).split('\n').length)}" aria-label="${label}">${value}</textarea>`, 'Save');
    default: {
      const current = typeof value === 'string' ? value : '';
      const input = p.type === 'number' ? html`<input type="number" step="any" name="value" value="${current}" aria-label="${label}">` : html`<input type="text" name="value" value="${current}" aria-label="${label}" size="40">`;
      const href = p.type === 'url' && current ? safeHref(localLink(current)) : undefined;
      return html`${form(ctx, name, input, 'Save')}${href ? html` <a href="${href}" data-open="${name}">Open</a>` : ''}`;
    }
  }
}
