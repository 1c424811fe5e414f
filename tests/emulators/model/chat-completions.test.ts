import OpenAI, { AuthenticationError, BadRequestError, NotFoundError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ModelStandIn, startModel } from './index';

const KEY = 'sk-test-chat-0123456789';
let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({ apiKey: KEY });
  client = new OpenAI({ baseURL: standIn.url, apiKey: KEY, maxRetries: 0 });
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

/** The error a call rejects with (the SDK throws typed APIError subclasses). */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected the call to fail'), (e: unknown) => e);

describe('POST /v1/chat/completions', () => {
  it('answers with a chat.completion object and counts tokens at one per four characters', async () => {
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Say hello to the team' },
    ];
    const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages });
    expect(completion).toMatchObject({ object: 'chat.completion', model: 'gpt-4.1-mini', created: expect.any(Number) });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: 'Echo: Say hello to the team', refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ]);
    // 3 per message + ceil(chars / 4) per message + 3 for the reply: (3 + 3) + (3 + 6) + 3.
    expect(completion.usage).toMatchObject({ prompt_tokens: 18, completion_tokens: 7, total_tokens: 25 });
    expect(completion._request_id).toMatch(/^req_/);
  });

  it('reads text content parts and ignores image parts', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image_url', image_url: { url: 'https://example.com/chart.png' } },
            { type: 'text', text: 'this chart' },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Describe this chart');
  });

  it('returns n identical choices, cuts at a stop sequence, and stops at max_completion_tokens with finish_reason "length"', async () => {
    const messages = [{ role: 'user' as const, content: 'one two three four five six seven eight' }];
    const many = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 2 });
    expect(many.choices.map((c) => c.index)).toEqual([0, 1]);
    expect(many.choices[1]?.message.content).toBe(many.choices[0]?.message.content);

    const stopped = await client.chat.completions.create({ model: 'gpt-4o', messages, stop: [' four'] });
    expect(stopped.choices[0]).toMatchObject({ message: { content: 'Echo: one two three' }, finish_reason: 'stop' });

    const short = await client.chat.completions.create({ model: 'gpt-4o', messages, max_completion_tokens: 3 });
    expect(short.choices[0]).toMatchObject({ message: { content: 'Echo: one tw' }, finish_reason: 'length' });
    expect(short.usage?.completion_tokens).toBe(3);
  });

  it('streams chat.completion.chunk events that add up to the same answer, with usage when asked', async () => {
    const messages = [{ role: 'user' as const, content: 'stream these words please' }];
    const whole = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    const finishes: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      for (const choice of chunk.choices) {
        text += choice.delta.content ?? '';
        finishes.push(choice.finish_reason);
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(finishes.at(-1)).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: whole.usage?.prompt_tokens, completion_tokens: whole.usage?.completion_tokens });
  });

  it('answers the same request with the same content every time', async () => {
    const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: '<source name="a">One fact. Two facts.</source>' }] };
    const first = await client.chat.completions.create(request);
    const second = await client.chat.completions.create(request);
    expect(second.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
  });

  it('answers 404 model_not_found for a model it does not serve', async () => {
    const error = await failure(client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', type: 'invalid_request_error' });
    expect((error as Error).message).toContain('The model `gpt-9` does not exist or you do not have access to it.');
  });

  it('answers 401 without a key and with a wrong key', async () => {
    const noKey = new OpenAI({ baseURL: standIn.url, apiKey: KEY, maxRetries: 0, defaultHeaders: { authorization: null } });
    const missing = await failure(noKey.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }));
    expect(missing).toBeInstanceOf(AuthenticationError);
    expect((missing as Error).message).toContain("You didn't provide an API key");

    const wrong = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-not-the-key-000', maxRetries: 0 });
    const incorrect = await failure(wrong.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }));
    expect(incorrect).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });
});

describe('request validation (400 invalid_request_error)', () => {
  const cases: { name: string; body: Record<string, unknown>; param: string | null; code: string | null; message: string }[] = [
    { name: 'messages missing', body: { messages: undefined }, param: 'messages', code: 'missing_required_parameter', message: "Missing required parameter: 'messages'." },
    { name: 'messages empty', body: { messages: [] }, param: 'messages', code: 'empty_array', message: "Invalid 'messages': empty array." },
    {
      name: 'an unknown role',
      body: { messages: [{ role: 'bot', content: 'hi' }] },
      param: 'messages[0].role',
      code: 'invalid_value',
      message: "Invalid value: 'bot'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
    },
    {
      name: 'content of the wrong type',
      body: { messages: [{ role: 'user', content: 42 }] },
      param: 'messages[0].content',
      code: 'invalid_type',
      message: "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an integer instead.",
    },
    {
      name: 'a text part without text',
      body: { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      param: 'messages[0].content[0].text',
      code: 'missing_required_parameter',
      message: "Missing required parameter: 'messages[0].content[0].text'.",
    },
    {
      name: 'a tool message without tool_call_id',
      body: { messages: [{ role: 'tool', content: 'result' }] },
      param: 'messages[0].tool_call_id',
      code: 'missing_required_parameter',
      message: "Missing required parameter: 'messages[0].tool_call_id'.",
    },
    {
      name: 'temperature as a string',
      body: { temperature: 'hot' },
      param: 'temperature',
      code: 'invalid_type',
      message: "Invalid type for 'temperature': expected a number, but got a string instead.",
    },
    {
      name: 'temperature above 2',
      body: { temperature: 3 },
      param: 'temperature',
      code: 'decimal_above_max_value',
      message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
    },
    { name: 'n of 0', body: { n: 0 }, param: 'n', code: 'integer_below_min_value', message: "Invalid 'n': integer below minimum value." },
    { name: 'an argument the API does not know', body: { temprature: 1 }, param: null, code: null, message: 'Unrecognized request argument supplied: temprature' },
    {
      name: 'stream_options without stream',
      body: { stream_options: { include_usage: true } },
      param: 'stream_options',
      code: 'invalid_value',
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    },
    {
      name: 'logprobs, which the stand-in does not model',
      body: { logprobs: true },
      param: 'logprobs',
      code: 'not_supported_by_stand_in',
      message: 'The model stand-in does not implement token log probabilities',
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}`, async () => {
      const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...c.body };
      // The SDK sends whatever it is given; the cast lets a test send what its types forbid.
      const error = await failure(client.chat.completions.create(body as never));
      expect(error).toBeInstanceOf(BadRequestError);
      const e = error as BadRequestError;
      expect({ status: e.status, type: e.type, param: e.param, code: e.code }).toEqual({
        status: 400,
        type: 'invalid_request_error',
        param: c.param,
        code: c.code,
      });
      expect(e.message).toContain(c.message);
    });
  }
});
