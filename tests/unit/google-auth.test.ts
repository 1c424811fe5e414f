// The service-account token adapter, against the Drive stand-in's token endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader, exportPKCS8, generateKeyPair } from 'jose';
import { createGoogleAuth, DRIVE_SCOPE, GOOGLE_TOKEN_AUDIENCE, GoogleAuthError } from '../../src/adapters/google-auth';
import { startDrive, type DriveStandIn } from '../emulators/drive/index';
import { keyPair, SA_EMAIL } from '../emulators/drive/test-kit';

let standIn: DriveStandIn;
let privateKey: string;

beforeAll(async () => {
  const keys = await keyPair();
  privateKey = keys.privateKey;
  standIn = await startDrive({ serviceAccounts: [{ email: SA_EMAIL, publicKey: keys.publicKey }] });
});
beforeEach(() => standIn.reset());
afterAll(() => standIn.close());

const tokenRequests = () => standIn.requests.filter((r) => r.path === '/token');
const options = () => ({ serviceAccountEmail: SA_EMAIL, privateKey, tokenUrl: standIn.tokenUrl });

async function rejection(promise: Promise<unknown>): Promise<GoogleAuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoogleAuthError);
  return error as GoogleAuthError;
}

describe('createGoogleAuth', () => {
  it('gets an access token the Drive API accepts', async () => {
    const token = await createGoogleAuth(options()).accessToken();
    const res = await fetch(`${standIn.url}/drive/v3/files`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it('signs the assertion Google documents: RS256, iss, scope, aud, iat and exp one hour later', async () => {
    let sent: URLSearchParams | undefined;
    let postedTo: string | undefined;
    const auth = createGoogleAuth({
      ...options(),
      now: () => Date.parse('2026-11-24T10:00:00Z'),
      fetch: async (url, init) => {
        postedTo = String(url);
        sent = new URLSearchParams(String(init?.body));
        return new Response(JSON.stringify({ access_token: 't', expires_in: 3599, token_type: 'Bearer' }));
      },
    });
    await auth.accessToken();
    expect(postedTo).toBe(standIn.tokenUrl);
    expect(sent!.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const jwt = sent!.get('assertion')!;
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const claims = decodeJwt(jwt);
    expect(claims).toEqual({ iss: SA_EMAIL, scope: DRIVE_SCOPE, aud: GOOGLE_TOKEN_AUDIENCE, iat: 1795514400, exp: 1795514400 + 3600 });
  });

  it('keeps aud at https://oauth2.googleapis.com/token whichever token URL it posts to', async () => {
    expect(GOOGLE_TOKEN_AUDIENCE).toBe('https://oauth2.googleapis.com/token');
    const audiences: unknown[] = [];
    for (const tokenUrl of ['http://127.0.0.1:4040/token', 'https://oauth2.googleapis.com/token', standIn.tokenUrl]) {
      const auth = createGoogleAuth({
        ...options(),
        tokenUrl,
        fetch: async (_url, init) => {
          audiences.push(decodeJwt(new URLSearchParams(String(init?.body)).get('assertion')!).aud);
          return new Response(JSON.stringify({ access_token: 't', expires_in: 3599, token_type: 'Bearer' }));
        },
      });
      await auth.accessToken();
    }
    expect(audiences).toEqual([GOOGLE_TOKEN_AUDIENCE, GOOGLE_TOKEN_AUDIENCE, GOOGLE_TOKEN_AUDIENCE]);
    // …and a stand-in on a local port accepts it, as Google does.
    expect(standIn.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token$/);
    expect(await createGoogleAuth(options()).accessToken()).toMatch(/^ya29\./);
  });

  it('reuses the token until shortly before it expires, then fetches a new one', async () => {
    // The adapter and the stand-in share one clock here, as Worker and Google share real time.
    const auth = createGoogleAuth({ ...options(), now: () => Date.parse(standIn.now()) });
    const first = await auth.accessToken();
    standIn.advanceClock(3000_000);
    expect(await auth.accessToken()).toBe(first);
    expect(tokenRequests()).toHaveLength(1);
    standIn.advanceClock(560_000); // within a minute of expires_in (3599 s)
    expect(await auth.accessToken()).not.toBe(first);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('shares one token request among concurrent callers', async () => {
    const auth = createGoogleAuth(options());
    const tokens = await Promise.all([auth.accessToken(), auth.accessToken(), auth.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('accepts a key pasted with literal \\n sequences', async () => {
    const auth = createGoogleAuth({ ...options(), privateKey: privateKey.replace(/\n/g, '\\n') });
    expect(await auth.accessToken()).toMatch(/^ya29\./);
  });

  it('says what to fix when the key is not PKCS#8, without quoting it', async () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----';
    const bad = await rejection(createGoogleAuth({ ...options(), privateKey: garbage }).accessToken());
    expect(bad.kind).toBe('invalid_key');
    expect(bad.message).toMatch(/^GOOGLE_PRIVATE_KEY is not a PKCS#8 PEM key/);
    expect(bad.message).not.toContain('not-a-key');
    const pkcs1 = await rejection(createGoogleAuth({ ...options(), privateKey: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----' }).accessToken());
    expect(pkcs1.message).toMatch(/openssl pkcs8 -topk8 -nocrypt/);
    expect(tokenRequests()).toHaveLength(0);
  });

  it("passes on the endpoint's OAuth error for a key that belongs to another account", async () => {
    const other = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);
    const error = await rejection(createGoogleAuth({ ...options(), privateKey: other }).accessToken());
    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.message).toContain('invalid_grant: Invalid JWT Signature.');
    expect(error.message).toContain(SA_EMAIL);
    expect(error.message).not.toContain('PRIVATE KEY');
  });

  it('reports 5xx and unreachable endpoints as retryable, and recovers afterwards', async () => {
    standIn.injectFault({ path: '^/token$', status: 503 });
    const auth = createGoogleAuth(options());
    const down = await rejection(auth.accessToken());
    expect(down).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(down.retryable).toBe(true);
    expect(await auth.accessToken()).toMatch(/^ya29\./);
    const offline = await rejection(createGoogleAuth({ ...options(), tokenUrl: 'http://127.0.0.1:1/token' }).accessToken());
    expect(offline.kind).toBe('unavailable');
  });

  it('refuses a 2xx answer that is not a token response, without echoing it', async () => {
    const auth = createGoogleAuth({ ...options(), fetch: async () => new Response(JSON.stringify({ access_token: 'leak-me', token_type: 'mac' })) });
    const error = await rejection(auth.accessToken());
    expect(error.kind).toBe('bad_response');
    expect(error.message).not.toContain('leak-me');
  });
});
