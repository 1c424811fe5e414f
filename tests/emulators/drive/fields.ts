// The `fields` system parameter: a FieldMask-style selection applied to every JSON response.
// https://developers.google.com/workspace/drive/api/guides/fields-parameter — "If you don't specify
// the fields parameter, the server returns a default set of fields specific to the method"; an
// invalid selection is a 400 that names it. Grammar, as Google's partial-response docs use it:
//
//   fields    := selection ("," selection)*
//   selection := name ("/" name)* [ "(" fields ")" ]      name := identifier | "*"
//
// so `nextPageToken,files(id,name)`, `files/id,files/parents` and `files(*)` all parse.
import { driveErrors } from './google-errors';
import type { Shape } from './resource-shapes';

/** name → sub-selection; `true` selects the whole value. */
export type FieldTree = Map<string, FieldTree | true>;

const invalid = (what: string) => driveErrors.invalidParameter('fields', `Invalid field selection ${what}`);

export function parseFields(text: string): FieldTree {
  const source = text.replace(/\s+/g, '');
  let pos = 0;

  function name(): string {
    const match = /^(\*|[A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(pos));
    if (!match) throw invalid(source.slice(pos) || source);
    pos += match[1]!.length;
    return match[1]!;
  }

  function list(into: FieldTree): void {
    for (;;) {
      const path = [name()];
      while (source[pos] === '/') {
        pos++;
        path.push(name());
      }
      let leaf: FieldTree | true = true;
      if (source[pos] === '(') {
        pos++;
        leaf = new Map();
        list(leaf);
        if (source[pos] !== ')') throw invalid(path.join('/'));
        pos++;
      }
      insert(into, path, leaf);
      if (source[pos] !== ',') return;
      pos++;
    }
  }

  const tree: FieldTree = new Map();
  if (source === '') throw invalid('');
  list(tree);
  if (pos !== source.length) throw invalid(source.slice(pos));
  return tree;
}

function insert(tree: FieldTree, path: string[], leaf: FieldTree | true): void {
  const [head, ...rest] = path;
  const existing = tree.get(head!);
  if (existing === true) return;
  if (rest.length === 0) {
    if (leaf === true || !existing) tree.set(head!, leaf);
    else for (const [k, v] of leaf) insert(existing, [k], v);
    return;
  }
  const next = existing ?? new Map();
  tree.set(head!, next);
  insert(next, rest, leaf);
}

/** Reject names the resource does not have, as Drive does, before anything is returned. */
export function validateFields(tree: FieldTree, shape: Shape, prefix = ''): void {
  for (const [key, sub] of tree) {
    if (key === '*') continue;
    const child = shape[key];
    if (child === undefined) throw invalid(prefix + key);
    if (sub !== true && typeof child === 'object') validateFields(sub, child, `${prefix}${key}/`);
  }
}

/** Keep only the selected members; absent members stay absent. */
export function applyFields(value: unknown, tree: FieldTree | true): unknown {
  if (tree === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => applyFields(item, tree));
  if (tree.has('*')) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = applyFields(member, sub);
  }
  return out;
}

/** Parse `fields` (or the method's default), validate it against the shape, and apply it. */
export function selectFields(body: unknown, fields: string | null, defaults: string, shape: Shape): unknown {
  const tree = parseFields(fields || defaults);
  validateFields(tree, shape);
  return applyFields(body, tree);
}
