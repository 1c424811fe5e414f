// Checks every request the stand-in receives, every response it sends and every webhook it
// delivers against the SDK's own types, and keeps what does not match. A test run (or a vitest
// globalSetup) fails on any recorded violation via assertNoSchemaViolations().
import type { ErrorObject } from 'ajv';
import { quoteValue } from '../errors';
import type { NotionVersion } from '../versions';
import type { Validators } from './generate';
import type { SdkTypeName } from './sdk-types';

export interface SchemaViolation {
  at: string;
  /** e.g. "PATCH /v1/pages/:page_id" or "webhook page.created" */
  endpoint: string;
  direction: 'request' | 'response' | 'webhook';
  type: SdkTypeName;
  version: NotionVersion;
  errors: ErrorObject[];
  data: unknown;
}

export class SchemaChecker {
  readonly violations: SchemaViolation[] = [];

  constructor(private readonly validators: Validators) {}

  /** Validates and records a mismatch; returns the ajv errors, or undefined when it matches. */
  check(direction: SchemaViolation['direction'], endpoint: string, type: SdkTypeName, version: NotionVersion, data: unknown): ErrorObject[] | undefined {
    const validate = this.validators[version][type];
    if (validate(data)) return undefined;
    const errors = [...(validate.errors ?? [])];
    this.violations.push({ at: new Date().toISOString(), endpoint, direction, type, version, errors, data });
    return errors;
  }

  /** Validates without recording (for admin input, which is not API traffic). */
  validate(type: SdkTypeName, version: NotionVersion, data: unknown): ErrorObject[] | undefined {
    const validate = this.validators[version][type];
    return validate(data) ? undefined : [...(validate.errors ?? [])];
  }

  /** Returns and forgets the recorded violations (for tests that send malformed requests on purpose). */
  take(): SchemaViolation[] {
    return this.violations.splice(0, this.violations.length);
  }

  assertNone(): void {
    if (this.violations.length === 0) return;
    throw new Error(`Notion stand-in: ${this.violations.length} schema violation(s):\n${this.violations.map(formatViolation).join('\n')}`);
  }
}

export function formatViolation(v: SchemaViolation): string {
  const details = v.errors
    .slice(0, 5)
    .map((e) => `    ${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)
    .join('\n');
  return `  ${v.direction} ${v.endpoint} (${v.type}, ${v.version}):\n${details}`;
}

/**
 * A Notion-style message for a request the SDK types reject ("body failed validation:
 * body.x should be …"). Of ajv's errors the deepest one is usually the informative one.
 */
export function describeRequestErrors(errors: ErrorObject[], input: unknown, prefixOf: (key: string) => string): string {
  const error = [...errors].sort((a, b) => depth(b) - depth(a))[0]!;
  const segments = error.instancePath.split('/').filter(Boolean).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  let value: unknown = input;
  for (const s of segments) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[s] : undefined;
  const first = segments[0];
  let path = first === undefined ? 'body' : prefixOf(first);
  for (const s of segments) path += /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
  const params = error.params as Record<string, unknown>;
  let detail: string;
  const child = (key: string) => (segments.length ? `${path}.${key}` : `${prefixOf(key)}.${key}`);
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    detail = `${child(extra)} should be not present, instead was \`${quoteValue((value as Record<string, unknown>)?.[extra])}\``;
  } else if (error.keyword === 'required') {
    detail = `${child(String(params.missingProperty))} should be defined, instead was \`undefined\``;
  } else if (error.keyword === 'type') {
    detail = `${path} should be ${describeType(String(params.type))}, instead was \`${quoteValue(value)}\``;
  } else if (error.keyword === 'const' || error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
    detail = `${path} should be ${allowed.map((a) => `\`${JSON.stringify(a)}\``).join(', ')}, instead was \`${quoteValue(value)}\``;
  } else {
    detail = `${path} ${error.message ?? 'is invalid'}, instead was \`${quoteValue(value)}\``;
  }
  return `${detail.split('.')[0]!.split(' ')[0]} failed validation: ${detail}.`;
}

function depth(e: ErrorObject): number {
  return e.instancePath.split('/').length * 10 + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0);
}

function describeType(type: string): string {
  if (type === 'array') return 'an array';
  if (type === 'object') return 'an object';
  if (type === 'integer') return 'an integer';
  return `a ${type}`;
}
