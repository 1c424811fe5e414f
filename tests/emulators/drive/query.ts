// The `q` search language of files.list: parser and checks.
// https://developers.google.com/workspace/drive/api/guides/ref-search-terms lists every term with
// its valid operators; https://developers.google.com/workspace/drive/api/guides/search-files gives
// the syntax (single-quoted strings with \' escapes, and/or/not, parentheses, `'ID' in parents`,
// `appProperties has { key='k' and value='v' }`). Anything else is Drive's 400 "Invalid Value"
// on the q parameter.
import { driveErrors } from './google-errors';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains';
export type Literal = { type: 'string'; value: string } | { type: 'bool'; value: boolean };

export type Query =
  | { kind: 'and' | 'or'; left: Query; right: Query }
  | { kind: 'not'; query: Query }
  | { kind: 'compare'; field: string; op: CompareOp; value: Literal }
  | { kind: 'in'; value: string; field: string }
  | { kind: 'has'; field: string; key: string; value: string };

type Kind = 'string' | 'date' | 'bool' | 'collection' | 'map';
const TERMS: Record<string, { kind: Kind; ops: string[] }> = {
  name: { kind: 'string', ops: ['contains', '=', '!='] },
  fullText: { kind: 'string', ops: ['contains'] },
  mimeType: { kind: 'string', ops: ['contains', '=', '!='] },
  modifiedTime: { kind: 'date', ops: ['<=', '<', '=', '!=', '>', '>='] },
  viewedByMeTime: { kind: 'date', ops: ['<=', '<', '=', '!=', '>', '>='] },
  createdTime: { kind: 'date', ops: ['<=', '<', '=', '!=', '>', '>='] },
  trashed: { kind: 'bool', ops: ['=', '!='] },
  starred: { kind: 'bool', ops: ['=', '!='] },
  sharedWithMe: { kind: 'bool', ops: ['=', '!='] },
  parents: { kind: 'collection', ops: ['in'] },
  owners: { kind: 'collection', ops: ['in'] },
  writers: { kind: 'collection', ops: ['in'] },
  readers: { kind: 'collection', ops: ['in'] },
  properties: { kind: 'map', ops: ['has'] },
  appProperties: { kind: 'map', ops: ['has'] },
  visibility: { kind: 'string', ops: ['=', '!='] },
  'shortcutDetails.targetId': { kind: 'string', ops: ['=', '!='] },
};

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: 'punct'; v: string };

const invalid = () => driveErrors.invalidValue('q');

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) i++;
    else if (c === "'" || c === '"') {
      // Drive documents single quotes; double quotes are accepted by the service too.
      let v = '';
      for (i++; i < q.length && q[i] !== c; i++) {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        v += q[i];
      }
      if (i >= q.length) throw invalid();
      i++;
      tokens.push({ t: 'str', v });
    } else if ('(){}'.includes(c)) tokens.push({ t: 'punct', v: c }), i++;
    else if (/[<>=!]/.test(c)) {
      const m = /^(<=|>=|!=|=|<|>)/.exec(q.slice(i));
      if (!m) throw invalid();
      tokens.push({ t: 'op', v: m[1]! });
      i += m[1]!.length;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i));
      if (!m) throw invalid();
      tokens.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseQuery(q: string): Query {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (tok: Token | undefined, word: string) => tok?.t === 'word' && tok.v.toLowerCase() === word;
  const expect = (t: Token['t'], v?: string): Token => {
    const tok = tokens[pos++];
    if (!tok || tok.t !== t || (v !== undefined && tok.v.toLowerCase() !== v)) throw invalid();
    return tok;
  };

  function or(): Query {
    let left = and();
    while (isWord(peek(), 'or')) pos++, (left = { kind: 'or', left, right: and() });
    return left;
  }
  function and(): Query {
    let left = unary();
    while (isWord(peek(), 'and')) pos++, (left = { kind: 'and', left, right: unary() });
    return left;
  }
  function unary(): Query {
    if (isWord(peek(), 'not')) return pos++, { kind: 'not', query: unary() };
    if (peek()?.t === 'punct' && peek()!.v === '(') {
      pos++;
      const inner = or();
      expect('punct', ')');
      return inner;
    }
    return term();
  }
  function term(): Query {
    const first = tokens[pos++];
    if (first?.t === 'str') {
      expect('word', 'in');
      const field = expect('word').v;
      if (TERMS[field]?.kind !== 'collection') throw invalid();
      return { kind: 'in', value: first.v, field };
    }
    if (first?.t !== 'word') throw invalid();
    const spec = TERMS[first.v];
    if (!spec) throw invalid();
    if (spec.kind === 'map') {
      expect('word', 'has');
      expect('punct', '{');
      expect('word', 'key');
      expect('op', '=');
      const key = expect('str').v;
      expect('word', 'and');
      expect('word', 'value');
      expect('op', '=');
      const value = expect('str').v;
      expect('punct', '}');
      return { kind: 'has', field: first.v, key, value };
    }
    const opTok = tokens[pos++];
    const op = opTok?.t === 'op' ? opTok.v : isWord(opTok, 'contains') ? 'contains' : undefined;
    if (!op || !spec.ops.includes(op)) throw invalid();
    const valueTok = tokens[pos++];
    let value: Literal;
    if (spec.kind === 'bool') {
      if (!isWord(valueTok, 'true') && !isWord(valueTok, 'false')) throw invalid();
      value = { type: 'bool', value: valueTok!.v.toLowerCase() === 'true' };
    } else {
      if (valueTok?.t !== 'str') throw invalid();
      if (spec.kind === 'date' && parseRfc3339(valueTok.v) === undefined) throw invalid();
      value = { type: 'string', value: valueTok.v };
    }
    return { kind: 'compare', field: first.v, op: op as CompareOp, value };
  }

  if (tokens.length === 0) throw invalid();
  const query = or();
  if (pos !== tokens.length) throw invalid();
  return query;
}

/** RFC 3339 date-time; "the default time zone is UTC" when the offset is left out. */
export function parseRfc3339(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/i.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[2] ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Ids named by top-level (and-ed) `'ID' in parents` terms: they steer the corpus (see files-list). */
export function parentsNamed(query: Query | undefined): string[] {
  if (!query) return [];
  if (query.kind === 'in' && query.field === 'parents') return [query.value];
  if (query.kind === 'and') return [...parentsNamed(query.left), ...parentsNamed(query.right)];
  return [];
}
