// Rich text inside Notion-flavored (enhanced) markdown, both ways
// (developers.notion.com/guides/data-apis/enhanced-markdown): **bold**, *italic*, ~~strike~~,
// `code`, [links](url), $math$, <br>, <span underline/color>, and mention tags. Text outside
// code escapes \ * ~ ` $ [ ] < > { } | ^ with a backslash.
import { validationError } from '../errors';
import { idFromUrl, markdownObjectUrl, markdownUserUrl, normalizeId } from '../ids';
import type { Store } from '../model/store';
import type { Annotations, StoredMention, StoredRichText } from '../model/types';
import { DEFAULT_ANNOTATIONS } from '../rich-text';

const ESCAPED = /[\\*~`$[\]<>{}|^]/g;

export function escapeText(text: string): string {
  return text.replace(ESCAPED, (c) => `\\${c}`);
}

/** API colors to markdown colors: "red_background" is written "red_bg". */
export function toMarkdownColor(color: string): string {
  return color.replace(/_background$/, '_bg');
}

export function fromMarkdownColor(color: string): string {
  return color.replace(/_bg$/, '_background');
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

export function unescapeXml(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#38;', '&').replaceAll('&amp;', '&');
}

export function renderInline(items: StoredRichText[]): string {
  return merge(items).map(renderItem).join('');
}

function merge(items: StoredRichText[]): StoredRichText[] {
  const out: StoredRichText[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (
      last?.type === 'text' &&
      item.type === 'text' &&
      JSON.stringify(last.annotations) === JSON.stringify(item.annotations) &&
      JSON.stringify(last.text.link) === JSON.stringify(item.text.link)
    ) {
      out[out.length - 1] = { ...last, text: { ...last.text, content: last.text.content + item.text.content } };
    } else out.push(item);
  }
  return out;
}

function renderItem(item: StoredRichText): string {
  const a = item.annotations;
  let body: string;
  if (item.type === 'equation') body = `$${item.equation.expression}$`;
  else if (item.type === 'mention') {
    const m = item.mention;
    // The markdown endpoint writes mentions as self-closing tags without a label (observed 2026-09).
    if (m.type === 'page') body = `<mention-page url="${markdownObjectUrl(m.page.id)}"/>`;
    else if (m.type === 'database') body = `<mention-database url="${markdownObjectUrl(m.database.id)}"/>`;
    else if (m.type === 'user') body = `<mention-user url="${markdownUserUrl(m.user.id)}"/>`;
    else body = `<mention-date start="${m.date.start}"${m.date.end ? ` end="${m.date.end}"` : ''}/>`;
  } else if (a.code) body = `\`${item.text.content}\``;
  else body = escapeText(item.text.content).replaceAll('\n', '<br>');
  if (a.strikethrough) body = `~~${body}~~`;
  if (a.italic) body = `*${body}*`;
  if (a.bold) body = `**${body}**`;
  if (a.underline) body = `<span underline="true">${body}</span>`;
  if (a.color !== 'default') body = `<span color="${toMarkdownColor(a.color)}">${body}</span>`;
  if (item.type === 'text' && item.text.link) body = `[${body}](${item.text.link.url})`;
  return body;
}

interface Context {
  annotations: Annotations;
  link: string | null;
}

/** Parses inline markdown; mentions must name existing pages, databases and people. */
export function parseInline(source: string, store: Store): StoredRichText[] {
  const out: StoredRichText[] = [];
  parseInto(source, { annotations: { ...DEFAULT_ANNOTATIONS }, link: null }, store, out);
  return mergeParsed(out);
}

function mergeParsed(items: StoredRichText[]): StoredRichText[] {
  return merge(items).filter((i) => i.type !== 'text' || i.text.content !== '');
}

function parseInto(src: string, ctx: Context, store: Store, out: StoredRichText[]): void {
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: { content: buffer, link: ctx.link ? { url: ctx.link } : null }, annotations: { ...ctx.annotations } });
    buffer = '';
  };
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      buffer += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ type: 'text', text: { content: src.slice(i + 1, end), link: ctx.link ? { url: ctx.link } : null }, annotations: { ...ctx.annotations, code: true } });
        i = end + 1;
        continue;
      }
    }
    const run = /^(\*{1,3}|~~)/.exec(rest);
    if (run) {
      const delimiter = run[1]!;
      const end = findClosing(src, i + delimiter.length, delimiter);
      if (end > i + delimiter.length) {
        flush();
        const a = { ...ctx.annotations };
        if (delimiter === '~~') a.strikethrough = true;
        else {
          if (delimiter.length >= 2) a.bold = true;
          if (delimiter.length !== 2) a.italic = true;
        }
        parseInto(src.slice(i + delimiter.length, end), { ...ctx, annotations: a }, store, out);
        i = end + delimiter.length;
        continue;
      }
    }
    if (c === '_' && (i === 0 || /\W/.test(src[i - 1]!))) {
      const end = src.indexOf('_', i + 1);
      if (end > i + 1 && (end + 1 >= src.length || /\W/.test(src[end + 1]!))) {
        flush();
        parseInto(src.slice(i + 1, end), { ...ctx, annotations: { ...ctx.annotations, italic: true } }, store, out);
        i = end + 1;
        continue;
      }
    }
    const link = /^\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/.exec(rest);
    if (link) {
      flush();
      parseInto(link[1]!, { ...ctx, link: link[2]! }, store, out);
      i += link[0].length;
      continue;
    }
    const br = /^<br\s*\/?>/.exec(rest);
    if (br) {
      buffer += '\n';
      i += br[0].length;
      continue;
    }
    if (rest.startsWith('<span')) {
      const span = parseSpan(src, i);
      if (span) {
        flush();
        const a = { ...ctx.annotations };
        if (span.attrs.underline === 'true') a.underline = true;
        if (span.attrs.color) a.color = fromMarkdownColor(span.attrs.color);
        parseInto(span.inner, { ...ctx, annotations: a }, store, out);
        i = span.end;
        continue;
      }
    }
    const mention = /^<mention-(page|user|database|data-source|date)((?:\s+[\w-]+="[^"]*")*)\s*(\/>|>([\s\S]*?)<\/mention-\1>)/.exec(rest);
    if (mention) {
      flush();
      out.push({ ...toMention(mention[1]!, attributes(mention[2]!), store), annotations: { ...ctx.annotations } });
      i += mention[0].length;
      continue;
    }
    const math = /^\$(?!\s)((?:\\.|[^$\\])+?)(?<!\s)\$(?![\w$])/.exec(rest);
    if (math && (i === 0 || /\s|\(/.test(src[i - 1]!))) {
      flush();
      out.push({ type: 'equation', equation: { expression: math[1]! }, annotations: { ...ctx.annotations } });
      i += math[0].length;
      continue;
    }
    buffer += c;
    i += 1;
  }
  flush();
}

/** The next delimiter run equal to `delimiter`, skipping escapes and code spans. */
function findClosing(src: string, from: number, delimiter: string): number {
  for (let j = from; j < src.length; j += 1) {
    const ch = src[j]!;
    if (ch === '\\') {
      j += 1;
      continue;
    }
    if (ch === '`') {
      const end = src.indexOf('`', j + 1);
      if (end > j) j = end;
      continue;
    }
    if (delimiter === '~~') {
      if (src.startsWith('~~', j)) return j;
      continue;
    }
    if (ch === '*') {
      let k = j;
      while (src[k] === '*') k += 1;
      if (k - j === delimiter.length) return j;
      j = k - 1;
    }
  }
  return -1;
}

function parseSpan(src: string, start: number): { attrs: Record<string, string>; inner: string; end: number } | undefined {
  const open = /^<span((?:\s+[\w-]+="[^"]*")*)\s*>/.exec(src.slice(start));
  if (!open) return undefined;
  let depth = 1;
  let j = start + open[0].length;
  while (j < src.length) {
    if (src.startsWith('<span', j)) depth += 1;
    else if (src.startsWith('</span>', j)) {
      depth -= 1;
      if (depth === 0) return { attrs: attributes(open[1]!), inner: src.slice(start + open[0].length, j), end: j + '</span>'.length };
    }
    j += 1;
  }
  return undefined;
}

export function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]!] = unescapeXml(m[2]!);
  return out;
}

function toMention(kind: string, attrs: Record<string, string>, store: Store): { type: 'mention'; mention: StoredMention } {
  if (kind === 'date') {
    if (!attrs.start) throw validationError('A <mention-date> needs a start attribute.');
    return { type: 'mention', mention: { type: 'date', date: { start: attrs.start, end: attrs.end ?? null, time_zone: null } } };
  }
  const url = attrs.url ?? '';
  if (kind === 'user') {
    const id = normalizeId(url.replace(/^user:\/\//, '')) ?? idFromUrl(url);
    if (!id || !store.user(id)) throw validationError(`Could not find user for mention: ${url}`);
    return { type: 'mention', mention: { type: 'user', user: { id } } };
  }
  const id = idFromUrl(url);
  if (kind === 'page') {
    if (!id || !store.page(id)) throw validationError(`Could not find page for mention: ${url}`);
    return { type: 'mention', mention: { type: 'page', page: { id } } };
  }
  if (!id || !store.database(id)) throw validationError(`Could not find database for mention: ${url}`);
  return { type: 'mention', mention: { type: 'database', database: { id } } };
}
