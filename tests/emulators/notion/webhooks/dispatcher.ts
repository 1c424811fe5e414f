// Webhook deliveries (reference/webhooks): a subscription (URL and event types) first gets an
// unsigned {"verification_token": …} POST; once confirmed, each event is POSTed with
// X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by the verification token>.
// 5xx answers and network errors are retried with attempt_number + 1, up to 8 attempts.
// Knobs imitate what Notion does not promise: delivery may be dropped, duplicated, delayed
// or reordered ("No ordering guarantee", "at-most-once").
import { createHmac, randomBytes } from 'node:crypto';
import type { ChangeEvent } from '../context';
import { newId } from '../ids';
import type { Store } from '../model/store';
import type { StoredIntegration } from '../model/types';
import { canSee } from '../model/visibility';
import type { SchemaChecker } from '../schema/checker';
import type { NotionVersion } from '../versions';
import { buildPayload, PAYLOAD_TYPES, type WebhookPayload } from './payload';

export interface WebhookKnobs {
  /** Probability (0–1) that an event is never delivered. */
  drop?: number;
  /** Probability (0–1) that an event is delivered twice. */
  duplicate?: number;
  /** Milliseconds to wait before the first attempt. */
  delayMs?: number;
  /** Hold events and deliver them newest first on flush (or after reorderWindowMs). */
  reorder?: boolean;
  reorderWindowMs?: number;
}

export interface WebhookSettings {
  url: string;
  /** Default: page.created, page.properties_updated, page.content_updated, page.deleted, page.undeleted, comment.created. */
  eventTypes?: string[];
  verificationToken?: string;
  /** An already verified subscription: skip the verification POST. */
  confirmed?: boolean;
  apiVersion?: NotionVersion;
  /** Token or bot id of the integration that owns the subscription; default the first one. */
  integration?: string;
  subscriptionId?: string;
  integrationId?: string;
  /** Attempts per event, 1–8 (Notion: up to 8). */
  maxAttempts?: number;
  /** Delay before retry n (ms); a number is doubled per attempt. Default 1000 doubled, capped at 60 s. */
  backoffMs?: number | number[];
  knobs?: WebhookKnobs;
  random?: () => number;
}

export interface DeliveryRecord {
  at: string;
  kind: 'verification' | 'event';
  eventId?: string;
  type?: string;
  attempt: number;
  status: number | 'network_error' | 'dropped';
  body: string;
  signature?: string;
}

const DEFAULT_EVENTS = ['page.created', 'page.properties_updated', 'page.content_updated', 'page.moved', 'page.deleted', 'page.undeleted', 'comment.created'];

export function sign(body: string, token: string): string {
  return `sha256=${createHmac('sha256', token).update(body).digest('hex')}`;
}

export class WebhookDispatcher {
  settings?: Required<Pick<WebhookSettings, 'url' | 'eventTypes' | 'verificationToken' | 'apiVersion' | 'subscriptionId' | 'integrationId'>> & WebhookSettings;
  confirmed = false;
  readonly deliveries: DeliveryRecord[] = [];
  private held: WebhookPayload[] = [];
  private holdTimer?: NodeJS.Timeout;
  private pending = 0;
  private waiters: (() => void)[] = [];
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: () => Store,
    private readonly checker: SchemaChecker,
  ) {}

  configure(settings: WebhookSettings | undefined): void {
    if (!settings) {
      this.settings = undefined;
      this.confirmed = false;
      return;
    }
    this.settings = {
      ...settings,
      eventTypes: settings.eventTypes ?? DEFAULT_EVENTS,
      verificationToken: settings.verificationToken ?? `secret_${randomBytes(24).toString('hex')}`,
      apiVersion: settings.apiVersion ?? '2025-09-03',
      subscriptionId: settings.subscriptionId ?? newId(),
      integrationId: settings.integrationId ?? newId(),
    };
    this.confirmed = settings.confirmed ?? false;
    if (!this.confirmed) this.track(this.sendVerification());
  }

  setKnobs(knobs: WebhookKnobs): void {
    if (this.settings) this.settings.knobs = { ...this.settings.knobs, ...knobs };
  }

  confirm(): void {
    this.confirmed = true;
  }

  private integration(): StoredIntegration | undefined {
    const store = this.store();
    const key = this.settings?.integration;
    return key ? (store.integrationByToken(key) ?? store.integrationByBot(key)) : store.state.integrations[0];
  }

  emit(event: ChangeEvent): void {
    const s = this.settings;
    if (!s || !this.confirmed || !s.eventTypes.includes(event.type)) return;
    const store = this.store();
    const integration = this.integration();
    // Notion only tells an integration about pages it can see.
    if (!integration || !canSee(store, integration, event.pageId)) return;
    const payload = buildPayload(event, store, s);
    this.checker.check('webhook', `webhook ${event.type}`, PAYLOAD_TYPES[event.type], s.apiVersion, payload);
    const random = s.random ?? Math.random;
    if (random() < (s.knobs?.drop ?? 0)) {
      this.deliveries.push({ at: new Date().toISOString(), kind: 'event', eventId: payload.id, type: payload.type, attempt: 0, status: 'dropped', body: '' });
      return;
    }
    const copies = random() < (s.knobs?.duplicate ?? 0) ? 2 : 1;
    for (let i = 0; i < copies; i += 1) {
      if (s.knobs?.reorder) this.hold(structuredClone(payload));
      else this.track(this.deliver(structuredClone(payload)));
    }
  }

  private hold(payload: WebhookPayload): void {
    this.held.push(payload);
    this.pending += 1;
    this.holdTimer ??= setTimeout(() => this.flush(), this.settings?.knobs?.reorderWindowMs ?? 100);
  }

  /** Delivers held (reordered) events, newest first. */
  flush(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const batch = this.held.reverse();
    this.held = [];
    for (const payload of batch) {
      this.pending -= 1;
      this.track(this.deliver(payload));
    }
    this.settle();
  }

  /** Abandons held events and pending retries (on close: a dead receiver must not hold it open). */
  stop(): void {
    clearTimeout(this.holdTimer);
    this.pending -= this.held.length;
    this.held = [];
    this.stopping.abort();
    this.settle();
  }

  /** Resolves once nothing is held or in flight (held events are flushed first). */
  idle(): Promise<void> {
    if (this.held.length) this.flush();
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private track(work: Promise<void>): void {
    this.pending += 1;
    void work.finally(() => {
      this.pending -= 1;
      this.settle();
    });
  }

  private settle(): void {
    if (this.pending !== 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async sendVerification(): Promise<void> {
    const s = this.settings!;
    const body = JSON.stringify({ verification_token: s.verificationToken });
    const status = await post(s.url, body, {}, this.stopping.signal);
    this.deliveries.push({ at: new Date().toISOString(), kind: 'verification', attempt: 1, status, body });
  }

  private async deliver(payload: WebhookPayload): Promise<void> {
    const s = this.settings!;
    const signal = this.stopping.signal;
    if (s.knobs?.delayMs) await sleep(s.knobs.delayMs, signal);
    const maxAttempts = Math.min(Math.max(s.maxAttempts ?? 8, 1), 8);
    for (let attempt = 1; attempt <= maxAttempts && !signal.aborted; attempt += 1) {
      payload.attempt_number = attempt;
      const body = JSON.stringify(payload);
      const signature = sign(body, s.verificationToken);
      const status = await post(s.url, body, { 'x-notion-signature': signature }, signal);
      this.deliveries.push({ at: new Date().toISOString(), kind: 'event', eventId: payload.id, type: payload.type, attempt, status, body, signature });
      const retry = status === 'network_error' || status >= 500;
      if (!retry || attempt === maxAttempts) return;
      await sleep(backoff(s.backoffMs, attempt), signal);
    }
  }
}

function backoff(setting: number | number[] | undefined, attempt: number): number {
  if (Array.isArray(setting)) return setting[Math.min(attempt - 1, setting.length - 1)] ?? 0;
  const base = setting ?? 1000;
  return Math.min(base * 2 ** (attempt - 1), 60_000);
}

async function post(url: string, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<number | 'network_error'> {
  try {
    const response = await fetch(url, {
      signal,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'notion-api (stand-in)', ...headers },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'network_error';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
