// A Workflows row's page body (Notion-flavored markdown) → its Goal, Trigger, Steps, Context,
// Output template and Lessons.
//
// Rules, in the order they apply:
// - Headings name sections as listed in section-headings.ts; a paragraph that is only a
//   section name in bold or with a colon ("**Steps**", "Context:") counts as a heading too.
// - Text before the first section heading belongs to Goal; a body with no headings is all Goal.
// - The Output template is made of headings, so inside it every heading that is not a known
//   section (and every heading deeper than the template's own) is template text.
// - Elsewhere, a heading deeper than its section's heading is a sub-heading of that section.
//   Any other unknown heading is reported (`unknown_section`, a warning) and kept, with its
//   text, in the section before it, so nothing the person wrote is lost.
// - A section written twice is reported (`duplicate_section`) and the two are joined.
// - An empty Goal is `no_goal` (an error); a template without headings a warning.
// - Toggle headings put their content one tab deeper; each run of lines is dedented.
import type { ContextReference, DefinitionStep } from '../domain/workflow-definition';
import { parseSteps } from './body-steps';
import { contextLineProblems, parseContextSection } from './context-reference';
import { headingOf, inlineText, listItemOf, readLines, type MarkdownLine } from './notion-markdown';
import { rowProblem, type RowProblem } from './row-problem';
import { sectionOfHeading, sectionOfLabelLine, SECTION_SYNONYMS, type SectionName } from './section-headings';

export interface BodySections {
  goal: string;
  /**
   * The Trigger section's lines ("When a row in … has Stage = Closed won"), still in Notion's
   * markdown (links and mentions kept) for trigger-text.ts; list markers removed.
   */
  trigger: string[];
  steps: DefinitionStep[];
  /** Lines of the Steps section that are not steps, in order (for the plan compiler). */
  notes: string[];
  context: ContextReference[];
  /** The template as written (markdown, escapes undone); null when the body has none. */
  outputTemplate: string | null;
  lessons: string[];
  /** True when the body has no text at all. */
  empty: boolean;
  /** Problems found in the body alone. */
  problems: RowProblem[];
}

// A section started by a label paragraph sits below any real heading.
const LABEL_LEVEL = 7;

export function parseBody(markdown: string): BodySections {
  const lines = readLines(markdown);
  const chunks: Record<SectionName, MarkdownLine[][]> = { goal: [[]], trigger: [], steps: [], context: [], outputTemplate: [], lessons: [] };
  const problems: RowProblem[] = [];
  const seen = new Set<SectionName>();
  let current = 'goal' as SectionName;
  let level = LABEL_LEVEL;
  let explicit = false;

  const start = (name: SectionName, headingLevel: number, heading: string) => {
    if (seen.has(name)) problems.push(rowProblem({ kind: 'duplicate_section', heading: inlineText(heading), section: name }));
    seen.add(name);
    chunks[name].push([]);
    current = name;
    level = headingLevel;
    explicit = true;
  };
  const keep = (line: MarkdownLine) => chunks[current].at(-1)?.push(line);

  for (const line of lines) {
    const heading = headingOf(line);
    if (heading && inlineText(heading.text) === '') continue; // "## " with nothing after it
    if (heading) {
      const name = sectionOfHeading(heading.text);
      const inTemplate = current === 'outputTemplate';
      if (name && !(inTemplate && heading.level > level)) start(name, heading.level, heading.text);
      else if (name || inTemplate || (explicit && heading.level > level)) keep(line);
      else {
        problems.push(rowProblem({ kind: 'unknown_section', heading: inlineText(heading.text), keptIn: current }));
        keep(line);
      }
      continue;
    }
    const label = line.code || line.indent > 0 || listItemOf(line) ? null : sectionOfLabelLine(line.text);
    if (label && (label !== current || !explicit)) start(label, LABEL_LEVEL, line.text.replace(/[:*_\s]+$/, '').replace(/^[*_]+/, ''));
    else keep(line);
  }

  const section = (name: SectionName) => chunks[name].flatMap(dedent);
  const steps = parseSteps(section('steps'));
  const context = parseContextSection(section('context'));
  const template = outputTemplate(section('outputTemplate'));
  if (template !== null && !/^#{1,6}\s/m.test(template)) problems.push(rowProblem({ kind: 'output_template_no_headings' }));

  const goal = goalText(section('goal'));
  if (goal === '') problems.unshift(rowProblem({ kind: 'no_goal', bodyEmpty: lines.length === 0 }));

  return {
    goal,
    trigger: triggerLines(section('trigger')),
    steps: steps.steps,
    notes: steps.notes,
    context: context.flatMap((reading) => reading.references),
    outputTemplate: template,
    lessons: lessons(section('lessons')),
    empty: lines.length === 0,
    problems: [...problems, ...steps.problems, ...context.flatMap(contextLineProblems)],
  };
}

function dedent(chunk: MarkdownLine[]): MarkdownLine[] {
  const least = Math.min(...chunk.map((l) => l.indent));
  return chunk.map((l) => ({ ...l, indent: l.indent - least }));
}

function render(line: MarkdownLine): string {
  return '\t'.repeat(line.indent) + (line.code ? line.text : inlineText(line.text));
}

const GOAL_LABEL = new RegExp(`^(?:\\*\\*|__)?(?:${SECTION_SYNONYMS.goal.join('|')})(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*|__)?\\s*`, 'i');

function goalText(lines: MarkdownLine[]): string {
  const text = lines.map(render).join('\n').trim();
  return text.replace(GOAL_LABEL, '').trim();
}

function outputTemplate(lines: MarkdownLine[]): string | null {
  if (lines.length === 0) return null;
  // "### Summary · ### Changes" typed on one line reads as one heading; give each its own line.
  const split = lines.flatMap((line) =>
    !line.code && /^#{1,6}\s/.test(line.text) ? line.text.split(/\s+[·•]\s+(?=#{1,6}\s)/).map((text) => ({ ...line, text })) : [line],
  );
  return split.map(render).join('\n').trim() || null;
}

function triggerLines(lines: MarkdownLine[]): string[] {
  return lines.flatMap((line) => {
    if (line.code) return [];
    const text = (listItemOf(line)?.rest ?? line.text).trim();
    return inlineText(text) === '' ? [] : [text];
  });
}

function lessons(lines: MarkdownLine[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const text = line.code ? line.text : inlineText(listItemOf(line)?.rest ?? line.text);
    if (text === '') continue;
    if (line.indent > 0 && out.length > 0) out[out.length - 1] += `\n${'  '.repeat(line.indent - 1)}${inlineText(line.text)}`;
    else out.push(text);
  }
  return out;
}
