// Push notifications for changes channels, as https://developers.google.com/workspace/drive/api/guides/push
// describes them:
// - POST to the channel address, empty body, headers X-Goog-Channel-ID, X-Goog-Channel-Token (when
//   set), X-Goog-Channel-Expiration (a human-readable date), X-Goog-Resource-ID,
//   X-Goog-Resource-URI, X-Goog-Resource-State (`sync` first, then `change`) and
//   X-Goog-Message-Number (1 for sync, then increasing but not consecutive).
// - 200/201/202/204/102 is delivered; 500/502/503/504 is retried with exponential backoff (Google
//   keeps trying for days; here `maxAttempts` bounds it); any other status is a failed delivery.
// - Changes close together share one notification (Google batches them); nothing is sent after
//   the channel expires.
// Knobs reproduce what receivers must survive: dropped, duplicated, delayed and reordered messages
// (the guide promises neither consecutive numbers nor in-order arrival).
import type { Clock } from './clock';
import { inScope } from './changes';
import type { ChangeRecord, ChannelRecord } from './state';
import type { DriveStore } from './store';

export interface PushKnobs {
  /** Drop this many of the next notifications (never sent). */
  dropNext: number;
  /** Send this many of the next notifications twice, with the same message number. */
  duplicateNext: number;
  /**
   * Hold the next this-many notifications, then deliver them newest first, so the receiver sees
   * a higher X-Goog-Message-Number before a lower one. A held message does not absorb later
   * changes (each gets its own message). pushIdle() releases a batch that is not full yet.
   */
  reorderNext: number;
  /** Wait this long before the first attempt of each notification. */
  delayMs: number;
  /** First retry delay; each further retry doubles it. */
  retryBaseMs: number;
  /** Attempts per notification, first one included. */
  maxAttempts: number;
  /** Google's own cap on a changes channel's lifetime (ms); at most a week, the documented limit. */
  channelLifetimeMs: number;
}

export interface Delivery {
  channelId: string;
  messageNumber: number;
  state: 'sync' | 'change';
  attempt: number;
  outcome: 'delivered' | 'retrying' | 'failed' | 'dropped' | 'expired';
  status?: number;
  error?: string;
  at: string;
}

const SUCCESS = new Set([102, 200, 201, 202, 204]);
const RETRY = new Set([500, 502, 503, 504]);
const USER_AGENT = 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)';

export class Pusher {
  readonly deliveries: Delivery[] = [];
  private readonly scheduled = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Tasks scheduled or running; close() forgets them, so late finishers change nothing. */
  private pending = new Set<object>();
  /** Messages held by reorderNext, oldest first. */
  private held: { channel: ChannelRecord; state: 'sync' | 'change'; messageNumber: number; copies: number }[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly store: DriveStore,
    private readonly clock: Clock,
    readonly knobs: PushKnobs,
  ) {
    store.onChange((change) => this.onChange(change));
  }

  sync(channel: ChannelRecord): void {
    channel.messageNumber = 1;
    this.store.persist();
    this.send(channel, 'sync', 1);
  }

  /** Resolves once nothing is scheduled or in flight (for tests). */
  idle(): Promise<void> {
    if (this.held.length > 0) {
      this.knobs.reorderNext = 0;
      this.release();
    }
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.scheduled.clear();
    this.held = [];
    this.pending = new Set();
    this.settle();
  }

  private onChange(change: ChangeRecord): void {
    for (const channel of this.store.state.channels) {
      if (this.scheduled.has(channel.id) || !inScope(change, channel)) continue;
      if (change.seq < Number(channel.pageToken)) continue;
      this.scheduled.add(channel.id);
      // "Increasing but not consecutive": skip a few numbers between messages.
      channel.messageNumber += 1 + Math.floor(Math.random() * 4);
      this.store.persist();
      this.send(channel, 'change', channel.messageNumber);
    }
  }

  private send(channel: ChannelRecord, state: 'sync' | 'change', messageNumber: number): void {
    const copies = this.knobs.duplicateNext > 0 ? (this.knobs.duplicateNext--, 2) : 1;
    if (this.knobs.dropNext > 0) {
      this.knobs.dropNext--;
      this.later(0, () => {
        this.scheduled.delete(channel.id);
        this.log(channel, messageNumber, state, 0, 'dropped');
      });
      return;
    }
    if (this.knobs.reorderNext > 0) {
      this.knobs.reorderNext--;
      this.scheduled.delete(channel.id);
      this.held.push({ channel, state, messageNumber, copies });
      if (this.knobs.reorderNext === 0) this.release();
      return;
    }
    this.later(this.knobs.delayMs, async () => {
      this.scheduled.delete(channel.id);
      for (let copy = 0; copy < copies; copy++) await this.attempt(channel, state, messageNumber, 1);
    });
  }

  /** Deliver the held messages newest first, one after the other. */
  private release(): void {
    const batch = this.held.splice(0).reverse();
    if (batch.length === 0) return;
    this.later(this.knobs.delayMs, async () => {
      for (const message of batch) {
        for (let copy = 0; copy < message.copies; copy++) await this.attempt(message.channel, message.state, message.messageNumber, 1);
      }
    });
  }

  private async attempt(channel: ChannelRecord, state: 'sync' | 'change', messageNumber: number, attempt: number): Promise<void> {
    const owner = this.pending;
    if (this.clock.now() >= channel.expiration || !this.store.state.channels.includes(channel)) {
      this.log(channel, messageNumber, state, attempt, 'expired');
      return;
    }
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-message-number': String(messageNumber),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-state': state,
      'x-goog-resource-uri': channel.resourceUri,
      'content-length': '0',
    };
    if (channel.token !== undefined) headers['x-goog-channel-token'] = channel.token;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(channel.address, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) });
      status = response.status;
      await response.arrayBuffer();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (owner !== this.pending) return; // the stand-in was reset or closed meanwhile
    if (status !== undefined && SUCCESS.has(status)) return this.log(channel, messageNumber, state, attempt, 'delivered', status);
    const retryable = status === undefined || RETRY.has(status);
    if (!retryable || attempt >= this.knobs.maxAttempts) return this.log(channel, messageNumber, state, attempt, 'failed', status, error);
    this.log(channel, messageNumber, state, attempt, 'retrying', status, error);
    const delay = this.knobs.retryBaseMs * 2 ** (attempt - 1);
    this.later(delay, () => this.attempt(channel, state, messageNumber, attempt + 1));
  }

  private later(ms: number, task: () => void | Promise<void>): void {
    const token = {};
    const owner = this.pending;
    owner.add(token);
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      try {
        await task();
      } finally {
        owner.delete(token);
        this.settle();
      }
    }, ms);
    this.timers.add(timer);
  }

  private settle(): void {
    if (this.pending.size > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private log(channel: ChannelRecord, messageNumber: number, state: Delivery['state'], attempt: number, outcome: Delivery['outcome'], status?: number, error?: string): void {
    this.deliveries.push({ channelId: channel.id, messageNumber, state, attempt, outcome, status, error, at: this.clock.iso() });
  }
}
