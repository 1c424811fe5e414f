// Bindings, vars and secrets, parsed once at the entry. Nothing else reads `env`.
//
// Integrations are optional so `/health` can say what is missing; code that needs one asks
// `requireNotion(config)` etc., which fails with the names of the settings to add.
import * as z from 'zod';
import type { RateGate } from './gate/rate-gate';
import type { Budget } from './gate/bucket';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const url = z.url({ message: 'must be a full URL such as https://api.example.com' });
/** Every check says what to write: zod's own int and number messages ("expected int, received number") do not. */
const WHOLE_SECONDS = 'must be a whole number of seconds greater than 0';
const wholeSeconds = z.coerce.number({ message: WHOLE_SECONDS }).int({ message: WHOLE_SECONDS }).positive({ message: WHOLE_SECONDS });
const ianaZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

export const RawEnv = z.object({
  DB: z.custom<D1Database>((v) => typeof v === 'object' && v !== null, 'is missing: add the [[d1_databases]] binding "DB" to wrangler.toml'),
  RUN_WORKFLOW: z.custom<Workflow>((v) => typeof v === 'object' && v !== null, 'is missing: add the [[workflows]] binding "RUN_WORKFLOW" to wrangler.toml'),
  /** The shared rate gates (src/gate/rate-gate.ts); without the binding Notion calls are not paced (only 429s slow them). */
  RATE_GATE: z.custom<DurableObjectNamespace<RateGate>>((v) => typeof v === 'object' && v !== null, 'must be the [[durable_objects.bindings]] "RATE_GATE" of wrangler.toml').optional(),

  NOTION_API_URL: url.default('https://api.notion.com'),
  NOTION_TOKEN: optionalText,
  NOTION_WORKFLOWS_DATA_SOURCE_ID: optionalText,
  NOTION_RUNS_DATA_SOURCE_ID: optionalText,
  NOTION_WEBHOOK_SECRET: optionalText,
  /**
   * The connection's request budget: requests per window. Notion gives each connection a fixed
   * budget per 60-second window by plan, historically an average of 3 requests per second
   * (developers.notion.com/reference/request-limits), hence 180 per 60 s.
   */
  NOTION_REQUESTS_PER_WINDOW: z.coerce.number().int().positive({ message: 'must be a whole number of requests greater than 0' }).default(180),
  NOTION_RATE_WINDOW_SECONDS: z.coerce.number().positive({ message: 'must be a number of seconds greater than 0' }).default(60),
  /** The workspace id, for the gate every connection of the workspace shares (its own limit: 429 rate_limit_reason public_api_space_request_rate_limit). */
  NOTION_WORKSPACE_ID: optionalText,
  /** The workspace limit per window, if known; without it the workspace gate only honours Retry-After. */
  NOTION_WORKSPACE_REQUESTS_PER_WINDOW: z.coerce.number().int().positive({ message: 'must be a whole number of requests greater than 0' }).optional(),

  GOOGLE_API_URL: url.default('https://www.googleapis.com/'),
  GOOGLE_TOKEN_URL: url.default('https://oauth2.googleapis.com/token'),
  GOOGLE_SERVICE_ACCOUNT_EMAIL: optionalText,
  GOOGLE_PRIVATE_KEY: optionalText,

  MODEL_BASE_URL: url.default('https://api.openai.com/v1'),
  MODEL_NAME: z.string().min(1).default('gpt-4.1-mini'),
  MODEL_API_KEY: optionalText,

  DEFAULT_TIME_ZONE: ianaZone.default('UTC'),
  REVIEW_TIMEOUT_DAYS: z.coerce.number().positive({ message: 'must be a number of days greater than 0' }).default(7),
  /** With healthy Notion webhooks, the review reconcile's backstop (review/reconcile-rule.ts). */
  REVIEW_RECONCILE_BACKSTOP_SECONDS: wholeSeconds.default(900),
  /**
   * With healthy Notion webhooks, how long a published run waits before it learns from its reviews,
   * so a comment written just before the approval has its event delivered (engine/learn.ts);
   * Notion delivers "usually under a minute, at most ~5" (review/reconcile-rule.ts DELIVERY_GRACE_MS).
   */
  LEARN_AFTER_SECONDS: wholeSeconds.default(300),
  /** First delay before a failed run step is retried (then doubling). */
  STEP_RETRY_DELAY_SECONDS: z.coerce.number().nonnegative({ message: 'must be a number of seconds' }).default(10),
  /** Comma-separated Drive folder / shared drive ids Baton may read and write. */
  ALLOWED_DRIVE_ROOTS: optionalText,
  /** Comma-separated Notion page ids Baton may read and write under. */
  ALLOWED_NOTION_PAGES: optionalText,
  /** "true": every Live workflow must name a Reviewer (anyone who can edit a row could otherwise turn review off). */
  REQUIRE_REVIEWER: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  /** A run whose steps have shown no sign of life for this long is taken over by the watchdog. */
  RUN_STALE_SECONDS: z.coerce.number().positive({ message: 'must be a number of seconds greater than 0' }).default(20 * 60),
  /** How long one Notion request may take before Baton gives up on it (and, for a create, looks it up). */
  NOTION_TIMEOUT_MS: z.coerce.number().int().positive({ message: 'must be a whole number of milliseconds' }).default(60_000),
  /** The worker's public https address; Drive push channels are sent to PUBLIC_URL/webhooks/drive. Without it, watched folders are checked every minute. */
  PUBLIC_URL: url.optional(),
  /** Bearer token for POST /api/workflows/:id/runs (Run now for scripts); the API refuses every call without it. */
  BATON_API_TOKEN: optionalText,
  /** Secret for the runs dashboard (GET /): Authorization: Bearer <token> or ?token=<token>. Without it the dashboard is open only on this machine (src/dashboard/access.ts). */
  DASHBOARD_TOKEN: optionalText,
  /** A new file is read once its size and modifiedTime have not changed for this long (files still being written are waited out). */
  DRIVE_SETTLE_SECONDS: z.coerce.number().nonnegative({ message: 'must be a number of seconds' }).default(15),
});

export interface Config {
  db: D1Database;
  runs: Workflow;
  /** Undefined without the RATE_GATE binding: nothing is paced. */
  rateGates?: DurableObjectNamespace<RateGate>;
  notion: {
    apiUrl: string;
    token?: string;
    workflowsDataSourceId?: string;
    runsDataSourceId?: string;
    webhookSecret?: string;
    /** The connection's budget, shared by every caller through the rate gate. */
    budget: Budget;
    workspace?: { id: string; budget?: Budget };
  };
  google: { apiUrl: string; tokenUrl: string; serviceAccountEmail?: string; privateKey?: string };
  model: { baseUrl: string; name: string; apiKey?: string };
  defaultTimeZone: string;
  reviewTimeoutDays: number;
  /** How often the review reconcile runs while Notion webhooks are healthy. */
  reconcileBackstopMs: number;
  /** With healthy Notion webhooks, how long a published run waits for comment events before it learns. */
  learnAfterMs: number;
  stepRetryDelaySeconds: number;
  allowedDriveRoots: string[];
  allowedNotionPages: string[];
  requireReviewer: boolean;
  runStaleSeconds: number;
  notionTimeoutMs: number;
  /** No trailing slash; undefined = no Drive push (watched folders are polled each tick). */
  publicUrl?: string;
  apiToken?: string;
  dashboardToken?: string;
  driveSettleSeconds: number;
}

const SECRETS = new Set(['NOTION_TOKEN', 'NOTION_WEBHOOK_SECRET', 'GOOGLE_PRIVATE_KEY', 'MODEL_API_KEY', 'BATON_API_TOKEN', 'DASHBOARD_TOKEN']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function howToSet(name: string): string {
  if (name === 'DB' || name === 'RUN_WORKFLOW' || name === 'RATE_GATE') return 'wrangler.toml';
  return SECRETS.has(name)
    ? `.dev.vars locally, or \`wrangler secret put ${name}\``
    : `[vars] in wrangler.toml or .dev.vars`;
}

const parsed = new WeakMap<object, Config>();

/** Parses the Worker's env once per isolate; throws ConfigError naming every bad setting. */
export function loadConfig(env: unknown): Config {
  if (typeof env === 'object' && env !== null) {
    const hit = parsed.get(env);
    if (hit) return hit;
  }
  const result = RawEnv.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'env');
      // Never echo a value: it may be a secret.
      return `${name} ${issue.message} (set it in ${howToSet(name)})`;
    });
    throw new ConfigError(`Baton is not configured correctly:\n- ${lines.join('\n- ')}`);
  }
  const e = result.data;
  const config: Config = {
    db: e.DB,
    runs: e.RUN_WORKFLOW,
    rateGates: e.RATE_GATE,
    notion: {
      apiUrl: e.NOTION_API_URL,
      token: e.NOTION_TOKEN,
      workflowsDataSourceId: e.NOTION_WORKFLOWS_DATA_SOURCE_ID,
      runsDataSourceId: e.NOTION_RUNS_DATA_SOURCE_ID,
      webhookSecret: e.NOTION_WEBHOOK_SECRET,
      budget: { requests: e.NOTION_REQUESTS_PER_WINDOW, windowMs: e.NOTION_RATE_WINDOW_SECONDS * 1000 },
      workspace: e.NOTION_WORKSPACE_ID
        ? {
            id: e.NOTION_WORKSPACE_ID,
            budget: e.NOTION_WORKSPACE_REQUESTS_PER_WINDOW ? { requests: e.NOTION_WORKSPACE_REQUESTS_PER_WINDOW, windowMs: e.NOTION_RATE_WINDOW_SECONDS * 1000 } : undefined,
          }
        : undefined,
    },
    google: {
      apiUrl: e.GOOGLE_API_URL,
      tokenUrl: e.GOOGLE_TOKEN_URL,
      serviceAccountEmail: e.GOOGLE_SERVICE_ACCOUNT_EMAIL,
      privateKey: e.GOOGLE_PRIVATE_KEY,
    },
    model: { baseUrl: e.MODEL_BASE_URL, name: e.MODEL_NAME, apiKey: e.MODEL_API_KEY },
    defaultTimeZone: e.DEFAULT_TIME_ZONE,
    reviewTimeoutDays: e.REVIEW_TIMEOUT_DAYS,
    reconcileBackstopMs: e.REVIEW_RECONCILE_BACKSTOP_SECONDS * 1000,
    learnAfterMs: e.LEARN_AFTER_SECONDS * 1000,
    stepRetryDelaySeconds: e.STEP_RETRY_DELAY_SECONDS,
    allowedDriveRoots: splitList(e.ALLOWED_DRIVE_ROOTS),
    allowedNotionPages: splitList(e.ALLOWED_NOTION_PAGES),
    requireReviewer: e.REQUIRE_REVIEWER === 'true',
    runStaleSeconds: e.RUN_STALE_SECONDS,
    notionTimeoutMs: e.NOTION_TIMEOUT_MS,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    apiToken: e.BATON_API_TOKEN,
    dashboardToken: e.DASHBOARD_TOKEN,
    driveSettleSeconds: e.DRIVE_SETTLE_SECONDS,
  };
  if (typeof env === 'object' && env !== null) parsed.set(env, config);
  return config;
}

export interface IntegrationStatus {
  notion: boolean;
  notionWebhooks: boolean;
  drive: boolean;
  /** Drive push notifications: Drive connected and a public address to send them to. */
  drivePush: boolean;
  model: boolean;
  /** The Run now API has a token to check. */
  api: boolean;
}

/** Which integrations have the settings they need (never their values). */
export function integrations(config: Config): IntegrationStatus {
  return {
    notion: Boolean(config.notion.token && config.notion.workflowsDataSourceId && config.notion.runsDataSourceId),
    notionWebhooks: Boolean(config.notion.webhookSecret),
    drive: Boolean(config.google.serviceAccountEmail && config.google.privateKey),
    drivePush: Boolean(config.google.serviceAccountEmail && config.google.privateKey && config.publicUrl),
    model: Boolean(config.model.baseUrl && config.model.name),
    api: Boolean(config.apiToken),
  };
}

/** Names the settings an integration still lacks, for an error a person can act on. */
export function missingSettings(config: Config, integration: keyof IntegrationStatus): string[] {
  const need: Record<keyof IntegrationStatus, [string, unknown][]> = {
    notion: [
      ['NOTION_TOKEN', config.notion.token],
      ['NOTION_WORKFLOWS_DATA_SOURCE_ID', config.notion.workflowsDataSourceId],
      ['NOTION_RUNS_DATA_SOURCE_ID', config.notion.runsDataSourceId],
    ],
    notionWebhooks: [['NOTION_WEBHOOK_SECRET', config.notion.webhookSecret]],
    drive: [
      ['GOOGLE_SERVICE_ACCOUNT_EMAIL', config.google.serviceAccountEmail],
      ['GOOGLE_PRIVATE_KEY', config.google.privateKey],
    ],
    drivePush: [
      ['GOOGLE_SERVICE_ACCOUNT_EMAIL', config.google.serviceAccountEmail],
      ['GOOGLE_PRIVATE_KEY', config.google.privateKey],
      ['PUBLIC_URL', config.publicUrl],
    ],
    model: [['MODEL_NAME', config.model.name]],
    api: [['BATON_API_TOKEN', config.apiToken]],
  };
  return need[integration].filter(([, v]) => !v).map(([name]) => `${name} (set it in ${howToSet(name)})`);
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
