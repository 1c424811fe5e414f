// The workflows a chain ("when <workflow> publishes") may name, for one registry sync: every
// cached definition that is not trashed, whatever its state, read from D1 once (lazily, only when
// a row needs it) and kept current as the sync reads rows. Rows the sync has queried but not yet
// read count by their page's title, so two rows created together can name each other.
import type { PageObjectResponse } from '@notionhq/client';
import type { Store } from '../adapters/store';
import type { ChainNode } from './chain-loop';
import { RowProblem } from './row-problem';

export interface DirectoryEntry extends ChainNode {
  /** The row's cached problems include a chain problem (unknown workflow, loop). */
  chainProblem: boolean;
}

export interface WorkflowDirectory {
  entries(): Promise<DirectoryEntry[]>;
  /** A row read in this sync (its new definition), or one that is gone (`null`). */
  update(pageId: string, entry: DirectoryEntry | null): void;
}

export function createWorkflowDirectory(store: Pick<Store, 'definitionIds' | 'getDefinition'>, queried: readonly PageObjectResponse[] = []): WorkflowDirectory {
  const changes = new Map<string, DirectoryEntry | null>();
  let loaded: Promise<Map<string, DirectoryEntry>> | undefined;
  const load = async () => {
    const entries = new Map<string, DirectoryEntry>();
    for (const id of await store.definitionIds()) {
      const stored = await store.getDefinition(id);
      if (!stored || stored.in_trash) continue;
      const name = stored.definition_json?.name ?? stored.name;
      if (name === '') continue;
      const chainProblem = (stored.problems_json ?? []).some((p) => {
        const parsed = RowProblem.safeParse(p);
        return parsed.success && (parsed.data.kind === 'chain_unknown_workflow' || parsed.data.kind === 'chain_loop');
      });
      entries.set(id, { pageId: id, name, afterWorkflow: stored.definition_json?.afterWorkflow ?? null, chainProblem });
    }
    // A queried row not cached yet is known by its title until it is read.
    for (const row of queried) {
      const name = titleOf(row);
      if (row.in_trash) entries.delete(row.id);
      else if (!entries.has(row.id) && name !== '') entries.set(row.id, { pageId: row.id, name, afterWorkflow: null, chainProblem: false });
    }
    return entries;
  };
  return {
    async entries() {
      loaded ??= load();
      loaded.catch(() => (loaded = undefined));
      const entries = new Map(await loaded);
      for (const [id, entry] of changes) {
        if (entry) entries.set(id, entry);
        else entries.delete(id);
      }
      return [...entries.values()];
    },
    update(pageId, entry) {
      changes.set(pageId, entry);
    },
  };
}

function titleOf(row: PageObjectResponse): string {
  for (const property of Object.values(row.properties)) {
    if (property.type === 'title') return property.title.map((t) => t.plain_text).join('').trim();
  }
  return '';
}
