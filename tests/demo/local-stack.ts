// The offline stack for tests and the benchmark: the three stand-ins in this process (state
// persisted in a folder, seeded with the example world and the weekly competitive brief) and
// `wrangler dev` wired to them. `npm start` runs the same pieces as separate processes
// (demo-stack.ts).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDrive, type DriveStandIn } from '../emulators/drive';
import { startModel, type ModelStandIn } from '../emulators/model';
import { startNotion, type NotionStandIn } from '../emulators/notion';
import { weeklyBrief, type FixtureRow } from '../fixtures/example-rows';
import { driveWorld, WORLD } from '../support/world';
import { demoNotionWorld } from './demo-world';
import { ROOT, WEBHOOK_SECRET, serviceAccountKeys, workerProcess } from './worker-process';

export { DEMO_API_TOKEN } from './worker-process';

export interface StackPorts {
  notion: number;
  drive: number;
  model: number;
  worker: number;
}

export const DEMO_PORTS: StackPorts = { notion: 4010, drive: 4020, model: 4030, worker: 8787 };
export const DEMO_DIR = '.baton-demo';

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
  /**
   * The workspace page's address: page `url`s become <viewBase>/notion/… and Drive `webViewLink`s
   * <viewBase>/drive/<id>, so published links open offline. Default: Notion's and Drive's own.
   */
  viewBase?: string;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dir = resolve(ROOT, options.dir ?? DEMO_DIR);
  const ports = options.ports ?? DEMO_PORTS;
  mkdirSync(dir, { recursive: true });
  const keys = serviceAccountKeys(dir);
  const workerUrl = `http://127.0.0.1:${ports.worker}`;

  const notion = await startNotion({
    port: ports.notion,
    stateDir: join(dir, 'notion'),
    seed: demoNotionWorld(options.workflowRows ?? [weeklyBrief]),
    webhook: { url: `${workerUrl}/webhooks/notion`, verificationToken: WEBHOOK_SECRET, confirmed: true, backoffMs: 500 },
    webBase: options.viewBase && `${options.viewBase}/notion`,
  });
  const drive = await startDrive({
    port: ports.drive,
    stateDir: join(dir, 'drive'),
    seed: driveWorld(),
    serviceAccounts: [{ email: WORLD.serviceAccountEmail, publicKey: keys.publicKey }],
    webViewBase: options.viewBase && `${options.viewBase}/drive`,
  });
  const model = await startModel({ port: ports.model, latencyMs: options.modelLatencyMs ?? 0 });

  const worker = workerProcess({
    dir,
    port: ports.worker,
    urls: { notion: notion.url, drive: drive.url, driveToken: drive.tokenUrl, model: model.url },
    // Tests and the benches' request counts want no pacing; the admission bench sets the emulated
    // budget itself, and `npm start` (demo-stack.ts) keeps Notion's real one.
    env: { NOTION_REQUESTS_PER_WINDOW: '100000', ...options.env },
    quiet: options.quiet,
    log: options.workerLog,
  });

  const stack: LocalStack = {
    dir,
    ports,
    notion,
    drive,
    model,
    workerUrl,
    startWorker: () => worker.start(),
    stopWorker: () => worker.stop(),
    tick: (at) => worker.tick(at),
    onWorkerExit: (listener) => worker.onExit(listener),
    async close() {
      await worker.stop();
      await Promise.all([notion.close(), drive.close(), model.close()]);
    },
  };
  return stack;
}
