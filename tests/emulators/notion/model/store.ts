// The in-memory workspace: lookups, ordered children, stamps and the ancestor chain that
// sharing follows. Mutations go through here so the state folder can be rewritten after each.
import { type Clock, minuteFloor } from '../clock';
import { NOTION_WEB } from '../ids';
import { plainText } from '../rich-text';
import type {
  Stamp,
  StoredBlock,
  StoredDatabase,
  StoredDataSource,
  StoredIntegration,
  StoredPage,
  StoredState,
  StoredUser,
} from './types';

export type ObjectKind = 'page' | 'database' | 'data_source' | 'block';

export class Store {
  constructor(
    public state: StoredState,
    readonly clock: Clock,
    private readonly onChange: (state: StoredState) => void = () => {},
    /** The base of every `url` and mention `href` (Notion's web app unless the demo says otherwise). */
    readonly webBase = NOTION_WEB,
  ) {}

  /** Call after every mutation; persists when a state folder is configured. */
  changed(): void {
    this.onChange(this.state);
  }

  nowMinute(): string {
    return minuteFloor(this.clock.now());
  }

  stamp(actorId: string): Stamp {
    const at = this.nowMinute();
    return { created_time: at, last_edited_time: at, created_by: actorId, last_edited_by: actorId };
  }

  touch(target: Stamp | StoredDatabase, actorId: string): void {
    target.last_edited_time = this.nowMinute();
    if ('last_edited_by' in target) target.last_edited_by = actorId;
  }

  nextSeq(): number {
    const seq = this.state.nextSeq;
    this.state.nextSeq += 1;
    return seq;
  }

  page(id: string): StoredPage | undefined {
    return this.state.pages[id];
  }

  database(id: string): StoredDatabase | undefined {
    return this.state.databases[id];
  }

  dataSource(id: string): StoredDataSource | undefined {
    return this.state.dataSources[id];
  }

  block(id: string): StoredBlock | undefined {
    return this.state.blocks[id];
  }

  user(id: string): StoredUser | undefined {
    return this.state.users[id];
  }

  integrationByToken(token: string): StoredIntegration | undefined {
    return this.state.integrations.find((i) => i.token === token);
  }

  integrationByBot(botId: string): StoredIntegration | undefined {
    return this.state.integrations.find((i) => i.botId === botId);
  }

  kindOf(id: string): ObjectKind | undefined {
    if (this.state.pages[id]) return 'page';
    if (this.state.databases[id]) return 'database';
    if (this.state.dataSources[id]) return 'data_source';
    if (this.state.blocks[id]) return 'block';
    return undefined;
  }

  childIds(parentId: string): string[] {
    return this.state.children[parentId] ?? [];
  }

  /** Inserts ids under a parent: at the end, at the start, or after a sibling. */
  insertChildren(parentId: string, ids: string[], position: { after?: string; start?: boolean } = {}): void {
    const list = [...this.childIds(parentId)];
    let index = list.length;
    if (position.start) index = 0;
    else if (position.after !== undefined) index = list.indexOf(position.after) + 1;
    list.splice(index, 0, ...ids);
    this.state.children[parentId] = list;
  }

  removeChild(parentId: string, id: string): void {
    this.state.children[parentId] = this.childIds(parentId).filter((c) => c !== id);
  }

  /** The parent of any object, following Notion's hierarchy (page → data source → database → page). */
  parentOf(id: string): string | undefined {
    const page = this.state.pages[id];
    if (page) {
      if (page.parent.type === 'page_id') return page.parent.page_id;
      if (page.parent.type === 'data_source_id') return page.parent.data_source_id;
      return undefined;
    }
    const block = this.state.blocks[id];
    if (block) return block.parentId;
    const dataSource = this.state.dataSources[id];
    if (dataSource) return dataSource.databaseId;
    const database = this.state.databases[id];
    if (database && database.parent.type === 'page_id') return database.parent.page_id;
    return undefined;
  }

  /** The object itself, then each ancestor up to the workspace. */
  lineage(id: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = id;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = this.parentOf(current);
    }
    return chain;
  }

  /** The page a block belongs to (itself when given a page id). */
  owningPage(id: string): StoredPage | undefined {
    return this.lineage(id)
      .map((c) => this.state.pages[c])
      .find((p): p is StoredPage => p !== undefined);
  }

  titlePropertyId(page: StoredPage): string {
    if (page.parent.type !== 'data_source_id') return 'title';
    const ds = this.state.dataSources[page.parent.data_source_id];
    return ds?.properties.find((p) => p.type === 'title')?.id ?? 'title';
  }

  pageTitle(page: StoredPage): string {
    const value = page.properties[this.titlePropertyId(page)];
    return value?.type === 'title' ? plainText(value.title, this) : '';
  }

  databaseTitle(database: StoredDatabase): string {
    return plainText(database.title, this);
  }

  /** Whether the object or one of its ancestors is in the trash. */
  inTrash(id: string): boolean {
    return this.lineage(id).some((c) => {
      const o = this.state.pages[c] ?? this.state.blocks[c] ?? this.state.databases[c] ?? this.state.dataSources[c];
      return o?.in_trash === true;
    });
  }
}
