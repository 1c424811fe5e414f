// npm run demo -- <command>: act on the running offline demo (see tests/demo/start.ts).
//   run-now                 start the weekly brief now (Run now, through the worker's API)
//   status                  runs, their status, and what they published
//   approve [--edit TEXT]   approve the newest draft as the reviewer (optionally editing it)
//   changes FEEDBACK        ask for changes as the reviewer
//   approve --as alex       try approving as someone who is not the reviewer
import { parseArgs } from 'node:util';
import { Client, isFullPage, type PageObjectResponse } from '@notionhq/client';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { DEMO_API_TOKEN, DEMO_PORTS } from './local-stack';

const notionUrl = `http://127.0.0.1:${DEMO_PORTS.notion}`;
const workerUrl = `http://127.0.0.1:${DEMO_PORTS.worker}`;
const notion = new Client({ auth: WORLD.notionToken, baseUrl: notionUrl, notionVersion: '2026-03-11' });
const people: Record<string, string> = { maya: FIXTURE_IDS.users.maya, alex: WORLD.alex };

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { edit: { type: 'string' }, as: { type: 'string', default: 'maya' } },
});
const [command, ...rest] = positionals;

async function main(): Promise<void> {
  switch (command) {
    case 'run-now':
      return runNow();
    case 'status':
      return status();
    case 'approve':
      return decide('Approved');
    case 'changes':
      return decide('Changes requested', rest.join(' '));
    default:
      throw new Error('Commands: run-now, status, approve [--edit TEXT] [--as maya|alex], changes FEEDBACK');
  }
}

async function runNow(): Promise<void> {
  // Run now starts a manual run and moves no schedule's bookkeeping (ticking the worker at a
  // future slot, as the demo once did, held every other schedule back until the clock caught up).
  await tickAt(new Date()); // the registry is read first, so the row is known
  const res = await fetch(`${workerUrl}/api/workflows/${FIXTURE_IDS.rows.weeklyBrief}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_API_TOKEN}` },
  });
  const body = (await res.json()) as { runId?: string; error?: string };
  if (!res.ok) throw new Error(`The worker answered ${res.status}: ${body.error ?? 'no reason'}; is npm start running?`);
  console.log(`Started run ${body.runId}. Watch it with: npm run demo -- status`);
}

async function tickAt(at: Date): Promise<void> {
  const res = await fetch(`${workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${at.getTime()}`);
  if (!res.ok) throw new Error(`The worker answered ${res.status}; is npm start running?`);
}

async function runs(): Promise<PageObjectResponse[]> {
  const result = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, sorts: [{ timestamp: 'created_time', direction: 'descending' }] });
  return result.results.filter(isFullPage);
}

const prop = (page: PageObjectResponse, name: string): string => {
  const p = page.properties[name];
  if (!p) return '';
  if (p.type === 'select') return p.select?.name ?? '';
  if (p.type === 'url') return p.url ?? '';
  if (p.type === 'title') return p.title.map((t) => t.plain_text).join('');
  if (p.type === 'rich_text') return p.rich_text.map((t) => t.plain_text).join('');
  return '';
};

async function status(): Promise<void> {
  const all = await runs();
  if (all.length === 0) console.log('No runs yet. Start one with: npm run demo -- run-now');
  for (const run of all) {
    console.log(`${prop(run, 'Name')}  [${prop(run, 'Status')}]  run ${prop(run, 'Run ID')}`);
    console.log(`  Run page (draft and review): ${notionUrl}/v1/pages/${run.id}/markdown`);
    if (prop(run, 'Output page')) console.log(`  Published Notion page: ${prop(run, 'Output page')}`);
    if (prop(run, 'Output')) console.log(`  Published Google Doc:  ${prop(run, 'Output')}`);
  }
  console.log('\n(The stand-ins answer the real APIs: add -H "Authorization: Bearer ntn_baton_local_token" -H "Notion-Version: 2026-03-11" to curl a page.)');
}

async function decide(to: 'Approved' | 'Changes requested', feedback = ''): Promise<void> {
  const person = people[values.as ?? 'maya'];
  if (!person) throw new Error(`--as takes one of: ${Object.keys(people).join(', ')}`);
  const waiting = (await runs()).find((r) => prop(r, 'Status') === 'Needs review');
  if (!waiting) throw new Error('No run is waiting for review. See: npm run demo -- status');
  const admin = (path: string, method: string, body: unknown) =>
    fetch(`${notionUrl}/__admin/people/${person}/pages/${waiting.id}${path}`, { method, body: JSON.stringify(body) }).then(async (res) => {
      if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
    });
  if (values.edit) {
    const { markdown } = await notion.pages.retrieveMarkdown({ page_id: waiting.id });
    await admin('/markdown', 'PUT', { markdown: `${markdown}\n\n${values.edit}` });
  }
  await admin('', 'PATCH', {
    properties: { Status: { select: { name: to } }, ...(feedback ? { Feedback: { rich_text: [{ text: { content: feedback } }] } } : {}) },
  });
  console.log(`${values.as} set ${prop(waiting, 'Name')} to ${to}${feedback ? ` with feedback “${feedback}”` : ''}. Notion's webhook tells the worker; check with: npm run demo -- status`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
