// Probabilistic fault injection shared by the stand-ins ("fail a random share of API requests"),
// for soaks: a seeded RNG (the same seed and the same request order give the same faults), a
// decision per request, and counters of what was injected by kind and endpoint. Each stand-in
// turns a decision into its API's own error shape (notion/faults.ts, drive/faults.ts,
// model/faults.ts); admin paths never reach this code.
//
// Kinds of fault:
// - error: the request is answered with one of `statuses` and not applied;
// - error after commit (writes only, share `afterCommitShare`): applied, then answered with the
//   error — what a client cannot tell from a failure before the write. Rate-limit statuses are
//   never after commit: a rate limiter refuses before the request is processed;
// - timeout (share `timeoutShare` of the faulted requests): the answer is held `timeoutMs`
//   (set it above the client's timeout). A write is applied at once with the `afterCommitShare`
//   and then answered normally, late; otherwise it is not applied and answered with a timeout
//   error, late. A read is answered normally, late.
import { z } from 'zod';

export const FaultRateSettings = z
  .object({
    /** Share of matching API requests that fail, 0–1. */
    rate: z.number().min(0).max(1),
    /** Statuses to draw from, uniformly; each stand-in has its default and its allowed set. */
    statuses: z.array(z.number().int()).min(1).optional(),
    /** Share of faulted writes (POST/PUT/PATCH/DELETE) that are applied before the error. */
    afterCommitShare: z.number().min(0).max(1).default(0),
    /** Share of faults that are timeouts instead of error answers. */
    timeoutShare: z.number().min(0).max(1).default(0),
    /** How long a timeout holds the answer. */
    timeoutMs: z.number().int().positive().max(600_000).default(10_000),
    /** Retry-After seconds on rate-limit and overload answers. */
    retryAfter: z.number().int().nonnegative().default(1),
    seed: z.number().int().default(1),
    /** Regular expression tested against the path; every API path when absent. */
    paths: z.string().optional(),
    /** Only these methods; all when absent. */
    methods: z.array(z.string()).optional(),
  })
  .strict();
export type FaultRateSettings = z.input<typeof FaultRateSettings>;
type Parsed = z.output<typeof FaultRateSettings>;

export type FaultDecision =
  | { kind: 'error'; status: number; afterCommit: boolean }
  | { kind: 'timeout'; applied: boolean; write: boolean; holdMs: number };

export interface FaultRateCounts {
  /** Requests the knob looked at (matching path and method) since it was set. */
  requests: number;
  injected: number;
  /** e.g. "500", "529 after commit", "timeout (applied)", "timeout (not applied)", "timeout" (a read, answered late). */
  byKind: Record<string, number>;
  /** "POST /v1/pages" → byKind. */
  byEndpoint: Record<string, Record<string, number>>;
}

export interface FaultRateOptions {
  /** Statuses used when the settings name none. */
  defaultStatuses: number[];
  /** Statuses the API can answer; others are refused when the knob is set. */
  allowedStatuses: number[];
  /** Statuses that are never after commit (rate limits). */
  beforeCommitOnly: number[];
  /** Paths faulted when the settings name none. */
  defaultPaths: RegExp;
  /** False for an API whose requests change nothing (the model): no after-commit, timeouts only late. */
  hasWrites?: boolean;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request carrying this header is never faulted nor counted: an observer (a soak reading state
 * to count what happened) looks through the API without disturbing it. Real APIs ignore it.
 */
export const FAULT_EXEMPT_HEADER = 'x-stand-in-fault-exempt';

export class FaultRate {
  private settings: Parsed | undefined;
  private pattern: RegExp;
  private random: () => number = Math.random;
  private counts: FaultRateCounts = emptyCounts();

  constructor(private readonly options: FaultRateOptions) {
    this.pattern = options.defaultPaths;
  }

  /** Sets (or replaces) the knob; counters and the RNG start again. Throws on bad settings. */
  set(input: unknown): Parsed {
    const settings = FaultRateSettings.parse(input);
    const statuses = settings.statuses ?? this.options.defaultStatuses;
    const refused = statuses.filter((s) => !this.options.allowedStatuses.includes(s));
    if (refused.length) throw new Error(`statuses ${refused.join(', ')} are not ones this API answers; use ${this.options.allowedStatuses.join(', ')}`);
    this.pattern = settings.paths === undefined ? this.options.defaultPaths : new RegExp(settings.paths);
    this.settings = { ...settings, statuses };
    this.random = mulberry32(settings.seed);
    this.counts = emptyCounts();
    return this.settings;
  }

  /** Turns the knob off; the counters stay readable. */
  off(): void {
    this.settings = undefined;
  }

  /** Off, and the counters cleared. */
  reset(): void {
    this.settings = undefined;
    this.counts = emptyCounts();
  }

  status(): { settings: Parsed | null; counts: FaultRateCounts } {
    return { settings: this.settings ?? null, counts: structuredClone(this.counts) };
  }

  /** Whether this request fails, and how. Draws the same number of random values per request. */
  decide(method: string, path: string, headers: Record<string, unknown> = {}): FaultDecision | undefined {
    const s = this.settings;
    if (!s || !this.pattern.test(path) || headers[FAULT_EXEMPT_HEADER] !== undefined) return undefined;
    const upper = method.toUpperCase();
    if (s.methods && !s.methods.some((m) => m.toUpperCase() === upper)) return undefined;
    this.counts.requests += 1;
    const [fault, timeout, pick, commit] = [this.random(), this.random(), this.random(), this.random()];
    if (fault >= s.rate) return undefined;
    const write = (this.options.hasWrites ?? true) && WRITES.has(upper);
    let decision: FaultDecision;
    let kind: string;
    if (timeout < s.timeoutShare) {
      const applied = write && commit < s.afterCommitShare;
      decision = { kind: 'timeout', applied, write, holdMs: s.timeoutMs };
      kind = !write ? 'timeout' : applied ? 'timeout (applied)' : 'timeout (not applied)';
    } else {
      const statuses = s.statuses!;
      const status = statuses[Math.min(statuses.length - 1, Math.floor(pick * statuses.length))]!;
      const afterCommit = write && !this.options.beforeCommitOnly.includes(status) && commit < s.afterCommitShare;
      decision = { kind: 'error', status, afterCommit };
      kind = afterCommit ? `${status} after commit` : String(status);
    }
    this.counts.injected += 1;
    this.counts.byKind[kind] = (this.counts.byKind[kind] ?? 0) + 1;
    const endpoint = `${upper} ${endpointPath(path)}`;
    const byKind = (this.counts.byEndpoint[endpoint] ??= {});
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    return decision;
  }

  get retryAfter(): number {
    return this.settings?.retryAfter ?? 1;
  }
}

function emptyCounts(): FaultRateCounts {
  return { requests: 0, injected: 0, byKind: {}, byEndpoint: {} };
}

/** Ids in a path become {id}, so the counters group by endpoint. */
export function endpointPath(path: string): string {
  return path
    .split('/')
    .map((part) => (/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(part) || (/\d/.test(part) && part.length >= 16) ? '{id}' : part))
    .join('/');
}

/** A small seeded PRNG (mulberry32): repeatable across runs, good enough for fault draws. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves after `ms` without keeping the process alive (a stand-in closing mid-hold). */
export function hold(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Answers a request the knob decided to fault: `run` applies it (the stand-in's normal handler),
 * `error` builds the API's error answer for a status, `timedOut` the late answer of a write that
 * was not applied.
 */
export async function answerFaulted<R>(decision: FaultDecision, run: () => R | Promise<R>, error: (status: number) => R, timedOut: () => R): Promise<R> {
  if (decision.kind === 'error') {
    if (decision.afterCommit) await run();
    return error(decision.status);
  }
  if (!decision.write || decision.applied) {
    const answer = await run();
    await hold(decision.holdMs);
    return answer;
  }
  await hold(decision.holdMs);
  return timedOut();
}

/**
 * The admin face, the same on every stand-in:
 *   PUT    /__admin/fault-rate  ← FaultRateSettings → { settings, counts }  (counters restart)
 *   GET    /__admin/fault-rate  → { settings | null, counts }
 *   DELETE /__admin/fault-rate  → { settings: null, counts }  (off; counters kept)
 */
export function faultRateAdmin(method: string, rawBody: string, rate: FaultRate): { status: number; body: unknown } {
  if (method === 'GET') return { status: 200, body: rate.status() };
  if (method === 'DELETE') return rate.off(), { status: 200, body: rate.status() };
  if (method !== 'PUT') return { status: 405, body: { error: 'PUT settings, GET counts, or DELETE to turn the fault rate off' } };
  try {
    rate.set(JSON.parse(rawBody || '{}'));
    return { status: 200, body: rate.status() };
  } catch (error) {
    return { status: 400, body: { error: error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error) } };
  }
}
