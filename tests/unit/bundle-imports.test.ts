// What keeps the Worker bundle small, checked where it is decided: in the source's imports.
// Measured with `npx tsx tests/bench/bundle.ts` (esbuild metafile of `wrangler deploy --dry-run`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?([^'";]*?)\s+from\s+'([^']+)';/gm)].map((m) => ({ type: Boolean(m[1]), what: m[2]!, from: m[3]! }));

describe('the Worker bundle', () => {
  it("imports zod as a namespace, so esbuild leaves out its ~360 KiB of locales", () => {
    // `import { z } from 'zod'` takes the `z` namespace object whole, `locales` included
    // (openai/openai-node#1703, colinhacks/zod#4433); `import * as z` lets esbuild keep only what is used.
    const named = sourceFiles(SRC).filter((f) => importsOf(f).some((i) => !i.type && i.from.startsWith('zod') && /\{[^}]*\bz\b[^}]*\}/.test(i.what)));
    expect(named.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('takes only types from @googleapis/drive: Drive calls are plain fetch (adapters/drive-http.ts)', () => {
    const runtime = sourceFiles(SRC).filter((f) => importsOf(f).some((i) => !i.type && (i.from.startsWith('@googleapis/') || i.from.startsWith('google-auth-library') || i.from === 'gaxios')));
    expect(runtime.map((f) => relative(SRC, f))).toEqual([]);
  });
});
