// Builds the adapters from the parsed config, once per isolate, config and priority. The engine,
// the tick and the routes receive these; none of them builds a client itself.
//
// Rate gate: every Notion and Drive request passes the connection's shared gate (src/gate/) through the
// client's `fetch` option. The priority of a caller's requests is the `priority` its Services were
// built with — `servicesFor(config, 'decision')` for a reviewer's decision or a publish,
// 'background' for the registry sync and reconciles, 'run' (the default) for admission and
// drafting — explicit at the call site, never guessed from the request.
import type { Config } from './env';
import { missingSettings } from './env';
import { createDriveAdapter, type DriveAdapter } from './adapters/drive';
import { createGoogleAuth } from './adapters/google-auth';
import { createLlmAdapter, createLlmClient, type LlmAdapter } from './adapters/llm';
import { createNotionAdapter, createNotionClient, type NotionAdapter } from './adapters/notion';
import { createStore, type Store } from './adapters/store';
import { createTriggerStore, type TriggerStore } from './adapters/trigger-store';
import type { GateHandle, Priority } from './gate/gated-fetch';
import { connectionGateName, notionGatedFetch } from './gate/notion-gate';
import { driveGatedFetch } from './gate/drive-gate';

export interface Services {
  config: Config;
  store: Store;
  /** Drive feeds and channels, watched folders and rows, Run now requests. */
  triggers: TriggerStore;
  /** Null when Notion is not configured: nothing can run, /health says why. */
  notion: NotionAdapter | null;
  drive: DriveAdapter | null;
  llm: LlmAdapter;
  /** The priority this object's Notion requests have at the rate gate. */
  priority: Priority;
  /** Notion requests waiting in the connection's gate and its budget per window; null without a gate. */
  notionBacklog(): Promise<{ queued: number; budget: number } | null>;
}

const built = new WeakMap<Config, Partial<Record<Priority, Services>>>();

/**
 * The SDK's own timer would count the time spent waiting in the gate; the gated fetch times the
 * request itself (config.notionTimeoutMs, from the permit on), so the client's is only a backstop.
 */
const CLIENT_TIMEOUT_BACKSTOP_MS = 24 * 60 * 60 * 1000;
/** One Drive request, from its permit on (a large Doc upload included). */
const DRIVE_TIMEOUT_MS = 60_000;

export function servicesFor(config: Config, priority: Priority = 'run'): Services {
  const forConfig = built.get(config) ?? {};
  built.set(config, forConfig);
  const hit = forConfig[priority];
  if (hit) return hit;
  const { notion, google, model } = config;
  const googleAuth =
    google.serviceAccountEmail && google.privateKey
      ? createGoogleAuth({
          serviceAccountEmail: google.serviceAccountEmail,
          // Key files pasted into .dev.vars or a secret often carry literal "\n" sequences.
          privateKey: google.privateKey.replace(/\\n/g, '\n'),
          tokenUrl: google.tokenUrl,
        })
      : null;
  const services: Services = {
    config,
    store: createStore(config.db),
    triggers: createTriggerStore(config.db),
    notion: notion.token ? createNotionAdapter(notionClient(config, notion.token, priority)) : null,
    drive: googleAuth ? createDriveAdapter({
          rootUrl: google.apiUrl,
          accessToken: () => googleAuth.accessToken(),
          invalidateToken: (token) => googleAuth.invalidate(token),
          fetch: driveFetch(config, priority),
        }) : null,
    llm: createLlmAdapter(createLlmClient({ baseUrl: model.baseUrl, apiKey: model.apiKey }), model.name),
    priority,
    async notionBacklog() {
      const { rateGates } = config;
      if (!rateGates || !notion.token) return null;
      const stats = await rateGates.getByName(await connectionGateName(notion.token)).stats();
      return { queued: stats.queued, budget: notion.budget.requests };
    },
  };
  forConfig[priority] = services;
  return services;
}

function notionClient(config: Config, token: string, priority: Priority) {
  const { notion, rateGates } = config;
  if (!rateGates) return createNotionClient({ token, baseUrl: notion.apiUrl, timeoutMs: config.notionTimeoutMs });
  // RPC stubs are typed from the class; the gate's methods are the GateHandle interface.
  const gates = { get: (name: string) => rateGates.getByName(name) as unknown as GateHandle };
  const fetch = notionGatedFetch(priority, { gates, token, budget: notion.budget, workspace: notion.workspace, timeoutMs: config.notionTimeoutMs });
  return createNotionClient({ token, baseUrl: notion.apiUrl, timeoutMs: CLIENT_TIMEOUT_BACKSTOP_MS, fetch });
}

/** Drive calls pass the service account's gate too: a rate refusal pauses every caller of that user. */
function driveFetch(config: Config, priority: Priority): typeof fetch | undefined {
  const { rateGates, google } = config;
  if (!rateGates || !google.serviceAccountEmail) return undefined;
  const gates = { get: (name: string) => rateGates.getByName(name) as unknown as GateHandle };
  return driveGatedFetch(priority, { gates, user: google.serviceAccountEmail, timeoutMs: DRIVE_TIMEOUT_MS });
}

/** The Drive adapter, or an error naming the settings still missing. */
export function requireDrive(services: Services): DriveAdapter {
  if (!services.drive) throw new DriveNotConnectedError(`Google Drive is not connected: set ${missingSettings(services.config, 'drive').join(', ')}`);
  return services.drive;
}

export class DriveNotConnectedError extends Error {
  override name = 'DriveNotConnectedError';
}

/** The Notion adapter, or an error naming the settings still missing. */
export function requireNotion(services: Services): NotionAdapter {
  if (!services.notion) throw new Error(`Notion is not configured: set ${missingSettings(services.config, 'notion').join(', ')}`);
  return services.notion;
}
