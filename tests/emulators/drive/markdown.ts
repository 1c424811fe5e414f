// A small Markdown ⇄ HTML ⇄ plain-text converter for Google Doc content. The stand-in keeps Docs
// as Markdown; exports render it, imports of HTML bring it back to Markdown. It covers what
// generated briefs use (headings, paragraphs, lists, quotes, code, rules, bold, italic, code spans,
// links); it is not a full CommonMark implementation.

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

function blocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if (line.trim() === '') i++;
    else if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      i++;
      out.push({ kind: 'code', text: body.join('\n') });
    } else if ((m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
      out.push({ kind: 'heading', level: m[1]!.length, text: m[2]! });
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push({ kind: 'rule' });
      i++;
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]!); i++) items.push(lines[i]!.replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
      out.push({ kind: 'list', ordered, items });
    } else if (line.startsWith('>')) {
      const body: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('>'); i++) body.push(lines[i]!.replace(/^>\s?/, ''));
      out.push({ kind: 'quote', text: body.join(' ') });
    } else {
      const body: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s)/.test(lines[i]!); i++) body.push(lines[i]!.trim());
      out.push({ kind: 'paragraph', text: body.join(' ') });
    }
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a, b) => `<strong>${a ?? b}</strong>`)
    .replace(/\*([^*]+)\*|\b_([^_]+)_\b/g, (_m, a, b) => `<em>${a ?? b}</em>`);
}

const inlinePlain = (text: string) =>
  text
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a, b) => a ?? b)
    .replace(/\*([^*]+)\*|\b_([^_]+)_\b/g, (_m, a, b) => a ?? b);

export function markdownToHtml(markdown: string, title: string): string {
  const body = blocks(markdown)
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${inlineHtml(b.text)}</h${b.level}>`;
        case 'paragraph':
          return `<p>${inlineHtml(b.text)}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>${b.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'quote':
          return `<blockquote><p>${inlineHtml(b.text)}</p></blockquote>`;
        case 'code':
          return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
        case 'rule':
          return '<hr>';
      }
    })
    .join('');
  return `<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** Docs' plain-text export starts with a byte-order mark and ends lines with CRLF. */
export function markdownToPlainText(markdown: string): string {
  const lines = blocks(markdown).flatMap((b) => {
    switch (b.kind) {
      case 'list':
        return b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '*'} ${inlinePlain(item)}`);
      case 'code':
        return b.text.split('\n');
      case 'rule':
        return ['________________'];
      default:
        return [inlinePlain(b.text)];
    }
  });
  return `\uFEFF${lines.join('\r\n')}`;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** Import of text/html into a Doc, kept as Markdown. */
export function htmlToMarkdown(html: string): string {
  let s = html.replace(/\r\n?/g, '\n');
  s = s.replace(/<(head|script|style|title)\b[\s\S]*?<\/\1>/gi, '');
  // Code blocks keep their line breaks: set them aside while whitespace is collapsed.
  const code: string[] = [];
  s = s.replace(/<pre[^>]*>\s*(?:<code[^>]*>)?([\s\S]*?)(?:<\/code>)?\s*<\/pre>/gi, (_m, text: string) => {
    code.push(decodeEntities(text.replace(/<[^>]+>/g, '')));
    return `<standin-code ${code.length - 1}>`;
  });
  s = s.replace(/[ \t]*\n[ \t]*/g, ' ');
  s = s.replace(/<standin-code (\d+)>/g, '\n\n\u0000$1\u0000\n\n');
  s = s.replace(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi, (_m, level, text) => `\n\n${'#'.repeat(Number(level))} ${text.trim()}\n\n`);
  s = s.replace(/<(strong|b)\b[^>]*>([\s\S]*?)<\/\1>/gi, '**$2**');
  s = s.replace(/<(em|i)\b[^>]*>([\s\S]*?)<\/\1>/gi, '*$2*');
  s = s.replace(/<code[^>]*>([\s\S]*?)<\/code>/gi, '`$1`');
  s = s.replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '[$2]($1)');
  s = s.replace(/<ol[^>]*>([\s\S]*?)<\/ol>/gi, (_m, items: string) => {
    let n = 0;
    return `\n\n${items.replace(/<li[^>]*>([\s\S]*?)<\/li>/gi, (_x, item: string) => `${++n}. ${item.trim()}\n`)}\n`;
  });
  s = s.replace(/<li[^>]*>([\s\S]*?)<\/li>/gi, (_m, item: string) => `- ${item.trim()}\n`);
  s = s.replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/gi, (_m, text: string) => `\n\n> ${text.replace(/<[^>]+>/g, '').trim()}\n\n`);
  s = s.replace(/<hr\s*\/?>/gi, '\n\n---\n\n');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<\/(p|div|ul|ol)>/gi, '\n\n');
  s = decodeEntities(s.replace(/<[^>]+>/g, ''));
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\u0000(\d+)\u0000/g, (_m, n) => `\`\`\`\n${code[Number(n)]}\n\`\`\``)
    .trim();
}
