// `npm start`'s stack: the three stand-ins as separate processes (so each can fail, or be
// stopped, on its own, as the real services can), `wrangler dev` wired to them, and a supervisor
// that reports which part stopped. State lives in .baton-demo/ and survives a restart; the seeds
// are used only when a stand-in has no saved state yet.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { EXAMPLE_ROWS, type FixtureRow } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import { demoDriveWorld, demoNotionWorld } from './demo-world';
import { DEMO_DIR, DEMO_PORTS, type StackPorts } from './local-stack';
import { ROOT, WEBHOOK_SECRET, serviceAccountKeys, workerProcess, type WorkerProcess } from './worker-process';

export interface DemoPorts extends StackPorts {
  workspace: number;
}

export const DEMO_STACK_PORTS: DemoPorts = { ...DEMO_PORTS, workspace: 4000 };

/**
 * Where `npm start` and `npm run demo` find the stack: .baton-demo/ on the ports above, or
 * BATON_DEMO_DIR and BATON_DEMO_PORTS="workspace,notion,drive,model,worker" (used by the test that
 * runs `npm start` beside a running demo).
 */
export function demoSettings(env: NodeJS.ProcessEnv = process.env): { dir: string; ports: DemoPorts } {
  const dir = env.BATON_DEMO_DIR || DEMO_DIR;
  if (!env.BATON_DEMO_PORTS) return { dir, ports: DEMO_STACK_PORTS };
  const numbers = env.BATON_DEMO_PORTS.split(',').map((p) => Number(p.trim()));
  if (numbers.length !== 5 || numbers.some((n) => !Number.isInteger(n) || n <= 0 || n > 65535)) {
    throw new Error(`BATON_DEMO_PORTS must be five ports: workspace,notion,drive,model,worker (got "${env.BATON_DEMO_PORTS}")`);
  }
  const [workspace, notion, drive, model, worker] = numbers as [number, number, number, number, number];
  return { dir, ports: { workspace, notion, drive, model, worker } };
}

export interface DemoStackOptions {
  dir?: string;
  ports?: DemoPorts;
  /** Default: the four workflows of EXAMPLES.md. */
  workflowRows?: FixtureRow[];
}

export interface StandInProcess {
  name: string;
  url: string;
  pid: number;
  log: string;
}

export interface DemoStack {
  dir: string;
  ports: DemoPorts;
  /** Where the workspace page is served (by the caller); page and Doc links point there. */
  workspaceUrl: string;
  standIns: { notion: StandInProcess; drive: StandInProcess; model: StandInProcess };
  worker: WorkerProcess;
  /** Called once when any part stops on its own, naming it. */
  onExit(listener: (description: string) => void): void;
  close(): Promise<void>;
}

export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const settings = demoSettings();
  const dir = resolve(ROOT, options.dir ?? settings.dir);
  const ports = options.ports ?? settings.ports;
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  await portsAreFree(ports);
  const workspaceUrl = `http://127.0.0.1:${ports.workspace}`;
  const workerUrl = `http://127.0.0.1:${ports.worker}`;
  const keys = serviceAccountKeys(dir);
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const notionSeed = file('notion-seed.json', demoNotionWorld(options.workflowRows ?? Object.values(EXAMPLE_ROWS), true));
  const driveSeed = file('drive-seed.json', demoDriveWorld());
  const drivePublicKey = file('service-account.pub.pem', keys.publicKey);

  let stopping = false;
  const listeners: ((description: string) => void)[] = [];
  const stopped = (description: string) => {
    if (stopping) return;
    stopping = true;
    for (const listener of listeners) listener(description);
  };
  const children: ChildProcess[] = [];
  const launch = async (name: string, port: number, script: string, args: string[]): Promise<StandInProcess> => {
    const url = `http://127.0.0.1:${port}`;
    const log = join(logs, `${script.split('/')[2]}.log`);
    const fd = openSync(log, 'a');
    // `node --import tsx` keeps one process per stand-in, so its pid is the server's own.
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', fd, fd] });
    children.push(child);
    child.once('exit', (code, signal) => {
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      stopped(`The ${name} stand-in (${url}, pid ${child.pid}) ${how}${lastLines(log)}`);
    });
    await waitForAnswer(url, child, name);
    return { name, url, pid: child.pid ?? 0, log };
  };

  const launched = await Promise.allSettled([
    launch('Notion', ports.notion, 'tests/emulators/notion/main.ts', [
      '--port', String(ports.notion), '--state-dir', join(dir, 'notion'), '--seed', notionSeed,
      '--webhook-url', `${workerUrl}/webhooks/notion`, '--webhook-secret', WEBHOOK_SECRET, '--web-base', `${workspaceUrl}/notion`,
    ]),
    launch('Google Drive', ports.drive, 'tests/emulators/drive/main.ts', [
      '--port', String(ports.drive), '--state-dir', join(dir, 'drive'), '--seed', driveSeed,
      '--service-account', `${WORLD.serviceAccountEmail}=${drivePublicKey}`, '--web-view-base', `${workspaceUrl}/drive`,
    ]),
    launch('model', ports.model, 'tests/emulators/model/main.ts', [String(ports.model)]),
  ]);
  const failed = launched.find((r) => r.status === 'rejected');
  if (failed) {
    // Never leave a half-stack behind: stop what did start.
    stopping = true;
    await Promise.all(children.map(stopChild));
    throw failed.reason;
  }
  const [notion, drive, model] = launched.map((r) => (r as PromiseFulfilledResult<StandInProcess>).value) as [StandInProcess, StandInProcess, StandInProcess];

  const worker = workerProcess({
    dir,
    port: ports.worker,
    urls: { notion: notion.url, drive: drive.url, driveToken: `${drive.url}/token`, model: `${model.url}/v1` },
    log: join(logs, 'worker.log'),
  });
  worker.onExit((description) => stopped(`${description}${lastLines(join(logs, 'worker.log'))}`));

  return {
    dir,
    ports,
    workspaceUrl,
    standIns: { notion, drive, model },
    worker,
    onExit(listener) {
      listeners.push(listener);
    },
    async close() {
      stopping = true;
      await worker.stop();
      await Promise.all(children.map((child) => stopChild(child)));
    },
  };
}

/** A port someone else holds would make a stand-in answer for another program, or wrangler fail. */
async function portsAreFree(ports: DemoPorts): Promise<void> {
  const wanted = { ...ports, 'worker inspector': ports.worker + 1000 };
  for (const [part, port] of Object.entries(wanted)) {
    const free = await new Promise<boolean>((r) => {
      const probe = createServer().once('error', () => r(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => r(true)));
    });
    if (!free) throw new Error(`Port ${port} (for the ${part}) is in use: is another npm start running? Stop it, or set BATON_DEMO_PORTS.`);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

/** The end of a part's log, so a stop says why without sending the person to a file. */
function lastLines(log: string, count = 5): string {
  try {
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-count);
    return lines.length && lines[0] ? `; its last words (${log}):\n    ${lines.join('\n    ')}` : '';
  } catch {
    return '';
  }
}

async function waitForAnswer(url: string, child: ChildProcess, name: string): Promise<void> {
  // The Notion stand-in generates its JSON Schemas from the SDK's types on a first start (cached after).
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The ${name} stand-in exited with code ${child.exitCode} while starting`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`The ${name} stand-in did not answer on ${url} within 120 s`);
}
