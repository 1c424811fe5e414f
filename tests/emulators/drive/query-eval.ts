// Evaluates a parsed `q` against one stored item.
// Matching rules from https://developers.google.com/workspace/drive/api/guides/search-files:
// - "The contains operator only performs prefix matching for a name term": `name contains 'Hello'`
//   finds "HelloWorld" and "Say Hello", `name contains 'World'` does not find "HelloWorld". Tokens
//   start after any non-alphanumeric character; matching ignores case.
// - fullText matches whole tokens of the name, description and text content.
// - `in parents` does not recurse; 'root' names the My Drive root.
// - Dates compare as instants; viewedByMeTime is never set here (the service account never opens
//   files in a browser), so comparisons on it are false.
import { parseRfc3339, type Query } from './query';
import type { StoredFile } from './state';

export interface QueryContext {
  viewerEmail: string;
  rootFolderId: string;
}

const tokenStarts = (text: string): number[] => {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!)) starts.push(i);
  return starts;
};

function namePrefixMatch(name: string, needle: string): boolean {
  const lower = name.toLowerCase();
  const want = needle.toLowerCase();
  return tokenStarts(lower).some((i) => lower.startsWith(want, i));
}

function fullTextMatch(file: StoredFile, needle: string): boolean {
  const content = file.content;
  const body =
    content?.kind === 'doc'
      ? content.markdown
      : content?.kind === 'sheet'
        ? content.sheets.flatMap((s) => s.rows.flat()).join(' ')
        : content?.kind === 'blob' && file.mimeType.startsWith('text/')
          ? Buffer.from(content.base64, 'base64').toString('utf8')
          : '';
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const haystack = new Set(words(`${file.name} ${file.description ?? ''} ${body}`));
  const wanted = words(needle);
  return wanted.length > 0 && wanted.every((w) => haystack.has(w));
}

function compare(a: number | string, b: number | string, op: string): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

export function matches(query: Query, file: StoredFile, ctx: QueryContext): boolean {
  switch (query.kind) {
    case 'and':
      return matches(query.left, file, ctx) && matches(query.right, file, ctx);
    case 'or':
      return matches(query.left, file, ctx) || matches(query.right, file, ctx);
    case 'not':
      return !matches(query.query, file, ctx);
    case 'has': {
      const map = query.field === 'appProperties' ? file.appProperties : file.properties;
      return map[query.key] === query.value;
    }
    case 'in': {
      const who = query.value === 'me' ? ctx.viewerEmail : query.value;
      if (query.field === 'parents') return file.parents.includes(query.value === 'root' ? ctx.rootFolderId : query.value);
      if (query.field === 'owners') return file.owner?.emailAddress === who;
      // The service account can read and write everything it sees; owners are writers too.
      return who === ctx.viewerEmail || file.owner?.emailAddress === who;
    }
    case 'compare': {
      const { field, op, value } = query;
      if (value.type === 'bool') {
        const actual = field === 'trashed' ? file.trashed : field === 'starred' ? file.starred : false;
        return op === '=' ? actual === value.value : actual !== value.value;
      }
      switch (field) {
        case 'name':
          return op === 'contains' ? namePrefixMatch(file.name, value.value) : compare(file.name, value.value, op);
        case 'mimeType':
          return op === 'contains' ? file.mimeType.includes(value.value) : compare(file.mimeType, value.value, op);
        case 'fullText':
          return fullTextMatch(file, value.value);
        case 'modifiedTime':
        case 'createdTime':
          return compare(Date.parse(file[field]), parseRfc3339(value.value)!, op);
        case 'viewedByMeTime':
          return false;
        case 'visibility':
          return compare('limited', value.value, op);
        default:
          // shortcutDetails.targetId: the stand-in has no shortcuts.
          return op === '!=';
      }
    }
  }
}
