// npm run schemas: regenerate schemas/ from the zod domain schemas.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from '../domain/json-schemas';

const dir = join(import.meta.dirname, '..', '..', 'schemas');
mkdirSync(dir, { recursive: true });
const files = renderJsonSchemas();
for (const stale of readdirSync(dir)) if (!(stale in files)) rmSync(join(dir, stale));
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
console.log(`wrote ${Object.keys(files).length} schemas to schemas/: ${Object.keys(files).join(', ')}`);
