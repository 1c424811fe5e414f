// `npm start` as a newcomer runs it, in its own folder and ports: it prints one URL, the
// workspace lists the four example workflows with Health OK, the README's try-it commands work
// in the order written, twice in a row, the stand-ins survive their admin API being read while a
// run proceeds, and killing the Drive stand-in stops `npm start` with a non-zero code naming it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, isFullPage } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports';
import { WORLD } from '../support/world';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'baton-npm-start-'));
let env: NodeJS.ProcessEnv;
let start: ChildProcess;
let out = '';
let err = '';
let ports: { workspace: number; notion: number; drive: number; model: number; worker: number };

/** The `npm run demo -- …` lines of the README's try-it section, in order, as argument lists. */
function tryItCommands(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Try it'), readme.indexOf('\n## ', readme.indexOf('## Try it') + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const lines = blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('npm run demo -- '));
  // Shell words: double-quoted strings stay whole; an unquoted # starts a comment.
  return lines.map((line) => [...line.slice('npm run demo -- '.length).matchAll(/"([^"]*)"|(#.*$)|(\S+)/g)].filter((m) => !m[2]).map((m) => m[1] ?? m[3] ?? ''));
}
const TRY_IT = tryItCommands();

function tsx(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline || start.exitCode !== null) throw new Error(`Timed out waiting for ${what}; npm start said:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  ports = { workspace: await freePort(), notion: await freePort(), drive: await freePort(), model: await freePort(), worker: await freePort() };
  env = { ...process.env, BATON_DEMO_DIR: dir, BATON_DEMO_PORTS: [ports.workspace, ports.notion, ports.drive, ports.model, ports.worker].join(',') };
  start = spawn(process.execPath, ['--import', 'tsx', 'tests/demo/start.ts'], { cwd: ROOT, env });
  start.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  start.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  await until('npm start to say it is running', () => out.includes('Baton is running offline'), 150_000);
}, 160_000);

afterAll(() => {
  if (start.exitCode === null) start.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints one URL to open, and the workspace lists the four workflows with Health OK', async () => {
    const open = /Open:\n\n\s+(\S+)\n/.exec(out);
    expect(open?.[1]).toBe(`http://127.0.0.1:${ports.workspace}`);
    expect(err).not.toMatch(/ENOTFOUND|at .*\(node:/);

    const notion = new Client({ auth: WORLD.notionToken, baseUrl: `http://127.0.0.1:${ports.notion}`, notionVersion: '2026-03-11' });
    const rows = (await notion.dataSources.query({ data_source_id: WORLD.workflowsDataSource })).results.filter(isFullPage);
    const health = Object.fromEntries(
      rows.map((r) => {
        const name = r.properties.Name?.type === 'title' ? r.properties.Name.title.map((t) => t.plain_text).join('') : '';
        const h = r.properties.Health?.type === 'rich_text' ? r.properties.Health.rich_text.map((t) => t.plain_text).join('') : '';
        return [name, h];
      }),
    );
    expect(Object.keys(health).sort()).toEqual(['Client kickoff brief', 'Repurpose new articles', 'Sprint feedback synthesis', 'Weekly competitive brief']);
    for (const text of Object.values(health)) expect(text).toMatch(/^OK — /);
    expect(Object.values(health).join('\n')).not.toMatch(/Warning|Error/);
    // A Watch folder pasted as a bare link is named as Drive names it.
    expect(health['Client kickoff brief']).toContain('runs when a file lands in Closed-won deals');
    expect(Object.values(health).join('\n')).not.toContain('drive.google.com');

    const page = await (await fetch(open![1]!)).text();
    for (const name of Object.keys(health)) expect(page).toContain(name);
  });

  it('runs the README try-it commands in order, twice, while the stand-ins’ request logs are read 100 times each', async () => {
    const hammer = Promise.all(
      (['notion', 'drive', 'model'] as const).map(async (service) => {
        const statuses: number[] = [];
        for (let i = 0; i < 100; i++) {
          const res = await fetch(`http://127.0.0.1:${ports[service]}/__admin/requests`, i % 2 ? {} : { headers: { accept: 'application/json' } });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        return statuses;
      }),
    );
    expect(TRY_IT.map((c) => c[0])).toEqual(['run-now', 'status', 'changes', 'approve', 'status']);
    const said: string[] = [];
    for (const round of [1, 2]) {
      for (const args of TRY_IT) {
        const result = await tsx('tests/demo/demo.ts', args);
        said.push(`$ npm run demo -- ${args.join(' ')}\n${result.stdout}${result.stderr}`);
        expect(result.code, `round ${round}: npm run demo -- ${args.join(' ')} said:\n${result.stdout}${result.stderr}`).toBe(0);
      }
    }
    for (const statuses of await hammer) expect(statuses).toEqual(Array(100).fill(200));
    const last = said.at(-1) ?? '';
    // Two runs, both published, each with its own page and Doc opening on the workspace page.
    expect(last.match(/\[Published\]/g)).toHaveLength(2);
    expect(last).toContain(`Published Notion page: http://127.0.0.1:${ports.workspace}/notion/`);
    expect(last).toContain(`Published Google Doc:  http://127.0.0.1:${ports.workspace}/drive/`);
    expect(start.exitCode).toBeNull();
  }, 400_000);

  it('exits non-zero naming the Drive stand-in when it is killed', async () => {
    const pid = Number(/Google Drive stand-in\s+\S+\s+pid (\d+)/.exec(out)?.[1]);
    expect(pid).toBeGreaterThan(0);
    const exited = new Promise<number | null>((r) => start.once('exit', (code) => r(code)));
    process.kill(pid, 'SIGKILL');
    const code = await exited;
    expect(code).toBe(1);
    expect(err).toContain(`The Google Drive stand-in (http://127.0.0.1:${ports.drive}, pid ${pid}) was stopped by SIGKILL`);
    expect(err).toContain('Stopping the rest');
    // Nothing is left answering.
    await expect(fetch(`http://127.0.0.1:${ports.notion}/__admin/clock`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports.worker}/health`)).rejects.toThrow();
    expect(readFileSync(join(dir, 'logs', 'drive.log'), 'utf8')).toContain('drive stand-in on');
  }, 60_000);
});
