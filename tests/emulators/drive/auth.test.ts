// The token endpoint (raw requests, to see Google's OAuth error bodies) and the bearer check on
// Drive calls (through the real client).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive } from '@googleapis/drive';
import { SignJWT, generateKeyPair, importPKCS8, type JWTPayload } from 'jose';
import { DOC, SA_EMAIL, failure, startKit, type Kit } from './test-kit';
import { seed } from './fixtures';

let kit: Kit;
const DRIVE = 'https://www.googleapis.com/auth/drive';
/** "When making an access token request this value is always https://oauth2.googleapis.com/token." */
const AUDIENCE = 'https://oauth2.googleapis.com/token';

beforeAll(async () => {
  kit = await startKit({ seed });
});
afterAll(() => kit.standIn.close());

async function assertion(claims: JWTPayload, key?: CryptoKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: DRIVE, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer((claims.iss as string) ?? SA_EMAIL)
    .setAudience((claims.aud as string) ?? AUDIENCE)
    .setIssuedAt((claims.iat as number) ?? now)
    .setExpirationTime((claims.exp as number) ?? now + 3600)
    .sign(key ?? (await importPKCS8(kit.keys.privateKey, 'RS256')));
}

async function exchange(form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(kit.standIn.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.json() };
}

const grant = (jwt: string) => exchange({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt });

describe('POST /token', () => {
  it('trades a signed assertion for a one-hour bearer token', async () => {
    const res = await grant(await assertion({}));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' });
  });

  it('answers invalid_grant for a signature from another key', async () => {
    const other = await generateKeyPair('RS256');
    const res = await grant(await assertion({}, other.privateKey));
    expect(res).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } });
  });

  it('answers invalid_grant for an unknown account', async () => {
    const res = await grant(await assertion({ iss: 'stranger@x.iam.gserviceaccount.com' }));
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid grant: account not found' });
  });

  it("accepts Google's documented audience although the stand-in listens elsewhere", async () => {
    expect(kit.standIn.tokenUrl).not.toBe(AUDIENCE);
    const res = await grant(await assertion({ aud: AUDIENCE }));
    expect(res.status).toBe(200);
  });

  it('answers invalid_grant for any other audience, its own URL included', async () => {
    for (const aud of [kit.standIn.tokenUrl, 'https://www.googleapis.com/oauth2/v4/token', 'https://example.com/token']) {
      const res = await grant(await assertion({ aud }));
      expect(res).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: `Invalid JWT: Failed audience check. The right audience is ${AUDIENCE}` },
      });
    }
  });

  it('answers invalid_grant for a token lifetime over one hour or an expired assertion', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const times of [{ iat: now, exp: now + 3601 }, { iat: now - 7200, exp: now - 3600 }, { iat: now + 3600, exp: now + 3700 }]) {
      const res = await grant(await assertion(times));
      expect(res.status).toBe(400);
      expect(res.body.error_description).toMatch(/^Invalid JWT: Token must be a short-lived token \(60 minutes\)/);
    }
  });

  it('answers invalid_scope without a scope, unsupported_grant_type and invalid_request for bad forms', async () => {
    expect((await grant(await assertion({ scope: '' }))).body.error).toBe('invalid_scope');
    expect((await exchange({ grant_type: 'client_credentials' })).body).toEqual({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: client_credentials' });
    expect((await exchange({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' })).body.error).toBe('invalid_request');
  });

  it('refuses domain-wide delegation (sub), which the stand-in does not grant', async () => {
    const res = await grant(await assertion({ sub: 'someone@example.com' }));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized_client');
  });
});

describe('bearer tokens on Drive calls', () => {
  it('answers 401 required without credentials', async () => {
    const anonymous = drive({ version: 'v3', rootUrl: kit.rootUrl, retry: false });
    const res = await failure(anonymous.files.list({}));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [{ domain: 'global', reason: 'required', message: 'Login Required.', location: 'Authorization', locationType: 'header' }],
    });
  });

  it('answers 401 authError for an unknown token', async () => {
    const drive = await kit.client({ retry: false, token: 'ya29.not-issued' });
    const res = await failure(drive.files.list({}));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(res.body.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [{ domain: 'global', reason: 'authError', message: 'Invalid Credentials', location: 'Authorization', locationType: 'header' }],
    });
  });

  it('answers 401 once the token has expired on the stand-in clock', async () => {
    const drive = await kit.client({ retry: false, token: kit.standIn.issueToken(SA_EMAIL) });
    expect((await drive.files.list({})).status).toBe(200);
    kit.standIn.advanceClock(3600_000);
    try {
      expect((await failure(drive.files.list({}))).status).toBe(401);
    } finally {
      kit.standIn.reset();
    }
  });

  it('answers 403 insufficientPermissions for an upload with a read-only scope', async () => {
    const drive = await kit.client({ retry: false, token: kit.standIn.issueToken(SA_EMAIL, [`${DRIVE}.readonly`]) });
    expect((await drive.files.list({})).status).toBe(200);
    const res = await failure(
      drive.files.create(
        { supportsAllDrives: true, requestBody: { name: 'x', mimeType: DOC, parents: ['outbox'] }, media: { mimeType: 'text/markdown', body: 'x' } },
        { rootUrl: kit.rootUrl },
      ),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ message: 'Request had insufficient authentication scopes.', errors: [{ reason: 'insufficientPermissions' }] });
  });
});
