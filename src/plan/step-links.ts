// What every sentence of Steps says about which step waits for which, gathered per step before
// the graph is put together (plan-graph.ts). Pure string work over the definition.
//
// Sources of such words, in the order read:
// - a step's own sentences: "after steps 1 and 2", "using the list from step 2", "the previous
//   step", "everything above", "from both", "once the research is done", "do this before step 4";
// - sentences about a step by its number, in any step or in a line of Steps that is not a step:
//   "Step 3 needs steps 1 and 2", "Step 3 doesn't need step 2", "Step 2 can start right away";
// - sentences saying steps run at the same time, in a step or a line of Steps:
//   "Steps 2, 3 and 4 only need the article, so they can run at the same time".
// A line of Steps that says none of this is reported (`sentence_unplaced`), never dropped.
import type { PlanProblem } from './plan-problem';
import { planProblem } from './plan-problem';
import {
  findStepMentions,
  namesAllAbove,
  namesBoth,
  namesPreviousStep,
  readMentions,
  readNamedWait,
  readStatement,
  readTogether,
  saysTogetherWithoutNumbers,
  type NamedWait,
} from './step-references';
import { isParallelHint, mentionsReview, splitSentences } from './step-text';

/** A step as the links are read: its number and the sentences that are not hints. */
export interface LinkedStep {
  number: number;
  kind: 'draft' | 'review';
  /** Sentences of the step's text, without the ones saying which steps run together. */
  sentences: string[];
}

export interface Together {
  numbers: number[];
  sentence: string;
  /** The step the sentence is written in; null for a line of Steps that is not a step. */
  step: number | null;
}

export interface StepLinks {
  /** Step numbers each step says it needs, with the sentence that said so (unknown numbers included). */
  needs: Map<number, { number: number; words: string }[]>;
  /** Named waits ("once the research is done") per step, matched to steps by the caller. */
  named: Map<number, { wait: NamedWait; sentence: string }[]>;
  /** "Do this before step 4": step → the steps that wait for it, with the sentence. */
  before: Map<number, { number: number; words: string }[]>;
  /** "Step 3 doesn't need step 2". */
  notNeeds: Map<number, number[]>;
  /** "Step 2 can start right away". */
  startsAtOnce: Set<number>;
  together: Together[];
  problems: PlanProblem[];
}

const IN_ORDER = /\b(?:in\s+(?:this|that|the\s+same|the\s+given)?\s*order|one\s+after\s+(?:another|the\s+other)|one\s+at\s+a\s+time|one\s+by\s+one|in\s+sequence|sequentially|in\s+turn)\b/i;

export function readStepLinks(steps: readonly LinkedStep[], hintsByStep: ReadonlyMap<number, string[]>, notes: readonly string[]): StepLinks {
  const links: StepLinks = { needs: new Map(), named: new Map(), before: new Map(), notNeeds: new Map(), startsAtOnce: new Set(), together: [], problems: [] };
  const push = <V>(map: Map<number, V[]>, key: number, ...values: V[]) => map.set(key, [...(map.get(key) ?? []), ...values]);
  const position = new Map(steps.map((s, i) => [s.number, i]));

  const statement = (sentence: string): boolean => {
    const said = readStatement(sentence);
    if (!said) return false;
    if (said.kind === 'needs') push(links.needs, said.target, ...said.needs.map((number) => ({ number, words: sentence })));
    if (said.kind === 'not_needs') push(links.notNeeds, said.target, ...said.notNeeds);
    if (said.kind === 'starts_at_once') links.startsAtOnce.add(said.target);
    return true;
  };
  const together = (sentence: string, step: number | null): boolean => {
    const numbers = readTogether(sentence);
    if (numbers === null || mentionsReview(sentence)) return false;
    if (step !== null && !numbers.includes(step) && numbers.length === 1) numbers.push(step);
    if (numbers.length === 1 && numbers[0] !== undefined) links.startsAtOnce.add(numbers[0]);
    else links.together.push({ numbers, sentence, step });
    return true;
  };

  for (const step of steps) {
    for (const hint of hintsByStep.get(step.number) ?? []) together(hint, step.number);
    for (const sentence of step.sentences) {
      if (statement(sentence)) continue;
      if (saysTogetherWithoutNumbers(sentence) && !mentionsReview(sentence)) {
        links.problems.push(planProblem({ kind: 'sentence_unplaced', step: step.number, sentence, reason: 'together_without_numbers', words: null }));
        continue;
      }
      const mentions = readMentions(sentence);
      push(links.needs, step.number, ...mentions.needs.flatMap((m) => m.numbers.map((number) => ({ number, words: sentence }))));
      for (const m of mentions.before) for (const n of m.numbers) push(links.before, step.number, { number: n, words: sentence });
      const index = position.get(step.number) ?? 0;
      const previous = steps[index - 1];
      if (previous && namesPreviousStep(sentence)) push(links.needs, step.number, { number: previous.number, words: 'the previous step' });
      if (namesAllAbove(sentence)) push(links.needs, step.number, ...steps.slice(0, index).map((s) => ({ number: s.number, words: 'everything above' })));
      const wait = mentions.needs.length === 0 ? readNamedWait(sentence) : null;
      if (wait) push(links.named, step.number, { wait, sentence });
      else if (mentions.needs.length === 0 && index >= 2 && namesBoth(sentence)) {
        push(links.needs, step.number, ...steps.slice(index - 2, index).map((s) => ({ number: s.number, words: 'both' })));
      }
    }
  }

  for (const note of notes) {
    for (const sentence of splitSentences(note)) {
      if (statement(sentence) || (isParallelHint(sentence) && together(sentence, null))) continue;
      if (IN_ORDER.test(sentence) && findStepMentions(sentence).length === 0) continue; // says what Baton does anyway
      const reason = saysTogetherWithoutNumbers(sentence) ? 'together_without_numbers' : 'not_a_step';
      links.problems.push(planProblem({ kind: 'sentence_unplaced', step: null, sentence, reason, words: null }));
    }
  }
  return links;
}
