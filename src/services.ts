// Builds the adapters from the parsed config, once per isolate and config. The engine, the
// tick and the routes receive these; none of them builds a client itself.
import type { Config } from './env';
import { missingSettings } from './env';
import { createDriveAdapter, type DriveAdapter } from './adapters/drive';
import { createGoogleAuth } from './adapters/google-auth';
import { createLlmAdapter, createLlmClient, type LlmAdapter } from './adapters/llm';
import { createNotionAdapter, createNotionClient, type NotionAdapter } from './adapters/notion';
import { createStore, type Store } from './adapters/store';
import { createTriggerStore, type TriggerStore } from './adapters/trigger-store';

export interface Services {
  config: Config;
  store: Store;
  /** Drive feeds and channels, watched folders and rows, Run now requests. */
  triggers: TriggerStore;
  /** Null when Notion is not configured: nothing can run, /health says why. */
  notion: NotionAdapter | null;
  drive: DriveAdapter | null;
  llm: LlmAdapter;
}

const built = new WeakMap<Config, Services>();

export function servicesFor(config: Config): Services {
  const hit = built.get(config);
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
    notion: notion.token ? createNotionAdapter(createNotionClient({ token: notion.token, baseUrl: notion.apiUrl, timeoutMs: config.notionTimeoutMs })) : null,
    drive: googleAuth ? createDriveAdapter({
          rootUrl: google.apiUrl,
          accessToken: () => googleAuth.accessToken(),
          invalidateToken: (token) => googleAuth.invalidate(token),
        }) : null,
    llm: createLlmAdapter(createLlmClient({ baseUrl: model.baseUrl, apiKey: model.apiKey }), model.name),
  };
  built.set(config, services);
  return services;
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
