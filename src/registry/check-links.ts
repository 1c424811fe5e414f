// The link checks that need Notion and Drive: is each linked page, file and folder visible to
// Baton, the right kind of thing, and inside the allowed roots (allowed-roots.ts decides that)?
// A row trigger's database is checked too: shared, inside the allowed roots, and its (first) data
// source has the named column, holding the named value (Notion 2025-09-03: the database lists its
// data sources, the schema is on the data source).
//
// A rate limit or outage throws (the sync leaves the row for the next tick); every other answer
// becomes a problem on the row.
import type { Services } from '../services';
import type { DataSourceObjectResponse } from '@notionhq/client';
import type { ContextReference, RowTrigger, WorkflowDefinition } from '../domain/workflow-definition';
import { isNotionNotFound } from '../adapters/notion';
import { FOLDER_MIME } from '../adapters/drive';
import { createRootsGuard, type RootsGuard } from './allowed-roots';
import { rowProblem, type LinkField, type RowProblem } from './row-problem';
import { checkboxValue } from './trigger-text';

export interface LinkChecker {
  check(definition: WorkflowDefinition): Promise<RowProblem[]>;
  /**
   * The definition with each Drive link that was pasted bare (its label is its URL) labelled with
   * the folder's or file's name, as check() read it: Health and the dashboard then say "Closed-won
   * deals", not a drive.google.com address. No request of its own (the look-ups are cached).
   */
  named(definition: WorkflowDefinition): Promise<WorkflowDefinition>;
}

/** One checker per sync: its look-ups are cached for that sync only. */
export function createLinkChecker(services: Services, guard: RootsGuard = createRootsGuard(services)): LinkChecker {
  async function checkOne(field: LinkField, ref: ContextReference): Promise<RowProblem[]> {
    if (ref.kind !== 'drive_folder' && ref.kind !== 'drive_file' && ref.kind !== 'notion_page') return [];
    const where = { field, label: ref.label, url: ref.url };
    if (ref.kind === 'notion_page') {
      if (!services.notion) return [notionRefusal('missing', where)];
      const standing = await guard.notion(ref.id);
      switch (standing) {
        case 'database':
          return [rowProblem({ kind: 'link_is_database', ...where })];
        case 'allowed':
          return [];
        default:
          return [notionRefusal(standing, where)];
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

  async function checkRowTrigger(trigger: RowTrigger): Promise<RowProblem[]> {
    const where = { field: 'Trigger', label: trigger.label, url: trigger.url } as const;
    const notShared = [notionRefusal('missing', where)];
    const notion = services.notion;
    if (!notion) return notShared;
    const standing = await guard.notionDatabase(trigger.databaseId);
    if (standing === 'page') return [rowProblem({ kind: 'trigger_link_not_database', label: trigger.label, url: trigger.url, found: 'notion_page' })];
    if (standing !== 'allowed') return [notionRefusal(standing, where)];
    const database = await guard.database(trigger.databaseId);
    const name = database?.title.trim() || trigger.label;
    const dataSourceId = database?.dataSourceIds[0];
    if (!dataSourceId) return [rowProblem({ kind: 'trigger_property_missing', database: name, property: trigger.property, available: [] })];
    let source: DataSourceObjectResponse;
    try {
      source = await notion.retrieveDataSource(dataSourceId);
    } catch (error) {
      if (isNotionNotFound(error)) return notShared;
      throw error;
    }
    if (source.in_trash) return [rowProblem({ kind: 'page_trashed', ...where })];
    return propertyProblems(name, trigger, Object.values(source.properties));
  }

  return {
    async check(definition) {
      const refs: [LinkField, ContextReference | null][] = [
        ...definition.context.map((ref): [LinkField, ContextReference] => ['Context', ref]),
        ['Watch folder', definition.watchFolder],
        ['Output folder', definition.outputFolder],
        ['Output page', definition.outputPage],
        ['Trial folder', definition.trialFolder],
        ['Trial page', definition.trialPage],
        ['Human version', definition.humanVersion],
      ];
      const problems: RowProblem[] = [];
      for (const [field, ref] of refs) if (ref) problems.push(...(await checkOne(field, ref)));
      if (definition.rowTrigger) problems.push(...(await checkRowTrigger(definition.rowTrigger)));
      return problems;
    },
    async named(definition) {
      const name = async <T extends ContextReference | null>(ref: T): Promise<T> => {
        if (!ref || (ref.kind !== 'drive_folder' && ref.kind !== 'drive_file') || ref.label !== ref.url || !services.drive) return ref;
        const file = await guard.driveFile(ref.id);
        return file && !file.trashed && file.name ? { ...ref, label: file.name } : ref;
      };
      return {
        ...definition,
        context: await Promise.all(definition.context.map(name)),
        watchFolder: await name(definition.watchFolder),
        outputFolder: await name(definition.outputFolder),
        trialFolder: await name(definition.trialFolder),
      };
    },
  };
}

type PropertyConfig = DataSourceObjectResponse['properties'][string];

// Kinds whose value the trigger code reads as text and compares (src/triggers/row-match.ts).
const TEXT_KINDS = new Set(['title', 'rich_text', 'number', 'url', 'email', 'phone_number', 'formula', 'date', 'people']);
const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The named column exists (any case), can be compared with a value, and the value is one of its options. */
export function propertyProblems(database: string, trigger: RowTrigger, properties: readonly PropertyConfig[]): RowProblem[] {
  const property = properties.find((p) => normalise(p.name) === normalise(trigger.property));
  if (!property) return [rowProblem({ kind: 'trigger_property_missing', database, property: trigger.property, available: properties.map((p) => p.name) })];
  const unknown = (type: 'select' | 'status' | 'multi_select' | 'checkbox', options: string[]) =>
    rowProblem({ kind: 'trigger_value_unknown', database, property: property.name, value: trigger.value, type, options });
  const oneOf = (options: { name: string }[]) => options.some((o) => normalise(o.name) === normalise(trigger.value));
  switch (property.type) {
    case 'select':
      return oneOf(property.select.options) ? [] : [unknown('select', property.select.options.map((o) => o.name))];
    case 'status':
      return oneOf(property.status.options) ? [] : [unknown('status', property.status.options.map((o) => o.name))];
    case 'multi_select':
      return oneOf(property.multi_select.options) ? [] : [unknown('multi_select', property.multi_select.options.map((o) => o.name))];
    case 'checkbox':
      return checkboxValue(trigger.value) === null ? [unknown('checkbox', ['checked', 'unchecked'])] : [];
    default:
      return TEXT_KINDS.has(property.type) ? [] : [rowProblem({ kind: 'trigger_property_unsupported', database, property: property.name, type: property.type })];
  }
}

/** Why a Notion page or database link may not be used; the same words for both. */
function notionRefusal(standing: 'missing' | 'trashed' | 'outside' | 'parent_hidden', where: { field: LinkField; label: string; url: string }): RowProblem {
  switch (standing) {
    case 'missing':
      return rowProblem({ kind: 'link_not_shared', ...where, service: 'notion', serviceAccountEmail: null });
    case 'trashed':
      return rowProblem({ kind: 'page_trashed', ...where });
    case 'outside':
      return rowProblem({ kind: 'link_outside_allowed_roots', ...where, service: 'notion' });
    case 'parent_hidden':
      return rowProblem({ kind: 'link_parent_not_shared', ...where });
  }
}
