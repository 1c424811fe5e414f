// npm run setup -- --parent <Notion page URL or id> [--write-dev-vars]
// Creates (or completes) the Workflows and Runs databases under that page.
import { parseArgs } from 'node:util';
import { createNotionAdapter, createNotionClient } from '../adapters/notion';
import { ensureDatabases, SetupError, type DatabaseReport } from '../registry/setup';
import { readDevVars, writeDevVars } from './dev-vars';

const DEV_VARS = '.dev.vars';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { parent: { type: 'string' }, 'write-dev-vars': { type: 'boolean', default: false } },
  });
  if (!values.parent) fail('Pass the Notion page to create the databases under: npm run setup -- --parent <page link or id>');
  const devVars = readDevVars(DEV_VARS);
  const token = process.env.NOTION_TOKEN ?? devVars.NOTION_TOKEN;
  if (!token) fail('Set NOTION_TOKEN (your integration secret) in the environment or in .dev.vars, then run setup again.');
  const baseUrl = process.env.NOTION_API_URL ?? devVars.NOTION_API_URL ?? 'https://api.notion.com';

  const notion = createNotionAdapter(createNotionClient({ token, baseUrl }));
  const report = await ensureDatabases(notion, values.parent);
  print(report.workflows);
  print(report.runs);
  const ids = {
    NOTION_WORKFLOWS_DATA_SOURCE_ID: report.workflows.dataSourceId,
    NOTION_RUNS_DATA_SOURCE_ID: report.runs.dataSourceId,
  };
  console.log('\nConfigure Baton with:');
  for (const [k, v] of Object.entries(ids)) console.log(`  ${k}=${v}`);
  if (values['write-dev-vars']) {
    writeDevVars(DEV_VARS, ids);
    console.log(`Wrote them to ${DEV_VARS}.`);
  }
}

function print(db: DatabaseReport): void {
  if (db.created) console.log(`Created the ${db.title} database (${db.databaseId}).`);
  else if (db.addedProperties.length + db.addedOptions.length === 0) console.log(`${db.title}: already set up, nothing to change.`);
  else console.log(`${db.title}: found it and added ${[...db.addedProperties, ...db.addedOptions].join(', ')}.`);
  for (const conflict of db.conflicts) console.log(`  ! ${conflict} — change it in Notion or rename it; setup leaves it alone.`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

main().catch((error: unknown) => {
  fail(error instanceof SetupError ? error.message : `Setup failed: ${error instanceof Error ? error.message : String(error)}`);
});
