import Ajv2020 from 'ajv/dist/2020';
import OpenAI, { BadRequestError, InternalServerError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ModelStandIn, startModel } from './index';

let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({});
  client = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 });
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected the call to fail'), (e: unknown) => e);

const briefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'body_markdown', 'highlights', 'priority', 'confidence', 'published'],
  properties: {
    title: { type: 'string', maxLength: 80 },
    body_markdown: { type: 'string' },
    highlights: { type: 'array', minItems: 2, items: { type: 'string' } },
    priority: { type: 'string', enum: ['high', 'medium', 'low'] },
    confidence: { type: 'number', minimum: 0.5, maximum: 1 },
    published: { type: ['boolean', 'null'] },
  },
};

const prompt = `<task>Summarise the week.</task>
<source name="acme.md">Acme cut its Pro price to $39. Acme hired a new CFO.</source>
<source name="notes.md">- Beta shipped offline mode</source>`;

describe('response_format json_schema', () => {
  it('answers JSON that validates against a strict schema, with facts from the prompt in its strings', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: prompt }],
      response_format: { type: 'json_schema', json_schema: { name: 'brief', strict: true, schema: briefSchema } },
    });
    const value: unknown = JSON.parse(completion.choices[0]?.message.content ?? '');
    const validate = new Ajv2020({ strict: false }).compile(briefSchema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(value).toEqual({
      title: 'Acme cut its Pro price to $39',
      body_markdown: '## Summarise the week\n- Acme cut its Pro price to $39 (source: acme.md)\n- Beta shipped offline mode (source: notes.md)\n- Acme hired a new CFO (source: acme.md)',
      highlights: ['Beta shipped offline mode', 'Acme hired a new CFO'],
      priority: 'high',
      confidence: 0.5,
      published: true,
    });
  });

  it('works with the SDK’s zod helper and parse()', async () => {
    const Step = z.object({ number: z.number().int().positive(), text: z.string(), reviewer: z.string().nullable() });
    const Plan = z.object({ steps: z.array(Step).min(1), first: Step, kind: z.enum(['brief', 'synthesis']), due: z.iso.datetime() });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: '<task>Compile the plan for 2026-11-30. Draft, then review.</task>' }],
      response_format: zodResponseFormat(Plan, 'plan'),
    });
    const plan = completion.choices[0]?.message.parsed;
    expect(plan).toEqual({
      steps: [{ number: 1, text: 'Compile the plan for 2026-11-30', reviewer: 'Draft, then review' }],
      first: { number: 1, text: 'Compile the plan for 2026-11-30', reviewer: 'Draft, then review' },
      kind: 'brief',
      due: '2026-11-30T00:00:00Z',
    });
  });

  it('follows $ref into $defs', async () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['owner', 'backup'],
      properties: { owner: { $ref: '#/$defs/Person' }, backup: { anyOf: [{ $ref: '#/$defs/Person' }, { type: 'null' }] } },
      $defs: { Person: { type: 'object', additionalProperties: false, required: ['name', 'email'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } } } },
    };
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: '<source name="crm">Ana Ruiz owns the account. Sam Lee is her backup.</source>' }],
      response_format: { type: 'json_schema', json_schema: { name: 'owners', strict: true, schema } },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({
      owner: { name: 'Ana Ruiz owns the account', email: 'someone@example.com' },
      backup: { name: 'Sam Lee is her backup', email: 'someone@example.com' },
    });
  });

  it('rejects a strict schema whose object allows additional properties, as the API does', async () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const error = await failure(
      client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'loose', strict: true, schema } },
      }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'response_format', code: null });
    expect((error as Error).message).toContain(
      "Invalid schema for response_format 'loose': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it('rejects a strict schema that does not require every property, naming the nested context', async () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['item'],
      properties: { item: { type: 'object', additionalProperties: false, required: [], properties: { note: { type: 'string' } } } },
    };
    const error = await failure(
      client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'nested', strict: true, schema } },
      }),
    );
    expect((error as Error).message).toContain(
      "In context=('properties', 'item'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'note'.",
    );
  });

  it('says plainly when it cannot satisfy a schema, and the SDK does not retry that', async () => {
    const retrying = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 2 });
    const schema = { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' } } };
    const error = await failure(
      retrying.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'coded', strict: true, schema } },
      }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ code: 'stand_in_unsatisfiable_schema' });
    expect(standIn.requests).toHaveLength(1);
  });
});

describe('response_format json_object', () => {
  it('answers a JSON object holding the text answer', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: `Reply in JSON. ${prompt}` }],
      response_format: { type: 'json_object' },
    });
    const value = JSON.parse(completion.choices[0]?.message.content ?? '') as { answer: string };
    expect(Object.keys(value)).toEqual(['answer']);
    expect(value.answer).toContain('- Beta shipped offline mode (source: notes.md)');
  });

  it('requires the word "json" in the messages, as the API does', async () => {
    const error = await failure(
      client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }], response_format: { type: 'json_object' } }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'messages' });
    expect((error as Error).message).toContain("'messages' must contain the word 'json' in some form");
  });
});
