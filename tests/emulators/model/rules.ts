// Scripts (exact replies) and faults (errors, hangs), each used by the next matching requests.
// Both come in through the in-process API or the admin endpoints and are parsed by the same zod
// schemas, so a bad rule fails loudly where it is added, not when a request happens to match it.
// Rules are tried in the order they were added; a rule with `times` is dropped once used up.
import { z } from 'zod';
import type { ChatMessage } from './validate-messages';

const RegexSpec = z
  .object({ regex: z.string(), flags: z.string().regex(/^[dimsuv]*$/, 'flags may use d, i, m, s, u, v').optional() })
  .strict()
  .refine((r) => compiles(r.regex, r.flags), 'regex does not compile');
/** A substring (case-sensitive), a RegExp (in-process) or {regex, flags} (JSON). */
export const TextMatch = z.union([z.string(), z.instanceof(RegExp), RegexSpec]);
export type TextMatch = z.input<typeof TextMatch>;

export const Reply = z
  .object({
    content: z.string().optional(),
    /** Sent as JSON.stringify(json); not checked against the request's schema, so tests can send bad output on purpose. */
    json: z.unknown().optional(),
    /** A refusal: message.content null, message.refusal this text. */
    refusal: z.string().optional(),
    finishReason: z.enum(['stop', 'length', 'content_filter']).optional(),
  })
  .strict()
  .refine((r) => ['content', 'json', 'refusal'].filter((k) => k in r).length === 1, 'reply needs exactly one of content, json, refusal');
export type Reply = z.infer<typeof Reply>;

export const ScriptRule = z
  .object({
    /** Tested against the text of the last `user` message. */
    lastUser: TextMatch.optional(),
    /** Tested against each message's text, any role. */
    anyMessage: TextMatch.optional(),
    model: z.string().optional(),
    reply: Reply,
    /** How many requests the rule answers; unlimited when absent. */
    times: z.number().int().positive().optional(),
  })
  .strict();
export type ScriptRule = z.input<typeof ScriptRule>;

export const FaultRule = z
  .object({
    /** rate_limit → 429, server_error → 500, overloaded → 503, hang → no answer (or a late one). */
    kind: z.enum(['rate_limit', 'server_error', 'overloaded', 'hang']),
    /** How many matching requests fail; 1 when absent. */
    times: z.number().int().positive().default(1),
    /** Seconds, sent as `retry-after`; rate_limit sends 1 when absent, the others send none. */
    retryAfter: z.number().nonnegative().optional(),
    /** hang only: answer normally after this many ms; absent = never answer. */
    hangMs: z.number().int().nonnegative().optional(),
    /** Only requests for this model. */
    model: z.string().optional(),
    /** Only requests to this path; /v1/chat/completions when absent. */
    path: z.string().startsWith('/').default('/v1/chat/completions'),
  })
  .strict();
export type FaultRule = z.input<typeof FaultRule>;
type ParsedFault = z.output<typeof FaultRule>;
type ParsedScript = z.output<typeof ScriptRule>;

interface Stored<T> {
  rule: T;
  remaining: number | null;
  used: number;
}

export class RuleBook {
  private scripts: Stored<ParsedScript>[] = [];
  private faults: Stored<ParsedFault>[] = [];

  /** Throws a ZodError when the rule is malformed. */
  addScript(rule: unknown): void {
    const parsed = ScriptRule.parse(rule);
    this.scripts.push({ rule: parsed, remaining: parsed.times ?? null, used: 0 });
  }

  addFault(rule: unknown): void {
    const parsed = FaultRule.parse(rule);
    this.faults.push({ rule: parsed, remaining: parsed.times, used: 0 });
  }

  takeScript(model: string, messages: ChatMessage[]): Reply | undefined {
    const lastUser = messages.findLast((m) => m.role === 'user')?.text ?? '';
    return take(this.scripts, ({ model: only, lastUser: last, anyMessage: any }) =>
      (only === undefined || only === model) &&
      (last === undefined || test(last, lastUser)) &&
      (any === undefined || messages.some((m) => test(any, m.text))),
    )?.reply;
  }

  takeFault(path: string, model: string | undefined): ParsedFault | undefined {
    return take(this.faults, (f) => f.path === path && (f.model === undefined || f.model === model));
  }

  list(): { scripts: unknown[]; faults: unknown[] } {
    const show = <T>({ rule, remaining, used }: Stored<T>) => ({ ...serialise(rule), remaining, used });
    return { scripts: this.scripts.map(show), faults: this.faults.map(show) };
  }

  clear(): void {
    this.scripts = [];
    this.faults = [];
  }
}

function take<T>(list: Stored<T>[], matches: (rule: T) => boolean): T | undefined {
  const found = list.find((s) => matches(s.rule));
  if (!found) return undefined;
  found.used++;
  if (found.remaining !== null && --found.remaining === 0) list.splice(list.indexOf(found), 1);
  return found.rule;
}

function test(match: z.output<typeof TextMatch>, text: string): boolean {
  if (typeof match === 'string') return text.includes(match);
  // Global/sticky flags would make .test() stateful across requests.
  const re = match instanceof RegExp ? new RegExp(match.source, match.flags.replace(/[gy]/g, '')) : new RegExp(match.regex, match.flags);
  return re.test(text);
}

/** RegExps become {regex, flags} so the admin listing is plain JSON. */
function serialise<T>(rule: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(rule as Record<string, unknown>).map(([k, v]) => [k, v instanceof RegExp ? { regex: v.source, flags: v.flags } : v]),
  );
}

function compiles(regex: string, flags: string | undefined): boolean {
  try {
    new RegExp(regex, flags);
    return true;
  } catch {
    return false;
  }
}
