// Reading the human-made version a trial run is compared with (the workflow's Human version).
//
// What the link may point at, and what is read:
// - a Google Doc (or any Drive text file): that file;
// - a Drive folder where the team's versions land: its newest Google Doc (by creation time), else
//   its newest text file; Baton's own Docs (they carry a Run ID appProperty) are skipped;
// - a Notion page: when it has child pages, the newest of them (by creation time) — a page under
//   which the team's versions land; otherwise the page itself — the version for this period.
//
// Allowed roots are enforced here, when the content is read, not only when the row was checked:
// a Human version moved outside them since is refused (allowed-roots.ts). Expected failures come
// back as plain words for the Run page comment; rate limits and outages throw for the step to retry.
import type { Services } from '../services';
import type { ContextReference } from '../domain/workflow-definition';
import { DOC_MIME, type DriveFile } from '../adapters/drive';
import { createRootsGuard, type RootsGuard } from '../registry/allowed-roots';
import { RUN_ID_APP_PROPERTY } from './publish';

export interface HumanVersion {
  title: string;
  url: string;
  markdown: string;
}

export type HumanVersionReading = { ok: true; version: HumanVersion } | { ok: false; reason: string };

const NEWEST = 20;

export async function readHumanVersion(services: Services, ref: ContextReference, guard: RootsGuard = createRootsGuard(services)): Promise<HumanVersionReading> {
  const refuse = (reason: string): HumanVersionReading => ({ ok: false, reason: `the Human version (${'url' in ref ? ref.url : ref.label}) ${reason}` });
  switch (ref.kind) {
    case 'drive_file':
    case 'drive_folder': {
      const drive = services.drive;
      if (!drive) return refuse('is in Google Drive, which is not connected to Baton');
      const item = await guard.driveFile(ref.id);
      if (!item) return refuse('was deleted or is not shared with Baton');
      if ((await guard.drive(item)) !== 'allowed') return refuse('is not inside the folders Baton may use (ALLOWED_DRIVE_ROOTS)');
      let file: DriveFile | undefined = item;
      if (ref.kind === 'drive_folder') {
        const files = (await drive.listFolder(ref.id, { newest: NEWEST })).filter((f) => !f.appProperties[RUN_ID_APP_PROPERTY]);
        file = files.find((f) => f.mimeType === DOC_MIME) ?? files[0];
        if (!file) return refuse('is a folder with no files in it yet');
      }
      const text = await drive.readText(file);
      if (text === null) return refuse(`points at ${file.name}, which is not a Doc or a text file`);
      return { ok: true, version: { title: file.name, url: file.webViewLink ?? ref.url, markdown: text } };
    }
    case 'notion_page': {
      const notion = services.notion;
      if (!notion) return refuse('is in Notion, which is not connected to Baton');
      const standing = await guard.notion(ref.id);
      if (standing !== 'allowed') return refuse(standing === 'outside' ? 'is not inside the pages Baton may use (ALLOWED_NOTION_PAGES)' : 'cannot be read: it is not shared with Baton, was deleted, or is not a page');
      const children = await notion.listChildPages(ref.id);
      let pageId = ref.id;
      let title = ref.label;
      if (children.length > 0) {
        const dated = await Promise.all(children.map(async (c) => ({ ...c, created: (await notion.retrievePage(c.id)).created_time })));
        // Ties (pages created in the same instant) go to the later child: Notion lists children in page order.
        const newest = dated.reduce((a, b) => (b.created >= a.created ? b : a));
        pageId = newest.id;
        title = newest.title;
      }
      const page = await notion.retrievePage(pageId);
      const { markdown } = await notion.readMarkdown(pageId);
      return { ok: true, version: { title: children.length > 0 ? title : pageTitle(page) ?? title, url: page.url, markdown } };
    }
    case 'previous_output':
    case 'trigger_file':
    case 'described':
      return refuse('is not a link to a Notion page, a Google Doc or a Drive folder');
  }
}

function pageTitle(page: { properties: Record<string, unknown> }): string | null {
  for (const value of Object.values(page.properties)) {
    const v = value as { type?: string; title?: { plain_text: string }[] };
    if (v.type === 'title' && v.title) return v.title.map((t) => t.plain_text).join('') || null;
  }
  return null;
}
