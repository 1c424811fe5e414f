import { describe, expect, it } from 'vitest';
import { notionRefusal } from '../../src/gate/notion-gate';
import { retryAfterMs } from '../../src/gate/gated-fetch';
import { driveRefusal } from '../../src/gate/drive-gate';

const answer = (status: number, body: unknown, retryAfter?: string) =>
  new Response(JSON.stringify(body), { status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });

describe('which Notion answers pause the gate', () => {
  it('sends a 429 again after Retry-After, pausing the connection’s gate', async () => {
    const refusal = await notionRefusal(answer(429, { object: 'error', status: 429, code: 'rate_limited', additional_data: { rate_limit_reason: 'public_api_request_rate_limit' } }, '7'));
    expect(refusal).toEqual({ retryAfterMs: 7000, resend: true, scope: 'own' });
  });

  it('pauses the workspace’s gate when the workspace limit was hit', async () => {
    const refusal = await notionRefusal(answer(429, { object: 'error', status: 429, code: 'rate_limited', additional_data: { rate_limit_reason: 'public_api_space_request_rate_limit' } }, '90'));
    expect(refusal).toEqual({ retryAfterMs: 90_000, resend: true, scope: 'shared' });
  });

  it('pauses for a 529 but hands it back: an overloaded answer may have been applied', async () => {
    expect(await notionRefusal(answer(529, { object: 'error', status: 529, code: 'service_overload' }, '2'))).toEqual({ retryAfterMs: 2000, resend: false, scope: 'own' });
  });

  it('treats a 429 without a reason or Retry-After like any other, for a second', async () => {
    expect(await notionRefusal(new Response('not json', { status: 429 }))).toEqual({ retryAfterMs: 1000, resend: true, scope: 'own' });
  });

  it('leaves every other answer alone', async () => {
    for (const status of [200, 400, 404, 409, 500, 503]) expect(await notionRefusal(answer(status, {}))).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(answer(429, {}, '3'))).toBe(3000);
    const date = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(answer(429, {}, date))).toBeGreaterThan(8000);
    expect(retryAfterMs(answer(429, {}))).toBeNull();
  });
});

describe('which Drive answers pause the gate', () => {
  const googleError = (status: number, reason: string, retryAfter?: string) =>
    answer(status, { error: { code: status, message: reason, errors: [{ domain: 'usageLimits', reason, message: reason }] } }, retryAfter);

  it('sends a per-user rate refusal (403 userRateLimitExceeded) again after a pause', async () => {
    expect(await driveRefusal(googleError(403, 'userRateLimitExceeded'))).toEqual({ retryAfterMs: 1000, resend: true, scope: 'own' });
    expect(await driveRefusal(googleError(429, 'rateLimitExceeded', '4'))).toEqual({ retryAfterMs: 4000, resend: true, scope: 'own' });
  });

  it('leaves a 403 that is not about rate alone (no permission, storage quota)', async () => {
    expect(await driveRefusal(googleError(403, 'insufficientFilePermissions'))).toBeNull();
    expect(await driveRefusal(googleError(403, 'storageQuotaExceeded'))).toBeNull();
    expect(await driveRefusal(answer(200, {}))).toBeNull();
  });
});
