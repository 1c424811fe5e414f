// The model, through the openai SDK against any OpenAI-compatible base URL.
// The SDK retries 429 and 5xx itself, honouring retry-after (openai-node README, "Retries");
// what is left after its retries is reported as a tagged failure the engine can classify.
import OpenAI, { APIError } from 'openai';

export interface Completion {
  text: string;
  usage: { prompt: number; completion: number };
}

export interface CompletionRequest {
  system: string;
  user: string;
  maxTokens?: number;
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
      try {
        const response = await client.chat.completions.create({
          model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
        });
        const text = response.choices[0]?.message.content;
        if (typeof text !== 'string' || text.trim() === '') {
          throw new ModelError(`The model (${model}) returned an empty answer`, false);
        }
        return {
          text,
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
