import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../src/domain/json-schemas';

const dir = join(import.meta.dirname, '..', '..', 'schemas');

describe('schemas/', () => {
  it('matches the zod domain schemas (run `npm run schemas` when this fails)', () => {
    const expected = renderJsonSchemas();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) {
      expect(readFileSync(join(dir, name), 'utf8'), `schemas/${name} is stale`).toBe(text);
    }
  });
});
