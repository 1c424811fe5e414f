// The OpenAI-compatible routes: GET /v1/models, GET /v1/models/{id}, POST /v1/chat/completions.
// Order of checks, as on the real API: authentication, then the route, then (stand-in knobs) any
// fault for the request and the configured latency, then the request itself.
import { type FaultRate, hold } from '../shared/fault-rate';
import type { IncomingRequest, OutgoingResponse } from '../shared/server';
import { modelFaultResponse } from './faults';
import { type Choice, completionBody, limitContent, streamBody, usageFor } from './completion';
import {
  incorrectApiKey,
  invalidParam,
  invalidUrl,
  missingApiKey,
  modelNotFoundForCompletion,
  modelNotFoundForRetrieve,
  openAIError,
  overloaded,
  rateLimited,
  serverError,
  unparsableJson,
} from './openai-errors';
import type { Reply, RuleBook } from './rules';
import { answerRequest } from './scripted-model';
import { validateChatRequest } from './validate-request';

export interface ApiContext {
  apiKey: string | undefined;
  models: string[];
  latencyMs: number;
  rules: RuleBook;
  /** Random faults (faults.ts); consulted when no one-shot fault rule matched. */
  faultRate: FaultRate;
  now: () => number;
  /** 1, 2, 3, … for ids; reset() starts again. */
  nextSerial: () => number;
}

/** Fixed so /v1/models answers the same on every run. */
const MODEL_CREATED = 1_735_689_600;

export async function handleApi(req: IncomingRequest, ctx: ApiContext): Promise<OutgoingResponse> {
  const serial = ctx.nextSerial();
  const started = ctx.now();
  const response = await route(req, ctx, serial);
  response.headers = {
    ...response.headers,
    'x-request-id': `req_${serial.toString(16).padStart(24, '0')}`,
    'openai-processing-ms': String(Math.max(0, Math.round(ctx.now() - started))),
  };
  return response;
}

type Route = { kind: 'list' } | { kind: 'retrieve'; id: string } | { kind: 'chat' };

function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'GET' && path === '/v1/models') return { kind: 'list' };
  const id = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
  if (method === 'GET' && id !== undefined) return { kind: 'retrieve', id: decodeURIComponent(id) };
  if (method === 'POST' && path === '/v1/chat/completions') return { kind: 'chat' };
  return undefined;
}

async function route(req: IncomingRequest, ctx: ApiContext, serial: number): Promise<OutgoingResponse> {
  const denied = checkAuth(req, ctx.apiKey);
  if (denied) return denied;
  const path = req.url.pathname.replace(/\/+$/, '');
  const matched = matchRoute(req.method, path);
  if (!matched) return invalidUrl(req.method, req.url.pathname);

  let body: unknown;
  let parsed = true;
  if (matched.kind === 'chat') {
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      parsed = false;
    }
  }
  const bodyModel = (body as { model?: unknown } | undefined)?.model;
  const model = typeof bodyModel === 'string' ? bodyModel : matched.kind === 'retrieve' ? matched.id : undefined;
  const fault = ctx.rules.takeFault(path, model);
  if (fault) {
    const retryAfter: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
    if (fault.kind === 'rate_limit') return rateLimited(model ?? 'the model', fault.retryAfter ?? 1);
    if (fault.kind === 'server_error') return { ...serverError(), headers: retryAfter };
    if (fault.kind === 'overloaded') return { ...overloaded(), headers: retryAfter };
    // hang: the caller's timeout is what ends it. A never-settling promise holds no timer, so it
    // does not keep the process alive; close() drops its socket.
    if (fault.hangMs === undefined) return new Promise<never>(() => {});
    await sleep(fault.hangMs);
  } else {
    const random = ctx.faultRate.decide(req.method, path, req.headers);
    if (random?.kind === 'error') return modelFaultResponse(random.status, ctx.faultRate.retryAfter, model);
    if (random?.kind === 'timeout') await hold(random.holdMs);
  }
  if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);

  if (matched.kind === 'list') return { status: 200, body: { object: 'list', data: ctx.models.map(modelObject) } };
  if (matched.kind === 'retrieve') {
    return ctx.models.includes(matched.id) ? { status: 200, body: modelObject(matched.id) } : modelNotFoundForRetrieve(matched.id);
  }
  if (!parsed) return unparsableJson();
  return chatCompletion(body, ctx, serial);
}

function chatCompletion(body: unknown, ctx: ApiContext, serial: number): OutgoingResponse {
  const checked = validateChatRequest(body);
  if (!checked.ok) return checked.response;
  const request = checked.request;
  if (!ctx.models.includes(request.model)) return modelNotFoundForCompletion(request.model);

  const reply = ctx.rules.takeScript(request.model, request.messages);
  let choice: Choice;
  if (reply) choice = scriptedChoice(reply);
  else {
    const answer = answerRequest(request);
    if (!answer.ok && answer.kind === 'bad_schema') {
      const name = request.responseFormat.type === 'json_schema' ? request.responseFormat.name : '';
      return invalidParam(`Invalid schema for response_format '${name}': ${answer.message}`, 'response_format');
    }
    if (!answer.ok) {
      // A stand-in defect, not an API behaviour: say so, and tell the SDK not to retry it.
      return openAIError(
        500,
        `The model stand-in could not build a value that satisfies the response_format schema (${answer.message}). Script the reply for this request.`,
        { type: 'server_error', code: 'stand_in_unsatisfiable_schema' },
        { 'x-should-retry': 'false' },
      );
    }
    const limited = limitContent(answer.content, request);
    choice = { content: limited.content, refusal: null, finishReason: limited.finishReason };
  }
  const choices = Array.from({ length: request.n }, () => choice);
  const meta = { id: `chatcmpl-standin${String(serial).padStart(12, '0')}`, created: Math.floor(ctx.now() / 1000), model: request.model };
  const usage = usageFor(request, choices);
  if (request.stream) {
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
      body: streamBody(meta, choices, usage, request.includeUsage),
    };
  }
  return { status: 200, body: completionBody(meta, choices, usage) };
}

/** Scripted replies are sent exactly as written: no stop sequences or token limits applied. */
function scriptedChoice(reply: Reply): Choice {
  const finishReason = reply.finishReason ?? 'stop';
  if (reply.refusal !== undefined) return { content: null, refusal: reply.refusal, finishReason };
  return { content: reply.content ?? JSON.stringify(reply.json), refusal: null, finishReason };
}

function checkAuth(req: IncomingRequest, apiKey: string | undefined): OutgoingResponse | undefined {
  if (apiKey === undefined) return undefined;
  const header = req.headers.authorization;
  const given = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
  if (given === undefined || given === '') return missingApiKey();
  return given === apiKey ? undefined : incorrectApiKey(given);
}

function modelObject(id: string) {
  return { id, object: 'model' as const, created: MODEL_CREATED, owned_by: 'system' };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
