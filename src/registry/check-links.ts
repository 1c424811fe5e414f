// The link checks that need Notion and Drive: is each linked page, file and folder visible to
// Baton, the right kind of thing, and inside the allowed roots (allowed-roots.ts decides that)?
//
// A rate limit or outage throws (the sync leaves the row for the next tick); every other answer
// becomes a problem on the row.
import type { Services } from '../services';
import type { ContextReference, WorkflowDefinition } from '../domain/workflow-definition';
import { FOLDER_MIME } from '../adapters/drive';
import { createRootsGuard, type RootsGuard } from './allowed-roots';
import { rowProblem, type LinkField, type RowProblem } from './row-problem';

export interface LinkChecker {
  check(definition: WorkflowDefinition): Promise<RowProblem[]>;
}

/** One checker per sync: its look-ups are cached for that sync only. */
export function createLinkChecker(services: Services, guard: RootsGuard = createRootsGuard(services)): LinkChecker {
  async function checkOne(field: LinkField, ref: ContextReference): Promise<RowProblem[]> {
    if (ref.kind !== 'drive_folder' && ref.kind !== 'drive_file' && ref.kind !== 'notion_page') return [];
    const where = { field, label: ref.label, url: ref.url };
    if (ref.kind === 'notion_page') {
      if (!services.notion) return [rowProblem({ kind: 'link_not_shared', ...where, service: 'notion', serviceAccountEmail: null })];
      const standing = await guard.notion(ref.id);
      switch (standing) {
        case 'missing':
          return [rowProblem({ kind: 'link_not_shared', ...where, service: 'notion', serviceAccountEmail: null })];
        case 'trashed':
          return [rowProblem({ kind: 'page_trashed', ...where })];
        case 'outside':
          return [rowProblem({ kind: 'link_outside_allowed_roots', ...where, service: 'notion' })];
        case 'parent_hidden':
          return [rowProblem({ kind: 'link_parent_not_shared', ...where })];
        case 'database':
          return [rowProblem({ kind: 'link_is_database', ...where })];
        case 'allowed':
          return [];
      }
    }
    const email = services.config.google.serviceAccountEmail ?? null;
    if (!services.drive) return [rowProblem({ kind: 'link_not_shared', ...where, service: 'drive', serviceAccountEmail: email })];
    const file = await guard.driveFile(ref.id);
    if (!file || file.trashed) return [rowProblem({ kind: 'link_not_shared', ...where, service: 'drive', serviceAccountEmail: email })];
    const problems: RowProblem[] = [];
    if (ref.kind === 'drive_folder' && file.mimeType !== FOLDER_MIME) problems.push(rowProblem({ kind: 'link_not_folder', ...where }));
    if ((await guard.drive(file)) !== 'allowed') problems.push(rowProblem({ kind: 'link_outside_allowed_roots', ...where, service: 'drive' }));
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
