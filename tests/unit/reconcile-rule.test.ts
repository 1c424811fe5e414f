import { describe, expect, it } from 'vitest';
import { reconcileDue, type CadenceInput } from '../../src/review/reconcile-rule';

const T = (s: string) => `2026-11-30T${s}:00.000Z`;
/** Webhooks configured, one verified delivery after the review opened, never reconciled yet. */
function input(over: Partial<CadenceInput> = {}, health: Partial<CadenceInput['health']> = {}): CadenceInput {
  return {
    now: new Date(T('08:01')),
    wallNow: new Date(T('08:01')),
    webhooksConfigured: true,
    health: { verifiedAt: T('08:00'), refusedAt: null, failedAt: null, reconciledAt: null, ...health },
    reviews: [{ openedAt: '2026-11-30T07:59:30.000Z', firstSeenAt: T('08:01'), deadlineDue: false }],
    ...over,
  };
}

describe('when the tick reconciles the review queue', () => {
  it('reconciles on every tick without webhooks', () => {
    expect(reconcileDue(input({ webhooksConfigured: false }))).toEqual({ due: true, reason: 'no_webhooks' });
  });

  it('reconciles on every tick until a delivery has verified once', () => {
    expect(reconcileDue(input({}, { verifiedAt: null }))).toEqual({ due: true, reason: 'never_verified' });
  });

  it('backs off while webhooks are healthy, and reconciles 15 minutes after the review opened', () => {
    expect(reconcileDue(input())).toEqual({ due: false });
    expect(reconcileDue(input({ now: new Date(T('08:14')) }))).toEqual({ due: false });
    expect(reconcileDue(input({ now: new Date(T('08:15')) }))).toEqual({ due: true, reason: 'slow_cadence' });
  });

  it('counts from the first tick that saw the review when the tick says an earlier time than the opening', () => {
    const reviews = [{ openedAt: '2026-12-01T10:00:00.000Z', firstSeenAt: T('08:01'), deadlineDue: false }];
    expect(reconcileDue(input({ reviews, now: new Date(T('08:15')) }))).toEqual({ due: false });
    expect(reconcileDue(input({ reviews, now: new Date(T('08:16')) }))).toEqual({ due: true, reason: 'slow_cadence' });
  });

  it('reconciles before a reminder or timeout acts, however recent the last reconcile', () => {
    const reviews = [{ openedAt: '2026-11-30T07:59:30.000Z', firstSeenAt: T('08:01'), deadlineDue: true }];
    expect(reconcileDue(input({ reviews }, { reconciledAt: T('08:00') }))).toEqual({ due: true, reason: 'deadline' });
  });

  it('counts the backstop from the last reconcile when that is later', () => {
    const seen = { reconciledAt: T('08:16') };
    expect(reconcileDue(input({ now: new Date(T('08:30')) }, seen))).toEqual({ due: false });
    expect(reconcileDue(input({ now: new Date(T('08:31')) }, seen))).toEqual({ due: true, reason: 'slow_cadence' });
  });

  it('reconciles at once after a delivery failed verification, until one verifies again and a reconcile has looked', () => {
    expect(reconcileDue(input({}, { refusedAt: '2026-11-30T08:00:30.000Z', reconciledWallAt: T('07:59') }))).toEqual({ due: true, reason: 'refused' });
    // Verified since, but no reconcile since: what the refused delivery carried may be lost.
    expect(reconcileDue(input({}, { refusedAt: '2026-11-30T07:59:00.000Z', reconciledWallAt: T('07:58') }))).toEqual({ due: true, reason: 'refused' });
    expect(reconcileDue(input({}, { refusedAt: '2026-11-30T07:59:00.000Z', reconciledWallAt: '2026-11-30T07:59:30.000Z' }))).toEqual({ due: false });
  });

  it('reconciles at once after a delivery could not be handled, however many deliveries verify after it, until a reconcile has looked', () => {
    expect(reconcileDue(input({}, { failedAt: '2026-11-30T08:00:01.000Z' }))).toEqual({ due: true, reason: 'failed' });
    // Other runs' events verified since (verifiedAt 08:05), but the failed one's event is still unhandled.
    expect(reconcileDue(input({}, { failedAt: T('08:01'), verifiedAt: T('08:05'), reconciledWallAt: T('08:00') }))).toEqual({ due: true, reason: 'failed' });
    expect(reconcileDue(input({}, { failedAt: T('08:01'), verifiedAt: T('08:05'), reconciledWallAt: T('08:02') }))).toEqual({ due: false });
  });

  it('takes a review opened over five minutes ago with no delivery since as a delivery missed', () => {
    const reviews = [{ openedAt: T('08:02'), firstSeenAt: T('08:03'), deadlineDue: false }];
    expect(reconcileDue(input({ reviews, now: new Date(T('08:06')), wallNow: new Date(T('08:06')) }))).toEqual({ due: false });
    expect(reconcileDue(input({ reviews, now: new Date(T('08:08')), wallNow: new Date(T('08:08')) }))).toEqual({ due: true, reason: 'missed' });
    // A delivery after the opening (Baton's own Needs review write, echoed back) is the proof it is not missed.
    expect(reconcileDue(input({ reviews, now: new Date(T('08:08')), wallNow: new Date(T('08:08')) }, { verifiedAt: T('08:02') }))).toEqual({ due: false });
  });
});
