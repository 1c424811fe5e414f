// Source text is data: what Baton writes into Notion from sources or the model is made inert, so
// that no live Notion markup — a mention (it notifies a person), a page or database reference, a
// synced block, a file or media tag, any XML-like tag, a `javascript:`/`data:` link — can appear
// unless Baton itself wrote it. Pure: text in, text out.
//
// Notion-flavored markdown (developers.notion.com/guides/data-apis/enhanced-markdown, "Escaping"):
// "Use backslashes to escape special characters. The following characters should be escaped
// outside of code blocks: \ * ~ ` $ [ ] < > { } | ^ … Code block content is literal." Every
// Notion-only construct that can point at something (mentions, <page>, <database>, <file>,
// <synced_block>, …) starts with `<`, and every link or image with `[`, so:
//
// - `<` is always escaped outside code (`\<`); an autolink `<https://…>` becomes `[url](url)`.
// - `[text](url)` / `![caption](url)` stay live only when url starts with `http://`, `https://` or
//   `mailto:` *as written* (no entity, space or case tricks can change the scheme of a URL that
//   literally starts with `https://`) and contains no `(`, `)`, `<`, `>`, quote, backslash or
//   space; the text has no brackets. Anything else gets its brackets escaped, so it shows as
//   `[text](javascript:…)` in plain text.
// - `$` is escaped (inline equations are KaTeX, which has `\href`).
// - Existing escapes (`\x`) are kept as they are: re-escaping `\<` to `\\<` would unescape it.
// - Code is literal and left alone, but only in forms every parser reads the same way: a
//   single-backtick span closed on the same line by a single backtick, and ``` fences, which are
//   rewritten into one canonical shape (opening and closing fence at the opening line's tab depth,
//   a plain language word, a zero-width space in front of any fence-like line inside, a closing
//   fence added if the text ends inside one). Otherwise an attacker could open a fence that one
//   parser closes earlier than another and have "code" read as markup. A `~~~` line (a fence in
//   CommonMark) is escaped for the same reason.
// - Markdown that cannot point anywhere is kept: headings, lists, to-dos, bold/italic/strike,
//   quotes, dividers, pipe tables, `{color="…"}` attributes.

const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\s()<>"'`\\]*$/i;
const AUTOLINK = /^<((?:https?:\/\/|mailto:)[^\s<>"'`\\()]+)>/i;
const LINK = /^\[((?:\\[^\n]|[^[\]\\\n])*)\]\(([^)\s]*)\)/;
const TODO = /^([-*+]|\d+[.)]) \[[ xX]\] /;
const ZWSP = '\u200b';

/** Makes `text` safe to write into Notion as Notion-flavored markdown (see the header). */
export function inertMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: { indent: string } | undefined;
  for (const line of lines) {
    const indent = /^\t*/.exec(line)![0];
    const body = line.slice(indent.length);
    const trimmed = body.trimStart();
    if (fence) {
      if (line.trim() === '```') {
        out.push(`${fence.indent}\`\`\``);
        fence = undefined;
      } else if (/^(?:```|~~~)/.test(trimmed)) {
        // A fence-like line inside code would close the block for some parser: defuse it.
        out.push(line.replace(/^(\s*)/, `$1${ZWSP}`));
      } else out.push(line);
      continue;
    }
    const opening = /^```+(.*)$/.exec(trimmed);
    if (opening) {
      fence = { indent };
      out.push(`${indent}\`\`\`${fenceLanguage(opening[1]!)}`);
      continue;
    }
    out.push(indent + inertBlockLine(body));
  }
  if (fence) out.push(`${fence.indent}\`\`\``);
  return out.join('\n');
}

function fenceLanguage(info: string): string {
  const word = info.trim();
  return /^[A-Za-z0-9+#._-]{1,40}$/.test(word) ? word : '';
}

/** One line outside code: keeps list and to-do markers, defuses `~~~` fences, escapes the rest. */
function inertBlockLine(body: string): string {
  const lead = /^\s*/.exec(body)![0];
  let rest = body.slice(lead.length);
  let prefix = lead;
  const todo = TODO.exec(rest);
  if (todo) {
    prefix += todo[0];
    rest = rest.slice(todo[0].length);
  } else if (rest.startsWith('~~~')) {
    prefix += '\\~';
    rest = rest.slice(1);
  }
  return prefix + inertInline(rest);
}

/** Inline text outside code: see the header for what stays live. */
export function inertInline(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      // An existing escape stays; a lone trailing backslash could escape whatever follows.
      out += i + 1 < src.length ? src.slice(i, i + 2) : '\\\\';
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = backtickRun(src, i);
      if (run === 1) {
        const close = src.indexOf('`', i + 1);
        if (close > i + 1 && backtickRun(src, close) === 1) {
          out += src.slice(i, close + 1);
          i = close + 1;
          continue;
        }
      }
      out += '\\`'.repeat(run);
      i += run;
      continue;
    }
    if (c === '<') {
      const auto = AUTOLINK.exec(src.slice(i));
      if (auto) {
        out += `[${inertInline(auto[1]!)}](${auto[1]!})`;
        i += auto[0].length;
        continue;
      }
      out += '\\<';
      i += 1;
      continue;
    }
    if (c === '[') {
      const link = LINK.exec(src.slice(i));
      if (link && SAFE_URL.test(link[2]!)) {
        out += `[${inertInline(link[1]!)}](${link[2]!})`;
        i += link[0].length;
        continue;
      }
      out += '\\[';
      i += 1;
      continue;
    }
    if (c === ']' || c === '$') {
      out += `\\${c}`;
      i += 1;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

function backtickRun(src: string, at: number): number {
  let n = 0;
  while (src[at + n] === '`') n += 1;
  return n;
}

// ---------------------------------------------------------------------------------------------
// The check: an independent reader that reports live markup in Notion-flavored markdown. It is
// deliberately suspicious (it reads code spans and fences the strict way, decodes entities and
// strips whitespace/control characters in link targets as browsers do) so that tests and the
// fault soak can assert "nothing live here" about text Baton wrote from sources or the model.

export interface LiveMarkup {
  kind: 'tag' | 'unsafe_link' | 'autolink' | 'equation';
  line: number;
  text: string;
}

/** Live markup in `markdown`, outside code: tags, non-http(s)/mailto links and images, autolinks, equations. */
export function findLiveMarkup(markdown: string): LiveMarkup[] {
  const found: LiveMarkup[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let fenceDepth: number | undefined;
  lines.forEach((line, n) => {
    const depth = /^\t*/.exec(line)![0].length;
    const body = line.slice(depth);
    if (fenceDepth !== undefined) {
      // Notion closes a fence on a line of exactly ``` at the opening depth.
      if (line.slice(fenceDepth).trimEnd() === '```') fenceDepth = undefined;
      return;
    }
    if (/^```/.test(body.trimEnd())) {
      fenceDepth = depth;
      return;
    }
    scanInline(body, n + 1, found);
  });
  return found;
}

/** True when `markdown` holds no live markup outside code (see findLiveMarkup). */
export function isInertMarkdown(markdown: string): boolean {
  return findLiveMarkup(markdown).length === 0;
}

function scanInline(src: string, line: number, found: LiveMarkup[]): void {
  const report = (kind: LiveMarkup['kind'], at: number, length = 40) => found.push({ kind, line, text: src.slice(at, at + length) });
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      // Code only when both readings agree: single backtick to the next single backtick.
      const run = backtickRun(src, i);
      const close = src.indexOf('`', i + run);
      if (run === 1 && close > i && backtickRun(src, close) === 1) {
        i = close + 1;
        continue;
      }
      i += run;
      continue;
    }
    if (c === '<') {
      const rest = src.slice(i + 1);
      if (/^[a-z][a-z0-9+.-]*:/i.test(rest)) report('autolink', i);
      else if (/^[/!?]?[a-z]/i.test(rest)) report('tag', i);
      i += 1;
      continue;
    }
    if (c === '$' && src.indexOf('$', i + 1) > i) {
      report('equation', i);
      i += 1;
      continue;
    }
    if (c === '[') {
      const close = matchingBracket(src, i);
      if (close > 0 && src[close + 1] === '(') {
        const end = src.indexOf(')', close + 2);
        const target = src.slice(close + 2, end < 0 ? undefined : end);
        if (!isSafeTarget(target)) report('unsafe_link', i, close + 2 + target.length - i + 1);
      }
    }
    i += 1;
  }
}

function matchingBracket(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j += 1) {
    if (src[j] === '\\') j += 1;
    else if (src[j] === '[') depth += 1;
    else if (src[j] === ']' && --depth === 0) return j;
  }
  return -1;
}

/** A link target as a browser would see it: entities decoded, whitespace and controls dropped. */
function isSafeTarget(raw: string): boolean {
  const decoded = raw
    .replace(/^<|>$/g, '')
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\ufeff]/g, '')
    .split(/\s/)[0]!;
  return /^(?:https?:\/\/|mailto:)/i.test(decoded);
}
