// The deterministic model: what it answers when no script matches. Everything it writes comes from
// the prompt (prompt-tags.ts), so the same request always gets the same answer, and a test can
// check that the right context and feedback reached the model.
//   text:        feedback → revise the draft (or a fresh draft) per revise.ts, meeting the rules
//                the task states (and the template's shape instructions) when there are any
//                draft without feedback → the draft as given (cut to any length limit)
//                template, sources or task → compose a draft per draft.ts
//                no tags at all → "Echo: " + the first 50 words of the last user message
//   json_object: {"answer": <the text answer>}
//   json_schema: a value built from the schema (schema-value.ts), checked with ajv;
//                without a schema, as json_object.
import { composeDraft, draftFacts, draftInstructions, draftLimits, interleave, taskTitle } from './draft';
import { splitFacts } from './facts';
import { readInstructions, statesRules } from './instructions';
import { readLimits, truncateToLimits } from './limits';
import { hasNoTags, type Prompt, readPrompt } from './prompt-tags';
import { type Follow, reviseDraft } from './revise';
import { buildValue, compileSchema } from './schema-value';
import type { ChatRequest } from './validate-request';

export type ModelAnswer = { ok: true; content: string } | { ok: false; kind: 'bad_schema' | 'unsatisfiable'; message: string };

export function answerRequest(request: ChatRequest): ModelAnswer {
  const prompt = readPrompt(request.messages);
  const format = request.responseFormat;
  if (format.type === 'text') return { ok: true, content: textAnswer(prompt) };
  if (format.type === 'json_object' || format.schema === undefined) return { ok: true, content: JSON.stringify({ answer: textAnswer(prompt) }) };

  let check: (value: unknown) => string | undefined;
  try {
    check = compileSchema(format.schema);
  } catch (error) {
    return { ok: false, kind: 'bad_schema', message: error instanceof Error ? error.message : String(error) };
  }
  let value: unknown;
  let problem: string | undefined;
  try {
    value = buildValue(format.schema, { phrases: phrases(prompt), answer: textAnswer(prompt), date: firstDate(prompt.all) });
    problem = check(value);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem !== undefined) return { ok: false, kind: 'unsatisfiable', message: problem };
  return { ok: true, content: JSON.stringify(value) };
}

export function textAnswer(prompt: Prompt): string {
  if (hasNoTags(prompt)) {
    const words = prompt.lastUser.split(/\s+/).filter(Boolean).slice(0, 50);
    return words.length > 0 ? `Echo: ${words.join(' ')}` : 'Echo: (no user message)';
  }
  const limits = draftLimits(prompt);
  if (prompt.feedback !== undefined) return reviseDraft(prompt.draft ?? composeDraft(prompt), prompt.feedback, limits, follow(prompt));
  if (prompt.draft !== undefined) return truncateToLimits(prompt.draft, limits);
  return composeDraft(prompt);
}

/**
 * The rules a revision must meet, or undefined when the prompt states none beyond a template's
 * length (that revision keeps its record line, as revise.ts says).
 */
function follow(prompt: Prompt): Follow | undefined {
  const asked = draftInstructions(prompt);
  const taskStates = statesRules(readInstructions(prompt.task), readLimits(prompt.task));
  if (!taskStates && !statesRules(asked, {})) return undefined;
  return { asked, facts: draftFacts(prompt, asked), sources: prompt.sources, title: taskTitle(prompt.task) };
}

/** Strings handed out to a schema's string fields, in order. */
function phrases(prompt: Prompt): string[] {
  const facts = interleave(prompt.sources.map((s) => splitFacts(s.text)));
  if (facts.length > 0) return facts;
  const task = splitFacts(prompt.task ?? '');
  if (task.length > 0) return task;
  const user = splitFacts(prompt.lastUser);
  return user.length > 0 ? user : ['(empty prompt)'];
}

function firstDate(text: string): string {
  return /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1] ?? '2000-01-01';
}
