// The offline stack: the three stand-ins (state persisted in a folder, seeded with the example
// world and the weekly competitive brief) and `wrangler dev` wired to them. Used by `npm start`,
// the demo commands, and the restart test.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDrive, type DriveStandIn } from '../emulators/drive';
import { startModel, type ModelStandIn } from '../emulators/model';
import { startNotion, type NotionStandIn } from '../emulators/notion';
import { FIXTURE_IDS, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { driveWorld, notionWorld, WORLD } from '../support/world';

export interface StackPorts {
  notion: number;
  drive: number;
  model: number;
  worker: number;
}

export const DEMO_PORTS: StackPorts = { notion: 4010, drive: 4020, model: 4030, worker: 8787 };
export const DEMO_DIR = '.baton-demo';
/** The offline demo's Run now API token (a local stand-in world; never a real secret). */
export const DEMO_API_TOKEN = 'baton-demo-api-token';
const WEBHOOK_SECRET = 'whsec_local_demo';
const ROOT = resolve(import.meta.dirname, '..', '..');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

export interface LocalStack {
  dir: string;
  ports: StackPorts;
  notion: NotionStandIn;
  drive: DriveStandIn;
  model: ModelStandIn;
  workerUrl: string;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  /** Runs the cron handler once, as Cloudflare does every minute; `at` overrides the time. */
  tick(at?: Date): Promise<void>;
  /** Called once if the worker stops on its own (not through stopWorker or close), with what it said. */
  onWorkerExit(listener: (description: string) => void): void;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  dir?: string;
  ports?: StackPorts;
  /** No wrangler output on the terminal. */
  quiet?: boolean;
  /** Extra or overriding worker settings (e.g. STEP_RETRY_DELAY_SECONDS, NOTION_TIMEOUT_MS, RUN_STALE_SECONDS). */
  env?: Record<string, string>;
  /** The Workflows rows to seed instead of the weekly competitive brief (created by Maya). */
  workflowRows?: FixtureRow[];
  /** Append wrangler's output to this file (instead of the terminal, or nowhere when quiet). */
  workerLog?: string;
  /** How long the model stand-in takes per answer (the bench sets a model-like delay). */
  modelLatencyMs?: number;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dir = resolve(ROOT, options.dir ?? DEMO_DIR);
  const ports = options.ports ?? DEMO_PORTS;
  mkdirSync(dir, { recursive: true });
  const keys = serviceAccountKeys(dir);
  const workerUrl = `http://127.0.0.1:${ports.worker}`;

  const seed = notionWorld();
  const workflows = seed.databases?.find((d) => d.data_source_id === WORLD.workflowsDataSource);
  if (!workflows) throw new Error('The world has no Workflows database');
  // The weekly competitive brief, as its author (Maya) wrote it.
  workflows.rows = (options.workflowRows ?? [weeklyBrief]).map((row) => ({ id: row.pageId, properties: row.properties, markdown: row.markdown, created_by: FIXTURE_IDS.users.maya }));
  const notion = await startNotion({
    port: ports.notion,
    stateDir: join(dir, 'notion'),
    seed,
    webhook: { url: `${workerUrl}/webhooks/notion`, verificationToken: WEBHOOK_SECRET, confirmed: true, backoffMs: 500 },
  });
  const drive = await startDrive({
    port: ports.drive,
    stateDir: join(dir, 'drive'),
    seed: driveWorld(),
    serviceAccounts: [{ email: WORLD.serviceAccountEmail, publicKey: keys.publicKey }],
  });
  const model = await startModel({ port: ports.model, latencyMs: options.modelLatencyMs ?? 0 });

  const envFile = join(dir, 'worker.env');
  writeFileSync(
    envFile,
    Object.entries({
      NOTION_API_URL: notion.url,
      NOTION_TOKEN: WORLD.notionToken,
      NOTION_WORKFLOWS_DATA_SOURCE_ID: WORLD.workflowsDataSource,
      NOTION_RUNS_DATA_SOURCE_ID: WORLD.runsDataSource,
      NOTION_WEBHOOK_SECRET: WEBHOOK_SECRET,
      GOOGLE_API_URL: `${drive.url}/`,
      GOOGLE_TOKEN_URL: drive.tokenUrl,
      GOOGLE_SERVICE_ACCOUNT_EMAIL: WORLD.serviceAccountEmail,
      GOOGLE_PRIVATE_KEY: JSON.stringify(keys.privateKey),
      MODEL_BASE_URL: model.url,
      MODEL_NAME: 'gpt-4.1-mini',
      ALLOWED_DRIVE_ROOTS: WORLD.teamDrive,
      ALLOWED_NOTION_PAGES: WORLD.rootPage,
      STEP_RETRY_DELAY_SECONDS: '2',
      // Drive pushes reach wrangler dev directly (the stand-in accepts http on loopback).
      PUBLIC_URL: workerUrl,
      BATON_API_TOKEN: DEMO_API_TOKEN,
      ...options.env,
    })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );

  const persist = join(dir, 'wrangler');
  let worker: ChildProcess | undefined;
  let stopping = false;
  const exitListeners: ((description: string) => void)[] = [];

  const stack: LocalStack = {
    dir,
    ports,
    notion,
    drive,
    model,
    workerUrl,
    async startWorker() {
      await run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], options.quiet);
      worker = spawn(
        WRANGLER,
        ['dev', '--ip', '127.0.0.1', '--port', String(ports.worker), '--inspector-port', String(ports.worker + 1000), '--persist-to', persist, '--env-file', envFile, '--show-interactive-dev-session=false'],
        // Offline, wrangler's fetch of the `Request.cf` data fails with an ENOTFOUND stack trace on
        // every start and reload: CLOUDFLARE_CF_FETCH_ENABLED=false (Wrangler's system environment
        // variables) uses its placeholder without trying.
        { cwd: ROOT, stdio: workerStdio(options), env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' } },
      );
      await waitForHealth(workerUrl, worker);
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
        for (const listener of exitListeners) listener(`The worker (wrangler dev on ${workerUrl}) ${how}`);
      });
    },
    onWorkerExit(listener) {
      exitListeners.push(listener);
    },
    async stopWorker() {
      stopping = true;
      if (!worker || worker.exitCode !== null) return;
      const exited = new Promise((r) => worker?.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    },
    async tick(at = new Date()) {
      const res = await fetch(`${workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${at.getTime()}`);
      if (!res.ok) throw new Error(`The scheduled handler answered ${res.status}: ${await res.text()}`);
    },
    async close() {
      await stack.stopWorker();
      await Promise.all([notion.close(), drive.close(), model.close()]);
    },
  };
  return stack;
}

function workerStdio(options: LocalStackOptions): 'ignore' | 'inherit' | ['ignore', number, number] {
  if (options.workerLog) {
    const fd = openSync(options.workerLog, 'a');
    return ['ignore', fd, fd];
  }
  return options.quiet ? 'ignore' : 'inherit';
}

/** One key pair per demo folder, so a restarted stack still accepts the worker's JWTs. */
function serviceAccountKeys(dir: string): { privateKey: string; publicKey: string } {
  const file = join(dir, 'service-account.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { privateKey: string; publicKey: string };
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  writeFileSync(file, JSON.stringify(keys));
  return keys;
}

function run(command: string, args: string[], quiet = false): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: quiet ? 'ignore' : 'inherit', env: { ...process.env, CI: '1' } });
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('wrangler dev did not answer /health within 60 s');
}
