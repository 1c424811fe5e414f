// The run status machine: which Status changes a Run may make. Pure; the engine and the
// review queue ask it before they write a Status to Notion or to D1.
//
//   Queued → Running → Needs review ⇄ Changes requested
//                    ↘              ↘ Approved → Publishing → Published
//                      (no review gate) ────────↗
//   Approved → Running when more steps or another review come after that review.
//   Failed and Cancelled from any live state; Published, Failed, Cancelled are final.
//   Needs review → Expired when nobody reviewed in time and the workflow says Expire (final; the
//   draft stays on the Run page, nothing is published).
import * as z from 'zod';

export const RunStatus = z.enum([
  'Queued',
  'Running',
  'Needs review',
  'Changes requested',
  'Approved',
  'Publishing',
  'Published',
  'Failed',
  'Cancelled',
  'Expired',
]);
export type RunStatus = z.infer<typeof RunStatus>;

export const FINAL_STATUSES: readonly RunStatus[] = ['Published', 'Failed', 'Cancelled', 'Expired'];

const FORWARD: Record<RunStatus, readonly RunStatus[]> = {
  Queued: ['Running'],
  // A workflow without a Reviewer goes straight from drafting to publishing.
  Running: ['Needs review', 'Publishing'],
  'Needs review': ['Changes requested', 'Approved', 'Expired'],
  'Changes requested': ['Needs review'],
  // A review before later steps: the run drafts on after it (several review gates).
  Approved: ['Publishing', 'Running'],
  Publishing: ['Published'],
  Published: [],
  Failed: [],
  Cancelled: [],
  Expired: [],
};

export type TransitionResult =
  | { ok: true; from: RunStatus; to: RunStatus }
  | { ok: false; from: RunStatus; to: RunStatus; reason: string };

export function isFinal(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Accepts or rejects moving a run from one status to another. */
export function transition(from: RunStatus, to: RunStatus): TransitionResult {
  if (isFinal(from)) {
    return { ok: false, from, to, reason: `the run is already ${from} and cannot change` };
  }
  if ((to === 'Failed' || to === 'Cancelled') || FORWARD[from].includes(to)) {
    return { ok: true, from, to };
  }
  const allowed = [...FORWARD[from], 'Failed', 'Cancelled'].join(', ');
  return { ok: false, from, to, reason: `a ${from} run can only become ${allowed}` };
}
