/**
 * Constant-time comparison of a secret someone sent with the one Baton holds: both are hashed
 * first, so neither the position of a difference nor the lengths leak through timing.
 * (crypto.subtle.timingSafeEqual is workerd's; it needs equal lengths, which the digests have.)
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}
