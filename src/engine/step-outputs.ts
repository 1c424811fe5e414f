// What each step of a run produced, and how outputs travel: into the steps that need them, onto
// the Run page for a review, and into the published page.
//
//   step-N          step N's output once it passed its checks (check-output.ts)
//   step-N-try-K    what the model answered on attempt K (1–3) of step N, kept so a retried
//                   Workflow step does not ask again
// A review shows one step's output as it is, or a set as one section per step ("## LinkedIn
// post"), the step's label as heading. What the reviewer approved replaces those outputs for
// everything after the review: a set is split back at the same headings. Earlier reviews of the
// run stay on the Run page below the open one, under REVIEWED_EARLIER, for the record; the text
// under it is never taken as the open review's.
import type { Plan, PlanStep, ReviewGate } from '../domain/plan';
import type { Services } from '../services';
import { approvedName } from '../review/round-records';

export const stepArtifact = (step: Pick<PlanStep, 'number'>) => `step-${step.number}`;
export const attemptArtifact = (step: Pick<PlanStep, 'number'>, attempt: number) => `step-${step.number}-try-${attempt}`;

/** The heading Baton puts above the record of a run's earlier reviews on the Run page. */
export const REVIEWED_EARLIER = 'Reviewed earlier in this run';

export interface StepOutput {
  step: PlanStep;
  text: string;
}

/** One step's output as it is; several as a section each, under the step's label. */
export function composeSet(parts: readonly StepOutput[]): string {
  if (parts.length === 1) return parts[0]!.text.trim();
  return parts.map((p) => `## ${p.step.label}\n\n${demoteHeadings(p.text.trim())}`).join('\n\n');
}

/**
 * A set split back into its parts at the headings composeSet wrote, in order; null when one is
 * missing (the reviewer removed or renamed it), so the caller can say which.
 */
export function splitSet(markdown: string, steps: readonly PlanStep[]): { parts: StepOutput[] } | { missing: PlanStep } {
  if (steps.length === 1) return { parts: [{ step: steps[0]!, text: markdown.trim() }] };
  const lines = markdown.split('\n');
  const starts: number[] = [];
  let from = 0;
  for (const step of steps) {
    const at = lines.findIndex((line, i) => i >= from && sameHeading(line, step.label));
    if (at === -1) return { missing: step };
    starts.push(at);
    from = at + 1;
  }
  const parts = steps.map((step, i) => ({
    step,
    text: lines.slice(starts[i]! + 1, starts[i + 1] ?? lines.length).join('\n').trim(),
  }));
  return { parts };
}

/** The open review's part of a Run page: everything above the record of earlier reviews. */
export function openPart(markdown: string): string {
  const lines = markdown.split('\n');
  const at = lines.findIndex((line) => sameHeading(line, REVIEWED_EARLIER));
  if (at === -1) return markdown;
  // The rule Baton writes above the heading goes too.
  const kept = lines.slice(0, at);
  while (kept.length > 0 && /^\s*(?:---+|\*\*\*+)?\s*$/.test(kept.at(-1)!)) kept.pop();
  return kept.join('\n');
}

/** A Run page: the open review's draft, then what earlier reviews approved. */
export function pageWithRecord(draft: string, earlier: readonly { title: string; reviewer: string; text: string }[]): string {
  if (earlier.length === 0) return draft;
  const record = earlier.map((e) => `### ${e.title} — approved by ${e.reviewer}\n\n${demoteHeadings(e.text.trim(), 4)}`);
  return [draft.trim(), '---', `## ${REVIEWED_EARLIER}`, ...record].join('\n\n');
}

/**
 * The outputs of `ids`, in order, as the run has them now: what a review approved where a
 * review of that step was approved (`approvedRounds`: gate id → its last round), else what the
 * step drafted. Throws when one is missing — a step is never started before what it needs.
 */
export async function outputsOf(
  services: Services,
  runId: string,
  plan: Plan,
  ids: readonly string[],
  approvedRounds: Readonly<Record<string, number>>,
): Promise<StepOutput[]> {
  const out: StepOutput[] = [];
  for (const id of ids) {
    const step = plan.steps.find((s) => s.id === id);
    if (!step) continue;
    const gate = plan.reviewGates.find((g) => g.reviews.includes(id) && approvedRounds[g.id] !== undefined);
    const approved = gate ? await approvedPart(services, runId, plan, gate, approvedRounds[gate.id]!, step) : null;
    const text = approved ?? (await services.store.getArtifact(runId, stepArtifact(step)));
    if (text === null) throw new Error(`Step ${step.number} ("${step.title}") has no output yet, but something that needs it started`);
    out.push({ step, text });
  }
  return out;
}

/** The reviewed steps of a gate, in plan order. */
export function reviewedSteps(plan: Plan, gate: ReviewGate): PlanStep[] {
  return plan.steps.filter((s) => gate.reviews.includes(s.id));
}

async function approvedPart(services: Services, runId: string, plan: Plan, gate: ReviewGate, round: number, step: PlanStep): Promise<string | null> {
  const page = await services.store.getArtifact(runId, approvedName(round));
  if (page === null) return null;
  const split = splitSet(openPart(page), reviewedSteps(plan, gate));
  if ('missing' in split) {
    throw new Error(`The text ${gate.reviewerName ?? 'the reviewer'} approved no longer has the section "${split.missing.label}", so Baton cannot tell which part is "${split.missing.title}"; start a new run`);
  }
  return split.parts.find((p) => p.step.id === step.id)?.text ?? null;
}

function sameHeading(line: string, title: string): boolean {
  const match = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
  return match !== null && normal(match[1]!) === normal(title);
}

function normal(text: string): string {
  return text.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Headings inside a part sit below the part's own heading (## → ###), at most to level 6. */
function demoteHeadings(text: string, floor = 3): string {
  return text.replace(/^(#{1,6})(\s)/gm, (_, hashes: string, space: string) => `${'#'.repeat(Math.min(6, Math.max(floor, hashes.length + 1)))}${space}`);
}
