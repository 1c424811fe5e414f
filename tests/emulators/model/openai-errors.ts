// OpenAI's error envelope, `{ error: { message, type, param, code } }`, and the exact messages the
// real API sends for the cases the stand-in reproduces. The SDK maps the status to an error class
// (BadRequestError, AuthenticationError, NotFoundError, RateLimitError, InternalServerError) and
// copies `type`, `param` and `code` onto it, so tests can assert on all four.
import type { OutgoingResponse } from '../shared/server';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(
  status: number,
  message: string,
  fields: { type?: string; param?: string | null; code?: string | null } = {},
  headers: Record<string, string> = {},
): OutgoingResponse {
  const body: OpenAIErrorBody = {
    error: { message, type: fields.type ?? 'invalid_request_error', param: fields.param ?? null, code: fields.code ?? null },
  };
  return { status, headers, body };
}

/** A 400 about one request parameter. */
export function invalidParam(message: string, param: string | null, code: string | null = null): OutgoingResponse {
  return openAIError(400, message, { param, code });
}

export function missingApiKey(): OutgoingResponse {
  return openAIError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      '(i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.',
  );
}

export function incorrectApiKey(given: string): OutgoingResponse {
  return openAIError(
    401,
    `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );
}

/** OpenAI echoes only the key's edges, never the whole secret. */
function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

export function modelNotFoundForCompletion(model: string): OutgoingResponse {
  return openAIError(404, `The model \`${model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
}

export function modelNotFoundForRetrieve(model: string): OutgoingResponse {
  return openAIError(404, `The model '${model}' does not exist`, { param: 'model', code: 'model_not_found' });
}

export function invalidUrl(method: string, path: string): OutgoingResponse {
  return openAIError(404, `Invalid URL (${method} ${path})`);
}

export function unparsableJson(): OutgoingResponse {
  return openAIError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
      'The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)',
  );
}

export function rateLimited(model: string, retryAfterSeconds: number): OutgoingResponse {
  return openAIError(
    429,
    `Rate limit reached for ${model} in organization org-stand-in on requests per min (RPM): Limit 3, Used 3, Requested 1. ` +
      `Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    { type: 'requests', code: 'rate_limit_exceeded' },
    {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit-requests': '3',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
    },
  );
}

export function serverError(): OutgoingResponse {
  return openAIError(
    500,
    'The server had an error while processing your request. Sorry about that! You can retry your request, or contact us ' +
      'through our help center at help.openai.com if the error persists.',
    { type: 'server_error' },
  );
}

export function overloaded(): OutgoingResponse {
  return openAIError(503, 'The server is overloaded or not ready yet.', { type: 'server_error' });
}

/**
 * Something the real API accepts but this stand-in does not model (tool calls, logprobs, audio).
 * Refusing loudly beats answering as if the feature worked: a test that passes only because the
 * stand-in is lenient would be a false pass.
 */
export function notModelled(param: string, what: string): OutgoingResponse {
  return openAIError(400, `The model stand-in does not implement ${what} ('${param}'). Script the reply or leave the parameter out.`, {
    param,
    code: 'not_supported_by_stand_in',
  });
}

/** Words for a JSON value's type, as OpenAI's "Invalid type" messages spell them. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}
