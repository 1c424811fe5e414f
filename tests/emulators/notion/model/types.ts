// The stand-in's stored state: plain JSON, so it can be persisted to a state folder and
// reloaded. Responses are built from it per request (serialize/*), per API version.

export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: string;
}

export type StoredMention =
  | { type: 'user'; user: { id: string } }
  | { type: 'page'; page: { id: string } }
  | { type: 'database'; database: { id: string } }
  | { type: 'date'; date: StoredDate };

export type StoredRichText =
  | { type: 'text'; text: { content: string; link: { url: string } | null }; annotations: Annotations }
  | { type: 'mention'; mention: StoredMention; annotations: Annotations }
  | { type: 'equation'; equation: { expression: string }; annotations: Annotations };

export interface StoredDate {
  start: string;
  end: string | null;
  time_zone: string | null;
}

export interface StoredUser {
  id: string;
  type: 'person' | 'bot';
  name: string;
  avatar_url: string | null;
  email?: string;
}

export interface StoredIntegration {
  token: string;
  name: string;
  botId: string;
  /** Pages and databases shared with the integration; their descendants are visible too. */
  shared: string[];
}

export type PageParent =
  | { type: 'page_id'; page_id: string }
  | { type: 'data_source_id'; data_source_id: string; database_id: string }
  | { type: 'workspace'; workspace: true };

export type StoredIcon = { type: 'emoji'; emoji: string } | { type: 'external'; external: { url: string } };

export interface Stamp {
  created_time: string;
  last_edited_time: string;
  created_by: string;
  last_edited_by: string;
}

export interface StoredPage extends Stamp {
  id: string;
  seq: number;
  parent: PageParent;
  /** Keyed by property id; a page outside a data source has only "title". */
  properties: Record<string, StoredPropertyValue>;
  icon: StoredIcon | null;
  cover: { type: 'external'; external: { url: string } } | null;
  in_trash: boolean;
  is_archived: boolean;
  is_locked: boolean;
}

export type StoredPropertyValue =
  | { type: 'title'; title: StoredRichText[] }
  | { type: 'rich_text'; rich_text: StoredRichText[] }
  | { type: 'number'; number: number | null }
  | { type: 'url'; url: string | null }
  | { type: 'email'; email: string | null }
  | { type: 'phone_number'; phone_number: string | null }
  | { type: 'checkbox'; checkbox: boolean }
  | { type: 'select'; select: { id: string } | null }
  | { type: 'status'; status: { id: string } | null }
  | { type: 'multi_select'; multi_select: { id: string }[] }
  | { type: 'people'; people: { id: string }[] }
  | { type: 'relation'; relation: { id: string }[] }
  | { type: 'date'; date: StoredDate | null };

export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

export interface StatusGroup {
  id: string;
  name: string;
  color: string;
  option_ids: string[];
}

export type PropertyConfig =
  | { type: 'title' | 'rich_text' | 'url' | 'email' | 'phone_number' | 'checkbox' | 'date' | 'people' }
  | { type: 'created_time' | 'last_edited_time' | 'created_by' | 'last_edited_by' }
  | { type: 'number'; format: string }
  | { type: 'select' | 'multi_select'; options: SelectOption[] }
  | { type: 'status'; options: SelectOption[]; groups: StatusGroup[] }
  | { type: 'relation'; data_source_id: string; database_id: string };

export type StoredProperty = PropertyConfig & { id: string; name: string; description: string | null };

export interface StoredDatabase extends Omit<Stamp, 'created_by' | 'last_edited_by'> {
  id: string;
  parent: { type: 'page_id'; page_id: string } | { type: 'workspace'; workspace: true };
  title: StoredRichText[];
  description: StoredRichText[];
  is_inline: boolean;
  icon: StoredIcon | null;
  in_trash: boolean;
  is_locked: boolean;
  dataSourceIds: string[];
}

export interface StoredDataSource extends Stamp {
  id: string;
  databaseId: string;
  title: StoredRichText[];
  description: StoredRichText[];
  /** In schema order; keyed by property id. */
  properties: StoredProperty[];
  in_trash: boolean;
}

export type BlockType =
  | 'paragraph'
  | 'heading_1'
  | 'heading_2'
  | 'heading_3'
  | 'heading_4'
  | 'bulleted_list_item'
  | 'numbered_list_item'
  | 'to_do'
  | 'toggle'
  | 'quote'
  | 'callout'
  | 'code'
  | 'divider'
  | 'equation'
  | 'child_page'
  | 'child_database';

export interface BlockContent {
  rich_text?: StoredRichText[];
  color?: string;
  is_toggleable?: boolean;
  checked?: boolean;
  icon?: StoredIcon | null;
  language?: string;
  caption?: StoredRichText[];
  expression?: string;
}

export interface StoredBlock extends Stamp {
  id: string;
  type: BlockType;
  /** Page or block that holds it. */
  parentId: string;
  parentType: 'page_id' | 'block_id';
  content: BlockContent;
  in_trash: boolean;
}

export interface StoredComment {
  id: string;
  discussionId: string;
  parent: { type: 'page_id'; page_id: string } | { type: 'block_id'; block_id: string };
  rich_text: StoredRichText[];
  created_time: string;
  last_edited_time: string;
  created_by: string;
  /** The integration that wrote it, for `display_name`; absent for people. */
  integrationBotId?: string;
  resolved: boolean;
}

export interface StoredState {
  workspace: { id: string; name: string };
  users: Record<string, StoredUser>;
  integrations: StoredIntegration[];
  pages: Record<string, StoredPage>;
  databases: Record<string, StoredDatabase>;
  dataSources: Record<string, StoredDataSource>;
  blocks: Record<string, StoredBlock>;
  /** Ordered child ids of every page and block (child pages and databases included). */
  children: Record<string, string[]>;
  comments: Record<string, StoredComment>;
  nextSeq: number;
}

export function emptyState(): StoredState {
  return {
    workspace: { id: '', name: 'Stand-in workspace' },
    users: {},
    integrations: [],
    pages: {},
    databases: {},
    dataSources: {},
    blocks: {},
    children: {},
    comments: {},
    nextSeq: 1,
  };
}
