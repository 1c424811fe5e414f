// The link checks that need Notion and Drive: is each linked page, file and folder visible to
// Baton, the right kind of thing, and inside the allowed roots?
//
// Allowed roots are a security boundary: anyone who can edit the registry could otherwise make
// Baton copy a file they cannot see into a page they can. With no roots configured, nothing is
// allowed. Ancestry walks are cached for one sync and capped in depth.
import type { Services } from '../services';
import type { ContextReference, WorkflowDefinition } from '../domain/workflow-definition';
import { DriveError, FOLDER_MIME, type DriveFile } from '../adapters/drive';
import { isNotionNotFound } from '../adapters/notion';
import { rowProblem, type LinkField, type RowProblem } from './row-problem';

const MAX_DEPTH = 12;

export interface LinkChecker {
  check(definition: WorkflowDefinition): Promise<RowProblem[]>;
}

export function createLinkChecker(services: Services): LinkChecker {
  const driveRoots = new Set(services.config.allowedDriveRoots);
  const notionRoots = new Set(services.config.allowedNotionPages.map(normalizeId));
  const driveCache = new Map<string, Promise<DriveFile | null>>();
  const notionAllowed = new Map<string, Promise<'allowed' | 'outside' | 'missing' | 'trashed'>>();

  const driveFile = (id: string) => {
    let hit = driveCache.get(id);
    if (!hit) {
      hit = services.drive!.getFile(id).catch((error: unknown) => {
        if (error instanceof DriveError && error.notFound) return null;
        throw error;
      });
      driveCache.set(id, hit);
    }
    return hit;
  };

  async function driveAllowed(file: DriveFile): Promise<boolean> {
    let current: DriveFile | null = file;
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      if (driveRoots.has(current.id) || (current.driveId && driveRoots.has(current.driveId))) return true;
      const parentId: string | undefined = current.parents[0];
      current = parentId ? await driveFile(parentId) : null;
    }
    return false;
  }

  function notionStatus(pageId: string) {
    let hit = notionAllowed.get(pageId);
    if (!hit) {
      hit = walkNotion(pageId);
      notionAllowed.set(pageId, hit);
    }
    return hit;
  }

  async function walkNotion(pageId: string): Promise<'allowed' | 'outside' | 'missing' | 'trashed'> {
    const notion = services.notion!;
    let page;
    try {
      page = await notion.retrievePage(pageId);
    } catch (error) {
      if (isNotionNotFound(error)) return 'missing';
      throw error;
    }
    if (page.in_trash) return 'trashed';
    let id: string | null = page.id;
    let parent = page.parent;
    for (let depth = 0; id && depth < MAX_DEPTH; depth++) {
      if (notionRoots.has(normalizeId(id))) return 'allowed';
      if (parent.type === 'page_id') {
        id = parent.page_id;
        parent = (await notion.retrievePage(id)).parent;
      } else if (parent.type === 'data_source_id' || parent.type === 'database_id') {
        const database = await notion.retrieveDatabase(parent.database_id);
        if (notionRoots.has(normalizeId(database.id))) return 'allowed';
        id = database.parentPageId;
        if (id) parent = (await notion.retrievePage(id)).parent;
      } else {
        id = null;
      }
    }
    return 'outside';
  }

  async function checkOne(field: LinkField, ref: ContextReference): Promise<RowProblem[]> {
    if (ref.kind !== 'drive_folder' && ref.kind !== 'drive_file' && ref.kind !== 'notion_page') return [];
    const where = { field, label: ref.label, url: ref.url };
    if (ref.kind === 'notion_page') {
      if (!services.notion) return [rowProblem({ kind: 'link_not_shared', ...where, service: 'notion', serviceAccountEmail: null })];
      const status = await notionStatus(ref.id);
      if (status === 'missing') return [rowProblem({ kind: 'link_not_shared', ...where, service: 'notion', serviceAccountEmail: null })];
      if (status === 'trashed') return [rowProblem({ kind: 'page_trashed', ...where })];
      if (status === 'outside') return [rowProblem({ kind: 'link_outside_allowed_roots', ...where, service: 'notion' })];
      return [];
    }
    const email = services.config.google.serviceAccountEmail ?? null;
    if (!services.drive) return [rowProblem({ kind: 'link_not_shared', ...where, service: 'drive', serviceAccountEmail: email })];
    const file = await driveFile(ref.id);
    if (!file || file.trashed) return [rowProblem({ kind: 'link_not_shared', ...where, service: 'drive', serviceAccountEmail: email })];
    const problems: RowProblem[] = [];
    if (ref.kind === 'drive_folder' && file.mimeType !== FOLDER_MIME) problems.push(rowProblem({ kind: 'link_not_folder', ...where }));
    if (!(await driveAllowed(file))) problems.push(rowProblem({ kind: 'link_outside_allowed_roots', ...where, service: 'drive' }));
    return problems;
  }

  return {
    async check(definition) {
      const refs: [LinkField, ContextReference | null][] = [
        ...definition.context.map((ref): [LinkField, ContextReference] => ['Context', ref]),
        ['Watch folder', definition.watchFolder],
        ['Output folder', definition.outputFolder],
        ['Output page', definition.outputPage],
      ];
      const problems: RowProblem[] = [];
      for (const [field, ref] of refs) if (ref) problems.push(...(await checkOne(field, ref)));
      return problems;
    },
  };
}

function normalizeId(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}
