// JSON Schemas for the domain, generated from the zod schemas (never written twice).
// `npm run schemas` writes them into schemas/; a unit test fails when that folder is stale.
import * as z from 'zod';
import { Plan } from './plan';
import { Run } from './run';
import { WorkflowDefinition } from './workflow-definition';

const DOMAIN = {
  'workflow-definition': WorkflowDefinition,
  plan: Plan,
  run: Run,
} as const;

/** File name → file contents, exactly as committed in schemas/. */
export function renderJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, schema] of Object.entries(DOMAIN)) {
    const json = { $id: `https://baton.dev/schemas/${name}.schema.json`, title: name, ...z.toJSONSchema(schema) };
    files[`${name}.schema.json`] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return files;
}
