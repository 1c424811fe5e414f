// Injected failures arrive in Google's error shape, so retry code can be tested against them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { createGoogleAuth, GoogleAuthError } from '../../../src/adapters/google-auth';
import { SA_EMAIL, failure, startKit, type Kit } from './test-kit';
import { seed } from './fixtures';

let kit: Kit;
let once: drive_v3.Drive;
const listPath = '^/drive/v3/files$';

beforeAll(async () => {
  kit = await startKit({ seed });
  once = await kit.client({ retry: false });
});
beforeEach(() => kit.standIn.reset());
afterAll(() => kit.standIn.close());

describe('fault injection', () => {
  it('answers 403 userRateLimitExceeded in the usageLimits domain', async () => {
    kit.standIn.injectFault({ method: 'GET', path: listPath, status: 403, reason: 'userRateLimitExceeded' });
    const res = await failure(once.files.list({}));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: 403,
        message: 'User Rate Limit Exceeded',
        errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }],
      },
    });
  });

  it('answers 429 rateLimitExceeded, with Retry-After when asked', async () => {
    kit.standIn.injectFault({ path: listPath, status: 429, retryAfter: 7 });
    const res = await failure(once.files.list({}));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body.error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }],
    });
  });

  it('answers 503 and 500 backendError', async () => {
    kit.standIn.injectFault({ path: listPath, status: 503 });
    const unavailable = await failure(once.files.list({}));
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.errors[0]).toMatchObject({ domain: 'global', reason: 'backendError' });
    kit.standIn.injectFault({ path: listPath, status: 500 });
    const backend = await failure(once.files.list({}));
    expect(backend.body.error).toMatchObject({ code: 500, message: 'Backend Error', errors: [{ reason: 'backendError' }] });
  });

  it('fails exactly the next N matching requests, then lets requests through', async () => {
    kit.standIn.injectFault({ method: 'GET', path: listPath, status: 503, count: 2 });
    expect((await failure(once.files.list({}))).status).toBe(503);
    await once.files.get({ fileId: 'hello' }); // a different path is not affected
    expect((await failure(once.files.list({}))).status).toBe(503);
    expect((await once.files.list({})).status).toBe(200);
    expect(kit.standIn.faults()).toEqual([]);
  });

  it("lets the client's own retry recover from one 503 on a GET", async () => {
    const drive = await kit.client();
    kit.standIn.clearRequests();
    kit.standIn.injectFault({ path: listPath, status: 503 });
    const res = await drive.files.list({ fields: 'files(id)' });
    expect(res.status).toBe(200);
    expect(kit.standIn.requests.filter((r) => r.path === '/drive/v3/files').map((r) => r.status)).toEqual([503, 200]);
  });

  it('can fail the token endpoint, which the auth adapter reports as retryable', async () => {
    kit.standIn.injectFault({ path: '^/token$', status: 503 });
    const fresh = createGoogleAuth({ serviceAccountEmail: SA_EMAIL, privateKey: kit.keys.privateKey, tokenUrl: kit.standIn.tokenUrl });
    const error = await fresh.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleAuthError);
    expect((error as GoogleAuthError).retryable).toBe(true);
    expect(await fresh.accessToken()).toMatch(/^ya29\./);
  });

  it('can fail an upload after storing it, so only a lookup before retrying avoids a duplicate', async () => {
    kit.standIn.injectFault({ method: 'POST', path: '^/upload/drive/v3/files$', status: 503, afterCommit: true });
    const res = await failure(
      once.files.create(
        {
          supportsAllDrives: true,
          requestBody: { name: 'Stored anyway', mimeType: 'application/vnd.google-apps.document', parents: ['outbox'], appProperties: { runId: 'r-after' } },
          media: { mimeType: 'text/markdown', body: '# Stored anyway' },
        },
        { rootUrl: kit.rootUrl },
      ),
    );
    expect(res.status).toBe(503);
    const found = await once.files.list({
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
      corpora: 'allDrives',
      q: "appProperties has { key='runId' and value='r-after' } and trashed = false",
      fields: 'files(id,name)',
    });
    expect(found.data.files?.map((f) => f.name)).toEqual(['Stored anyway']);
  });
});
