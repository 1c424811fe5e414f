import { describe, expect, it } from 'vitest';
import { RateBucket, type Waiter } from '../../src/gate/bucket';

let nextId = 1;
const waiter = (priority: number, queuedAt = 0, leaseMs = 10_000): Waiter => ({ id: nextId++, priority, cost: 1, leaseMs, queuedAt });

describe('the rate bucket', () => {
  it('grants a whole window’s budget at once (burst = budget), then nothing until a permit’s answer is a window old', () => {
    const bucket = new RateBucket({ requests: 3, windowMs: 1000, burst: 3 });
    const ws = [waiter(1), waiter(1), waiter(1), waiter(1)];
    ws.forEach((w) => bucket.enqueue(w));
    const first = bucket.grant(0);
    expect(first.grants.map((g) => g.waiter.id)).toEqual(ws.slice(0, 3).map((w) => w.id));
    // Nothing answered yet: the fourth waits for the earliest lease or answer.
    bucket.answered(ws[0]!.id, 40);
    const early = bucket.grant(900);
    expect(early.grants).toEqual([]);
    expect(early.wakeAt).toBe(1040);
    const later = bucket.grant(1040);
    expect(later.grants.map((g) => g.waiter.id)).toEqual([ws[3]!.id]);
    expect(later.wakeAt).toBeNull();
  });

  it('never lets more than the budget through in any span of a window, whatever the answer times', () => {
    // Bursts as large as the budget: the window guarantee must not rest on the pacing.
    const budget = { requests: 5, windowMs: 1000, burst: 5 };
    const bucket = new RateBucket(budget);
    const sent: number[] = [];
    let now = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 60; i++) bucket.enqueue(waiter(i % 3, 0));
    const inFlight: { id: number; answerAt: number }[] = [];
    while (sent.length < 60) {
      const { grants, wakeAt } = bucket.grant(now);
      for (const g of grants) {
        // The request reaches the server somewhere between its grant and its answer.
        const latency = 1 + random() * 200;
        sent.push(now + random() * latency);
        inFlight.push({ id: g.waiter.id, answerAt: now + latency });
      }
      inFlight.sort((a, b) => a.answerAt - b.answerAt);
      const next = Math.min(inFlight[0]?.answerAt ?? Infinity, wakeAt ?? Infinity);
      now = next;
      while (inFlight.length > 0 && inFlight[0]!.answerAt <= now) bucket.answered(inFlight.shift()!.id, now);
    }
    sent.sort((a, b) => a - b);
    for (let i = 0; i + budget.requests < sent.length; i++) {
      expect(sent[i + budget.requests]! - sent[i]!).toBeGreaterThan(budget.windowMs);
    }
  });

  it('spends the budget steadily: a burst of a tenth of it, then one request per window ÷ budget', () => {
    const bucket = new RateBucket({ requests: 20, windowMs: 1000 });
    const ws = Array.from({ length: 6 }, () => waiter(1));
    ws.forEach((w) => bucket.enqueue(w));
    const at: number[] = [];
    let now = 0;
    while (at.length < ws.length) {
      const { grants, wakeAt } = bucket.grant(now);
      for (const g of grants) {
        at.push(now);
        bucket.answered(g.waiter.id, now);
      }
      if (wakeAt === null) break;
      now = wakeAt;
    }
    // Burst 2 (20 ÷ 10), then every 50 ms (1000 ms ÷ 20).
    expect(at).toEqual([0, 0, 50, 100, 150, 200]);
  });

  it('serves a reviewer’s decision before queued background reads, and in order within a class', () => {
    const bucket = new RateBucket({ requests: 1, windowMs: 1000 });
    const background = [waiter(2), waiter(2)];
    const drafting = waiter(1);
    const decision = waiter(0);
    const blocker = waiter(2);
    bucket.enqueue(blocker);
    const { grants } = bucket.grant(0);
    bucket.answered(grants[0]!.waiter.id, 10);
    for (const w of [...background, drafting, decision]) bucket.enqueue(w);
    const order: number[] = [];
    for (let now = 1010; order.length < 4; now += 1000) {
      const { grants: g } = bucket.grant(now);
      for (const x of g) {
        order.push(x.waiter.id);
        bucket.answered(x.waiter.id, now);
      }
    }
    expect(order).toEqual([decision.id, drafting.id, background[0]!.id, background[1]!.id]);
  });

  it('pauses everyone until Retry-After has passed, even with budget left', () => {
    const bucket = new RateBucket({ requests: 10, windowMs: 1000 });
    bucket.pause(5000);
    bucket.enqueue(waiter(0));
    const paused = bucket.grant(100);
    expect(paused.grants).toEqual([]);
    expect(paused.wakeAt).toBe(5000);
    expect(bucket.grant(5000).grants).toHaveLength(1);
    expect(bucket.snapshot().pauses).toBe(1);
  });

  it('takes back a permit whose holder never answered, a window after its lease ends', () => {
    const bucket = new RateBucket({ requests: 1, windowMs: 1000 });
    const lost = waiter(1, 0, 3000);
    const next = waiter(1);
    bucket.enqueue(lost);
    bucket.enqueue(next);
    expect(bucket.grant(0).grants.map((g) => g.waiter.id)).toEqual([lost.id]);
    expect(bucket.grant(3000).grants).toEqual([]);
    expect(bucket.grant(3999).wakeAt).toBe(4000);
    expect(bucket.grant(4000).grants.map((g) => g.waiter.id)).toEqual([next.id]);
  });

  it('counts how long callers waited', () => {
    const bucket = new RateBucket({ requests: 1, windowMs: 1000 });
    const a = waiter(1, 0);
    const b = waiter(1, 0);
    bucket.enqueue(a);
    bucket.enqueue(b);
    bucket.grant(0);
    bucket.answered(a.id, 0);
    bucket.grant(1000);
    expect(bucket.snapshot()).toMatchObject({ granted: 2, waitedMs: 1000, queued: 0, held: 1 });
  });
});
