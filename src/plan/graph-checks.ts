// Checks over a plan graph once every step knows what it needs: circles of steps waiting for
// each other, what gets published, drafting steps whose output goes nowhere, and reviews
// nobody can give. Pure.
import type { GraphStep } from '../domain/plan';
import type { Person } from '../domain/workflow-definition';
import { planProblem, type PlanProblem } from './plan-problem';
import { readStep, reviewerNamed, splitSentences } from './step-text';
import { wordsOf } from './words';

/**
 * What is published: the last drafting step, with the steps said to run at the same time as it
 * (`together`) and those a review names (`reviewed`), unless a later drafting step uses them.
 */
export function publishedSteps(steps: readonly GraphStep[], together: readonly (readonly number[])[], reviewed: readonly number[]): number[] {
  const drafts = steps.filter((s) => s.kind === 'draft');
  const last = drafts.at(-1);
  if (!last || last.number === null) return [];
  const outputs = new Set([last.number, ...reviewed]);
  for (const group of together) if (group.includes(last.number)) for (const n of group) outputs.add(n);
  return drafts.flatMap((s) => (s.number !== null && outputs.has(s.number) && (s === last || !feedsLaterWork(s, steps)) ? [s.number] : []));
}

/** A drafting step that no later drafting step uses and that is not published. */
export function unusedSteps(steps: readonly GraphStep[], outputs: readonly number[]): PlanProblem[] {
  return steps.flatMap((s) =>
    s.kind === 'draft' && s.number !== null && !outputs.includes(s.number) && !feedsLaterWork(s, steps)
      ? [planProblem({ kind: 'step_unused', step: s.number, title: s.title })]
      : [],
  );
}

/** True when some drafting step needs this one's output, directly or through a review. */
function feedsLaterWork(step: GraphStep, steps: readonly GraphStep[]): boolean {
  if (step.number === null) return false;
  const seen = new Set<GraphStep>([step]);
  const queue = [step.number];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const other of steps) {
      if (current === undefined || seen.has(other) || !other.dependsOn.includes(current)) continue;
      if (other.kind === 'draft') return true;
      seen.add(other);
      if (other.number !== null) queue.push(other.number);
    }
  }
  return false;
}

/**
 * Each circle of steps waiting for each other, once, from its lowest step, in the order of
 * waiting. `implicit`: the steps that name no step and so take the one before them.
 */
export function findCycles(steps: readonly GraphStep[], implicit: ReadonlySet<number>): PlanProblem[] {
  const byNumber = new Map(steps.flatMap((s) => (s.number === null ? [] : [[s.number, s] as const])));
  const problems: PlanProblem[] = [];
  const reported = new Set<string>();
  for (const start of [...byNumber.keys()].sort((a, b) => a - b)) {
    const path = findWayBack(start, byNumber);
    if (!path) continue;
    const key = [...new Set(path)].sort((a, b) => a - b).join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(planProblem({ kind: 'step_cycle', cycle: path, implicit: path.slice(0, -1).filter((n) => implicit.has(n)) }));
  }
  return problems;
}

/** The shortest way from a step back to itself along what each step needs ([2, 3, 2]), or null. */
function findWayBack(start: number, byNumber: ReadonlyMap<number, GraphStep>): number[] | null {
  const from = new Map<number, number>();
  const queue = [...(byNumber.get(start)?.dependsOn ?? [])];
  for (const n of queue) from.set(n, start);
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === undefined) break;
    if (current === start) {
      const path = [start];
      let at = from.get(start);
      while (at !== undefined && at !== start) (path.unshift(at), (at = from.get(at)));
      return [start, ...path];
    }
    for (const next of byNumber.get(current)?.dependsOn ?? []) {
      if (!from.has(next)) (from.set(next, current), queue.push(next));
    }
  }
  return null;
}

/**
 * A review nobody can give (no person it names is in the workspace and the row has no
 * Reviewer) and a review that names someone Baton cannot find, so the Reviewer approves it, for
 * every review step and every drafting step that also asks for a review. `steps` carry the text
 * as written; `people` are the workspace people the Steps name (resolved at sync).
 */
export function reviewProblems(
  reviewer: Person | null,
  people: readonly Person[],
  steps: readonly { number: number; kind: 'draft' | 'review'; text: string }[],
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const step of steps) {
    const sentence = step.kind === 'review' ? step.text : readStep(step.text).asksForReview ? reviewSentence(step.text) : null;
    if (sentence === null) continue;
    const person = reviewerNamed(sentence);
    if (step.kind === 'review' && namedPerson(sentence, people) !== null) continue;
    if (reviewer === null) {
      problems.push(planProblem({ kind: 'review_no_reviewer', step: step.number, sentence, named: person }));
    } else if (person !== null && reviewer.name !== null && !wordsOf(reviewer.name).includes(person.toLowerCase())) {
      problems.push(planProblem({ kind: 'review_other_person', step: step.number, named: person, reviewer: reviewer.name }));
    }
  }
  return problems;
}

/** The workspace person a sentence names by full or first name, as a whole word; null when none. */
export function namedPerson(sentence: string, people: readonly Person[]): Person | null {
  const said = ` ${wordsOf(sentence).join(' ')} `;
  for (const person of people) {
    const words = wordsOf(person.name ?? '');
    if (words.length === 0) continue;
    if (said.includes(` ${words.join(' ')} `) || said.includes(` ${words[0]} `)) return person;
  }
  return null;
}

function reviewSentence(text: string): string {
  return splitSentences(text).find((s) => readStep(s).asksForReview) ?? text;
}
