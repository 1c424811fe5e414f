// The Steps section: numbered (or bulleted) items become steps; other lines become notes.
//
// Numbering. People write "1." / "1)" / "Step 1:", or only bullets, which are then steps in
// order. Where the steps are numbered, a bullet between them is a sub-point typed without
// indenting ("1. Collect:" then "- call notes") and belongs to the step before it.
// A numbered list's numbers are Notion's, not the person's: Notion renumbers numbered-list
// items itself (a block holds no number of its own), so its markdown counts 1, 2, 3… and restarts at 1
// after a paragraph ("…so they can run at the same time." then "1. Lena reviews"); that 1, and
// a "1." typed on every item, continue the count. The numbers a person can get wrong are the
// ones Notion keeps as typed: "Step 2:" written as text, and a list's chosen starting number
// (list_start_index in the block API), where the markdown shows it. Those are taken as written: a repeated number is an
// error (steps are referred to as "after step 2"), a skipped one a warning. An empty item is
// dropped.
//
// Lines that are not steps ("Steps 2, 3 and 4 only need the article…") are kept as notes, in
// order, for the plan compiler; they never change a step's text. A step's tab-indented
// children are part of that step.
import type { DefinitionStep } from '../domain/workflow-definition';
import { inlineText, listItemOf, type MarkdownLine } from './notion-markdown';
import { rowProblem, type RowProblem } from './row-problem';

export const MAX_STEPS = 20;

export interface ParsedSteps {
  steps: DefinitionStep[];
  notes: string[];
  problems: RowProblem[];
}

type Entry = { type: 'step'; number: number; lines: string[] } | { type: 'note'; lines: string[] };

const STEP_LABEL = /^(?:\*\*|__)?step\s+(\d{1,4})(?:\*\*|__)?\s*[:.)\-–—]\s*(?:\*\*|__)?\s*(.*)$/i;

export function parseSteps(lines: readonly MarkdownLine[]): ParsedSteps {
  const entries: Entry[] = [];
  let previous = 0;
  let previousWritten: number | null = null; // the written number of the line just before, if it was a numbered step

  const numbered = lines.some((line) => {
    const item = listItemOf(line);
    return line.indent === 0 && (item?.marker.kind === 'numbered' || STEP_LABEL.test(item ? item.rest : line.text));
  });

  for (const line of lines) {
    const last = entries.at(-1);
    if (line.indent > 0 && last) {
      last.lines.push(`${'  '.repeat(line.indent - 1)}${line.code ? line.text : inlineText(line.text)}`);
      continue;
    }
    const item = listItemOf(line);
    const raw = item ? item.rest : line.text;
    const label = STEP_LABEL.exec(raw);
    const text = inlineText(label ? (label[2] ?? '') : raw);
    const written = label ? Number(label[1]) : item?.marker.kind === 'numbered' ? item.marker.number : null;

    if (numbered && item?.marker.kind === 'bullet' && !label && last) {
      if (text !== '') last.lines.push(`- ${text}`);
      continue;
    }
    if (!item && !label) {
      if (text !== '') entries.push({ type: 'note', lines: [line.code ? line.text : text] });
      previousWritten = null;
      continue;
    }
    if (text === '') continue; // an empty list item Notion left behind
    const expected = previous + 1;
    let number = expected;
    if (written !== null && written !== expected) {
      const countingArtifact = written === 1 && (previousWritten === null || previousWritten === 1);
      number = countingArtifact ? expected : written;
    }
    entries.push({ type: 'step', number, lines: [text] });
    previous = number;
    previousWritten = written;
  }

  const steps = entries.flatMap((e) => (e.type === 'step' ? [{ number: e.number, text: e.lines.join('\n') }] : []));
  const notes = entries.flatMap((e) => (e.type === 'note' ? [e.lines.join('\n')] : []));
  return { steps, notes, problems: numberingProblems(steps) };
}

function numberingProblems(steps: readonly DefinitionStep[]): RowProblem[] {
  const problems: RowProblem[] = [];
  if (steps.length > MAX_STEPS) problems.push(rowProblem({ kind: 'too_many_steps', count: steps.length, max: MAX_STEPS }));
  const seen = new Set<number>();
  const reported = new Set<number>();
  for (const step of steps) {
    if (seen.has(step.number) && !reported.has(step.number)) {
      reported.add(step.number);
      problems.push(rowProblem({ kind: 'step_number_duplicate', number: step.number }));
    }
    seen.add(step.number);
  }
  const highest = Math.max(0, ...seen);
  const missing: number[] = [];
  for (let n = 1; n <= highest; n++) if (!seen.has(n)) missing.push(n);
  if (missing.length > 0) problems.push(rowProblem({ kind: 'step_number_gap', missing }));
  return problems;
}
