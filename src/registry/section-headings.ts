// Which heading starts which section of a workflow row's body.
//
// People write headings their own way, so a heading is compared after normalising: any level
// (`#`–`####`), any case, emphasis, a leading emoji or "1.", a trailing "(…)" and colon removed,
// "&", "+" and "/" read as "and", a leading "the"/"our"/"your" dropped. The words each section accepts are
// listed below, explicitly; anything else is an unknown section (see body-sections.ts).
import * as z from 'zod';
import { plainWords, unescapeMarkdown } from './notion-markdown';

export const SectionName = z.enum(['goal', 'trigger', 'steps', 'context', 'outputTemplate', 'lessons']);
export type SectionName = z.infer<typeof SectionName>;
const SECTION_NAMES = SectionName.options;

/** The name a person sees in messages. */
export const SECTION_TITLES: Record<SectionName, string> = {
  goal: 'Goal',
  trigger: 'Trigger',
  steps: 'Steps',
  context: 'Context',
  outputTemplate: 'Output template',
  lessons: 'Lessons',
};

/** Accepted heading words per section, after normalisation (lowercase, single spaces). */
export const SECTION_SYNONYMS: Record<SectionName, readonly string[]> = {
  goal: ['goal', 'goals', 'objective', 'objectives', 'aim', 'purpose', 'mission', 'what and why'],
  // What starts the workflow (trigger-text.ts reads it). None of these words is a Steps or
  // Context heading: "how it works" stays Steps, "when it runs" is this section.
  trigger: [
    'trigger', 'triggers', 'triggered by', 'what triggers it', 'what starts it', 'when it runs', 'when to run',
    'when it starts', 'runs when', 'run when', 'starts when', 'start when', 'starts on', 'when',
  ],
  steps: [
    'steps', 'step', 'step by step', 'how', 'how to', 'how it works', 'process', 'procedure',
    'instructions', 'what to do', 'workflow', 'tasks',
  ],
  context: [
    'context', 'sources', 'source', 'inputs', 'input', 'context and sources', 'sources and context',
    'context and inputs', 'inputs and sources', 'references', 'reference material', 'reference materials',
    'materials',
  ],
  outputTemplate: [
    'output template', 'output templates', 'template', 'output', 'outputs', 'output format', 'format',
    'output structure', 'structure', 'deliverable', 'deliverables', 'expected output',
  ],
  lessons: ['lessons', 'lesson', 'lessons learned', 'lessons learnt', 'learnings', 'learning', 'what we learned'],
};

const BY_WORDS = new Map<string, SectionName>(
  SECTION_NAMES.flatMap((name) => SECTION_SYNONYMS[name].map((words) => [words, name] as const)),
);

/** The words of a heading, normalised for comparison. */
export function normaliseHeading(text: string): string {
  return plainWords(unescapeMarkdown(text))
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '') // emoji, bullets, "#"
    .replace(/^\d+\s*[.)]\s*/, '') // "1. Goal"
    .replace(/\s*\([^)]*\)\s*:?$/, '') // "Steps (in order)"
    .replace(/\s*(&|\+|\/)\s*/g, ' and ') // "Context & sources", "Context / sources"
    .replace(/[:.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .replace(/^(the|our|your) /, '')
    .trim();
}

/** The section a heading names, or null when it is not one Baton knows. */
export function sectionOfHeading(text: string): SectionName | null {
  return BY_WORDS.get(normaliseHeading(text)) ?? null;
}

/**
 * A paragraph that is only a section name, bold and/or with a colon ("**Steps**", "Context:"),
 * as people type when they do not use heading blocks. Plain "Steps" without either is prose.
 */
export function sectionOfLabelLine(text: string): SectionName | null {
  const trimmed = unescapeMarkdown(text).trim();
  const bold = /^(\*\*|__)(.+?)\1:?$/.exec(trimmed) ?? /^(\*\*|__)(.+?):\1$/.exec(trimmed);
  if (bold?.[2]) return sectionOfHeading(bold[2]);
  if (trimmed.endsWith(':')) return sectionOfHeading(trimmed);
  return null;
}
