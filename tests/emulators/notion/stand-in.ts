// Starts the Notion stand-in: loads the SDK schemas, the state (from the state folder, else
// from the seed), and serves the API and the admin endpoints on one port.
import { type IncomingRequest, type LoggedRequest, type OutgoingResponse, serve } from '../shared/server';
import { answerFaulted, faultRateAdmin, type FaultRateCounts, type FaultRateSettings } from '../shared/fault-rate';
import { NotionFaults, notionFaultRate, notionFaultResponse, type NotionFaultRule } from './faults';
import { type AdminActions, createAdminActions } from './admin/actions';
import { handleAdmin } from './admin/http';
import { handleApi, type ResponseHook } from './api';
import { createClock } from './clock';
import { Store } from './model/store';
import { loadState, saveState } from './model/persistence';
import { type RateLimit, RateLimiter, type RateLimits } from './rate-limit';
import { SchemaChecker, type SchemaViolation } from './schema/checker';
import { loadSdkValidators, type SchemaInfo } from './schema/generate';
import { defaultSeed, type NotionSeed } from './seed';
import { stateFromSeed } from './seed-apply';
import { WebhookDispatcher, type WebhookSettings } from './webhooks/dispatcher';

export interface NotionStandInOptions {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  /** Keep the workspace in <stateDir>/notion-state.json and reload it on start (the seed is then ignored). */
  stateDir?: string;
  /** The workspace to start from; default defaultSeed(). */
  seed?: NotionSeed;
  /** Request budget per integration (or per connection and per workspace); over it, 429 with Retry-After. */
  rateLimit?: RateLimit | RateLimits;
  webhook?: WebhookSettings;
  /** The clock; the admin API can set or advance it further. */
  now?: () => Date;
  /** Test-only: rewrite success responses (e.g. to check that a malformed one is caught). */
  responseHook?: ResponseHook;
  /** Base of page and database `url`s (default https://www.notion.so); the demo points it at its workspace page. */
  webBase?: string;
  /** Where generated schemas are cached; default node_modules/.cache/notion-stand-in-schemas. */
  schemaCacheDir?: string;
}

/** POST a rule (or DELETE all) at /__admin/faults. */
function faultAdmin(req: IncomingRequest, faults: NotionFaults): OutgoingResponse {
  if (req.method === 'DELETE') return faults.clear(), { status: 200, body: { ok: true } };
  if (req.method !== 'POST') return { status: 405, body: { error: 'POST a fault rule or DELETE all' } };
  try {
    faults.add(JSON.parse(req.rawBody.toString('utf8') || '{}'));
    return { status: 200, body: { ok: true } };
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}

export interface NotionStandIn extends AdminActions {
  injectFault(rule: NotionFaultRule): void;
  clearFaults(): void;
  /** Fails a random share of /v1 requests (shared/fault-rate.ts); counters restart. */
  setFaultRate(settings: FaultRateSettings): void;
  /** Turns the fault rate off; its counters stay readable. */
  clearFaultRate(): void;
  faultRateCounts(): FaultRateCounts;
  url: string;
  port: number;
  requests: LoggedRequest[];
  /** Requests, responses and webhooks that did not match the SDK's types. */
  schemaViolations: SchemaViolation[];
  schemaInfo: SchemaInfo;
  assertNoSchemaViolations(): void;
  close(): Promise<void>;
}

export async function startNotion(options: NotionStandInOptions = {}): Promise<NotionStandIn> {
  const schemas = loadSdkValidators({ cacheRoot: options.schemaCacheDir });
  const checker = new SchemaChecker(schemas.validators);
  const clock = createClock(options.now);
  const seed = options.seed ?? defaultSeed();
  // The state file is the whole workspace: with a thousand rows and their runs, one write takes
  // about half a second, and writing after every change made each API write wait for it
  // (measured: PATCH /v1/pages p50 597 ms). Changes are written at most once per five times the
  // last write's duration (at least 200 ms), and at once on close.
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSaveMs = 0;
  const saveNow = () => {
    saveTimer = undefined;
    if (!options.stateDir) return;
    const started = performance.now();
    saveState(options.stateDir, store.state);
    lastSaveMs = performance.now() - started;
  };
  const persist = (_state: Store['state']) => {
    if (options.stateDir && !saveTimer) saveTimer = setTimeout(saveNow, Math.max(200, 5 * lastSaveMs));
  };
  const saved = options.stateDir ? loadState(options.stateDir) : undefined;
  const store = new Store(saved ?? stateFromSeed(seed, clock), clock, persist, options.webBase);
  if (!saved) saveNow();
  const limiter = new RateLimiter(options.rateLimit);
  const webhooks = new WebhookDispatcher(() => store, checker);
  const deps = { store, checker, limiter, emit: webhooks.emit.bind(webhooks), responseHook: options.responseHook };
  // The handler runs only once the server listens, by which time `actions` is set.
  let actions: AdminActions | undefined;
  const faults = new NotionFaults();
  const faultRate = notionFaultRate();
  const server = await serve(
    async (req) => {
      if (req.url.pathname === '/__admin/faults') return faultAdmin(req, faults);
      if (req.url.pathname === '/__admin/fault-rate') return faultRateAdmin(req.method, req.rawBody.toString('utf8'), faultRate);
      if (req.url.pathname.startsWith('/__admin/')) return handleAdmin(req, actions!);
      const fault = faults.take(req);
      if (fault && !fault.afterCommit) return fault.response;
      if (!fault) {
        const decision = faultRate.decide(req.method, req.url.pathname, req.headers);
        if (decision) {
          return answerFaulted(
            decision,
            () => handleApi(req, deps),
            (status) => notionFaultResponse(status, faultRate.retryAfter),
            () => notionFaultResponse(504, faultRate.retryAfter),
          );
        }
      }
      const response = handleApi(req, deps);
      return fault ? fault.response : response;
    },
    { port: options.port ?? 0, host: options.host },
  );
  actions = createAdminActions({ store, checker, limiter, webhooks, requests: server.requests, initialSeed: seed, persist: () => persist(store.state) });
  if (options.webhook) webhooks.configure(options.webhook);

  return {
    ...actions,
    injectFault: (rule: NotionFaultRule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setFaultRate: (settings) => void faultRate.set(settings),
    clearFaultRate: () => faultRate.off(),
    faultRateCounts: () => faultRate.status().counts,
    url: server.url,
    port: server.port,
    requests: server.requests,
    schemaViolations: checker.violations,
    schemaInfo: schemas.info,
    assertNoSchemaViolations: () => checker.assertNone(),
    async close() {
      webhooks.stop();
      await server.close();
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveNow();
      }
    },
  };
}
