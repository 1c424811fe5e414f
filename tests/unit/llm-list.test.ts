import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createLlmAdapter, listAnswer, listSchema } from '../../src/adapters/llm';
import { checkStrictSchema } from '../emulators/model/strict-schema';

// A step that returns a list is asked for one as Structured Outputs; the answer comes back as
// markdown bullets. Requests go to a fake endpoint that records them.
function endpoint(answer: (body: Record<string, unknown>) => { status: number; json: unknown }) {
  const bodies: Record<string, unknown>[] = [];
  const client = new OpenAI({
    baseURL: 'http://model.test/v1',
    apiKey: 'k',
    maxRetries: 0,
    fetch: async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      bodies.push(body);
      const { status, json } = answer(body);
      return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { llm: createLlmAdapter(client, 'm'), bodies };
}
const completion = (content: string) => ({
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
});

describe('list answers', () => {
  it('asks for exactly N strings with a strict schema the API accepts, and writes them as bullets', async () => {
    expect(checkStrictSchema(listSchema(5))).toBeUndefined();
    const { llm, bodies } = endpoint(() => ({ status: 200, json: completion(JSON.stringify({ items: ['Open with the bill', '- Seats are easy to forecast', 'Close with renewals'] })) }));
    const answer = await llm.complete({ system: 's', user: 'u', list: { min: 3, max: 3 } });
    expect(bodies[0]?.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'step_list', strict: true, schema: listSchema(3) } });
    expect(answer.text).toBe('- Open with the bill\n- Seats are easy to forecast\n- Close with renewals');
  });

  it('hands back an answer that is not the list as it came, for the checks to reject', () => {
    expect(listAnswer('Not JSON at all')).toBe('Not JSON at all');
    expect(listAnswer('{"items": [1, 2]}')).toBe('{"items": [1, 2]}');
  });

  it('asks again as plain text when the server refuses Structured Outputs with a 400', async () => {
    const { llm, bodies } = endpoint((body) =>
      body.response_format ? { status: 400, json: { error: { message: "Unknown parameter: 'response_format'", type: 'invalid_request_error' } } } : { status: 200, json: completion('- a\n- b') },
    );
    const answer = await llm.complete({ system: 's', user: 'u', list: { min: 2, max: 2 } });
    expect(bodies.map((b) => 'response_format' in b)).toEqual([true, false]);
    expect(answer.text).toBe('- a\n- b');
  });

  it('sends no response_format for an ordinary step', async () => {
    const { llm, bodies } = endpoint(() => ({ status: 200, json: completion('Plain text.') }));
    expect((await llm.complete({ system: 's', user: 'u' })).text).toBe('Plain text.');
    expect('response_format' in bodies[0]!).toBe(false);
  });
});
