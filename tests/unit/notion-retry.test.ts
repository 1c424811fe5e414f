import { APIErrorCode, APIResponseError, RequestTimeoutError } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { classifyNotionError, createOnce, withRetry, type RetryPolicy } from '../../src/adapters/notion-retry';

const policy: RetryPolicy = { retries: 3, backoffMs: 1, sleep: async () => {} };
const apiError = (status: number, code: APIErrorCode) =>
  new APIResponseError({ code, status, message: code, headers: new Headers(), rawBodyText: '{}', additional_data: undefined, request_id: undefined });

describe('Baton’s Notion retry', () => {
  it('tells a refusal from a doubtful answer', () => {
    expect(classifyNotionError(apiError(429, APIErrorCode.RateLimited))).toBe('refused');
    expect(classifyNotionError(apiError(529, APIErrorCode.ServiceOverload))).toBe('doubtful');
    expect(classifyNotionError(apiError(500, APIErrorCode.InternalServerError))).toBe('doubtful');
    expect(classifyNotionError(new RequestTimeoutError())).toBe('doubtful');
    expect(classifyNotionError(apiError(404, APIErrorCode.ObjectNotFound))).toBe('final');
  });

  it('retries reads through 5xx, but a write only through a 429', async () => {
    let reads = 0;
    expect(await withRetry('read', policy, async () => (++reads < 3 ? Promise.reject(apiError(503, APIErrorCode.ServiceUnavailable)) : 'ok'))).toBe('ok');
    let writes = 0;
    await expect(withRetry('write', policy, async () => (++writes, Promise.reject(apiError(500, APIErrorCode.InternalServerError))))).rejects.toThrow();
    expect(writes).toBe(1);
    writes = 0;
    expect(await withRetry('write', policy, async () => (++writes < 2 ? Promise.reject(apiError(429, APIErrorCode.RateLimited)) : 'ok'))).toBe('ok');
  });

  it('creates once when a 529 came after the create committed', async () => {
    const created: string[] = [];
    const page = await createOnce(
      policy,
      async () => {
        created.push('page');
        if (created.length === 1) throw apiError(529, APIErrorCode.ServiceOverload); // committed, then 529
        return 'second';
      },
      async () => (created.length > 0 ? 'first' : null),
    );
    expect(page).toBe('first');
    expect(created).toHaveLength(1);
  });

  it('creates again only when the lookup finds nothing, and never without a lookup', async () => {
    let attempts = 0;
    expect(await createOnce(policy, async () => (++attempts === 1 ? Promise.reject(apiError(504, APIErrorCode.GatewayTimeout)) : 'made'), async () => null)).toBe('made');
    expect(attempts).toBe(2);
    attempts = 0;
    await expect(createOnce(policy, async () => (++attempts, Promise.reject(apiError(500, APIErrorCode.InternalServerError))))).rejects.toThrow();
    expect(attempts).toBe(1);
  });
});
