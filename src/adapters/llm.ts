// The model, through the openai SDK against any OpenAI-compatible base URL.
// The SDK retries 429 and 5xx itself, honouring retry-after (openai-node README, "Retries");
// what is left after its retries is reported as a tagged failure the engine can classify.
// Size, measured (tests/bench/bundle.ts): openai is ~986 KiB of the Worker's unminified bundle,
// about half of it once zod's locales and the Google client went — the client class registers
// every resource, so esbuild cannot drop the unused ones. It stays: it is the wire reference the
// model stand-in follows, and its retries (retry-after, x-should-retry, 408/409/429/5xx),
// timeouts and error classes are what a smaller client would have to rewrite; nothing smaller
// in the dependency tree speaks the protocol as well.
import OpenAI, { APIError } from 'openai';

export interface Completion {
  text: string;
  usage: { prompt: number; completion: number };
}

export interface CompletionRequest {
  system: string;
  user: string;
  maxTokens?: number;
  /**
   * The answer is a list of `min`–`max` items: asked for as Structured Outputs (a json_schema
   * with one array of strings) and handed back as markdown bullets, one item a line.
   */
  list?: { min: number; max: number };
}

/**
 * The schema of a list answer. `minItems`/`maxItems` are among the array keywords OpenAI's
 * Structured Outputs guide lists as supported in strict mode (platform.openai.com/docs/guides/
 * structured-outputs, "Supported properties"); a compatible server that ignores them still
 * returns a list, and Baton checks the count itself (check-output.ts).
 */
export function listSchema(min: number, max = min): Record<string, unknown> {
  return {
    type: 'object',
    properties: { items: { type: 'array', items: { type: 'string' }, minItems: min, maxItems: max } },
    required: ['items'],
    additionalProperties: false,
  };
}

/** A list answer as markdown bullets; an answer that is not the list asked for is returned as it came, for the checks to reject. */
export function listAnswer(content: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return content;
  }
  const items = (parsed as { items?: unknown }).items;
  if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) return content;
  return items.map((i) => `- ${i.replace(/\s+/g, ' ').replace(/^[-*+•]\s+/, '').trim()}`).join('\n');
}

export interface LlmAdapter {
  complete(request: CompletionRequest): Promise<Completion>;
}

export class ModelError extends Error {
  override name = 'ModelError';
  constructor(
    message: string,
    /** Permanent: retrying the same request cannot succeed (bad key, unknown model, bad request). */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface LlmClientOptions {
  baseUrl: string;
  apiKey?: string;
  maxRetries?: number;
  timeoutMs?: number;
}

export function createLlmClient(options: LlmClientOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseUrl,
    // Local OpenAI-compatible servers often need no key; the SDK insists on a string.
    apiKey: options.apiKey ?? 'not-needed',
    maxRetries: options.maxRetries ?? 3,
    timeout: options.timeoutMs ?? 120_000,
    fetch: (input, init) => fetch(input, init),
  });
}

export function createLlmAdapter(client: OpenAI, model: string): LlmAdapter {
  return {
    async complete(request) {
      const ask = async (structured: boolean) =>
        client.chat.completions.create({
          model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
          ...(structured && request.list
            ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'step_list', strict: true, schema: listSchema(request.list.min, request.list.max) } } }
            : {}),
        });
      try {
        let structured = request.list !== undefined;
        let response;
        try {
          response = await ask(structured);
        } catch (error) {
          // An OpenAI-compatible server without Structured Outputs refuses response_format with
          // a 400: the same prompt (which states the count) is asked as plain text instead.
          if (!(structured && error instanceof APIError && error.status === 400)) throw error;
          structured = false;
          response = await ask(false);
        }
        const text = response.choices[0]?.message.content;
        if (typeof text !== 'string' || text.trim() === '') {
          throw new ModelError(`The model (${model}) returned an empty answer`, false);
        }
        return {
          text: structured ? listAnswer(text) : text,
          usage: { prompt: response.usage?.prompt_tokens ?? 0, completion: response.usage?.completion_tokens ?? 0 },
        };
      } catch (error) {
        if (error instanceof ModelError) throw error;
        if (error instanceof APIError) {
          const status = error.status ?? 0;
          const permanent = status === 400 || status === 401 || status === 403 || status === 404;
          throw new ModelError(describeModelError(status, model), permanent);
        }
        throw new ModelError(`The model could not be reached: ${error instanceof Error ? error.message : String(error)}`, false);
      }
    },
  };
}

function describeModelError(status: number, model: string): string {
  if (status === 401 || status === 403) return 'The model endpoint refused the API key: check MODEL_API_KEY';
  if (status === 404) return `The model endpoint does not know the model '${model}': check MODEL_NAME`;
  if (status === 400) return 'The model endpoint rejected the request as invalid';
  if (status === 429) return 'The model endpoint is rate-limiting Baton and kept doing so after retries';
  return `The model endpoint failed with HTTP ${status} after retries`;
}
