// Which view a GET address shows, and the reads it takes. /notion/<anything ending in a page id>
// and /drive/<file id> are the addresses the stand-ins' links point at (links.ts).
import { APIResponseError, type PageObjectResponse } from '@notionhq/client';
import { html, type SafeHtml } from './html';
import { compactId, idAtEnd, notionIdFromLink } from './links';
import { driveHome, fileView, folderView } from './drive-views';
import { FOLDER_MIME } from './drive-source';
import type { Person } from './notion-source';
import { titleOf } from './notion-source';
import { databasesView, databaseView, publishedView, runsView, workflowsView, type PublishedGroup } from './notion-views';
import { pageView } from './page-view';
import { propertyText } from './properties';
import type { Workspace } from './workspace';

export type View = { status?: number; title: string; body: SafeHtml } | { redirect: string };

const notFound = (what: string): View => ({ status: 404, title: 'Not found', body: html`<h1>Not found</h1><p>${what}</p>` });

export async function views(ws: Workspace, url: URL, people: Person[]): Promise<View> {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const back = path;
  if (path === '/') {
    const { workflows } = await ws.baton();
    if (!workflows) return notFound('The integration sees no Workflows database: run `npm run setup`, or share it with Baton.');
    // Folder names for the Watch folder links; without Drive the links show as addresses.
    const listing = await ws.drive.listing().catch(() => undefined);
    const names = new Map(listing?.files.map((f) => [f.id, f.name]) ?? []);
    return { title: 'Workflows', body: workflowsView(workflows, await ws.notion.rows(workflows.id), people, names) };
  }
  if (path === '/runs') {
    const { workflows, runs } = await ws.baton();
    if (!runs) return notFound('The integration sees no Runs database.');
    const names = new Map((workflows ? await ws.notion.rows(workflows.id) : []).map((r) => [r.id, titleOf(r)]));
    return { title: 'Runs', body: runsView(runs, await ws.notion.rows(runs.id), people, names) };
  }
  if (path === '/published') return { title: 'Published', body: publishedView(await published(ws)) };
  if (path === '/databases') return { title: 'Databases', body: databasesView(await ws.notion.dataSources()) };
  const database = /^\/databases\/([^/]+)$/.exec(path);
  if (database) {
    const id = idAtEnd(database[1]!);
    if (!id) return notFound(`${database[1]} is not a database id.`);
    const schema = await ws.notion.dataSource(id);
    return { title: titleOf(schema), body: databaseView(schema, await ws.notion.rows(id), people, back) };
  }
  if (path.startsWith('/notion/')) {
    const id = idAtEnd(path);
    if (!id) return notFound('This address does not end in a Notion page id.');
    return notionPage(ws, id, people, back);
  }
  if (path === '/drive') return { title: 'Drive', body: driveHome(await ws.drive.listing()) };
  const drive = /^\/drive\/([^/]+)$/.exec(path);
  if (drive) {
    const listing = await ws.drive.listing();
    const id = drive[1]!;
    const file = listing.files.find((f) => f.id === id);
    const sharedDrive = listing.drives.find((d) => d.id === id);
    if (sharedDrive) return { title: sharedDrive.name, body: folderView(listing, sharedDrive, back) };
    if (!file) return notFound(`No file or folder ${id} in Drive (it may be in the trash).`);
    if (file.mimeType === FOLDER_MIME) return { title: file.name, body: folderView(listing, file, back) };
    return { title: file.name, body: fileView(listing, file, await ws.drive.content(file)) };
  }
  return notFound(`Nothing at ${path}.`);
}

async function notionPage(ws: Workspace, id: string, people: Person[], back: string): Promise<View> {
  let page: PageObjectResponse;
  try {
    page = await ws.notion.page(id);
  } catch (error) {
    // A database's address opens its table (Notion answers 400 "… is a database, not a page").
    if (error instanceof APIResponseError && error.code === 'validation_error') {
      const source = await ws.notion.dataSourceOfDatabase(id).catch(() => undefined);
      if (source) return { redirect: `/databases/${compactId(source)}` };
    }
    if (error instanceof APIResponseError && error.code === 'object_not_found') return notFound(`Notion has no page ${id} that Baton's integration can see.`);
    throw error;
  }
  const schema = page.parent.type === 'data_source_id' ? await ws.notion.dataSource(page.parent.data_source_id) : undefined;
  const [markdown, children, comments] = await Promise.all([ws.notion.markdown(id), ws.notion.childPages(id), ws.notion.comments(id)]);
  const relatedIds = Object.values(page.properties).flatMap((p) => (p.type === 'relation' ? p.relation.map((r) => r.id) : []));
  const related = new Map<string, string>();
  for (const relatedId of relatedIds) {
    const title = await ws.notion.page(relatedId).then(titleOf, () => undefined);
    if (title) related.set(relatedId, title);
  }
  return { title: titleOf(page), body: pageView({ page, schema, markdown, children, comments, people, related, back }) };
}

/** Each workflow's Output page and the pages under it. */
async function published(ws: Workspace): Promise<PublishedGroup[]> {
  const { workflows } = await ws.baton();
  if (!workflows) return [];
  const groups: PublishedGroup[] = [];
  for (const workflow of await ws.notion.rows(workflows.id)) {
    const link = workflow.properties['Output page'] ? propertyText(workflow.properties['Output page']) : '';
    const pageId = link ? notionIdFromLink(link) : undefined;
    if (!pageId) {
      groups.push({ workflow, pages: [], problem: link ? `Its Output page (${link}) is not a Notion page address.` : 'It has no Output page.' });
      continue;
    }
    try {
      const outputPage = await ws.notion.page(pageId);
      groups.push({ workflow, outputPage: { id: outputPage.id, title: titleOf(outputPage) }, pages: await ws.notion.childPages(pageId) });
    } catch (error) {
      groups.push({ workflow, pages: [], problem: `Its Output page could not be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return groups;
}
