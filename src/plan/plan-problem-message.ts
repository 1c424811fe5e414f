// Words for every PlanProblem, for the row's Health: what is wrong, quoting what the person wrote
// ('…', as the registry's and the schedule module's words do), and what to write instead, with an
// example. One exhaustive switch; a new kind without words fails to compile.
import type { PlanProblem } from './plan-problem';
import { listNumbers } from './words';

export function planProblemMessage(problem: PlanProblem): string {
  switch (problem.kind) {
    case 'step_unknown':
      return `${who(problem.step)} says ${quote(problem.words)}, but there is no step ${problem.wanted} (${knownSteps(problem.known)}) — write the number of a step that exists, e.g. ${example(problem.step, problem.known)}.`;
    case 'step_cycle':
      return cycleMessage(problem.cycle, problem.implicit);
    case 'step_unused':
      return `Nothing uses step ${problem.step} (${quote(problem.title)}): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step ${problem.step}, …'), or remove it.`;
    case 'source_unknown':
      return sourceMessage(problem);
    case 'sentence_unplaced':
      switch (problem.reason) {
        case 'not_a_step':
          return `The line ${quote(problem.sentence)} in Steps is not a numbered step and says nothing about which steps wait for which, so it is not part of the plan — number it as a step of its own, or move it to Goal (for what every step keeps in mind) or Output template (for how the output must look).`;
        case 'names_no_step':
          return `${who(problem.step)} says ${quote(problem.words ?? problem.sentence)}, but no other step's words match it, so Baton cannot tell which step it waits for — write the step's number instead, e.g. ${example(problem.step, [])}.`;
        case 'together_without_numbers':
          return `${who(problem.step)} says ${quote(problem.sentence)} but not which steps — write their numbers, e.g. 'Steps 2, 3 and 4 can run at the same time'.`;
      }
      break;
    case 'steps_together_but_dependent':
      return `${quote(problem.sentence)} says steps can run at the same time, but step ${problem.step} uses step ${problem.needs}, so it waits for it — take step ${problem.step} out of that sentence, or take 'step ${problem.needs}' out of step ${problem.step}.`;
    case 'review_no_reviewer':
      return `${who(problem.step)} asks for a review (${quote(problem.sentence)}), but the row has no Reviewer, so nobody could approve it — put ${problem.named ?? 'the person who approves'} in the Reviewer column (one person), or take the review out of Steps to publish without one.`;
    case 'review_other_person':
      return `Step ${problem.step} asks ${problem.named} to review, but Baton finds nobody called ${problem.named} among the workspace's people, so ${problem.reviewer} (the row's Reviewer) would approve it — write the name as it is in Notion, put ${problem.named} in the Reviewer column, or change the step to name ${problem.reviewer}.`;
  }
  return unreachable(problem);
}

function unreachable(problem: never): never {
  throw new Error(`No words for plan problem ${JSON.stringify(problem)}`);
}

function cycleMessage(cycle: readonly number[], implicit: readonly number[]): string {
  const steps = [...new Set(cycle)];
  const path = cycle.map((n) => `step ${n}`).join(' → ');
  if (steps.length === 1) {
    return `Step ${steps[0]} says it needs itself (${path}), so it can never start — name the step whose output it uses instead, e.g. 'After step ${Math.max(1, (steps[0] ?? 2) - 1)}, …'.`;
  }
  const why =
    implicit.length === 0
      ? ''
      : implicit.length === 1
        ? `; step ${implicit[0]} names no step, so it takes the one before it`
        : `; steps ${listNumbers(implicit)} name no step, so each takes the one before it`;
  const first = Math.min(...steps);
  const fix = first > 1 ? `'${first}. After step ${first - 1}, …'` : `take 'step ${cycle[1]}' out of step 1`;
  return `Steps ${listNumbers([...steps].sort((a, b) => a - b))} wait for each other (${path}), so none of them can start${why} — make one of them need only earlier steps (e.g. ${fix}), or renumber the steps in the order they should run.`;
}

function sourceMessage(problem: Extract<PlanProblem, { kind: 'source_unknown' }>): string {
  const name = problem.name;
  switch (problem.source) {
    case 'named': {
      const [thing, line] =
        problem.service === 'notion_page'
          ? ['Notion page', `'- Notion: ${name} (https://www.notion.so/…)', or @-mention the page`]
          : problem.service === 'drive_folder'
            ? ['Drive folder', `'- Drive folder: ${name} (https://drive.google.com/drive/folders/…)'`]
            : ['Drive file', `'- Drive file: ${name} (https://drive.google.com/file/d/…)'`];
      return `${who(problem.step)} reads the ${thing} ${quote(name)}, which the Context section does not list, so the step would have nothing to read — add it under Context with its link (${line}), or change the step to name a source Context lists.`;
    }
    case 'previous_output':
      return `${who(problem.step)} uses ${quote(name)}, but the Context section does not list it, so Baton would not read it — add the line '- ${capitalise(name)}' under Context, and Baton reads this workflow's last published output.`;
    case 'trigger_file':
      return `${who(problem.step)} reads ${quote(name)}, but nothing starts this workflow with a file or a row — add a Watch folder (a Google Drive folder link: each new file in it starts a run) or a Trigger (for example 'when a row in @Deals has Stage = Closed won'), or name the source under Context.`;
  }
}

function who(step: number | null): string {
  return step === null ? 'A line in Steps' : step === 0 ? 'The Goal' : `Step ${step}`;
}

function knownSteps(known: readonly number[]): string {
  if (known.length === 0) return 'Steps has no other step';
  const sorted = [...known].sort((a, b) => a - b);
  const contiguous = sorted.every((n, i) => i === 0 || n === (sorted[i - 1] ?? 0) + 1);
  return contiguous && sorted.length > 2 ? `the steps are numbered ${sorted[0]} to ${sorted.at(-1)}` : `the steps are ${listNumbers(sorted)}`;
}

/** "'3. After step 2, …'" for a step; a note-line example for lines that are not steps. */
function example(step: number | null, known: readonly number[]): string {
  if (step === null || step === 0) return "'Steps 2 and 3 can run at the same time'";
  const earlier = known.filter((n) => n < step && n > 0);
  const before = earlier.length > 0 ? Math.max(...earlier) : step > 1 ? step - 1 : step + 1;
  return `'${step}. After step ${before}, …'`;
}

/** Quotes what the person wrote, shortened so one long line can't fill Health. */
export function quote(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}'`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
