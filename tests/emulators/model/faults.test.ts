import OpenAI, { APIConnectionTimeoutError, InternalServerError, RateLimitError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ModelStandIn, startModel } from './index';

let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({});
  client = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 2 });
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

const ask = (c: OpenAI = client, model = 'gpt-4.1-mini') => c.chat.completions.create({ model, messages: [{ role: 'user', content: 'ping' }] });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected the call to fail'), (e: unknown) => e);
const statuses = () => standIn.requests.map((r) => r.status);
const admin = (path: string, body?: unknown) =>
  fetch(`${standIn.origin}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('rate limits (429)', () => {
  it('sends 429 rate_limit_exceeded with a retry-after header in seconds', async () => {
    standIn.fault({ kind: 'rate_limit', retryAfter: 1 });
    const error = await failure(ask(new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 })));
    expect(error).toBeInstanceOf(RateLimitError);
    const e = error as RateLimitError;
    expect({ status: e.status, type: e.type, code: e.code }).toEqual({ status: 429, type: 'requests', code: 'rate_limit_exceeded' });
    expect(e.headers.get('retry-after')).toBe('1');
    expect(e.message).toContain('Please try again in 1s');
  });

  it('lets the SDK wait out retry-after and succeed on its retry', async () => {
    standIn.fault({ kind: 'rate_limit', retryAfter: 1 });
    const started = Date.now();
    const completion = await ask();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(completion.choices[0]?.message.content).toBe('Echo: ping');
    expect(statuses()).toEqual([429, 200]);
  });

  it('fails with RateLimitError once the SDK runs out of retries', async () => {
    standIn.fault({ kind: 'rate_limit', retryAfter: 0, times: 3 });
    expect(await failure(ask())).toBeInstanceOf(RateLimitError);
    expect(statuses()).toEqual([429, 429, 429]);
  });
});

describe('server errors (500, 503)', () => {
  it('sends 500 server_error, and the SDK retries it to success', async () => {
    standIn.fault({ kind: 'server_error', retryAfter: 0 });
    const completion = await ask();
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(statuses()).toEqual([500, 200]);
    expect(standIn.requests[0]?.response).toMatchObject({ error: { type: 'server_error', param: null, code: null } });
  });

  it('surfaces InternalServerError when retries are off', async () => {
    standIn.fault({ kind: 'server_error' });
    const error = await failure(ask(new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 })));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, type: 'server_error' });
  });

  it('sends 503 while overloaded for the next N requests only', async () => {
    standIn.fault({ kind: 'overloaded', times: 2, retryAfter: 0 });
    await ask();
    expect(statuses()).toEqual([503, 503, 200]);
  });
});

describe('hangs', () => {
  it('never answers, so the SDK’s timeout fires', async () => {
    standIn.fault({ kind: 'hang' });
    const impatient = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0, timeout: 200 });
    expect(await failure(ask(impatient))).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('lets the SDK retry a timed-out request and succeed', async () => {
    standIn.fault({ kind: 'hang' });
    const retrying = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 1, timeout: 200 });
    const completion = await ask(retrying);
    expect(completion.choices[0]?.message.content).toBe('Echo: ping');
    // The hung attempt never answered, so only the retry is in the log.
    expect(statuses()).toEqual([200]);
  });

  it('answers late when given hangMs', async () => {
    standIn.fault({ kind: 'hang', hangMs: 150 });
    const started = Date.now();
    await ask();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('matching and the admin endpoint', () => {
  it('only faults requests for the named model and path', async () => {
    standIn.fault({ kind: 'server_error', model: 'gpt-4o' });
    standIn.fault({ kind: 'server_error', path: '/v1/models', retryAfter: 0 });
    await ask(new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 }), 'gpt-4.1-mini');
    await client.models.list();
    expect(statuses()).toEqual([200, 500, 200]);
  });

  it('adds faults over HTTP, lists what is left, and applies them through the SDK', async () => {
    const added = await admin('/__admin/faults', [{ kind: 'rate_limit', retryAfter: 0 }, { kind: 'server_error', retryAfter: 0, times: 2 }]);
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ faults: [{ kind: 'rate_limit', remaining: 1 }, { kind: 'server_error', remaining: 2 }] });
    await ask(new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 3 }));
    expect(statuses()).toEqual([429, 500, 500, 200]);
    expect(await (await admin('/__admin/faults')).json()).toEqual({ faults: [] });
  });

  it('rejects a malformed fault with 400 and adds nothing from that body', async () => {
    const response = await admin('/__admin/faults', [{ kind: 'rate_limit' }, { kind: 'meteor' }]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('Rule 1 is malformed');
    expect(await (await admin('/__admin/faults')).json()).toEqual({ faults: [] });
    expect(() => standIn.fault({ kind: 'hang', hangMs: -5 })).toThrow();
  });
});

describe('latency', () => {
  it('delays every API answer by latencyMs', async () => {
    const slow = await startModel({ latencyMs: 150 });
    try {
      const started = Date.now();
      await new OpenAI({ baseURL: slow.url, apiKey: 'sk-any' }).models.list();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });
});

describe('fault rate', () => {
  const once = () => new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 });
  const rate = async (method: string, body?: unknown) => {
    const res = await fetch(`${standIn.origin}/__admin/fault-rate`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('answers 429 rate_limit_exceeded with retry-after, 500 and 503 in OpenAI’s shapes, and counts them', async () => {
    expect((await rate('PUT', { rate: 1, statuses: [429], retryAfter: 3 })).status).toBe(200);
    const limited = (await failure(ask(once()))) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect({ code: limited.code, retryAfter: limited.headers.get('retry-after') }).toEqual({ code: 'rate_limit_exceeded', retryAfter: '3' });
    standIn.setFaultRate({ rate: 1, statuses: [500, 503] });
    for (let i = 0; i < 6; i += 1) expect(await failure(ask(once()))).toBeInstanceOf(InternalServerError);
    const counts = standIn.faultRateCounts();
    expect(counts.injected).toBe(6);
    expect(Object.keys(counts.byKind).sort()).toEqual(['500', '503']);
    expect((await admin('/__admin/script')).status).toBe(200);
  });

  it('holds an answer past the client timeout, then answers normally', async () => {
    standIn.setFaultRate({ rate: 1, timeoutShare: 1, timeoutMs: 300 });
    const impatient = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0, timeout: 100 });
    expect(await failure(ask(impatient))).toBeInstanceOf(APIConnectionTimeoutError);
    expect(standIn.faultRateCounts().byKind).toEqual({ timeout: 1 });
  });

  it('fails about the given share, the same requests for the same seed, and lets the SDK retry through', async () => {
    const run = async () => {
      standIn.setFaultRate({ rate: 0.3, seed: 5, retryAfter: 0 });
      const out: number[] = [];
      for (let i = 0; i < 60; i += 1) out.push(await ask(once()).then(() => 200, (e: { status: number }) => e.status));
      return out;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failed = first.filter((s) => s !== 200).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(30);
    standIn.setFaultRate({ rate: 0.3, seed: 5, retryAfter: 0 });
    const patient = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 6 });
    for (let i = 0; i < 10; i += 1) expect((await ask(patient)).choices[0]?.message.content).toBe('Echo: ping');
  });

  it('refuses statuses the API does not send, and reset turns it off', async () => {
    expect((await rate('PUT', { rate: 0.2, statuses: [529] })).status).toBe(400);
    standIn.setFaultRate({ rate: 1 });
    await admin('/__admin/reset', {});
    expect((await rate('GET')).body).toMatchObject({ settings: null });
    expect((await ask(once())).choices).toHaveLength(1);
  });
});
