// When a remembered Notion standing may stand in for a walk (registry/allowed-roots.ts).
import { describe, expect, it } from 'vitest';
import { RECENT_DELIVERY_MS, standingTrusted } from '../../src/registry/allowed-roots';
import type { WebhookHealth } from '../../src/adapters/webhook-store';

const wallNow = new Date('2026-12-01T12:00:00.000Z');
const at = (msAgo: number) => new Date(wallNow.getTime() - msAgo).toISOString();
const healthy: WebhookHealth = { verifiedAt: at(60_000), refusedAt: null, failedAt: null, reconciledAt: null };
const trusted = (health: Partial<WebhookHealth>, checkedAt = at(7 * 24 * 3600_000), webhooksConfigured = true) =>
  standingTrusted({ webhooksConfigured, health: { ...healthy, ...health }, checkedAt, wallNow });

describe('standingTrusted', () => {
  it('trusts a week-old walk while deliveries verify and none failed since', () => {
    expect(trusted({})).toBe(true);
  });
  it('never without webhooks, or before any delivery verified', () => {
    expect(trusted({}, undefined, false)).toBe(false);
    expect(trusted({ verifiedAt: null })).toBe(false);
  });
  it('not when the last verified delivery is older than RECENT_DELIVERY_MS', () => {
    expect(trusted({ verifiedAt: at(RECENT_DELIVERY_MS - 1000) })).toBe(true);
    expect(trusted({ verifiedAt: at(RECENT_DELIVERY_MS + 1000) })).toBe(false);
  });
  it('not when a delivery was refused or failed after the walk; one before it does not matter', () => {
    const walk = at(3600_000);
    expect(trusted({ failedAt: at(60_000) }, walk)).toBe(false);
    expect(trusted({ refusedAt: at(60_000) }, walk)).toBe(false);
    expect(trusted({ failedAt: at(2 * 3600_000), refusedAt: at(2 * 3600_000) }, walk)).toBe(true);
  });
  it('does not count a reconcile as covering a failure: a lost move is not a review decision', () => {
    expect(trusted({ failedAt: at(60_000), reconciledWallAt: at(1000) }, at(3600_000))).toBe(false);
  });
});
