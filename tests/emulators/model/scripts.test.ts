import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ModelStandIn, startModel } from './index';

let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({ apiKey: 'sk-scripts' });
  client = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-scripts', maxRetries: 0 });
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

const say = async (content: string, model = 'gpt-4.1-mini', system?: string) => {
  const messages: OpenAI.ChatCompletionMessageParam[] = [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content }];
  const completion = await client.chat.completions.create({ model, messages });
  return completion.choices[0]?.message;
};
const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  fetch(`${standIn.origin}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('scripted replies', () => {
  it('answers a matching request with the scripted content, and others with the scripted model', async () => {
    standIn.script({ lastUser: 'weather', reply: { content: 'Sunny, 21°C.' } });
    expect((await say('What is the weather in Paris?'))?.content).toBe('Sunny, 21°C.');
    expect((await say('What time is it?'))?.content).toBe('Echo: What time is it?');
  });

  it('matches regexes, other messages and models, and uses a rule only `times` times', async () => {
    standIn.script({ lastUser: /^plan\b/i, model: 'gpt-4o', reply: { content: 'regex+model' }, times: 1 });
    standIn.script({ anyMessage: 'You are the planner', reply: { content: 'system matched' } });
    expect((await say('Plan the week', 'gpt-4.1-mini'))?.content).toBe('Echo: Plan the week');
    expect((await say('Plan the week', 'gpt-4o'))?.content).toBe('regex+model');
    expect((await say('Plan the week', 'gpt-4o'))?.content).toBe('Echo: Plan the week');
    expect((await say('hello', 'gpt-4o', 'You are the planner.'))?.content).toBe('system matched');
  });

  it('replies with JSON and with refusals', async () => {
    standIn.script({ lastUser: 'json', reply: { json: { steps: [1, 2] } } });
    standIn.script({ lastUser: 'forbidden', reply: { refusal: 'I can’t help with that.' } });
    expect(JSON.parse((await say('give me json'))?.content ?? '')).toEqual({ steps: [1, 2] });
    expect(await say('something forbidden')).toMatchObject({ content: null, refusal: 'I can’t help with that.' });
  });

  it('takes scripts over HTTP, lists them with their counts, and clears them on reset', async () => {
    const added = await admin('/__admin/script', { lastUser: { regex: 'status\\?$', flags: 'i' }, reply: { content: 'All green.' }, times: 2 });
    expect(added.status).toBe(200);
    expect((await say('Build STATUS?'))?.content).toBe('All green.');
    expect(await (await admin('/__admin/script')).json()).toMatchObject({ scripts: [{ remaining: 1, used: 1, reply: { content: 'All green.' } }] });
    expect((await admin('/__admin/reset', {})).status).toBe(200);
    expect(await (await admin('/__admin/script')).json()).toEqual({ scripts: [] });
    expect((await say('Build STATUS?'))?.content).toBe('Echo: Build STATUS?');
  });

  it('rejects a malformed script with 400', async () => {
    const noReply = await admin('/__admin/script', { lastUser: 'x' });
    expect(noReply.status).toBe(400);
    const twoReplies = await admin('/__admin/script', { reply: { content: 'a', json: {} } });
    expect(((await twoReplies.json()) as { error: { message: string } }).error.message).toContain('exactly one of content, json, refusal');
    const badRegex = await admin('/__admin/script', { lastUser: { regex: '(' }, reply: { content: 'a' } });
    expect(badRegex.status).toBe(400);
    expect(() => standIn.script({ reply: {} } as never)).toThrow();
  });
});

describe('request log', () => {
  it('records API requests with their bodies, redacts the key, and leaves admin calls out', async () => {
    await say('log me');
    const response = await admin('/__admin/requests');
    expect(response.status).toBe(200);
    const { requests } = (await response.json()) as { requests: { method: string; path: string; body: string; status: number; headers: Record<string, string> }[] };
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200 });
    expect(requests[0]?.headers.authorization).toBe('[redacted]');
    expect(JSON.parse(requests[0]?.body ?? '')).toMatchObject({ messages: [{ role: 'user', content: 'log me' }] });
    expect(standIn.requests).toHaveLength(1);
  });

  it('answers 404 for an admin path it does not have', async () => {
    expect((await admin('/__admin/nothing')).status).toBe(404);
    expect((await admin('/__admin/reset')).status).toBe(404);
  });
});
