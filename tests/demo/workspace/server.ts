// Routing for the workspace page: GET shows a view, POST does one person's action and redirects
// back (post/redirect/get, so a reload never repeats it) with what happened in the address.
// Who is acting comes from the "You are" picker, remembered in a cookie.
import { APIResponseError } from '@notionhq/client';
import type { SafeHtml } from './html';
import { html } from './html';
import { addComment, addRow, changeProperty, editBody, syncNow, uploadFile, type ActionResult } from './actions';
import { BackForm, parseForm, PersonForm } from './forms';
import { frame } from './layout';
import { idAtEnd } from './links';
import { StandInError } from './notion-actions';
import type { Person } from './notion-source';
import { views, type View } from './views';
import type { Workspace } from './workspace';

export interface WorkspaceRequest {
  method: string;
  url: URL;
  cookie?: string;
  /** The Origin and Host headers: a form posted from another site is refused. */
  origin?: string;
  host?: string;
  body: string;
}

export interface WorkspaceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PERSON_COOKIE = 'workspace_person';

type Action = (ws: Workspace, person: Person, id: string, body: string) => Promise<ActionResult>;
const ACTIONS: [RegExp, Action][] = [
  [/^\/notion\/([^/]+)\/property$/, changeProperty],
  [/^\/notion\/([^/]+)\/body$/, editBody],
  [/^\/notion\/([^/]+)\/comment$/, addComment],
  [/^\/databases\/([^/]+)\/rows$/, addRow],
  [/^\/drive\/([^/]+)\/upload$/, uploadFile],
];

const redirect = (to: string, headers: Record<string, string> = {}): WorkspaceResponse => ({ status: 303, headers: { location: to, ...headers }, body: '' });

function withMessage(result: ActionResult): string {
  const to = new URL(result.back, 'http://workspace.invalid');
  to.searchParams.delete('notice');
  to.searchParams.delete('error');
  if (result.notice) to.searchParams.set('notice', result.notice);
  if (result.error) to.searchParams.set('error', result.error);
  return `${to.pathname}${to.search}`;
}

/** Why a view could not be read, in words: Notion's own message, or which service did not answer. */
function readFailure(error: unknown): string {
  if (error instanceof APIResponseError) return `Notion answered ${error.status}: ${error.message}`;
  if (error instanceof StandInError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `A stand-in did not answer (${message}). Is the local stack (npm start) still running?`;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function cookieValue(cookie: string | undefined, name: string): string | undefined {
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a mangled cookie: act as the first person, as with none
    }
  }
  return undefined;
}

export async function handleRequest(ws: Workspace, req: WorkspaceRequest, now: () => Date = () => new Date()): Promise<WorkspaceResponse> {
  const path = req.url.pathname;
  let people: Person[] = [];
  let peopleError: string | undefined;
  try {
    people = await ws.people();
  } catch (error) {
    peopleError = `The Notion stand-in did not list the team (${error instanceof Error ? error.message : String(error)}).`;
  }
  const chosen = req.url.searchParams.get('as') ?? cookieValue(req.cookie, PERSON_COOKIE);
  const person = people.find((p) => p.id === chosen) ?? people[0];

  if (req.method === 'POST') {
    // Browsers send Origin with every form POST: another site's page must not act here as the
    // person picked (the cookie is SameSite=Lax, but the first person would act instead).
    if (req.origin && req.origin !== 'null' && hostOf(req.origin) !== req.host) {
      return { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Forms are taken only from this page.\n' };
    }
    if (path === '/as') {
      const form = parseForm(PersonForm, req.body);
      if (!form.ok || !people.some((p) => p.id === form.value.person)) return redirect(withMessage({ back: form.ok ? form.value.back : '/', error: form.ok ? 'That person is not in this workspace.' : form.message }));
      const cookie = `${PERSON_COOKIE}=${encodeURIComponent(form.value.person)}; Path=/; SameSite=Lax; HttpOnly`;
      const name = people.find((p) => p.id === form.value.person)!.name;
      return redirect(withMessage({ back: form.value.back, notice: `You are now acting as ${name}.` }), { 'set-cookie': cookie });
    }
    if (path === '/sync') {
      const form = parseForm(BackForm, req.body);
      return redirect(withMessage(await syncNow(ws, form.ok ? form.value.back : '/', now())));
    }
    for (const [pattern, action] of ACTIONS) {
      const m = pattern.exec(path);
      if (!m) continue;
      const id = idAtEnd(m[1]!) ?? m[1]!;
      if (!person) return redirect(withMessage({ back: '/', error: peopleError ?? 'Nobody to act as: the workspace has no people.' }));
      return redirect(withMessage(await action(ws, person, id, req.body)));
    }
    return page(ws, req, person, people, { status: 404, title: 'Not found', body: html`<h1>Not found</h1><p>Nothing to post to at ${path}.</p>` });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, headers: { allow: 'GET, POST', 'content-type': 'text/plain' }, body: 'GET or POST only.\n' };

  let view: View;
  try {
    view = await views(ws, req.url, people);
  } catch (error) {
    view = { status: 502, title: 'Stand-in error', body: html`<h1>Could not show this</h1><p class="error">${readFailure(error)}</p>` };
  }
  if ('redirect' in view) return redirect(view.redirect);
  return page(ws, req, person, people, view, peopleError);
}

async function page(
  ws: Workspace,
  req: WorkspaceRequest,
  person: Person | undefined,
  people: Person[],
  view: { status?: number; title: string; body: SafeHtml },
  peopleError?: string,
): Promise<WorkspaceResponse> {
  const live = await ws.live().catch(() => false);
  const path = `${req.url.pathname}`;
  const text = frame(
    {
      title: view.title,
      path,
      person,
      people,
      workerUrl: ws.workerUrl,
      notice: req.url.searchParams.get('notice') ?? undefined,
      error: req.url.searchParams.get('error') ?? peopleError,
      live,
    },
    view.body,
  ).toString();
  // No caching: every view is a live reading of the stand-ins.
  return { status: view.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: text };
}
