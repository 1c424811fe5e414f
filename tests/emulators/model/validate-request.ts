// Checks a `POST /v1/chat/completions` body the way the real API does, in its order: unknown
// arguments first ("Unrecognized request argument supplied: x" — the real API rejects them rather
// than ignoring them), then required parameters, then each parameter's type and range. The accepted
// parameter names are those of ChatCompletionCreateParamsBase in the openai SDK 7.57.
import type { OutgoingResponse } from '../shared/server';
import { describeType, invalidParam, notModelled } from './openai-errors';
import { checkStrictSchema } from './strict-schema';
import { type ChatMessage, quoteList, validateMessages } from './validate-messages';

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown> | undefined; strict: boolean };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  responseFormat: ResponseFormat;
  stream: boolean;
  includeUsage: boolean;
  n: number;
  /** `max_completion_tokens`, or the older `max_tokens`. */
  maxTokens: number | null;
  stop: string[];
}

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'string|array' | 'string|object';
interface ParamSpec {
  kind: Kind;
  nullable?: boolean;
  min?: number;
  max?: number;
  values?: readonly string[];
}

const PARAMS: Record<string, ParamSpec> = {
  model: { kind: 'string' },
  messages: { kind: 'array' },
  audio: { kind: 'object', nullable: true },
  frequency_penalty: { kind: 'number', nullable: true, min: -2, max: 2 },
  function_call: { kind: 'string|object' },
  functions: { kind: 'array' },
  logit_bias: { kind: 'object', nullable: true },
  logprobs: { kind: 'boolean', nullable: true },
  max_completion_tokens: { kind: 'integer', nullable: true, min: 1 },
  max_tokens: { kind: 'integer', nullable: true, min: 1 },
  metadata: { kind: 'object', nullable: true },
  modalities: { kind: 'array', nullable: true },
  moderation: { kind: 'object', nullable: true },
  n: { kind: 'integer', nullable: true, min: 1, max: 128 },
  parallel_tool_calls: { kind: 'boolean' },
  prediction: { kind: 'object', nullable: true },
  presence_penalty: { kind: 'number', nullable: true, min: -2, max: 2 },
  prompt_cache_key: { kind: 'string', nullable: true },
  prompt_cache_options: { kind: 'object' },
  prompt_cache_retention: { kind: 'string', nullable: true, values: ['in_memory', '24h'] },
  reasoning_effort: { kind: 'string', nullable: true, values: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] },
  response_format: { kind: 'object' },
  safety_identifier: { kind: 'string', nullable: true },
  seed: { kind: 'integer', nullable: true },
  service_tier: { kind: 'string', nullable: true, values: ['auto', 'default', 'flex', 'scale', 'priority', 'fast'] },
  stop: { kind: 'string|array', nullable: true },
  store: { kind: 'boolean', nullable: true },
  stream: { kind: 'boolean', nullable: true },
  stream_options: { kind: 'object', nullable: true },
  temperature: { kind: 'number', nullable: true, min: 0, max: 2 },
  tool_choice: { kind: 'string|object' },
  tools: { kind: 'array' },
  top_logprobs: { kind: 'integer', nullable: true, min: 0, max: 20 },
  top_p: { kind: 'number', nullable: true, min: 0, max: 1 },
  user: { kind: 'string' },
  verbosity: { kind: 'string', nullable: true, values: ['low', 'medium', 'high'] },
  web_search_options: { kind: 'object' },
};

const EXPECTED: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  'string|array': 'one of a string or array of strings',
  'string|object': 'one of a string or object',
};

type Result = { ok: true; request: ChatRequest } | { ok: false; response: OutgoingResponse };

export function validateChatRequest(body: unknown): Result {
  const fail = (response: OutgoingResponse): Result => ({ ok: false, response });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(invalidParam(`Invalid type for request body: expected an object, but got ${describeType(body)} instead.`, null, 'invalid_type'));
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((key) => !(key in PARAMS));
  if (unknown) return fail(invalidParam(`Unrecognized request argument supplied: ${unknown}`, null));
  if (b.model === undefined) return fail(invalidParam("Missing required parameter: 'model'.", 'model', 'missing_required_parameter'));
  for (const [name, spec] of Object.entries(PARAMS)) {
    if (name === 'messages' || b[name] === undefined) continue;
    const problem = checkParam(name, spec, b[name]);
    if (problem) return fail(problem);
  }
  const messages = validateMessages(b.messages);
  if (!messages.ok) return fail(messages.response);

  const stop = b.stop === undefined || b.stop === null ? [] : typeof b.stop === 'string' ? [b.stop] : (b.stop as unknown[]);
  if (stop.length > 4 || stop.some((s) => typeof s !== 'string')) {
    return fail(invalidParam("Invalid 'stop': expected a string or an array of at most 4 strings.", 'stop', 'invalid_value'));
  }
  if (b.stream_options != null && b.stream !== true) {
    return fail(invalidParam("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', 'invalid_value'));
  }
  const unmodelled = unmodelledFeature(b);
  if (unmodelled) return fail(unmodelled);

  const format = parseResponseFormat(b.response_format, messages.messages);
  if ('response' in format) return fail(format.response);
  const maxTokens = (b.max_completion_tokens ?? b.max_tokens ?? null) as number | null;
  const streamOptions = (b.stream_options ?? {}) as Record<string, unknown>;
  return {
    ok: true,
    request: {
      model: b.model as string,
      messages: messages.messages,
      responseFormat: format.format,
      stream: b.stream === true,
      includeUsage: streamOptions.include_usage === true,
      n: (b.n ?? 1) as number,
      maxTokens,
      stop: stop as string[],
    },
  };
}

function checkParam(name: string, spec: ParamSpec, value: unknown): OutgoingResponse | undefined {
  if (value === null && spec.nullable) return undefined;
  const fits: Record<Kind, boolean> = {
    string: typeof value === 'string',
    number: typeof value === 'number' && Number.isFinite(value),
    integer: typeof value === 'number' && Number.isInteger(value),
    boolean: typeof value === 'boolean',
    object: typeof value === 'object' && value !== null && !Array.isArray(value),
    array: Array.isArray(value),
    'string|array': typeof value === 'string' || Array.isArray(value),
    'string|object': typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value)),
  };
  if (!fits[spec.kind]) {
    return invalidParam(`Invalid type for '${name}': expected ${EXPECTED[spec.kind]}, but got ${describeType(value)} instead.`, name, 'invalid_type');
  }
  if (spec.values && !spec.values.includes(value as string)) {
    return invalidParam(`Invalid value: '${String(value)}'. Supported values are: ${quoteList(spec.values)}.`, name, 'invalid_value');
  }
  if (typeof value === 'number') {
    const noun = spec.kind === 'integer' ? 'integer' : 'decimal';
    if (spec.max !== undefined && value > spec.max) {
      return invalidParam(`Invalid '${name}': ${noun} above maximum value. Expected a value <= ${spec.max}, but got ${value} instead.`, name, `${noun}_above_max_value`);
    }
    if (spec.min !== undefined && value < spec.min) {
      return invalidParam(`Invalid '${name}': ${noun} below minimum value. Expected a value >= ${spec.min}, but got ${value} instead.`, name, `${noun}_below_min_value`);
    }
  }
  return undefined;
}

/** Features whose answers the scripted model cannot produce; see notModelled() for why they fail. */
function unmodelledFeature(b: Record<string, unknown>): OutgoingResponse | undefined {
  if (b.logprobs === true) return notModelled('logprobs', 'token log probabilities');
  if (Array.isArray(b.modalities) && b.modalities.includes('audio')) return notModelled('modalities', 'audio output');
  if (b.audio != null) return notModelled('audio', 'audio output');
  const choice = b.tool_choice;
  if (choice === 'required' || (typeof choice === 'object' && choice !== null)) return notModelled('tool_choice', 'forced tool calls');
  if (b.function_call !== undefined && b.function_call !== 'none' && b.function_call !== 'auto') {
    return notModelled('function_call', 'forced function calls');
  }
  return undefined;
}

function parseResponseFormat(value: unknown, messages: ChatMessage[]): { format: ResponseFormat } | { response: OutgoingResponse } {
  if (value === undefined) return { format: { type: 'text' } };
  const f = value as Record<string, unknown>;
  if (f.type === undefined) return { response: invalidParam("Missing required parameter: 'response_format.type'.", 'response_format.type', 'missing_required_parameter') };
  if (f.type === 'text') return { format: { type: 'text' } };
  if (f.type === 'json_object') {
    // Documented: JSON mode needs the word "JSON" somewhere in the conversation.
    if (!messages.some((m) => /json/i.test(m.text))) {
      return { response: invalidParam("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages') };
    }
    return { format: { type: 'json_object' } };
  }
  if (f.type !== 'json_schema') {
    return { response: invalidParam(`Invalid value: '${String(f.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`, 'response_format.type', 'invalid_value') };
  }
  const spec = f.json_schema as Record<string, unknown> | undefined;
  if (spec === undefined) return { response: invalidParam("Missing required parameter: 'response_format.json_schema'.", 'response_format.json_schema', 'missing_required_parameter') };
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return { response: invalidParam(`Invalid type for 'response_format.json_schema': expected an object, but got ${describeType(spec)} instead.`, 'response_format.json_schema', 'invalid_type') };
  }
  if (spec.name === undefined) return { response: invalidParam("Missing required parameter: 'response_format.json_schema.name'.", 'response_format.json_schema.name', 'missing_required_parameter') };
  if (typeof spec.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
    return { response: invalidParam("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", 'response_format.json_schema.name', 'invalid_value') };
  }
  const schema = spec.schema;
  if (schema !== undefined && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return { response: invalidParam(`Invalid type for 'response_format.json_schema.schema': expected an object, but got ${describeType(schema)} instead.`, 'response_format.json_schema.schema', 'invalid_type') };
  }
  const strict = spec.strict === true;
  if (strict && schema) {
    const problem = checkStrictSchema(schema as Record<string, unknown>);
    if (problem) return { response: invalidParam(`Invalid schema for response_format '${spec.name}': ${problem}`, 'response_format') };
  }
  return { format: { type: 'json_schema', name: spec.name, schema: schema as Record<string, unknown> | undefined, strict } };
}
