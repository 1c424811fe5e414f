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

describe('fault rate', () => {
  const upload = (name: string, runId: string, options: { timeout?: number } = {}) =>
    once.files.create(
      {
        supportsAllDrives: true,
        requestBody: { name, mimeType: 'application/vnd.google-apps.document', parents: ['outbox'], appProperties: { runId } },
        media: { mimeType: 'text/markdown', body: `# ${name}` },
      },
      { rootUrl: kit.rootUrl, ...options },
    );
  const byRunId = async (runId: string) => {
    const res = await once.files.list({
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
      corpora: 'allDrives',
      q: `appProperties has { key='runId' and value='${runId}' } and trashed = false`,
      fields: 'files(id)',
    });
    return res.data.files?.length ?? 0;
  };
  const admin = async (method: string, body?: unknown) => {
    const res = await fetch(`${kit.standIn.url}/__admin/fault-rate`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('answers 403 userRateLimitExceeded in Drive’s shape, never after commit, and counts it', async () => {
    expect((await admin('PUT', { rate: 1, statuses: [403], afterCommitShare: 1 })).status).toBe(200);
    const res = await failure(upload('Limited', 'r-limited'));
    expect(res.status).toBe(403);
    expect(res.body.error.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'userRateLimitExceeded' });
    kit.standIn.faultRate.off();
    expect(await byRunId('r-limited')).toBe(0);
    expect((await admin('GET')).body.counts).toMatchObject({ injected: 1, byKind: { '403': 1 }, byEndpoint: { 'POST /upload/drive/v3/files': { '403': 1 } } });
  });

  it('stores a faulted upload before answering 503 when asked: a lookup must come before any retry', async () => {
    kit.standIn.faultRate.set({ rate: 1, statuses: [503], afterCommitShare: 1 });
    const res = await failure(upload('Stored anyway', 'r-rate-after'));
    expect(res.body.error).toMatchObject({ code: 503, errors: [{ reason: 'backendError' }] });
    kit.standIn.faultRate.off();
    expect(await byRunId('r-rate-after')).toBe(1);
    expect(kit.standIn.faultRate.status().counts.byKind).toEqual({ '503 after commit': 1 });
  });

  it('holds a timed-out upload past the client timeout, and then stores it or not', async () => {
    kit.standIn.faultRate.set({ rate: 1, timeoutShare: 1, timeoutMs: 300, afterCommitShare: 1 });
    await expect(upload('Late but stored', 'r-late', { timeout: 100 })).rejects.toThrow();
    kit.standIn.faultRate.set({ rate: 1, timeoutShare: 1, timeoutMs: 300, afterCommitShare: 0 });
    await expect(upload('Late and dropped', 'r-dropped', { timeout: 100 })).rejects.toThrow();
    kit.standIn.faultRate.off();
    await new Promise((r) => setTimeout(r, 350));
    expect(await byRunId('r-late')).toBe(1);
    expect(await byRunId('r-dropped')).toBe(0);
  });

  it('fails about the given share, the same requests for the same seed, and leaves /token alone', async () => {
    const statuses = async () => {
      kit.standIn.faultRate.set({ rate: 0.25, seed: 9 });
      const out: number[] = [];
      for (let i = 0; i < 80; i += 1) out.push(await once.files.list({}).then((r) => r.status, (e: { status?: number; response?: { status: number } }) => e.response?.status ?? 0));
      return out;
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    const failed = first.filter((s) => s !== 200);
    expect(failed.length).toBeGreaterThan(8);
    expect(failed.length).toBeLessThan(35);
    expect(new Set(failed)).toEqual(new Set([403, 429, 500, 503]));
    const fresh = createGoogleAuth({ serviceAccountEmail: SA_EMAIL, privateKey: kit.keys.privateKey, tokenUrl: kit.standIn.tokenUrl });
    kit.standIn.faultRate.set({ rate: 1 });
    expect(await fresh.accessToken()).toMatch(/^ya29\./);
  });

  it('refuses statuses Drive does not answer, and reset turns it off', async () => {
    expect((await admin('PUT', { rate: 0.2, statuses: [529] })).status).toBe(400);
    kit.standIn.faultRate.set({ rate: 1 });
    kit.standIn.reset();
    expect((await admin('GET')).body).toMatchObject({ settings: null, counts: { injected: 0 } });
  });
});
