// The forms' effects, each one thing a person does in Notion or Drive, done as that person
// through the stand-ins' person endpoints (notion-actions.ts, drive-source.ts) — never through
// Baton, so Baton learns of it the way it would in production: a webhook, a Drive push, or its
// next minute's reconcile. "Sync now" is the one call to the Worker: its scheduled handler, the
// same request `npm start` makes each minute for Cloudflare's cron.
import { BodyForm, CommentForm, NewRowForm, parseForm, PropertyForm, sheetRows, UploadForm } from './forms';
import { StandInError } from './notion-actions';
import { isUnchanged, propertyChange } from './properties';
import type { Workspace } from './workspace';
import type { Person } from './notion-source';

export interface ActionResult {
  back: string;
  notice?: string;
  error?: string;
}

const failed = (back: string, error: unknown): ActionResult => {
  if (error instanceof StandInError) return { back, error: error.message };
  // The Notion SDK's errors carry Notion's own message (never the token).
  if (error instanceof Error) return { back, error: `That did not work: ${error.message}` };
  return { back, error: 'That did not work.' };
};

const backOf = (body: string) => {
  const parsed = parseForm(BodyForm.pick({ back: true }), body);
  return parsed.ok ? parsed.value.back : '/';
};

export async function changeProperty(ws: Workspace, person: Person, pageId: string, body: string): Promise<ActionResult> {
  const form = parseForm(PropertyForm, body);
  if (!form.ok) return { back: backOf(body), error: form.message };
  const { back, property } = form.value;
  try {
    const page = await ws.notion.page(pageId);
    const current = page.properties[property];
    if (!current) return { back, error: `This page has no property “${property}”.` };
    if (isUnchanged(current, form.value)) return { back, notice: `${property} is already that; nothing was sent.` };
    const parent = page.parent.type === 'data_source_id' ? page.parent.data_source_id : undefined;
    const schema = parent ? (await ws.notion.dataSource(parent)).properties[property] : undefined;
    const change = propertyChange(current, schema, form.value);
    if (!change.ok) return { back, error: change.message };
    await ws.actions.setProperties(person.id, pageId, { [property]: change.request });
    return { back, notice: `${person.name} changed ${property}.` };
  } catch (error) {
    return failed(back, error);
  }
}

export async function editBody(ws: Workspace, person: Person, pageId: string, body: string): Promise<ActionResult> {
  const form = parseForm(BodyForm, body);
  if (!form.ok) return { back: backOf(body), error: form.message };
  try {
    await ws.actions.replaceBody(person.id, pageId, form.value.markdown.replace(/\r\n/g, '\n'));
    return { back: form.value.back, notice: `${person.name} saved the page.` };
  } catch (error) {
    return failed(form.value.back, error);
  }
}

export async function addComment(ws: Workspace, person: Person, pageId: string, body: string): Promise<ActionResult> {
  const form = parseForm(CommentForm, body);
  if (!form.ok) return { back: backOf(body), error: form.message };
  try {
    await ws.actions.comment(person.id, pageId, form.value.text);
    return { back: form.value.back, notice: `${person.name} commented.` };
  } catch (error) {
    return failed(form.value.back, error);
  }
}

export async function addRow(ws: Workspace, person: Person, dataSourceId: string, body: string): Promise<ActionResult> {
  const form = parseForm(NewRowForm, body);
  if (!form.ok) return { back: backOf(body), error: form.message };
  try {
    const schema = await ws.notion.dataSource(dataSourceId);
    const title = Object.entries(schema.properties).find(([, p]) => p.type === 'title')?.[0];
    if (!title) return { back: form.value.back, error: 'This database has no title property.' };
    await ws.actions.createRow(person.id, dataSourceId, title, form.value.title);
    return { back: form.value.back, notice: `${person.name} added “${form.value.title}”.` };
  } catch (error) {
    return failed(form.value.back, error);
  }
}

export async function uploadFile(ws: Workspace, person: Person, folderId: string, body: string): Promise<ActionResult> {
  const form = parseForm(UploadForm, body);
  if (!form.ok) return { back: backOf(body), error: form.message };
  const { back, name, kind, content } = form.value;
  if (!person.email) return { back, error: `${person.name} has no email address in Notion, so Drive cannot name them as the uploader.` };
  const as = { displayName: person.name, emailAddress: person.email };
  try {
    const made = kind === 'doc' ? { markdown: content } : kind === 'sheet' ? { rows: sheetRows(content) } : { text: content };
    await ws.drive.upload({ name, parentId: folderId, as, ...made });
    return { back, notice: `${person.name} uploaded “${name}”.` };
  } catch (error) {
    return failed(back, error);
  }
}

/** The Worker's cron handler, once, now (wrangler dev's /cdn-cgi/handler/scheduled; cloudflare.md). */
export async function syncNow(ws: Workspace, back: string, now: Date): Promise<ActionResult> {
  const url = `${ws.workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${now.getTime()}`;
  try {
    const res = await fetch(url);
    if (!res.ok) return { back, error: `The Worker's scheduled handler answered ${res.status}.` };
    return { back, notice: 'Ran the Worker’s scheduled handler once (what Cloudflare’s cron does every minute): Baton synced the rows and moved its runs along.' };
  } catch (error) {
    return { back, error: `The Worker did not answer at ${ws.workerUrl} (${error instanceof Error ? error.message : String(error)}).` };
  }
}
