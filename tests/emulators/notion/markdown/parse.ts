// Notion-flavored (enhanced) markdown to blocks, for POST /v1/pages `markdown` and the PATCH
// markdown endpoint (guides/data-apis/enhanced-markdown): tabs nest children; headings 5 and 6
// become heading 4; <page>, <database> and <unknown> tags refer to existing content, which must
// exist (observed: a reference to a missing block is a validation_error).
import { validationError } from '../errors';
import { idFromUrl } from '../ids';
import type { BlockDraft } from '../model/blocks';
import type { Store } from '../model/store';
import type { BlockContent, BlockType } from '../model/types';
import { splitLongText } from '../rich-text';
import { attributes, fromMarkdownColor, parseInline, unescapeXml } from './inline';

interface Frame {
  depth: number;
  children: BlockDraft[];
}

export function parseMarkdown(markdown: string, store: Store): BlockDraft[] {
  const lines = markdown.replaceAll('\r\n', '\n').split('\n');
  const root: BlockDraft[] = [];
  const stack: Frame[] = [{ depth: -1, children: root }];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const depth = /^\t*/.exec(line)![0].length;
    const text = line.slice(depth);
    if (text.trim() === '' || /^<\/(details|callout)>\s*$/.test(text.trim())) {
      i += 1;
      continue;
    }
    while (stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!;
    const { draft, consumed } = parseBlock(lines, i, depth, text, store);
    parent.children.push(draft);
    stack.push({ depth, children: draft.children });
    i += consumed;
  }
  return hoistCalloutText(root);
}

function parseBlock(lines: string[], i: number, depth: number, raw: string, store: Store): { draft: BlockDraft; consumed: number } {
  const text = raw.trimEnd();
  const fence = /^```(.*)$/.exec(text);
  if (fence) {
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.slice(depth).trimEnd() !== '```') body.push(lines[j]!.slice(depth)), (j += 1);
    const content: BlockContent = { rich_text: splitLongText([plain(body.join('\n'))]), caption: [], language: fence[1]!.trim() || 'plain text' };
    return { draft: { type: 'code', content, children: [] }, consumed: j - i + 1 };
  }
  if (text === '$$') {
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.slice(depth).trim() !== '$$') body.push(lines[j]!.slice(depth)), (j += 1);
    return { draft: { type: 'equation', content: { expression: body.join('\n') }, children: [] }, consumed: j - i + 1 };
  }
  const details = /^<details((?:\s+[\w-]+="[^"]*")*)\s*>(?:\s*<summary>(.*)<\/summary>)?$/.exec(text);
  if (details) {
    let summary = details[2];
    let consumed = 1;
    const next = lines[i + 1]?.trim() ?? '';
    const inline = /^<summary>(.*)<\/summary>$/.exec(next);
    if (summary === undefined && inline) (summary = inline[1]), (consumed = 2);
    const color = attributes(details[1]!).color;
    return { draft: { type: 'toggle', content: textContent(summary ?? '', store, color), children: [] }, consumed };
  }
  const callout = /^<callout((?:\s+[\w-]+="[^"]*")*)\s*>$/.exec(text);
  if (callout) {
    const attrs = attributes(callout[1]!);
    const content: BlockContent = { rich_text: [], color: attrs.color ? fromMarkdownColor(attrs.color) : 'default', icon: attrs.icon ? { type: 'emoji', emoji: attrs.icon } : null };
    return { draft: { type: 'callout', content, children: [] }, consumed: 1 };
  }
  const reference = /^<(page|database)((?:\s+[\w-]+="[^"]*")*)\s*(?:\/>|>.*<\/\1>)$/.exec(text) ?? /^<unknown((?:\s+[\w-]+="[^"]*")*)\s*\/>$/.exec(text);
  if (reference) return { draft: referenceDraft(text, reference, store), consumed: 1 };
  return { draft: lineBlock(text, store), consumed: 1 };
}

function referenceDraft(text: string, match: RegExpExecArray, store: Store): BlockDraft {
  const isUnknown = text.startsWith('<unknown');
  const attrs = attributes((isUnknown ? match[1] : match[2]) ?? '');
  const url = attrs.url ?? '';
  // An unknown block's URL ends with the block's own id, after the page's.
  const ids = [...url.matchAll(/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi)].map((m) => idFromUrl(m[0])!);
  const id = ids[ids.length - 1];
  const kind = isUnknown ? 'block' : match[1]!;
  const exists = id !== undefined && (kind === 'page' ? store.page(id) : kind === 'database' ? store.database(id) : store.block(id));
  if (!exists) throw validationError(`Cannot reference ${kind}: Block ${unescapeXml(url)} does not exist in the current space.`);
  const type: BlockType = kind === 'page' ? 'child_page' : kind === 'database' ? 'child_database' : store.block(id)!.type;
  return { type, content: {}, children: [], id, keep: true };
}

function lineBlock(text: string, store: Store): BlockDraft {
  const { body, color, toggle } = trailingAttributes(text);
  const block = (type: BlockType, inline: string, extra: BlockContent = {}): BlockDraft => ({
    type,
    content: { ...textContent(inline, store, color), ...extra },
    children: [],
  });
  if (body === '<empty-block/>') return block('paragraph', '', { icon: null });
  if (/^(---|\*\*\*|___)$/.test(body)) return { type: 'divider', content: {}, children: [] };
  const heading = /^(#{1,6})\s+(.*)$/.exec(body);
  if (heading) {
    const level = Math.min(heading[1]!.length, 4);
    return block(`heading_${level}` as BlockType, heading[2]!, { is_toggleable: toggle });
  }
  const todo = /^[-*+] \[( |x|X)\] ?(.*)$/.exec(body);
  if (todo) return block('to_do', todo[2]!, { checked: todo[1] !== ' ' });
  const bullet = /^[-*+] (.*)$/.exec(body);
  if (bullet) return block('bulleted_list_item', bullet[1]!);
  const numbered = /^\d+[.)] (.*)$/.exec(body);
  if (numbered) return block('numbered_list_item', numbered[1]!);
  const quote = /^> ?(.*)$/.exec(body);
  if (quote) return block('quote', quote[1]!);
  return block('paragraph', body, { icon: null });
}

function trailingAttributes(text: string): { body: string; color?: string; toggle: boolean } {
  let body = text;
  let color: string | undefined;
  let toggle = false;
  for (let m = /\s*\{(color|toggle)="([^"]*)"\}\s*$/.exec(body); m; m = /\s*\{(color|toggle)="([^"]*)"\}\s*$/.exec(body)) {
    if (m[1] === 'color') color = m[2];
    else toggle = m[2] === 'true';
    body = body.slice(0, m.index);
  }
  return { body, color, toggle };
}

function textContent(inline: string, store: Store, color?: string): BlockContent {
  return { rich_text: splitLongText(parseInline(inline, store)), color: color ? fromMarkdownColor(color) : 'default' };
}

function plain(content: string) {
  return { type: 'text' as const, text: { content, link: null }, annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' } };
}

/** A callout's first line is its own text; the lines after it are its children. */
function hoistCalloutText(drafts: BlockDraft[]): BlockDraft[] {
  for (const d of drafts) {
    if (d.type === 'callout' && d.children[0]?.type === 'paragraph' && d.children[0].children.length === 0 && !d.children[0].keep) {
      d.content.rich_text = d.children.shift()!.content.rich_text ?? [];
    }
    hoistCalloutText(d.children);
  }
  return drafts;
}

/** Without a title, the first "# " heading becomes the page title (guide "Working with markdown content"). */
export function takeTitle(drafts: BlockDraft[]): { title: BlockDraft['content']['rich_text']; rest: BlockDraft[] } {
  const first = drafts[0];
  if (first?.type === 'heading_1' && !first.content.is_toggleable) return { title: first.content.rich_text ?? [], rest: drafts.slice(1) };
  return { title: [], rest: drafts };
}
