// Publishing an approved output: a dated Notion page under the row's Output page and a Google
// Doc of the same name in its Output folder, each exactly once per Run ID.
//
// Notion offers no idempotency key, so the Run ID is the key: the create goes through
// `createOnce` (adapters/notion-retry.ts), which after a doubtful answer (5xx, 529, timeout)
// looks for a child page of that title whose provenance block holds this Run ID before trying
// again. A step replayed after a crash looks up first only when a create may already have been
// sent (the caller knows from D1). Drive files are found by an appProperty (Drive does not
// dedupe names); Drive creates are never retried blind either (adapters/drive.ts).
//
// Cost: a first attempt lists nothing — the D1 records (`published-page`, `published-page-sent`:
// engine/publish-step.ts) are the duplicate check, so a run's publish does not grow with the
// Output page's history. Only a retry after a doubtful answer lists the Output page's children.
// Notion's search is not used for that lookup: "Search indexing is not immediate"
// (developers.notion.com/reference/search-optimizations-and-limitations), so a page created a
// second ago may be missing from it — exactly the page a retry must find.
import type { DriveAdapter, DriveFile } from '../adapters/drive';
import type { NotionAdapter } from '../adapters/notion';

export const RUN_ID_APP_PROPERTY = 'batonRunId';

export interface PublishInput {
  runId: string;
  title: string;
  /** The approved text followed by the provenance block. */
  markdown: string;
  /** A create for this run may have been sent before: look it up first. */
  mayExist: boolean;
}

/** A Doc of one part of a published set: found again by this appProperty, "<run id>/<step id>". */
export const PART_APP_PROPERTY = 'batonPart';

export interface PublishPartInput extends PublishInput {
  /** The plan step whose output this Doc holds ("step-2"); null for the run's one Doc. */
  part: string | null;
}

export interface PublishedPage {
  id: string;
  url: string;
}

export async function findPublishedPage(notion: NotionAdapter, parentPageId: string, title: string, runId: string): Promise<PublishedPage | null> {
  for (const child of await notion.listChildPages(parentPageId)) {
    if (child.title !== title) continue;
    const { markdown } = await notion.readMarkdown(child.id);
    if (markdown.includes(`Run ID: ${runId}`)) {
      const page = await notion.retrievePage(child.id);
      return { id: page.id, url: page.url };
    }
  }
  return null;
}

export async function publishNotionPage(notion: NotionAdapter, parentPageId: string, input: PublishInput): Promise<PublishedPage> {
  const lookup = () => findPublishedPage(notion, parentPageId, input.title, input.runId);
  if (input.mayExist) {
    const found = await lookup();
    if (found) return found;
  }
  const page = await notion.createPage(
    {
      parent: { type: 'page_id', page_id: parentPageId },
      properties: { title: { title: [{ type: 'text', text: { content: input.title } }] } },
      markdown: input.markdown,
    },
    async () => {
      const found = await lookup();
      return found ? notion.retrievePage(found.id) : null;
    },
  );
  return { id: page.id, url: page.url };
}

export async function publishGoogleDoc(drive: DriveAdapter, folderId: string, input: PublishInput | PublishPartInput): Promise<DriveFile> {
  const part = 'part' in input && input.part !== null ? `${input.runId}/${input.part}` : null;
  if (input.mayExist) {
    const existing = part === null ? await drive.findByAppProperty(RUN_ID_APP_PROPERTY, input.runId) : await drive.findByAppProperty(PART_APP_PROPERTY, part);
    if (existing) return existing;
  }
  // Every Doc carries the Run ID (the Drive trigger skips Baton's own outputs by it); a part also its own key.
  const appProperties = { [RUN_ID_APP_PROPERTY]: input.runId, ...(part === null ? {} : { [PART_APP_PROPERTY]: part }) };
  return drive.createDoc({ name: input.title, parentId: folderId, markdown: input.markdown, appProperties });
}
