// The OAuth 2.0 token endpoint for service accounts, and the bearer check every Drive call makes.
// Follows https://developers.google.com/identity/protocols/oauth2/service-account ("Making the
// access token request", "Handling the response"): the assertion is an RS256 JWT signed with the
// account's key, with iss = the account email, scope, aud, iat, and exp no more than one hour
// after iat. The page says of aud: "When making an access token request this value is always
// https://oauth2.googleapis.com/token" — so that is the only audience accepted, whatever URL the
// stand-in listens on (a client that signs its configured token URL would fail against Google).
// Error descriptions are the ones Google sends for the same faults.
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  importSPKI,
  importX509,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import type { Clock } from './clock';
import { driveErrors, oauthError } from './google-errors';
import { newAccessToken } from './ids';

export interface ServiceAccount {
  email: string;
  /** SPKI PEM ("BEGIN PUBLIC KEY"), an X.509 certificate PEM, or a JWK; several for rotated keys. */
  publicKey: string | JWK | (string | JWK)[];
}

export interface Grant {
  email: string;
  scopes: string[];
  expiresAt: number;
}

/** What the scopes on https://developers.google.com/workspace/drive/api/guides/api-specific-auth allow. */
export type Access = 'metadata' | 'content' | 'write';
const SCOPE = 'https://www.googleapis.com/auth/';
const ALLOWS: Record<Access, string[]> = {
  metadata: ['drive', 'drive.readonly', 'drive.file', 'drive.metadata', 'drive.metadata.readonly'],
  content: ['drive', 'drive.readonly', 'drive.file'],
  write: ['drive', 'drive.file'],
};

/** The assertion audience, always, per the service-account page. */
export const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

/** Google answers expires_in 3599 for a one-hour token. */
const TOKEN_LIFETIME_SECONDS = 3599;
/** Allowed clock skew for iat, as Google tolerates small differences. */
const SKEW_SECONDS = 300;

const BAD_TIMES =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

export class TokenService {
  private readonly grants = new Map<string, Grant>();
  private keys = new Map<string, CryptoKey[]>();

  constructor(
    private readonly accounts: ServiceAccount[],
    private readonly clock: Clock,
  ) {}

  async importKeys(): Promise<void> {
    for (const account of this.accounts) {
      const list = Array.isArray(account.publicKey) ? account.publicKey : [account.publicKey];
      this.keys.set(account.email, await Promise.all(list.map(importPublicKey)));
    }
  }

  /** Hand out a token without the JWT round trip (in-process helper for tests). */
  issue(email: string, scopes = [`${SCOPE}drive`]): string {
    const token = newAccessToken();
    this.grants.set(token, { email, scopes, expiresAt: this.clock.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return token;
  }

  revokeAll(): void {
    this.grants.clear();
  }

  async handle(request: IncomingRequest): Promise<OutgoingResponse> {
    if (request.method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: { error: 'invalid_request', error_description: 'Use POST.' } };
    const form = new URLSearchParams(request.rawBody.toString('utf8'));
    const grantType = form.get('grant_type');
    if (!grantType) return oauthError('invalid_request', 'Missing required parameter: grant_type');
    if (grantType !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return oauthError('unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    const assertion = form.get('assertion');
    if (!assertion) return oauthError('invalid_request', 'Missing required parameter: assertion');

    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      // Wording not confirmed; Google answers invalid_grant for assertions it cannot parse.
      return oauthError('invalid_grant', 'Invalid JWT: the assertion is not a signed JWT.');
    }
    const keys = typeof claims.iss === 'string' ? this.keys.get(claims.iss) : undefined;
    if (!keys) return oauthError('invalid_grant', 'Invalid grant: account not found');
    if (header.alg !== 'RS256' || !(await verifiesWithAny(assertion, keys))) return oauthError('invalid_grant', 'Invalid JWT Signature.');
    if (claims.aud !== TOKEN_AUDIENCE) {
      return oauthError('invalid_grant', `Invalid JWT: Failed audience check. The right audience is ${TOKEN_AUDIENCE}`);
    }
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600 || iat > nowSeconds + SKEW_SECONDS || exp <= nowSeconds) {
      return oauthError('invalid_grant', BAD_TIMES);
    }
    if (claims.sub !== undefined) {
      // Domain-wide delegation is not configured in the stand-in, as for an unapproved client.
      return oauthError(
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
        401,
      );
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0) return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');

    const token = this.issue(claims.iss as string, scopes);
    return {
      status: 200,
      headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' },
      body: { access_token: token, expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' },
    };
  }

  /** The grant behind the request's bearer token; throws Drive's 401 when there is none. */
  authenticate(request: IncomingRequest): Grant {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
    const token = match?.[1] ?? request.url.searchParams.get('access_token');
    if (!token) throw driveErrors.loginRequired();
    const grant = this.grants.get(token);
    if (!grant || grant.expiresAt <= this.clock.now()) throw driveErrors.invalidCredentials();
    return grant;
  }
}

export function requireAccess(grant: Grant, access: Access): void {
  if (!grant.scopes.some((s) => s.startsWith(SCOPE) && ALLOWS[access].includes(s.slice(SCOPE.length)))) {
    throw driveErrors.insufficientScopes();
  }
}

async function importPublicKey(key: string | JWK): Promise<CryptoKey> {
  if (typeof key !== 'string') return (await importJWK(key, 'RS256')) as CryptoKey;
  if (key.includes('BEGIN CERTIFICATE')) return importX509(key, 'RS256');
  return importSPKI(key, 'RS256');
}

async function verifiesWithAny(jwt: string, keys: CryptoKey[]): Promise<boolean> {
  for (const key of keys) {
    try {
      await compactVerify(jwt, key, { algorithms: ['RS256'] });
      return true;
    } catch {
      // try the next key
    }
  }
  return false;
}
