// npm run demo -- <command>: script the running offline demo (npm start), acting as the team
// would in Notion. Each command goes through the same public APIs a person's action would cause:
// Run now through the worker's API, decisions and edits through the Notion stand-in's "as a
// person" calls (so its webhook reaches the worker). Commands wait for the run to move on.
import { parseArgs } from 'node:util';
import { Client, isFullPage, type PageObjectResponse, type UserObjectResponse } from '@notionhq/client';
import { WORLD } from '../support/world';
import { demoSettings } from './demo-stack';
import { DEMO_API_TOKEN } from './worker-process';

const HELP = `Commands (run them in this order; each waits for the run to move on):
  run-now [WORKFLOW]              start a new run now (default: the weekly competitive brief)
  status                          every run of every workflow, and links to what it published
  changes FEEDBACK [--as NAME]    ask for changes on the newest run waiting for review
  approve [--edit TEXT] [--as NAME]  edit the draft in place (optional), then approve
Options: --as NAME acts as that team member (default: the run's reviewer); --no-wait returns at once.`;

const { ports } = demoSettings();
const notionUrl = `http://127.0.0.1:${ports.notion}`;
const workerUrl = `http://127.0.0.1:${ports.worker}`;
const notion = new Client({ auth: WORLD.notionToken, baseUrl: notionUrl, notionVersion: '2026-03-11' });

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { edit: { type: 'string' }, as: { type: 'string' }, 'no-wait': { type: 'boolean', default: false } },
});
const [command, ...rest] = positionals;

async function main(): Promise<void> {
  switch (command) {
    case 'run-now':
      return runNow(rest.join(' ') || 'Weekly competitive brief');
    case 'status':
      return status();
    case 'approve':
      return decide('Approved');
    case 'changes':
      if (rest.length === 0) throw new Error('Say what to change, e.g.: npm run demo -- changes "Too long; lead with pricing"');
      return decide('Changes requested', rest.join(' '));
    case undefined:
    case 'help':
      return console.log(HELP);
    default:
      throw new Error(`Unknown command "${command}".\n${HELP}`);
  }
}

async function runNow(name: string): Promise<void> {
  await tick(); // Baton reads the Workflows database first, so a row added a moment ago is known
  const workflow = await workflowNamed(name);
  const res = await fetch(`${workerUrl}/api/workflows/${workflow.id}/runs`, { method: 'POST', headers: { authorization: `Bearer ${DEMO_API_TOKEN}` } }).catch(() => {
    throw new Error(`The worker does not answer on ${workerUrl}; is npm start running?`);
  });
  const body = (await res.json()) as { runId?: string; error?: string };
  if (!res.ok || !body.runId) throw new Error(`The worker answered ${res.status}: ${body.error ?? 'no reason'}`);
  console.log(`Started run ${body.runId} of “${title(workflow)}”.`);
  const run = await waitFor(body.runId, ['Needs review', 'Published', 'Failed']);
  if (run) await report(run);
}

/** The run's links, and for a failed run the reason Baton left on its Run page. */
async function report(run: PageObjectResponse): Promise<void> {
  console.log(describe(run));
  if (prop(run, 'Status') !== 'Failed') return;
  const { results } = await notion.comments.list({ block_id: run.id });
  const reason = results.map((c) => c.rich_text.map((t) => t.plain_text).join('')).findLast((t) => t.startsWith('This run failed'));
  throw new Error(reason ?? 'The run failed; see its Run page.');
}

async function status(): Promise<void> {
  const all = await runs();
  if (all.length === 0) return console.log('No runs yet. Start one with: npm run demo -- run-now');
  for (const run of all) console.log(describe(run));
}

async function decide(to: 'Approved' | 'Changes requested', feedback = ''): Promise<void> {
  const waiting = (await runs()).find((r) => prop(r, 'Status') === 'Needs review');
  if (!waiting) throw new Error('No run is waiting for review. Start one with: npm run demo -- run-now');
  const person = await personFor(waiting);
  const asPerson = (path: string, method: string, body: unknown) =>
    fetch(`${notionUrl}/__admin/people/${person.id}/pages/${waiting.id}${path}`, { method, body: JSON.stringify(body) }).then(async (res) => {
      if (!res.ok) throw new Error(`The Notion stand-in refused ${person.name}'s change (${res.status}): ${await res.text()}`);
    });
  if (values.edit) {
    const { markdown } = await notion.pages.retrieveMarkdown({ page_id: waiting.id });
    await asPerson('/markdown', 'PUT', { markdown: `${markdown}\n\n${values.edit}` });
  }
  await asPerson('', 'PATCH', {
    properties: { Status: { select: { name: to } }, ...(feedback ? { Feedback: { rich_text: [{ text: { content: feedback } }] } } : {}) },
  });
  console.log(`${person.name} set “${prop(waiting, 'Name')}” to ${to}${feedback ? ` with feedback “${feedback}”` : ''}.`);
  const next = to === 'Approved' ? ['Published', 'Failed', 'Needs review'] : ['Needs review', 'Failed'];
  const run = await waitFor(prop(waiting, 'Run ID'), next, true);
  if (run) await report(run);
}

/** Polls the Runs database until the run reaches one of `statuses` (once it has left Needs review, after a decision). */
async function waitFor(runId: string, statuses: string[], afterDecision = false): Promise<PageObjectResponse | undefined> {
  if (values['no-wait']) return undefined;
  const deadline = Date.now() + 180_000;
  let last = '';
  let moved = !afterDecision;
  while (Date.now() < deadline) {
    const run = (await runs()).find((r) => prop(r, 'Run ID') === runId);
    const now = run ? prop(run, 'Status') : 'Queued';
    if (now !== last) process.stdout.write(`${last ? ' → ' : '  '}${now}`);
    last = now;
    moved ||= now !== 'Needs review';
    if (run && moved && statuses.includes(now)) {
      process.stdout.write('\n');
      return run;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stdout.write('\n');
  throw new Error(`Run ${runId} is still ${last} after 3 minutes; see npm run demo -- status and .baton-demo/logs/worker.log`);
}

async function tick(): Promise<void> {
  const res = await fetch(`${workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${Date.now()}`).catch(() => null);
  if (!res?.ok) throw new Error(`The worker does not answer on ${workerUrl}; is npm start running?`);
}

async function workflowNamed(name: string): Promise<PageObjectResponse> {
  const rows = (await notion.dataSources.query({ data_source_id: WORLD.workflowsDataSource })).results.filter(isFullPage);
  const wanted = name.toLowerCase();
  const found = rows.find((r) => title(r).toLowerCase() === wanted) ?? rows.find((r) => title(r).toLowerCase().includes(wanted));
  if (!found) throw new Error(`No workflow named “${name}”. The Workflows database has: ${rows.map(title).join(', ')}`);
  return found;
}

async function personFor(run: PageObjectResponse): Promise<{ id: string; name: string }> {
  const users = (await notion.users.list({})).results.filter((u): u is UserObjectResponse => u.type === 'person');
  if (values.as) {
    const wanted = values.as.toLowerCase();
    const user = users.find((u) => (u.name ?? '').toLowerCase().split(' ').includes(wanted) || (u.name ?? '').toLowerCase() === wanted);
    if (!user) throw new Error(`--as takes a team member's name: ${users.map((u) => u.name).join(', ')}`);
    return { id: user.id, name: user.name ?? user.id };
  }
  const reviewer = run.properties.Reviewer;
  const id = reviewer?.type === 'people' ? reviewer.people[0]?.id : undefined;
  const user = users.find((u) => u.id === id);
  if (!user) throw new Error('This run has no Reviewer; say who acts with --as NAME');
  return { id: user.id, name: user.name ?? user.id };
}

/** Newest first, by when each run started (created_time is to the minute, so two runs in a minute tie). */
async function runs(): Promise<PageObjectResponse[]> {
  const result = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, sorts: [{ property: 'Started', direction: 'descending' }] });
  return result.results.filter(isFullPage);
}

function describe(run: PageObjectResponse): string {
  const lines = [`${prop(run, 'Name')}  [${prop(run, 'Status')}]  run ${prop(run, 'Run ID')}`, `  Run page (draft and review): ${run.url}`];
  if (prop(run, 'Output page')) lines.push(`  Published Notion page: ${prop(run, 'Output page')}`);
  if (prop(run, 'Output')) lines.push(`  Published Google Doc:  ${prop(run, 'Output')}`);
  return lines.join('\n');
}

const title = (page: PageObjectResponse): string => prop(page, 'Name');

function prop(page: PageObjectResponse, name: string): string {
  const p = page.properties[name];
  if (!p) return '';
  if (p.type === 'select') return p.select?.name ?? '';
  if (p.type === 'url') return p.url ?? '';
  if (p.type === 'title') return p.title.map((t) => t.plain_text).join('');
  if (p.type === 'rich_text') return p.rich_text.map((t) => t.plain_text).join('');
  return '';
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
