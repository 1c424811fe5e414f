// Reading Notion-flavored markdown (what GET /v1/pages/{id}/markdown returns) line by line.
//
// The format (developers.notion.com, "Enhanced markdown format"): children are one TAB deeper;
// plain empty lines are stripped and an intentional one is `<empty-block/>`; outside code,
// `\ * ~ ` $ [ ] < > { } | ^` are backslash-escaped; Notion-only blocks are XML-like tags;
// mentions are `<mention-page url="…">Title</mention-page>`, `<mention-user …>`, etc.
// Everything here is pure string work.

export interface MarkdownLine {
  /** Nesting depth: leading tabs (two spaces also count as one level, for hand-typed text). */
  indent: number;
  /** The line without its indentation or a trailing `{color="…"}` / `{toggle="true"}`; still escaped. */
  text: string;
  /** Inside a code fence: literal, never a heading, never unescaped. */
  code: boolean;
}

// Block tags that only wrap other content; the words inside them are kept.
const WRAPPER_TAGS =
  /<\/?(details|summary|callout|columns|column|table|tr|td|th|colgroup|col|synced_block|synced_block_reference)\b[^>]*>/g;
// Blocks with nothing a workflow definition can use.
const DROPPED_LINE = /^(<empty-block\s*\/>|<table_of_contents\s*\/>|<unknown\b[^>]*\/?>(<\/unknown>)?|---+|\*\*\*+)$/;
const BLOCK_ATTRIBUTES = /\s*\{(?:color|toggle)="[^"]*"(?:\s+\w+="[^"]*")*\}\s*$/;

/** Splits a body into meaningful lines: blank lines, empty blocks and wrapper tags removed. */
export function readLines(markdown: string): MarkdownLine[] {
  const lines: MarkdownLine[] = [];
  let fence: string | null = null;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const leading = /^[\t ]*/.exec(raw)?.[0] ?? '';
    const indent = (leading.match(/\t/g)?.length ?? 0) + Math.floor((leading.match(/ /g)?.length ?? 0) / 2);
    const body = raw.slice(leading.length).trimEnd();
    const fenceMark = /^(```|~~~)/.exec(body)?.[1];
    if (fence !== null) {
      lines.push({ indent, text: body, code: true });
      if (fenceMark === fence && body.trim() === fence) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      lines.push({ indent, text: body, code: true });
      continue;
    }
    const text = body.replace(WRAPPER_TAGS, '').replace(BLOCK_ATTRIBUTES, '').trim();
    if (text === '' || DROPPED_LINE.test(text)) continue;
    lines.push({ indent, text, code: false });
  }
  return lines;
}

export interface Heading {
  level: 1 | 2 | 3 | 4;
  text: string;
}

/** `#`–`######` headings (Notion turns 5 and 6 into 4). */
export function headingOf(line: MarkdownLine): Heading | null {
  if (line.code) return null;
  const match = /^(#{1,6})(?:\s+(.*))?$/.exec(line.text);
  if (!match?.[1]) return null;
  const level = Math.min(match[1].length, 4) as Heading['level'];
  return { level, text: (match[2] ?? '').replace(/(^|\s+)#+\s*$/, '').trim() };
}

export type ListMarker = { kind: 'numbered'; number: number } | { kind: 'bullet' };

export interface ListItem {
  marker: ListMarker;
  /** The item's text after its marker (and after a to-do's `[ ]` / `[x]`). */
  rest: string;
}

/** `1.`, `1)`, `-`, `*`, `+`, `- [ ]`, `- [x]` list items. */
export function listItemOf(line: MarkdownLine): ListItem | null {
  if (line.code) return null;
  // An item Notion left empty is just its marker ("-", "1.").
  const numbered = /^(\d{1,4})[.)](?:\s+(.*))?$/.exec(line.text);
  if (numbered?.[1]) return { marker: { kind: 'numbered', number: Number(numbered[1]) }, rest: numbered[2] ?? '' };
  const bullet = /^[-*+•](?:\s+(?:\[[ xX]\](?:\s+|$))?(.*))?$/.exec(line.text);
  if (bullet) return { marker: { kind: 'bullet' }, rest: bullet[1] ?? '' };
  return null;
}

const MENTION_LINK = /(?<!\\)<mention-(?:page|database|data-source)\s+url="([^"]*)"\s*(?:\/>|>(.*?)<\/mention-(?:page|database|data-source)>)/g;
const BLOCK_LINK = /(?<!\\)<(page|database)\s+url="([^"]*)"[^>]*>(.*?)<\/\1>/g;
const MENTION_USER = /(?<!\\)<mention-user\s+url="[^"]*"\s*(?:\/>|>(.*?)<\/mention-user>)/g;
const MENTION_DATE = /(?<!\\)<mention-date\s+start="([^"]*)"(?:\s+end="([^"]*)")?[^>]*?\/?>(?:<\/mention-date>)?/g;
const INLINE_TAGS = /(?<!\\)<\/?(span|u|br)\b[^>]*>/g;

/**
 * One line of Notion markdown as the words a person reads: mentions become their titles
 * ("@Maya" for people), inline styling tags are dropped and backslash escapes undone (never
 * inside `code`). Markdown emphasis and links are kept: the model reads markdown.
 */
export function inlineText(raw: string): string {
  const text = raw
    .replace(MENTION_LINK, (_all, _url: string, title: string | undefined) => title ?? 'a Notion page')
    .replace(BLOCK_LINK, (_all, _tag: string, _url: string, title: string) => title)
    .replace(MENTION_USER, (_all, name: string | undefined) => `@${name ?? 'someone'}`)
    .replace(MENTION_DATE, (_all, start: string, end: string | undefined) => (end ? `${start} → ${end}` : start))
    .replace(INLINE_TAGS, (tag) => (/^<br/i.test(tag) ? ' ' : ''));
  return unescapeMarkdown(text).trim();
}

/** Undoes Notion's backslash escapes (any ASCII punctuation, as in CommonMark) outside code spans. */
export function unescapeMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part : part.replace(/\\([!-/:-@[-`{-~])/g, '$1')))
    .join('');
}

/** Markdown emphasis removed, for labels and headings ("**Goal**" → "Goal"). */
export function plainWords(text: string): string {
  return text
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
}

export interface FoundLink {
  url: string;
  /** A title the person gave the link: a markdown link's text or a mention's title. */
  title: string | null;
  start: number;
  end: number;
}

const MARKDOWN_LINK = /(?<!\\)\[((?:\\.|[^\]\\])*)\]\((\S+?)\)/g;
const ANGLE_LINK = /(?<!\\)<(https?:\/\/[^>\s]+)>/g;
const BARE_LINK = /(?:https?:\/\/|(?<![\w.@/])(?:(?:drive|docs)\.google\.com|(?:www\.)?notion\.so)\/)[^\s<>"'\]]+/gi;

/**
 * Every link in one raw (still escaped) line, in order: mentions, `<page>` blocks, markdown
 * links, `<https://…>` and bare addresses (trailing punctuation and unbalanced `)` trimmed).
 */
export function findLinks(raw: string): FoundLink[] {
  const found: FoundLink[] = [];
  let masked = raw;
  const take = (pattern: RegExp, read: (m: RegExpExecArray) => { url: string; title: string | null; length?: number }) => {
    for (const match of masked.matchAll(pattern)) {
      const { url, title, length } = read(match);
      const start = match.index;
      const end = start + (length ?? match[0].length);
      found.push({ url: url.trim(), title: title && title.trim() !== '' ? title.trim() : null, start, end });
    }
    // Blank out what was taken (same length, so later indices still line up).
    for (const link of found) masked = masked.slice(0, link.start) + ' '.repeat(link.end - link.start) + masked.slice(link.end);
  };
  take(MENTION_LINK, (m) => ({ url: m[1] ?? '', title: m[2] === undefined ? null : inlineText(m[2]) }));
  take(BLOCK_LINK, (m) => ({ url: m[2] ?? '', title: inlineText(m[3] ?? '') }));
  take(MARKDOWN_LINK, (m) => ({ url: m[2] ?? '', title: inlineText(m[1] ?? '') }));
  take(ANGLE_LINK, (m) => ({ url: m[1] ?? '', title: null }));
  take(BARE_LINK, (m) => {
    const url = trimTrailing(m[0]);
    return { url: url.replace(/\\(.)/g, '$1'), title: null, length: url.length };
  });
  return found.sort((a, b) => a.start - b.start);
}

function trimTrailing(url: string): string {
  let out = url.replace(/[.,;:!?*]+$/, '');
  // "(https://…)" — drop a closing parenthesis that has no opening one inside the address.
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) {
    out = out.slice(0, -1).replace(/[.,;:!?]+$/, '');
  }
  return out;
}
