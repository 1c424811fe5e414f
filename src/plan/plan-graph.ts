// The plan as a graph: which step needs which, what each reads, who reviews, what is published.
// Pure: same definition (and Steps notes), same graph.
//
// Rules, in the order they apply:
// - Drafting steps and review steps are read as compile.ts reads them (readStep); a step that
//   only says which steps run together is no step of its own.
// - A step that names the steps it needs ("after steps 1 and 2", "using the list from step 2",
//   "once the research is done") needs exactly those. One that names none needs the step
//   before it, as plans always did — except where it runs alongside that step: the two are
//   said to run at the same time, it "doesn't need" that step, or a later step needs both
//   ("3. After steps 1 and 2, …") while it does not refer back to earlier work ("it", "them",
//   "the results"). It then needs what that step needs.
// - A review step needs every step before it that nothing before it needs yet (the outputs so
//   far), unless it names steps. The row's Reviewer approves every review (one Reviewer per
//   row for now); a row with a Reviewer and no review step at the end gets one after the
//   outputs, as compile.ts gives it a gate.
// - What is published: the last drafting step, with the steps said to run at the same time as
//   it and those a review names. A drafting step no later step needs and that is not published
//   is reported as unused.
// - Each drafting step reads the Context sources its own words name (step-sources.ts); a step
//   that names none reads all of Context.
import type { GraphStep, PlanGraph, StepReads } from '../domain/plan';
import type { ContextReference, Person, WorkflowDefinition } from '../domain/workflow-definition';
import { findCycles, namedPerson, publishedSteps, reviewProblems, unusedSteps } from './graph-checks';
import { planProblem, type PlanProblem } from './plan-problem';
import { readStepLinks, type LinkedStep, type StepLinks } from './step-links';
import { refersBack } from './step-references';
import { readSources, type SourceScope } from './step-sources';
import { isParallelHint, labelOf, readStep, splitSentences, titleOf } from './step-text';
import { containsAll, contentWords, wordsOf } from './words';

/** The drafting steps as compile.ts reads them, in order: what the graph's drafting steps are. */
export interface DraftingList {
  steps: readonly { id: string; title: string; instruction: string }[];
}

export interface PlanGraphOptions {
  /** Lines of the Steps section that are not steps, in order (the registry's `notes`). */
  notes?: readonly string[];
}

export interface PlanGraphReading {
  graph: PlanGraph;
  problems: PlanProblem[];
}

interface Node extends LinkedStep {
  text: string;
  step: GraphStep;
  /** Needs only the step before it, because it names none. */
  implicit: boolean;
}

export function readPlanGraph(definition: WorkflowDefinition, plan: DraftingList, options: PlanGraphOptions = {}): PlanGraphReading {
  const nodes = readNodes(definition, plan);
  const hints = new Map(definition.steps.map((s) => [s.number, splitSentences(s.text).filter(isParallelHint)]));
  // A numbered step that only says which steps run together ("4. Steps 2 and 3 can run in
  // parallel.") is no step of its own: it is read like a note between the steps.
  const hintSteps = definition.steps.filter((s) => !nodes.some((n) => n.number === s.number)).map((s) => s.text);
  const links = readStepLinks(nodes, hints, [...(options.notes ?? []), ...hintSteps]);
  const known = new Set(nodes.map((n) => n.number));
  const problems: PlanProblem[] = [...links.problems];
  const unknown = (step: number | null, wanted: number, words: string) =>
    problems.push(planProblem({ kind: 'step_unknown', step, words, wanted, known: [...known].filter((k) => k > 0) }));

  const named = namedNeeds(nodes, links, known, unknown, problems);
  const alongside = stepsAlongside(nodes, links, named, known, unknown, problems);
  linkSteps(nodes, links, named, alongside, unknown);

  const graphSteps = nodes.map((n) => n.step);
  problems.push(...findCycles(graphSteps, new Set(nodes.filter((n) => n.implicit).map((n) => n.number))));
  const reviewed = nodes.filter((n) => n.kind === 'review').flatMap((n) => named.get(n.number) ?? []);
  const outputs = publishedSteps(graphSteps, links.together.map((g) => g.numbers), reviewed);
  problems.push(...unusedSteps(graphSteps, outputs));
  readAllSources(definition, nodes, links, problems);
  problems.push(...reviewProblems(definition.reviewer, definition.people, nodes));

  const steps = [...graphSteps];
  if (definition.reviewer !== null && nodes.at(-1)?.kind === 'draft') {
    steps.push({ number: null, kind: 'review', planStepId: null, title: 'Review', label: 'review', dependsOn: outputs, reads: [], reviewer: definition.reviewer });
  }
  return { graph: { steps, outputs }, problems };
}

type ReportUnknown = (step: number | null, wanted: number, words: string) => void;

/** The steps each step names, by number or by what they do; numbers the list lacks are reported once and dropped. */
function namedNeeds(nodes: readonly Node[], links: StepLinks, known: ReadonlySet<number>, unknown: ReportUnknown, problems: PlanProblem[]): Map<number, number[]> {
  const named = new Map<number, number[]>();
  for (const node of nodes) {
    const said: number[] = [];
    const reported = new Set<number>();
    for (const { number, words } of links.needs.get(node.number) ?? []) {
      if (known.has(number)) said.push(number);
      else if (!reported.has(number)) {
        reported.add(number);
        unknown(node.number, number, words);
      }
    }
    for (const { wait, sentence } of links.named.get(node.number) ?? []) {
      const found = matchNamed(wait.named, wait.review, node, nodes);
      if (found.length === 0 && wait.strong) problems.push(planProblem({ kind: 'sentence_unplaced', step: node.number, sentence, reason: 'names_no_step', words: wait.text }));
      said.push(...found);
    }
    const needs = [...new Set(said)];
    if (needs.length > 0 || links.startsAtOnce.has(node.number)) named.set(node.number, needs);
  }
  // Sentences about a step the list does not have ("Step 9 needs step 1").
  for (const [target, said] of links.needs) if (!known.has(target)) unknown(null, target, said[0]?.words ?? `step ${target}`);
  for (const target of [...links.notNeeds.keys(), ...links.startsAtOnce]) if (!known.has(target)) unknown(null, target, `step ${target}`);
  return named;
}

/** Steps that run alongside each other: said to run together, "doesn't need", or needed together by a later step. */
function stepsAlongside(
  nodes: readonly Node[],
  links: StepLinks,
  named: ReadonlyMap<number, number[]>,
  known: ReadonlySet<number>,
  unknown: ReportUnknown,
  problems: PlanProblem[],
): Map<number, Set<number>> {
  const alongside = new Map<number, Set<number>>();
  const pair = (a: number, b: number) => {
    if (a === b) return;
    alongside.set(a, (alongside.get(a) ?? new Set()).add(b));
    alongside.set(b, (alongside.get(b) ?? new Set()).add(a));
  };
  for (const group of links.together) {
    for (const n of group.numbers) if (!known.has(n)) unknown(group.step, n, group.sentence);
    const members = group.numbers.filter((n) => known.has(n));
    for (const a of members) for (const b of members) pair(a, b);
    for (const a of members) {
      const b = (named.get(a) ?? []).find((n) => members.includes(n));
      if (b !== undefined) problems.push(planProblem({ kind: 'steps_together_but_dependent', sentence: group.sentence, step: a, needs: b }));
    }
  }
  for (const [target, others] of links.notNeeds) for (const n of others) pair(target, n);
  const byNumber = new Map(nodes.map((n) => [n.number, n]));
  for (const needs of named.values()) {
    if (needs.length < 2) continue;
    for (const n of needs) {
      const node = byNumber.get(n);
      if (node && !named.has(n) && !refersBack(node.sentences.join(' '))) for (const m of needs) if (m < n) pair(n, m);
    }
  }
  return alongside;
}

/**
 * Sets what each step needs: drafting steps first (what they need never depends on a review's),
 * then "before step N", then reviews, which take the outputs so far.
 */
function linkSteps(nodes: readonly Node[], links: StepLinks, named: ReadonlyMap<number, number[]>, alongside: ReadonlyMap<number, ReadonlySet<number>>, unknown: ReportUnknown): void {
  nodes.forEach((node, i) => {
    if (node.kind === 'review') return;
    const own = named.get(node.number);
    node.implicit = own === undefined;
    node.step.dependsOn = own ?? followPrevious(node, nodes[i - 1], alongside);
  });
  const byNumber = new Map(nodes.map((n) => [n.number, n]));
  for (const [earlier, laters] of links.before) {
    for (const { number, words } of laters) {
      const later = byNumber.get(number);
      if (later) later.step.dependsOn = [...new Set([...later.step.dependsOn, earlier])];
      else unknown(earlier, number, words);
    }
  }
  nodes.forEach((node, i) => {
    if (node.kind !== 'review') return;
    node.step.dependsOn = named.get(node.number) ?? outputsSoFar(nodes.slice(0, i));
  });
  for (const node of nodes) node.step.dependsOn.sort((a, b) => a - b);
}

function readNodes(definition: WorkflowDefinition, plan: DraftingList): Node[] {
  const nodes: Node[] = [];
  let drafted = 0;
  for (const written of definition.steps) {
    const reading = readStep(written.text);
    const sentences = splitSentences(written.text).filter((s) => !isParallelHint(s));
    if (!reading.reviewOnly && reading.instruction === '') continue;
    const planStep = reading.reviewOnly ? null : plan.steps[drafted++];
    const title = planStep?.title ?? titleOf(written.text, `Step ${written.number}`);
    nodes.push({
      number: written.number,
      kind: reading.reviewOnly ? 'review' : 'draft',
      sentences,
      text: written.text,
      implicit: false,
      step: {
        number: written.number,
        kind: reading.reviewOnly ? 'review' : 'draft',
        planStepId: planStep?.id ?? null,
        title,
        label: reading.reviewOnly ? 'review' : labelOf(title),
        dependsOn: [],
        reads: reading.reviewOnly ? [] : 'all',
        reviewer: reading.reviewOnly ? reviewerOf(written.text, definition) : null,
      },
    });
  }
  if (drafted === 0) {
    // compile.ts drafts the Goal in one step before any review: step 0, which nothing names.
    const goal = plan.steps[0];
    if (goal) {
      const title = goal.title;
      nodes.unshift({
        number: 0,
        kind: 'draft',
        sentences: [],
        text: goal.instruction,
        implicit: false,
        step: { number: 0, kind: 'draft', planStepId: goal.id, title, label: labelOf(title), dependsOn: [], reads: 'all', reviewer: null },
      });
    }
  }
  return nodes;
}

/** The step before, or — when this one runs alongside it — what that step needs. */
function followPrevious(node: Node, previous: Node | undefined, alongside: ReadonlyMap<number, ReadonlySet<number>>): number[] {
  if (!previous) return [];
  const beside = alongside.get(node.number) ?? new Set<number>();
  // Two steps with one number (the registry reports it): neither is taken for the other.
  if (previous.number === node.number) return previous.step.dependsOn.filter((n) => n !== node.number);
  if (!beside.has(previous.number)) return [previous.number];
  return previous.step.dependsOn.filter((n) => !beside.has(n) && n !== node.number);
}

/** Steps before a review that nothing before it needs yet. */
function outputsSoFar(before: readonly Node[]): number[] {
  const needed = new Set(before.flatMap((n) => n.step.dependsOn));
  return before.filter((n) => !needed.has(n.number)).map((n) => n.number);
}

/** Other steps whose words match "the research" (a review's for "once the draft is approved"); earlier ones first. */
function matchNamed(named: string, review: boolean, self: Node, nodes: readonly Node[]): number[] {
  const parts = named.split(/\s*(?:,|\band\b|&)\s*/i).filter((p) => p !== '');
  const found: number[] = [];
  const index = nodes.indexOf(self);
  for (const part of parts) {
    if (review) {
      const gate = nodes.slice(0, index).reverse().find((n) => n.kind === 'review');
      if (gate) found.push(gate.number);
      if (gate) continue;
    }
    const wanted = contentWords(part, new Set(['first', 'second', 'initial', 'final', 'step', 'steps', 'work', 'part', 'bit', 'task']));
    const matches = nodes.filter((n) => n !== self && n.kind === 'draft' && containsAll(wordsOf(n.text), wanted));
    const earlier = matches.filter((n) => nodes.indexOf(n) < index);
    found.push(...(earlier.length > 0 ? earlier : matches).map((n) => n.number));
  }
  return [...new Set(found)];
}

function readAllSources(definition: WorkflowDefinition, nodes: readonly Node[], links: StepLinks, problems: PlanProblem[]): void {
  const scope: SourceScope = {
    context: definition.context,
    hasTriggerSubject: definition.watchFolder !== null || definition.rowTrigger !== null || definition.afterWorkflow !== null,
  };
  // "Steps 2, 3 and 4 only need the article, so …" says the steps need no other step, not that
  // they may not see the voice guide: such a sentence narrows no step's sources.
  for (const group of links.together) {
    for (const missing of readSources(group.sentence, scope).unknown) problems.push(sourceProblem(group.step, missing));
  }
  for (const node of nodes) {
    if (node.kind !== 'draft' || node.number === 0) continue; // the Goal step reads everything
    const reading = readSources(node.sentences.join('\n'), scope);
    for (const missing of reading.unknown) problems.push(sourceProblem(node.number, missing));
    node.step.reads = reading.refs.length === 0 ? 'all' : unique(reading.refs);
  }
}

function sourceProblem(step: number | null, missing: ReturnType<typeof readSources>['unknown'][number]): PlanProblem {
  return missing.source === 'named'
    ? planProblem({ kind: 'source_unknown', step, source: 'named', service: missing.service, name: missing.name })
    : planProblem({ kind: 'source_unknown', step, source: missing.source, service: null, name: missing.words });
}

function unique(refs: readonly ContextReference[]): StepReads {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = JSON.stringify(r);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Who approves a review step: the workspace person it names ("Alex checks step 3"), else the row's Reviewer. */
function reviewerOf(text: string, definition: WorkflowDefinition): Person | null {
  return namedPerson(text, definition.people) ?? definition.reviewer;
}
