// A page body (Notion's enhanced markdown, or a Doc exported as markdown) shown as a person
// reads it: headings, lists, to-dos, quotes, paragraphs, links, child pages and mentions. It is
// a reading view, not a faithful renderer: anything it does not know is shown as escaped text.
// Links open this page's own view of a Notion page or Drive file (links.ts).
import { html, safeHref, type SafeHtml } from './html';
import { localLink } from './links';

// <page url="…">Title</page>, <database url="…">Title</database>, <mention-page url="…">Label</mention-page>
// and their self-closing forms (the stand-in README, "Markdown").
const TAG = /<(page|database|mention-page|mention-database|mention-user)\s+url="([^"]*)"[^>]*?(?:\/>|>(.*?)<\/\1>)/g;
const LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;
/** # … #### as h2 … h5: the page title is the h1. */
const HEADINGS: [SafeHtml, SafeHtml][] = [
  [html`<h2>`, html`</h2>`],
  [html`<h3>`, html`</h3>`],
  [html`<h4>`, html`</h4>`],
  [html`<h5>`, html`</h5>`],
];
const BARE_URL = /https?:\/\/[^\s)<>"]+/g;

function link(url: string, label: string): SafeHtml {
  const href = safeHref(localLink(url));
  return href ? html`<a href="${href}">${label}</a>` : html`${label}`;
}

/** One line's inline markup: tags, [label](url), bare addresses, **bold**. */
export function inline(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  const pattern = new RegExp(`${TAG.source}|${LINK.source}|${BARE_URL.source}`, 'g');
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    parts.push(plain(text.slice(last, m.index)));
    if (m[1]) {
      const label = m[3] || (m[1] === 'mention-user' ? '@someone' : m[2]!);
      parts.push(m[1] === 'mention-user' ? html`<span class="mention">@${label.replace(/^@/, '')}</span>` : link(m[2]!, label));
    } else if (m[5] !== undefined) parts.push(link(m[5], m[4]!));
    else parts.push(link(m[0], m[0]));
    last = m.index + m[0].length;
  }
  parts.push(plain(text.slice(last)));
  return html`${parts}`;
}

function plain(text: string): SafeHtml {
  // Notion's markdown escapes these characters with a backslash.
  const unescaped = text.replace(/\\([\\*~`$[\]<>{}|^])/g, '$1');
  return html`${unescaped.split(/\*\*(.+?)\*\*/).map((piece, i) => (i % 2 ? html`<strong>${piece}</strong>` : piece))}`;
}

export function markdownView(markdown: string): SafeHtml {
  const out: SafeHtml[] = [];
  let list: { tag: 'ul' | 'ol'; items: SafeHtml[] } | undefined;
  const flush = () => {
    if (list) out.push(list.tag === 'ul' ? html`<ul>${list.items}</ul>` : html`<ol>${list.items}</ol>`);
    list = undefined;
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.replace(/^\t+/, '');
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(?:\[( |x)\]\s+)?(.*)$/.exec(line);
    const numbered = /^\d+\.\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      if (list?.tag !== tag) flush();
      list ??= { tag, items: [] };
      const box = bullet?.[1] === undefined ? '' : bullet[1] === 'x' ? '☑ ' : '☐ ';
      list.items.push(html`<li>${box}${inline((bullet ? bullet[2] : numbered![1])!)}</li>`);
      continue;
    }
    flush();
    if (heading) {
      const [open, close] = HEADINGS[heading[1]!.length - 1]!;
      out.push(html`${open}${inline(heading[2]!)}${close}`);
    } else if (/^>\s?/.test(line)) out.push(html`<blockquote>${inline(line.replace(/^>\s?/, ''))}</blockquote>`);
    else if (/^-{3,}$/.test(line)) out.push(html`<hr>`);
    else if (line.trim() === '' || line.trim() === '<empty-block/>') continue;
    else out.push(html`<p>${inline(line)}</p>`);
  }
  flush();
  return html`<div class="markdown">${out}</div>`;
}

