// The worker half of the offline stack: its settings file (pointing at the stand-ins) and
// `wrangler dev` with local D1, shared by the test stack (local-stack.ts) and `npm start`
// (demo-stack.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORLD } from '../support/world';

/** The stack's LEARN_AFTER_SECONDS unless `env` says otherwise (the bench waits on it). */
export const STACK_LEARN_AFTER_SECONDS = 1;

export const ROOT = resolve(import.meta.dirname, '..', '..');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
/** The offline demo's Run now API token (a local stand-in world; never a real secret). */
export const DEMO_API_TOKEN = 'baton-demo-api-token';
export const WEBHOOK_SECRET = 'whsec_local_demo';

export interface StandInUrls {
  notion: string;
  drive: string;
  driveToken: string;
  model: string;
}

export interface WorkerProcessOptions {
  dir: string;
  port: number;
  urls: StandInUrls;
  /** Extra or overriding worker settings (e.g. STEP_RETRY_DELAY_SECONDS). */
  env?: Record<string, string>;
  quiet?: boolean;
  /** Append wrangler's output to this file (instead of the terminal, or nowhere when quiet). */
  log?: string;
}

export interface WorkerProcess {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs the cron handler once, as Cloudflare does every minute; `at` overrides the time. */
  tick(at?: Date): Promise<void>;
  /** Called once if the worker stops on its own (not through stop), with what happened. */
  onExit(listener: (description: string) => void): void;
}

export function workerProcess(options: WorkerProcessOptions): WorkerProcess {
  const { dir, port, urls } = options;
  const url = `http://127.0.0.1:${port}`;
  const keys = serviceAccountKeys(dir);
  const envFile = join(dir, 'worker.env');
  writeFileSync(
    envFile,
    Object.entries({
      NOTION_API_URL: urls.notion,
      NOTION_TOKEN: WORLD.notionToken,
      NOTION_WORKFLOWS_DATA_SOURCE_ID: WORLD.workflowsDataSource,
      NOTION_RUNS_DATA_SOURCE_ID: WORLD.runsDataSource,
      NOTION_WEBHOOK_SECRET: WEBHOOK_SECRET,
      GOOGLE_API_URL: `${urls.drive}/`,
      GOOGLE_TOKEN_URL: urls.driveToken,
      GOOGLE_SERVICE_ACCOUNT_EMAIL: WORLD.serviceAccountEmail,
      GOOGLE_PRIVATE_KEY: JSON.stringify(keys.privateKey),
      MODEL_BASE_URL: urls.model,
      MODEL_NAME: 'gpt-4.1-mini',
      ALLOWED_DRIVE_ROOTS: WORLD.teamDrive,
      ALLOWED_NOTION_PAGES: WORLD.rootPage,
      STEP_RETRY_DELAY_SECONDS: '2',
      // The stand-in delivers webhooks in milliseconds: a published run waits 1 s, not 5 minutes,
      // for comment events before it learns from the review.
      LEARN_AFTER_SECONDS: String(STACK_LEARN_AFTER_SECONDS),
      // Drive pushes reach wrangler dev directly (the stand-in accepts http on loopback).
      PUBLIC_URL: url,
      BATON_API_TOKEN: DEMO_API_TOKEN,
      ...options.env,
    })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );

  const persist = join(dir, 'wrangler');
  let child: ChildProcess | undefined;
  let stopping = false;
  const listeners: ((description: string) => void)[] = [];

  return {
    url,
    async start() {
      stopping = false;
      await run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], stdio(options));
      const worker = spawn(
        WRANGLER,
        ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(port + 1000), '--persist-to', persist, '--env-file', envFile, '--show-interactive-dev-session=false'],
        // Offline, wrangler's fetch of the `Request.cf` data fails with an ENOTFOUND stack trace on
        // every start and reload: CLOUDFLARE_CF_FETCH_ENABLED=false (Wrangler's system environment
        // variables) uses its placeholder without trying.
        { cwd: ROOT, stdio: stdio(options), env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' } },
      );
      child = worker;
      await waitForHealth(url, worker);
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
        for (const listener of listeners) listener(`The worker (wrangler dev on ${url}) ${how}`);
      });
    },
    onExit(listener) {
      listeners.push(listener);
    },
    async stop() {
      stopping = true;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    async tick(at = new Date()) {
      const res = await fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${at.getTime()}`);
      if (!res.ok) throw new Error(`The scheduled handler answered ${res.status}: ${await res.text()}`);
    },
  };
}

function stdio(options: WorkerProcessOptions): 'ignore' | 'inherit' | ['ignore', number, number] {
  if (options.log) {
    const fd = openSync(options.log, 'a');
    return ['ignore', fd, fd];
  }
  return options.quiet ? 'ignore' : 'inherit';
}

/** One key pair per demo folder, so a restarted stack still accepts the worker's JWTs. */
export function serviceAccountKeys(dir: string): { privateKey: string; publicKey: string } {
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

function run(command: string, args: string[], output: ReturnType<typeof stdio>): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: output, env: { ...process.env, CI: '1' } });
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
