// Publishing an approved output: a dated Notion page under the row's Output page and a Google
// Doc of the same name in its Output folder. Each looks its Run ID up before creating, so a
// step retried after a failure that happened after the create (a 5xx, a timeout) never makes
// a second copy. Notion child pages are found by title, then confirmed by the Run ID line of
// their provenance block; Drive files by an appProperty (Drive does not dedupe names).
import type { DriveAdapter, DriveFile } from '../adapters/drive';
import type { NotionAdapter } from '../adapters/notion';

export const RUN_ID_APP_PROPERTY = 'batonRunId';

export interface PublishInput {
  runId: string;
  title: string;
  /** The approved text followed by the provenance block. */
  markdown: string;
}

export interface PublishedPage {
  id: string;
  url: string;
}

export async function publishNotionPage(notion: NotionAdapter, parentPageId: string, input: PublishInput): Promise<PublishedPage> {
  for (const child of await notion.listChildPages(parentPageId)) {
    if (child.title !== input.title) continue;
    const { markdown } = await notion.readMarkdown(child.id);
    if (markdown.includes(`Run ID: ${input.runId}`)) {
      const page = await notion.retrievePage(child.id);
      return { id: page.id, url: page.url };
    }
  }
  const page = await notion.createPage({
    parent: { type: 'page_id', page_id: parentPageId },
    properties: { title: { title: [{ type: 'text', text: { content: input.title } }] } },
    markdown: input.markdown,
  });
  return { id: page.id, url: page.url };
}

export async function publishGoogleDoc(drive: DriveAdapter, folderId: string, input: PublishInput): Promise<DriveFile> {
  const existing = await drive.findByAppProperty(RUN_ID_APP_PROPERTY, input.runId);
  if (existing) return existing;
  return drive.createDoc({ name: input.title, parentId: folderId, markdown: input.markdown, appProperties: { [RUN_ID_APP_PROPERTY]: input.runId } });
}
