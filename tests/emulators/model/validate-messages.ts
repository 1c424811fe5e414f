// Checks `messages` the way the Chat Completions API does and reduces each message to its role and
// text. Message shapes follow the SDK's ChatCompletionMessageParam (openai 7.57): six roles, content
// as a string or an array of typed parts, `tool_call_id` on tool messages. The messages match the
// wording of the real API's 400s ("Invalid type for 'messages[0].content': ...").
import type { OutgoingResponse } from '../shared/server';
import { describeType, invalidParam } from './openai-errors';

export interface ChatMessage {
  role: 'developer' | 'system' | 'user' | 'assistant' | 'tool' | 'function';
  /** The text parts joined by newlines; images, audio and files carry no text for the model to read. */
  text: string;
}

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;
const PART_TYPES = ['text', 'image_url', 'input_audio', 'refusal', 'audio', 'file'] as const;
/** Which content part types each role may carry. */
const PARTS_BY_ROLE: Record<ChatMessage['role'], readonly string[]> = {
  developer: ['text'],
  system: ['text'],
  user: ['text', 'image_url', 'input_audio', 'file'],
  assistant: ['text', 'refusal'],
  tool: ['text'],
  function: [],
};

type Result = { ok: true; messages: ChatMessage[] } | { ok: false; response: OutgoingResponse };

export function validateMessages(value: unknown): Result {
  const fail = (response: OutgoingResponse): Result => ({ ok: false, response });
  if (value === undefined) return fail(invalidParam("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter'));
  if (!Array.isArray(value)) {
    return fail(invalidParam(`Invalid type for 'messages': expected an array, but got ${describeType(value)} instead.`, 'messages', 'invalid_type'));
  }
  if (value.length === 0) {
    return fail(
      invalidParam("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array'),
    );
  }
  const messages: ChatMessage[] = [];
  for (const [i, raw] of value.entries()) {
    const checked = validateMessage(raw, `messages[${i}]`);
    if ('response' in checked) return fail(checked.response);
    messages.push(checked.message);
  }
  return { ok: true, messages };
}

function validateMessage(raw: unknown, at: string): { message: ChatMessage } | { response: OutgoingResponse } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { response: invalidParam(`Invalid type for '${at}': expected an object, but got ${describeType(raw)} instead.`, at, 'invalid_type') };
  }
  const m = raw as Record<string, unknown>;
  if (m.role === undefined) return { response: invalidParam(`Missing required parameter: '${at}.role'.`, `${at}.role`, 'missing_required_parameter') };
  if (typeof m.role !== 'string' || !(ROLES as readonly string[]).includes(m.role)) {
    return { response: invalidParam(`Invalid value: '${String(m.role)}'. Supported values are: ${quoteList(ROLES)}.`, `${at}.role`, 'invalid_value') };
  }
  const role = m.role as ChatMessage['role'];
  if (m.name !== undefined && typeof m.name !== 'string') return typeError(`${at}.name`, 'a string', m.name);
  if (role === 'tool' && typeof m.tool_call_id !== 'string') {
    return m.tool_call_id === undefined
      ? { response: invalidParam(`Missing required parameter: '${at}.tool_call_id'.`, `${at}.tool_call_id`, 'missing_required_parameter') }
      : typeError(`${at}.tool_call_id`, 'a string', m.tool_call_id);
  }
  if (role === 'function' && typeof m.name !== 'string') {
    return { response: invalidParam(`Missing required parameter: '${at}.name'.`, `${at}.name`, 'missing_required_parameter') };
  }
  // An assistant turn may carry only tool calls, and a function result may be null (SDK types);
  // every other role must say something.
  const contentOptional = role === 'assistant' || role === 'function';
  if (m.content === undefined || m.content === null) {
    if (contentOptional) return { message: { role, text: '' } };
    return { response: invalidParam(`Missing required parameter: '${at}.content'.`, `${at}.content`, 'missing_required_parameter') };
  }
  if (typeof m.content === 'string') return { message: { role, text: m.content } };
  if (!Array.isArray(m.content) || role === 'function') {
    const expected = role === 'function' ? 'a string' : 'one of a string or array of objects';
    return typeError(`${at}.content`, expected, m.content);
  }
  const texts: string[] = [];
  for (const [j, part] of m.content.entries()) {
    const where = `${at}.content[${j}]`;
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return typeError(where, 'an object', part);
    const p = part as Record<string, unknown>;
    if (p.type === undefined) return { response: invalidParam(`Missing required parameter: '${where}.type'.`, `${where}.type`, 'missing_required_parameter') };
    if (typeof p.type !== 'string' || !(PART_TYPES as readonly string[]).includes(p.type)) {
      return { response: invalidParam(`Invalid value: '${String(p.type)}'. Supported values are: ${quoteList(PART_TYPES)}.`, `${where}.type`, 'invalid_value') };
    }
    if (!PARTS_BY_ROLE[role].includes(p.type)) {
      return { response: invalidParam(`Invalid '${where}.type': content parts of type '${p.type}' are not allowed in messages with role '${role}'.`, `${where}.type`, 'invalid_value') };
    }
    if (p.type === 'text') {
      if (typeof p.text !== 'string') return p.text === undefined ? missing(`${where}.text`) : typeError(`${where}.text`, 'a string', p.text);
      texts.push(p.text);
    } else if (p.type === 'refusal') {
      if (typeof p.refusal !== 'string') return p.refusal === undefined ? missing(`${where}.refusal`) : typeError(`${where}.refusal`, 'a string', p.refusal);
    } else if (typeof p[p.type] !== 'object' || p[p.type] === null) {
      // image_url, input_audio and file parts carry an object under the key named by their type.
      return p[p.type] === undefined ? missing(`${where}.${p.type}`) : typeError(`${where}.${p.type}`, 'an object', p[p.type]);
    }
  }
  return { message: { role, text: texts.join('\n') } };
}

function missing(param: string): { response: OutgoingResponse } {
  return { response: invalidParam(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter') };
}

function typeError(param: string, expected: string, got: unknown): { response: OutgoingResponse } {
  return { response: invalidParam(`Invalid type for '${param}': expected ${expected}, but got ${describeType(got)} instead.`, param, 'invalid_type') };
}

/** "'a', 'b', and 'c'", as OpenAI lists supported values. */
export function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 2) return quoted.join(' and ');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}
