// A Workflows row's properties, read from the Notion page object (which is `unknown` until zod
// says otherwise).
//
// Tolerant of how people set up and rename columns: names match ignoring case, spaces and
// punctuation ("Time zone", "Timezone", "time_zone"); a missing optional property is empty;
// text is read from any text-like type (Text, Select, Status, URL, a Formula's text), links
// from URL properties or from a Text property's link or page mention. The Trigger is kept as
// Notion's markdown (links and @-mentions as the page body writes them), so trigger-text.ts reads
// the property and the body's Trigger section alike. A property whose type
// cannot hold what Baton needs (a Person column for Schedule) is a `property_wrong_type`.
// A page object returns at most 25 people / relations per property; Baton uses only the
// first of each, so the cap never matters here.
import * as z from 'zod';
import { dashedId, notionPageUrl } from './links';
import { rowProblem, type RowProblem } from './row-problem';

const RichTextItem = z.object({
  plain_text: z.string(),
  href: z.string().nullable().optional(),
  type: z.string().optional(),
  mention: z
    .object({ type: z.string(), page: z.object({ id: z.string() }).optional(), database: z.object({ id: z.string() }).optional() })
    .optional(),
});

const UserOrGroup = z.object({
  object: z.enum(['user', 'group']),
  id: z.string(),
  /** person | bot; absent on the partial user objects Notion returns without user capabilities. */
  type: z.string().optional(),
  name: z.string().nullable().optional(),
});

const PropertyValue = z.discriminatedUnion('type', [
  z.object({ type: z.literal('title'), title: z.array(RichTextItem) }),
  z.object({ type: z.literal('rich_text'), rich_text: z.array(RichTextItem) }),
  z.object({ type: z.literal('select'), select: z.object({ name: z.string() }).nullable() }),
  z.object({ type: z.literal('status'), status: z.object({ name: z.string() }).nullable() }),
  z.object({ type: z.literal('url'), url: z.string().nullable() }),
  z.object({ type: z.literal('people'), people: z.array(UserOrGroup) }),
  z.object({ type: z.literal('relation'), relation: z.array(z.object({ id: z.string() })) }),
  z.object({ type: z.literal('formula'), formula: z.object({ type: z.string(), string: z.string().nullable().optional() }) }),
  z.object({ type: z.literal('checkbox'), checkbox: z.boolean() }),
]);
type PropertyValue = z.infer<typeof PropertyValue>;
const READ_TYPES = new Set<string>(PropertyValue.options.map((o) => o.shape.type.value));

export const NotionPage = z.object({
  object: z.literal('page'),
  id: z.string(),
  created_time: z.string().optional(),
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  properties: z.record(z.string(), z.looseObject({ type: z.string() })),
});

export interface Reviewer {
  id: string;
  name: string | null;
  /** `unknown` for partial user objects (no user capabilities): treated as a person. */
  type: 'person' | 'bot' | 'group' | 'unknown';
}

export type OutputPageValue = { kind: 'url'; url: string } | { kind: 'page'; id: string; url: string };

export interface RowProperties {
  /** Dashed page id of the row. */
  pageId: string;
  inTrash: boolean;
  /** When the row was created (ISO), if Notion said; a skipping schedule counts from its date. */
  createdTime: string | null;
  name: string;
  state: string | null;
  schedule: string | null;
  timeZone: string | null;
  watchFolder: string | null;
  reviewers: Reviewer[];
  outputFolder: string | null;
  outputPage: OutputPageValue | null;
  mode: string | null;
  /** Trial page, Trial folder and Human version links, as written (trial-mode rows). */
  trialPage: string | null;
  trialFolder: string | null;
  humanVersion: string | null;
  /** The Learning select (Automatic, Ask first, Off), as written. */
  learning: string | null;
  /** What starts the workflow besides its Schedule, as Notion markdown (links as `[t](url)` or mentions). */
  trigger: string | null;
  /**
   * The Run now checkbox (false when the row has none). A request, not part of the definition:
   * it is left out of the content hash, so ticking or clearing it changes nothing cached.
   */
  runNow: boolean;
}

export interface RowPropertiesReading {
  properties: RowProperties;
  problems: RowProblem[];
}

/** Property names Baton looks for, normalised; the first one present wins. */
export const PROPERTY_NAMES = {
  state: ['state'],
  schedule: ['schedule', 'when'],
  timeZone: ['timezone', 'tz'],
  watchFolder: ['watchfolder', 'inputfolder'],
  reviewer: ['reviewer', 'reviewers', 'approver'],
  outputFolder: ['outputfolder'],
  outputPage: ['outputpage', 'outputparent'],
  mode: ['mode'],
  trialPage: ['trialpage', 'trialparent'],
  trialFolder: ['trialfolder'],
  humanVersion: ['humanversion', 'humanoutput'],
  learning: ['learning', 'lessons'],
  trigger: ['trigger', 'starts', 'startswhen'],
  runNow: ['runnow'],
} as const;

const normaliseName = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Reads the row's properties; throws when `page` is not a Notion page object at all. */
export function readRowProperties(page: unknown): RowPropertiesReading {
  const parsed = NotionPage.parse(page);
  const problems: RowProblem[] = [];
  const byName = new Map<string, { name: string; value: PropertyValue | { type: string; unread: true } }>();
  let title: PropertyValue | undefined;
  for (const [name, raw] of Object.entries(parsed.properties)) {
    const value = READ_TYPES.has(raw.type) ? PropertyValue.parse(raw) : { type: raw.type, unread: true as const };
    if (value.type === 'title' && !title && !('unread' in value)) title = value;
    const key = normaliseName(name);
    if (!byName.has(key)) byName.set(key, { name, value });
  }
  const find = (names: readonly string[]) => names.map((n) => byName.get(n)).find((p) => p !== undefined);
  const wrongType = (name: string, expected: string, found: string) => {
    problems.push(rowProblem({ kind: 'property_wrong_type', property: name, expected, found }));
    return null;
  };

  const textOf = (names: readonly string[], expected: string): string | null => {
    const property = find(names);
    if (!property) return null;
    const text = 'unread' in property.value ? undefined : plainText(property.value);
    return text === undefined ? wrongType(property.name, expected, property.value.type) : emptyToNull(text);
  };
  const linkOf = (names: readonly string[]): string | null => {
    const property = find(names);
    if (!property) return null;
    const link = 'unread' in property.value ? undefined : linkText(property.value);
    return link === undefined ? wrongType(property.name, 'URL', property.value.type) : emptyToNull(link);
  };

  const reviewerProperty = find(PROPERTY_NAMES.reviewer);
  let reviewers: Reviewer[] = [];
  if (reviewerProperty) {
    const value = reviewerProperty.value;
    if (value.type === 'people' && !('unread' in value)) reviewers = value.people.map(reviewerOf);
    else wrongType(reviewerProperty.name, 'Person', value.type);
  }

  const triggerProperty = find(PROPERTY_NAMES.trigger);
  let trigger: string | null = null;
  if (triggerProperty) {
    const markdown = 'unread' in triggerProperty.value ? undefined : markdownText(triggerProperty.value);
    if (markdown === undefined) wrongType(triggerProperty.name, 'Text', triggerProperty.value.type);
    else trigger = emptyToNull(markdown);
  }

  const runNowProperty = find(PROPERTY_NAMES.runNow);
  let runNow = false;
  if (runNowProperty) {
    const value = runNowProperty.value;
    if (value.type === 'checkbox' && !('unread' in value)) runNow = value.checkbox;
    else wrongType(runNowProperty.name, 'Checkbox', value.type);
  }

  const outputPageProperty = find(PROPERTY_NAMES.outputPage);
  let outputPage: OutputPageValue | null = null;
  if (outputPageProperty) {
    const value = outputPageProperty.value;
    if ('unread' in value) wrongType(outputPageProperty.name, 'URL or Relation', value.type);
    else if (value.type === 'relation') outputPage = value.relation[0] ? pageValue(value.relation[0].id) : null;
    else {
      const mention = 'rich_text' in value ? value.rich_text.find((t) => t.mention?.page)?.mention?.page : undefined;
      const link = linkText(value);
      if (mention) outputPage = pageValue(mention.id);
      else if (link === undefined) wrongType(outputPageProperty.name, 'URL or Relation', value.type);
      else outputPage = emptyToNull(link) === null ? null : { kind: 'url', url: link.trim() };
    }
  }

  return {
    properties: {
      pageId: dashedId(parsed.id),
      inTrash: parsed.in_trash ?? parsed.archived ?? false,
      createdTime: parsed.created_time ?? null,
      name: title ? (plainText(title) ?? '').trim() : '',
      state: textOf(PROPERTY_NAMES.state, 'Select'),
      schedule: textOf(PROPERTY_NAMES.schedule, 'Text'),
      timeZone: textOf(PROPERTY_NAMES.timeZone, 'Text'),
      watchFolder: linkOf(PROPERTY_NAMES.watchFolder),
      reviewers,
      outputFolder: linkOf(PROPERTY_NAMES.outputFolder),
      outputPage,
      mode: textOf(PROPERTY_NAMES.mode, 'Select'),
      trialPage: linkOf(PROPERTY_NAMES.trialPage),
      trialFolder: linkOf(PROPERTY_NAMES.trialFolder),
      humanVersion: linkOf(PROPERTY_NAMES.humanVersion),
      learning: textOf(PROPERTY_NAMES.learning, 'Select'),
      trigger,
      runNow,
    },
    problems,
  };
}

/** Text of a text-like value; undefined when the type holds no text (people, relation). */
function plainText(value: PropertyValue): string | undefined {
  switch (value.type) {
    case 'title':
      return value.title.map((t) => t.plain_text).join('');
    case 'rich_text':
      return value.rich_text.map((t) => t.plain_text).join('');
    case 'select':
      return value.select?.name ?? '';
    case 'status':
      return value.status?.name ?? '';
    case 'url':
      return value.url ?? '';
    case 'formula':
      return value.formula.type === 'string' ? (value.formula.string ?? '') : undefined;
    case 'people':
    case 'relation':
    case 'checkbox':
      return undefined;
  }
}

/**
 * A text value as Notion markdown: links become `[text](url)`, page and database mentions
 * `<mention-page url="…">Title</mention-page>` / `<mention-database …>`, other text escaped as
 * the markdown endpoint escapes it. Undefined when the type holds no text.
 */
function markdownText(value: PropertyValue): string | undefined {
  const items = value.type === 'rich_text' ? value.rich_text : value.type === 'title' ? value.title : null;
  if (!items) {
    if (value.type === 'url') return value.url ?? '';
    const plain = plainText(value);
    return plain === undefined ? undefined : escapeMarkdown(plain);
  }
  return items
    .map((item) => {
      const mention = item.mention;
      if (mention?.database) return `<mention-database url="${notionPageUrl(mention.database.id)}">${escapeMarkdown(item.plain_text)}</mention-database>`;
      if (mention?.page) return `<mention-page url="${notionPageUrl(mention.page.id)}">${escapeMarkdown(item.plain_text)}</mention-page>`;
      if (item.href) return item.plain_text.trim() === item.href ? item.href : `[${escapeMarkdown(item.plain_text)}](${item.href})`;
      return escapeMarkdown(item.plain_text);
    })
    .join('');
}

// The characters Notion's markdown escapes outside code (developers.notion.com, "Enhanced markdown format").
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*~`$[\]<>{}|^]/g, '\\$&');
}

/** A link held by a value: the URL, or a text's first link, or its words (validated later). */
function linkText(value: PropertyValue): string | undefined {
  const items = value.type === 'rich_text' ? value.rich_text : value.type === 'title' ? value.title : null;
  if (items) {
    const page = items.find((t) => t.mention?.page)?.mention?.page;
    if (page) return notionPageUrl(page.id);
    const href = items.find((t) => t.href)?.href;
    if (href) return href;
  }
  return plainText(value);
}

function reviewerOf(user: z.infer<typeof UserOrGroup>): Reviewer {
  const type = user.object === 'group' ? 'group' : user.type === 'person' || user.type === 'bot' ? user.type : 'unknown';
  return { id: user.id, name: user.name ?? null, type };
}

function pageValue(id: string): OutputPageValue {
  return { kind: 'page', id: dashedId(id), url: notionPageUrl(id) };
}

function emptyToNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
