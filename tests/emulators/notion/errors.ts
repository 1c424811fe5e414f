// Errors as Notion reports them (developers.notion.com/reference/status-codes):
// `{object: "error", status, code, message, request_id}`.

export type NotionErrorCode =
  | 'invalid_json'
  | 'invalid_request_url'
  | 'invalid_request'
  | 'validation_error'
  | 'missing_version'
  | 'unauthorized'
  | 'restricted_resource'
  | 'object_not_found'
  | 'conflict_error'
  | 'rate_limited'
  | 'internal_server_error';

export class NotionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: NotionErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Notion's `additional_data` (e.g. a 429's `rate_limit_reason`). */
    readonly additionalData?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function errorBody(error: NotionApiError, requestId: string) {
  return {
    object: 'error',
    status: error.status,
    code: error.code,
    message: error.message,
    request_id: requestId,
    ...(error.additionalData ? { additional_data: error.additionalData } : {}),
  };
}

/** The "body failed validation: …" family (reference/request-limits, status-codes). */
export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, 'validation_error', message);
}

export function bodyValidationError(detail: string): NotionApiError {
  return validationError(`body failed validation: ${detail}.`);
}

export function notFound(kind: string, id: string, integrationName: string): NotionApiError {
  // Observed live (2026-10): the integration's name closes the sentence.
  return new NotionApiError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration "${integrationName}".`,
  );
}

export const errors = {
  invalidJson: () => new NotionApiError(400, 'invalid_json', 'Error parsing JSON body.'),
  invalidUrl: () => new NotionApiError(400, 'invalid_request_url', 'Invalid request URL.'),
  missingVersion: () =>
    new NotionApiError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    ),
  unauthorized: () => new NotionApiError(401, 'unauthorized', 'API token is invalid.'),
  /** `reason`: which limit (reference/request-limits: additional_data.rate_limit_reason). */
  rateLimited: (retryAfterSeconds: number, reason?: string) =>
    new NotionApiError(
      429,
      'rate_limited',
      'You have been rate limited. Please try again in a few minutes.',
      { 'retry-after': String(retryAfterSeconds) },
      reason ? { rate_limit_reason: reason } : undefined,
    ),
};

/** Truncated JSON of a value, the way Notion quotes it after "instead was". */
export function quoteValue(value: unknown): string {
  const json = value === undefined ? 'undefined' : JSON.stringify(value);
  return json.length > 55 ? `${json.slice(0, 55)}...` : json;
}
