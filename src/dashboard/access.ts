// Who may see the runs dashboard. Pure; src/http/dashboard.ts compares the token in constant time.
//
// - DASHBOARD_TOKEN set: every request must carry it, as `Authorization: Bearer <token>` (scripts)
//   or `?token=<token>` (a browser bookmark). Nothing else is accepted.
// - Cloudflare Access: its `Cf-Access-Authenticated-User-Email` header is NOT trusted on its own:
//   anyone can send it to the workers.dev address, which Access does not cover unless it is
//   turned off. Put Access in front and keep DASHBOARD_TOKEN set; checking Access's signed JWT
//   (Cf-Access-Jwt-Assertion) is what would make the header enough.
// - No DASHBOARD_TOKEN: open only when both the request and PUBLIC_URL (if set) are this machine
//   (localhost, 127.0.0.0/8, ::1), i.e. `wrangler dev` or the demo. Anywhere else it stays off: a
//   deployed worker is never public by omission. Cloudflare routes by host name, so a request
//   that reaches a deployed worker cannot claim to be for localhost.

export type DashboardAccess =
  | { kind: 'open' }
  | { kind: 'token'; expected: string }
  /** Deployed without a token: the page is off. */
  | { kind: 'off' };

export function dashboardAccess(options: { token?: string; publicUrl?: string; requestUrl: string }): DashboardAccess {
  if (options.token) return { kind: 'token', expected: options.token };
  const local = isLoopbackUrl(options.requestUrl) && (options.publicUrl === undefined || isLoopbackUrl(options.publicUrl));
  return local ? { kind: 'open' } : { kind: 'off' };
}

/** The token a request carries: the bearer header first, else the `token` query parameter. */
export function givenToken(authorization: string | undefined, query: string | undefined): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  return query?.trim() || null;
}

export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
