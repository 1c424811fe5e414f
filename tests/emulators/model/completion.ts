// The `chat.completion` object and its streamed form (`chat.completion.chunk` events over SSE),
// typed with the SDK's own response types so a field the SDK does not know fails to compile.
//
// Token counts are estimates, deterministic and documented: a text costs ceil(characters / 4)
// tokens; the prompt costs that for every message's text plus 3 per message plus 3 to prime the
// reply (the overhead OpenAI's cookbook describes); the completion costs that for each choice's
// content (or refusal).
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ChatRequest } from './validate-request';

export type FinishReason = 'stop' | 'length' | 'content_filter';

export interface Choice {
  content: string | null;
  refusal: string | null;
  finishReason: FinishReason;
}

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

export const SYSTEM_FINGERPRINT = 'fp_stand_in';

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Applies `stop` (cut at the earliest stop sequence) and the token limit (cut, finish "length"). */
export function limitContent(content: string, request: ChatRequest): { content: string; finishReason: FinishReason } {
  let text = content;
  const cuts = request.stop.map((s) => text.indexOf(s)).filter((i) => i >= 0);
  if (cuts.length > 0) text = text.slice(0, Math.min(...cuts));
  if (request.maxTokens !== null && estimateTokens(text) > request.maxTokens) {
    return { content: text.slice(0, request.maxTokens * 4), finishReason: 'length' };
  }
  return { content: text, finishReason: 'stop' };
}

export function usageFor(request: ChatRequest, choices: Choice[]): CompletionUsage {
  const prompt = request.messages.reduce((sum, m) => sum + 3 + estimateTokens(m.text), 3);
  const completion = choices.reduce((sum, c) => sum + estimateTokens(c.content ?? c.refusal ?? ''), 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function completionBody(meta: CompletionMeta, choices: Choice[], usage: CompletionUsage): ChatCompletion {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: choices.map((c, index) => ({
      index,
      message: { role: 'assistant', content: c.content, refusal: c.refusal, annotations: [] },
      logprobs: null,
      finish_reason: c.finishReason,
    })),
    usage,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * The whole stream as one SSE body: a role chunk, one chunk per word of content (or refusal), a
 * chunk with the finish reason, the usage chunk (empty choices) when stream_options.include_usage
 * is set, then `data: [DONE]`. The shared HTTP harness sends a body in one piece, so the chunks
 * arrive together; their format is what the SDK's stream parser reads.
 */
export function streamBody(meta: CompletionMeta, choices: Choice[], usage: CompletionUsage, includeUsage: boolean): string {
  const chunk = (choice: ChatCompletionChunk.Choice | undefined): ChatCompletionChunk => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: choice ? [choice] : [],
    ...(includeUsage ? { usage: choice ? null : usage } : {}),
  });
  const events: ChatCompletionChunk[] = [];
  for (const [index, c] of choices.entries()) {
    events.push(chunk({ index, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }));
    const field = c.content !== null ? 'content' : 'refusal';
    const text = c.content ?? c.refusal ?? '';
    for (const piece of text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text])) {
      events.push(chunk({ index, delta: { [field]: piece }, logprobs: null, finish_reason: null }));
    }
    events.push(chunk({ index, delta: {}, logprobs: null, finish_reason: c.finishReason }));
  }
  if (includeUsage) events.push(chunk(undefined));
  return `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
}
