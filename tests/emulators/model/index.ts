// The OpenAI-compatible model stand-in: Chat Completions and Models on the real wire format, a
// deterministic scripted model behind them (README.md), and knobs for scripts, faults and latency.
// Give the SDK `standIn.url` as its baseURL.
import { type LoggedRequest, serve } from '../shared/server';
import { handleAdmin } from './admin-routes';
import { handleApi } from './api-routes';
import type { FaultRateCounts, FaultRateSettings } from '../shared/fault-rate';
import { modelFaultRate } from './faults';
import { type FaultRule, RuleBook, type ScriptRule } from './rules';

export type { FaultRule, Reply, ScriptRule, TextMatch } from './rules';

export interface ModelOptions {
  /** 0 (any free port) when absent. */
  port?: number;
  /** When set, API requests need `Authorization: Bearer <apiKey>`; otherwise any or none is accepted. */
  apiKey?: string;
  /** Model ids served; unknown ones get 404 model_not_found. */
  models?: string[];
  /** Added before every API answer (not admin calls). */
  latencyMs?: number;
  /** Clock in ms for `created`; Date.now when absent. */
  now?: () => number;
}

export interface ModelStandIn {
  /** Base URL for the SDK, ending in /v1. */
  url: string;
  /** Where /__admin/ lives: the server root. */
  origin: string;
  port: number;
  /** API requests answered so far (admin calls left out; a hang that never answers is not logged). */
  readonly requests: LoggedRequest[];
  /** Exact replies for matching requests; throws (ZodError) on a malformed rule. */
  script(rule: ScriptRule): void;
  /** Errors or hangs for the next matching requests; throws (ZodError) on a malformed rule. */
  fault(rule: FaultRule): void;
  /** Fails a random share of API requests (faults.ts); counters restart. */
  setFaultRate(settings: FaultRateSettings): void;
  /** Turns the fault rate off; its counters stay readable. */
  clearFaultRate(): void;
  faultRateCounts(): FaultRateCounts;
  /** Drops scripts, faults (the fault rate too) and the request log. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini', 'gpt-4o'];

export async function startModel(options: ModelOptions = {}): Promise<ModelStandIn> {
  const rules = new RuleBook();
  const faultRate = modelFaultRate();
  let serial = 0;
  const isAdmin = (path: string) => path.startsWith('/__admin/');
  const apiRequests = () => server.requests.filter((r) => !isAdmin(r.path));
  const reset = () => {
    rules.clear();
    faultRate.reset();
    server.requests.splice(0);
    serial = 0;
  };
  const api = {
    apiKey: options.apiKey,
    models: options.models ?? DEFAULT_MODELS,
    latencyMs: options.latencyMs ?? 0,
    rules,
    faultRate,
    now: options.now ?? Date.now,
    nextSerial: () => ++serial,
  };
  const server = await serve(
    (req) => (isAdmin(req.url.pathname) ? handleAdmin(req, { rules, faultRate, apiRequests, reset }) : handleApi(req, api)),
    { port: options.port ?? 0 },
  );
  return {
    url: `${server.url}/v1`,
    origin: server.url,
    port: server.port,
    get requests() {
      return apiRequests();
    },
    script: (rule) => rules.addScript(rule),
    fault: (rule) => rules.addFault(rule),
    setFaultRate: (settings) => void faultRate.set(settings),
    clearFaultRate: () => faultRate.off(),
    faultRateCounts: () => faultRate.status().counts,
    reset,
    close: () => server.close(),
  };
}
