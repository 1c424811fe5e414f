// Service-account access tokens for Google APIs, following
// https://developers.google.com/identity/protocols/oauth2/service-account ("Preparing to make an
// authorized API call" → HTTP/REST): sign an RS256 JWT whose claims are iss (the service account
// email), scope, aud, iat and exp (at most one hour after iat), then POST it form-encoded as
// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…` to the token endpoint.
//
// Runs in workerd and in Node: signing is WebCrypto through `jose`, the exchange is `fetch`.
// google-auth-library is not used because it signs with Node crypto and hard-wires the token URL.
//
// Rules kept here:
// - One token is cached until shortly before `expires_in`; concurrent callers share one request.
// - Error messages say what to fix and never contain the private key, the assertion or a token.
import { importPKCS8, SignJWT } from 'jose';
import * as z from 'zod';

export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';

/**
 * The assertion's `aud`. https://developers.google.com/identity/protocols/oauth2/service-account
 * ("Forming the JWT claim set"): "When making an access token request this value is always
 * https://oauth2.googleapis.com/token." It stays this constant whichever `tokenUrl` the assertion
 * is posted to (a stand-in's /token in tests, the same URL in production).
 */
export const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

/** Google rejects assertions whose exp is more than one hour after iat. */
const ASSERTION_LIFETIME_SECONDS = 3600;
/** Refresh this long before the token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_SECONDS = 60;

export interface GoogleAuthOptions {
  serviceAccountEmail: string;
  /** The `private_key` of the service account's JSON key file: a PKCS#8 PEM block. */
  privateKey: string;
  /** Where the assertion is posted: https://oauth2.googleapis.com/token in production; a
   *  stand-in's /token in tests. The assertion's audience does not follow it (GOOGLE_TOKEN_AUDIENCE). */
  tokenUrl: string;
  /** Space-separated scopes; defaults to full Drive access. */
  scope?: string;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
}

export interface GoogleAuth {
  accessToken(): Promise<string>;
  /**
   * Forgets `token` if it is the cached one, so the next accessToken() signs in again. For a 401
   * from an API: Drive's guide says to refresh the token once ("Resolve errors", 401).
   */
  invalidate(token: string): void;
}

export type GoogleAuthErrorKind =
  | 'invalid_key' // GOOGLE_PRIVATE_KEY cannot be used: fix the setting.
  | 'rejected' // The token endpoint refused the assertion (400/401): fix the account or key.
  | 'unavailable' // Network failure or 5xx/429: worth retrying later.
  | 'bad_response'; // A 2xx answer that is not a token response.

export class GoogleAuthError extends Error {
  override name = 'GoogleAuthError';
  constructor(
    readonly kind: GoogleAuthErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  /** Whether trying again later may succeed without changing any setting. */
  get retryable(): boolean {
    return this.kind === 'unavailable';
  }
}

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be Bearer'),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** RFC 6749 §5.2 error body, as Google's token endpoint sends it. */
const OAuthErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

export function createGoogleAuth(options: GoogleAuthOptions): GoogleAuth {
  // Call the global through a closure: workerd throws "Illegal invocation" for a detached fetch.
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const scope = options.scope ?? DRIVE_SCOPE;
  let signingKey: Promise<CryptoKey> | undefined;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  function key(): Promise<CryptoKey> {
    signingKey ??= importSigningKey(options.privateKey);
    // A bad key stays bad: keep the rejected promise so every caller gets the same message.
    return signingKey;
  }

  async function fetchToken(): Promise<string> {
    const issuedAt = Math.floor(now() / 1000);
    const assertion = await new SignJWT({ scope })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(options.serviceAccountEmail)
      .setAudience(GOOGLE_TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
      .sign(await key());

    let response: Response;
    try {
      response = await doFetch(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      });
    } catch (error) {
      throw new GoogleAuthError(
        'unavailable',
        `Could not reach the Google token endpoint ${options.tokenUrl} (${error instanceof Error ? error.message : String(error)}); try again later.`,
      );
    }
    const text = await response.text();
    if (!response.ok) throw tokenEndpointError(response.status, text, options);

    const parsed = TokenResponse.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new GoogleAuthError(
        'bad_response',
        `The Google token endpoint ${options.tokenUrl} answered ${response.status} without a usable access token (${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}). Check GOOGLE_TOKEN_URL.`,
        response.status,
      );
    }
    const lifetime = Math.max(parsed.data.expires_in - REFRESH_MARGIN_SECONDS, 0);
    cached = { token: parsed.data.access_token, refreshAt: now() + lifetime * 1000 };
    return parsed.data.access_token;
  }

  return {
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
    accessToken() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

async function importSigningKey(privateKey: string): Promise<CryptoKey> {
  // Keys pasted from the JSON key file often keep the JSON escapes as a literal backslash-n.
  const pem = privateKey.includes('\\n') ? privateKey.replace(/\\n/g, '\n') : privateKey;
  const hint =
    'Copy the "private_key" value of the service account JSON key file; it starts with -----BEGIN PRIVATE KEY-----.';
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem)) {
    const rsa = /-----BEGIN RSA PRIVATE KEY-----/.test(pem) ? ' It is a PKCS#1 ("RSA PRIVATE KEY") block; convert it with `openssl pkcs8 -topk8 -nocrypt`.' : '';
    throw new GoogleAuthError('invalid_key', `GOOGLE_PRIVATE_KEY is not a PKCS#8 PEM key.${rsa} ${hint}`);
  }
  try {
    return await importPKCS8(pem.trim(), 'RS256');
  } catch {
    // The library's message may quote key material, so it is not passed on.
    throw new GoogleAuthError('invalid_key', `GOOGLE_PRIVATE_KEY is not a PKCS#8 PEM key that can sign RS256 (the block does not decode as an RSA key). ${hint}`);
  }
}

function tokenEndpointError(status: number, text: string, options: GoogleAuthOptions): GoogleAuthError {
  const body = OAuthErrorBody.safeParse(parseJson(text));
  const detail = body.success
    ? `${body.data.error}${body.data.error_description ? `: ${body.data.error_description}` : ''}`
    : `HTTP ${status}`;
  if (status === 429 || status >= 500) {
    return new GoogleAuthError('unavailable', `The Google token endpoint is unavailable (${detail}); try again later.`, status);
  }
  const advice =
    body.success && body.data.error === 'invalid_grant'
      ? ` Check that GOOGLE_SERVICE_ACCOUNT_EMAIL (${options.serviceAccountEmail}) is the account that owns GOOGLE_PRIVATE_KEY, that the key is not deleted or disabled, and that the clock is correct.`
      : ' Check GOOGLE_SERVICE_ACCOUNT_EMAIL, GOOGLE_PRIVATE_KEY and GOOGLE_TOKEN_URL.';
  return new GoogleAuthError('rejected', `Google refused the service-account sign-in (${detail}).${advice}`, status);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
