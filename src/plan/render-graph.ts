// The plan graph as one line a person can check on the row's Plan property:
//   1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish
// Steps are laid out in rounds: a step comes in the round after the last of the steps it
// needs. "∥" joins steps of one round (they run at the same time), "→" separates rounds. A step
// that needs only some of the round before it says which: "4 Summary (after 2)", so the line
// never suggests a wait the plan does not have.
//
// This is what the row's Plan property says (registry/plan-check.ts) and, with the row version,
// the Run row's Plan (compile.ts planVersion): the engine runs exactly this graph.
import type { GraphStep, PlanGraph } from '../domain/plan';
import { shorten } from './step-text';
import { listNumbers } from './words';

// Notion rejects a rich-text object over 2000 characters, and the Plan property is one.
const GRAPH_MAX_CHARS = 2000;
const LABEL_CHARS = [40, 24, 12] as const;

export interface PlanGraphTextOptions {
  /** Reviewer names by Notion user id ("Priya"); else the name on the row, else "the Reviewer". */
  reviewerNames?: Readonly<Record<string, string | null | undefined>>;
}

export function planGraph(graph: PlanGraph, options: PlanGraphTextOptions = {}): string {
  const rounds = roundsOf(graph.steps);
  let line = '';
  for (const max of LABEL_CHARS) {
    const parts = rounds.map((round, r) => round.map((step) => stepText(step, rounds[r - 1] ?? null, max, options)).join(' ∥ '));
    if (graph.outputs.length > 0) parts.push('publish');
    line = parts.join(' → ');
    if (line.length <= GRAPH_MAX_CHARS) return line;
  }
  return shorten(line, GRAPH_MAX_CHARS);
}

function stepText(step: GraphStep, previous: readonly GraphStep[] | null, max: number, options: PlanGraphTextOptions): string {
  const after = previous !== null && !sameSet(step.dependsOn, previous.flatMap((p) => (p.number === null ? [] : [p.number])));
  const needs = after ? `after ${listNumbers(step.dependsOn)}` : null;
  if (step.kind === 'review') {
    const who = step.reviewer ? options.reviewerNames?.[step.reviewer.id]?.trim() || step.reviewer.name?.trim() || 'the Reviewer' : 'nobody';
    return `review (${[who, needs].filter((p) => p !== null).join(', ')})`;
  }
  const name = `${step.number !== null && step.number > 0 ? `${step.number} ` : ''}${shorten(step.label, max)}`;
  return needs ? `${name} (${needs})` : name;
}

/** Steps by round: a step's round is one more than the latest round of the steps it needs. */
function roundsOf(steps: readonly GraphStep[]): GraphStep[][] {
  const byNumber = new Map(steps.flatMap((s) => (s.number === null ? [] : [[s.number, s] as const])));
  const round = new Map<GraphStep, number>();
  const visiting = new Set<GraphStep>();
  const roundOf = (step: GraphStep): number => {
    const known = round.get(step);
    if (known !== undefined) return known;
    if (visiting.has(step)) return 0; // a circle of steps (reported as a problem): laid out as written
    visiting.add(step);
    const needed = step.dependsOn.flatMap((n) => {
      const other = byNumber.get(n);
      return other ? [roundOf(other)] : [];
    });
    visiting.delete(step);
    const r = needed.length === 0 ? 0 : Math.max(...needed) + 1;
    round.set(step, r);
    return r;
  };
  const rounds: GraphStep[][] = [];
  for (const step of steps) (rounds[roundOf(step)] ??= []).push(step);
  return rounds.filter((r) => r !== undefined && r.length > 0);
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((n) => y.has(n));
}
