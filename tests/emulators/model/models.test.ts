import OpenAI, { AuthenticationError, NotFoundError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelStandIn, startModel } from './index';

const KEY = 'sk-test-models-0123456789';
let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({ apiKey: KEY, models: ['gpt-4.1-mini', 'gpt-4o'] });
  client = new OpenAI({ baseURL: standIn.url, apiKey: KEY, maxRetries: 0 });
});
afterAll(() => standIn.close());

describe('GET /v1/models', () => {
  it('lists the configured models as a list of model objects', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model).toEqual({ id: model.id, object: 'model', created: expect.any(Number), owned_by: 'system' });
      ids.push(model.id);
    }
    expect(ids).toEqual(['gpt-4.1-mini', 'gpt-4o']);
    const page = await client.models.list();
    expect(page.object).toBe('list');
  });

  it('refuses a wrong key with 401 invalid_api_key, masking the key in the message', async () => {
    const wrong = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-wrong-key-abcdefgh', maxRetries: 0 });
    const error = await wrong.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const e = error as AuthenticationError;
    expect(e.status).toBe(401);
    expect(e.code).toBe('invalid_api_key');
    expect(e.type).toBe('invalid_request_error');
    expect(e.message).toContain('Incorrect API key provided: sk-');
    expect(e.message).not.toContain('sk-wrong-key-abcdefgh');
  });
});

describe('GET /v1/models/{id}', () => {
  it('retrieves a served model', async () => {
    const model = await client.models.retrieve('gpt-4o');
    expect(model).toMatchObject({ id: 'gpt-4o', object: 'model', owned_by: 'system' });
  });

  it('answers 404 model_not_found for a model it does not serve', async () => {
    const error = await client.models.retrieve('gpt-3-imaginary').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model', type: 'invalid_request_error' });
  });
});

describe('unknown routes', () => {
  it('answers 404 "Invalid URL" in the OpenAI error shape', async () => {
    const error = await client.get('/embeddingz').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('Invalid URL (GET /v1/embeddingz)');
  });
});
