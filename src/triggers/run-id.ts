// A run's id is derived from what triggered it, so the same slot, file or event always maps to
// the same id. Workflow instance ids allow letters, digits, '-' and '_' (≤ 100 characters).
import type { TriggerKind } from '../domain/run';

export async function runIdFor(workflowPageId: string, kind: TriggerKind, key: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${workflowPageId}|${kind}|${key}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  return `run-${kind}-${hex}`;
}
