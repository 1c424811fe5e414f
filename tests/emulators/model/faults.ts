// The fault *rate* for the model stand-in (PUT /__admin/fault-rate, shared/fault-rate.ts): a
// random share of API requests fail with OpenAI's own answers — 429 rate_limit_exceeded with
// retry-after, 500 server_error, 503 "overloaded" (platform.openai.com/docs/guides/error-codes:
// "429 - Rate limit reached for requests", "500 - The server had an error while processing your
// request", "503 - The engine is currently overloaded") — or are held past the client's timeout
// and then answered normally. A completion changes nothing on the server, so nothing here is
// "after commit". The one-shot rules (rules.ts FaultRule, POST /__admin/faults) are tried first.
import { FaultRate } from '../shared/fault-rate';
import type { OutgoingResponse } from '../shared/server';
import { overloaded, rateLimited, serverError } from './openai-errors';

export function modelFaultRate(): FaultRate {
  return new FaultRate({
    defaultStatuses: [429, 500, 503],
    allowedStatuses: [429, 500, 503],
    beforeCommitOnly: [429, 500, 503],
    defaultPaths: /^\/v1\//,
    hasWrites: false,
  });
}

export function modelFaultResponse(status: number, retryAfterSeconds: number, model: string | undefined): OutgoingResponse {
  if (status === 429) return rateLimited(model ?? 'the model', retryAfterSeconds);
  if (status === 503) return overloaded();
  return serverError();
}
