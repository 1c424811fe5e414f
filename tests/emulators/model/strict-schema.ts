// The rules Structured Outputs documents for `strict: true` schemas, with the real API's wording:
// the root is an object; every object says `additionalProperties: false` and lists every property
// in `required` (optional fields are expressed as a union with null instead). The location is
// printed the way the API prints it, as a Python tuple: `In context=('properties', 'items'), ...`.

type Schema = Record<string, unknown>;

export function checkStrictSchema(root: Schema): string | undefined {
  if (root.type !== 'object' || 'anyOf' in root) {
    const got = root.type === undefined ? ('anyOf' in root ? 'anyOf' : 'None') : JSON.stringify(root.type);
    return `schema must be a JSON Schema of 'type: "object"', got 'type: ${got}'.`;
  }
  return walk(root, []);
}

function walk(schema: unknown, path: string[]): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const s = schema as Schema;
  const isObject = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || 'properties' in s;
  if (isObject) {
    if (s.additionalProperties !== false) {
      return `In context=${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys((s.properties as Schema | undefined) ?? {});
    const required = Array.isArray(s.required) ? s.required : [];
    const missing = keys.find((k) => !required.includes(k));
    if (missing !== undefined) {
      return `In context=${context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  for (const [key, child] of Object.entries((s.properties as Schema | undefined) ?? {})) {
    const found = walk(child, [...path, 'properties', key]);
    if (found) return found;
  }
  for (const defsKey of ['$defs', 'definitions']) {
    for (const [key, child] of Object.entries((s[defsKey] as Schema | undefined) ?? {})) {
      const found = walk(child, [...path, defsKey, key]);
      if (found) return found;
    }
  }
  if (s.items !== undefined) {
    const found = walk(s.items, [...path, 'items']);
    if (found) return found;
  }
  for (const unionKey of ['anyOf', 'allOf']) {
    const branches = Array.isArray(s[unionKey]) ? (s[unionKey] as unknown[]) : [];
    for (const [i, child] of branches.entries()) {
      const found = walk(child, [...path, unionKey, String(i)]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Python's repr of a tuple of strings: (), ('a',), ('a', 'b'). */
function context(path: string[]): string {
  if (path.length === 0) return '()';
  if (path.length === 1) return `('${path[0]}',)`;
  return `(${path.map((p) => `'${p}'`).join(', ')})`;
}
