// JSON Schemas generated from the SDK's own TypeScript types, compiled to ajv validators and
// cached on disk keyed by the SDK version (never committed, never edited). One generator run
// covers every type in sdk-types.ts; the validators are written as standalone modules so a
// cached start only has to `require` them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { NotionVersion } from '../versions';
import { NOTION_VERSIONS } from '../versions';
import type { SdkTypeName } from './sdk-types';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const SDK_TYPES_FILE = join(HERE, 'sdk-types.ts');
/** Bumped when the way schemas are derived changes, so old caches are not reused. */
const FORMAT = 'v2';

export type Validators = Record<NotionVersion, Record<SdkTypeName, ValidateFunction>>;

export interface SchemaInfo {
  sdkVersion: string;
  cacheDir: string;
  /** True when the validators came from the disk cache. */
  cached: boolean;
  /** Time spent in this call (loading, or generating and compiling). */
  elapsedMs: number;
  /** Time the generation took when the cache was written. */
  generationMs: number;
}

export interface LoadedSchemas {
  validators: Validators;
  info: SchemaInfo;
}

interface Meta {
  sdkVersion: string;
  generationMs: number;
  types: SdkTypeName[];
}

export function loadSdkValidators(options: { cacheRoot?: string } = {}): LoadedSchemas {
  const started = performance.now();
  const sdkPackage = require.resolve('@notionhq/client/package.json');
  const sdkVersion = (JSON.parse(readFileSync(sdkPackage, 'utf8')) as { version: string }).version;
  const nodeModules = dirname(dirname(dirname(sdkPackage)));
  const cacheRoot = options.cacheRoot ?? join(nodeModules, '.cache', 'notion-stand-in-schemas');
  const key = createHash('sha256')
    .update(FORMAT)
    .update(readFileSync(SDK_TYPES_FILE))
    .update(packageVersion('ts-json-schema-generator/package.json'))
    .update(packageVersion('ajv/package.json'))
    .digest('hex')
    .slice(0, 12);
  const cacheDir = join(cacheRoot, `${sdkVersion}-${key}`);
  let cached = true;
  if (!existsSync(join(cacheDir, 'meta.json'))) {
    cached = false;
    writeCache(cacheRoot, cacheDir, sdkVersion);
  }
  const meta = JSON.parse(readFileSync(join(cacheDir, 'meta.json'), 'utf8')) as Meta;
  const validators = {} as Validators;
  for (const version of NOTION_VERSIONS) {
    validators[version] = require(join(cacheDir, `validators-${version}.cjs`)) as Record<SdkTypeName, ValidateFunction>;
  }
  return {
    validators,
    info: { sdkVersion, cacheDir, cached, elapsedMs: performance.now() - started, generationMs: meta.generationMs },
  };
}

function packageVersion(path: string): string {
  return (JSON.parse(readFileSync(require.resolve(path), 'utf8')) as { version: string }).version;
}

function writeCache(cacheRoot: string, cacheDir: string, sdkVersion: string): void {
  const started = performance.now();
  mkdirSync(cacheRoot, { recursive: true });
  // Several test workers may start at once: each writes its own folder and renames it into
  // place; whoever loses the race drops its copy.
  const tmp = `${cacheDir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(tmp, { recursive: true });
  try {
    const schema = generateSchema(tmp);
    const types = Object.keys(schema.definitions.NotionSdkTypes!.properties!) as SdkTypeName[];
    writeFileSync(join(tmp, 'schema.json'), JSON.stringify(schema));
    for (const version of NOTION_VERSIONS) {
      const variant = version === '2025-09-03' ? schema : withoutFieldsRemovedIn(schema, version);
      writeFileSync(join(tmp, `validators-${version}.cjs`), compileStandalone(variant, types));
    }
    const meta: Meta = { sdkVersion, generationMs: Math.round(performance.now() - started), types };
    writeFileSync(join(tmp, 'meta.json'), JSON.stringify(meta, null, 2));
    try {
      renameSync(tmp, cacheDir);
    } catch {
      if (!existsSync(join(cacheDir, 'meta.json'))) throw new Error(`could not write schema cache ${cacheDir}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface JsonSchema {
  definitions: Record<string, SchemaNode>;
  [key: string]: unknown;
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  required?: string[];
  deprecated?: unknown;
  [key: string]: unknown;
}

function generateSchema(workDir: string): JsonSchema {
  const tsconfig = join(workDir, 'tsconfig.json');
  // strictNullChecks matters: without it `string | null` collapses to `string`.
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
      files: [SDK_TYPES_FILE],
    }),
  );
  const tsj = require('ts-json-schema-generator') as typeof import('ts-json-schema-generator');
  const generator = tsj.createGenerator({
    path: SDK_TYPES_FILE,
    tsconfig,
    type: 'NotionSdkTypes',
    skipTypeCheck: true,
    jsDoc: 'extended',
    expose: 'export',
    topRef: true,
  });
  return generator.createSchema('NotionSdkTypes') as unknown as JsonSchema;
}

/**
 * The SDK marks fields such as `archived` "Present for backwards compatibility with API versions
 * prior to 2026-03-11". Under 2026-03-11 they must be absent (upgrade guide 2026-03-11), so the
 * variant for that version drops them; with `additionalProperties: false` their presence fails.
 */
function withoutFieldsRemovedIn(schema: JsonSchema, version: NotionVersion): JsonSchema {
  const copy = structuredClone(schema);
  const marker = `prior to ${version}`;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as SchemaNode;
    if (n.properties && typeof n.properties === 'object') {
      for (const [name, prop] of Object.entries(n.properties)) {
        if (typeof prop?.deprecated === 'string' && prop.deprecated.includes(marker)) {
          delete n.properties[name];
          if (Array.isArray(n.required)) n.required = n.required.filter((r) => r !== name);
        }
      }
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(copy);
  return copy;
}

function compileStandalone(schema: JsonSchema, types: SdkTypeName[]): string {
  const AjvClass = require('ajv').default as typeof import('ajv').default;
  const standalone = require('ajv/dist/standalone').default as typeof import('ajv/dist/standalone').default;
  const ajv = new AjvClass({ strict: false, allErrors: false, code: { source: true, optimize: false } });
  const definitions: Record<string, unknown> = { ...schema.definitions };
  const refs: Record<string, string> = {};
  const entries = schema.definitions.NotionSdkTypes!.properties!;
  for (const name of types) {
    definitions[`SdkType_${name}`] = entries[name];
    refs[name] = `notion#/definitions/SdkType_${name}`;
  }
  ajv.addSchema({ $id: 'notion', definitions });
  return standalone(ajv, refs);
}
