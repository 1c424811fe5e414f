// Structured answers: a value built deterministically from a JSON Schema and the prompt, then
// checked with ajv before it is sent (a value that fails is a stand-in defect, reported as such).
//   - const → the const; enum → its first value; anyOf/oneOf → the first branch; allOf → merged.
//   - string → the next prompt phrase (source facts in drafting order, else the task's sentences,
//     else the last user message's sentences), cycling; a property named body, content, answer,
//     output or draft, or with "markdown" in its name, gets the whole text answer instead.
//     Formats: date-time/date/time from the first YYYY-MM-DD in the prompt (else 2000-01-01),
//     email someone@example.com, uri https://example.com/, uuid all zeros. minLength pads with
//     ".", maxLength cuts.
//   - number/integer → 0 moved into [minimum, maximum] (exclusive bounds: 1, or 0.5, inside),
//     rounded up to multipleOf.
//   - boolean → true; null → null.
//   - array → minItems items (at least one, at most maxItems).
//   - object → every property when it has at most 6, otherwise only the required ones.
//   - $ref to "#/…" is followed; recursion deeper than 8 levels stops at required fields/minItems.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

type Schema = Record<string, unknown>;

export interface FillContext {
  phrases: string[];
  answer: string;
  date: string;
}

const BODY_FIELD = /^(body|content|answer|output|draft)$|markdown/i;
const MAX_DEPTH = 8;

export function buildValue(schema: Schema, context: FillContext): unknown {
  const state = { slot: 0 };
  return build(schema, schema, context, state, 0, undefined);
}

function build(node: unknown, root: Schema, ctx: FillContext, state: { slot: number }, depth: number, name: string | undefined): unknown {
  if (depth > 40) throw new Error('schema recursion has no finite instance the stand-in can build');
  const s = resolve(node, root);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) return build(branches[0], root, ctx, state, depth + 1, name);
  if (Array.isArray(s.allOf)) return build(mergeAll(s, root), root, ctx, state, depth + 1, name);

  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (s.properties ? 'object' : s.items || s.prefixItems ? 'array' : 'string');
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return number(s, type === 'integer');
    case 'array': {
      const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as unknown[]) : [];
      const wanted = Math.max(typeof s.minItems === 'number' ? s.minItems : 0, depth >= MAX_DEPTH ? 0 : 1, prefix.length);
      const count = Math.min(wanted, typeof s.maxItems === 'number' ? s.maxItems : Infinity);
      return Array.from({ length: count }, (_, i) => build(prefix[i] ?? s.items ?? {}, root, ctx, state, depth + 1, name));
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s.required) ? (s.required as string[]) : [];
      const keys = Object.keys(properties);
      const chosen = keys.length <= 6 && depth < MAX_DEPTH ? keys : keys.filter((k) => required.includes(k));
      return Object.fromEntries(chosen.map((k) => [k, build(properties[k], root, ctx, state, depth + 1, k)]));
    }
    default:
      return text(s, ctx, state, name);
  }
}

function text(s: Schema, ctx: FillContext, state: { slot: number }, name: string | undefined): string {
  const formats: Record<string, string> = {
    'date-time': `${ctx.date}T00:00:00Z`,
    date: ctx.date,
    time: '00:00:00Z',
    email: 'someone@example.com',
    uri: 'https://example.com/',
    url: 'https://example.com/',
    uuid: '00000000-0000-4000-8000-000000000000',
    hostname: 'example.com',
    ipv4: '127.0.0.1',
  };
  let value = typeof s.format === 'string' ? formats[s.format] : undefined;
  if (value === undefined) {
    value = name !== undefined && BODY_FIELD.test(name) ? ctx.answer : (ctx.phrases[state.slot++ % ctx.phrases.length] ?? '');
  }
  if (typeof s.minLength === 'number' && value.length < s.minLength) value = value.padEnd(s.minLength, '.');
  if (typeof s.maxLength === 'number' && value.length > s.maxLength) value = value.slice(0, s.maxLength);
  return value;
}

function number(s: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const lo = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + step : -Infinity;
  const hi = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - step : Infinity;
  let value = Math.min(Math.max(0, lo), hi);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) value = Math.ceil(value / s.multipleOf) * s.multipleOf;
  return integer ? Math.ceil(value) : value;
}

/** Follows local $refs ("#/$defs/Plan", "#/definitions/Step", "#"). */
function resolve(node: unknown, root: Schema): Schema {
  let s: unknown = node;
  for (let hops = 0; typeof s === 'object' && s !== null && typeof (s as Schema).$ref === 'string' && hops < 32; hops++) {
    const ref = (s as Schema).$ref as string;
    if (!ref.startsWith('#')) throw new Error(`only local $refs are supported, got ${ref}`);
    s = ref
      .slice(1)
      .split('/')
      .filter(Boolean)
      .reduce<unknown>((at, key) => (at as Schema | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], root);
  }
  return typeof s === 'object' && s !== null ? (s as Schema) : {};
}

function mergeAll(s: Schema, root: Schema): Schema {
  const parts = [{ ...s, allOf: undefined }, ...(s.allOf as unknown[]).map((p) => resolve(p, root))];
  const merged: Schema = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (v === undefined) continue;
      if (k === 'properties') merged.properties = { ...(merged.properties as Schema), ...(v as Schema) };
      else if (k === 'required') merged.required = [...((merged.required as string[]) ?? []), ...(v as string[])];
      else merged[k] = v;
    }
  }
  delete merged.allOf;
  return merged;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
for (const [format, pattern] of Object.entries({
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S*$/i,
  url: /^[a-z][a-z0-9+.-]*:\S*$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  hostname: /^[a-z0-9.-]+$/i,
  ipv4: /^(\d{1,3}\.){3}\d{1,3}$/,
})) {
  ajv.addFormat(format, pattern);
}
const compiled = new Map<string, ValidateFunction>();

/**
 * Compiles a schema (once per distinct schema; throws when ajv rejects it) into a checker that
 * returns ajv's error text for a value, or undefined when the value is valid.
 */
export function compileSchema(schema: Schema): (value: unknown) => string | undefined {
  // $schema/$id would make ajv look up or register meta-schemas; the model does not need them.
  const { $schema: _schema, $id: _id, ...plain } = schema;
  const key = JSON.stringify(plain);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(plain);
    compiled.set(key, validate);
  }
  const checker = validate;
  return (value) => (checker(value) ? undefined : ajv.errorsText(checker.errors));
}
