// Who changed a Run row's Status — the only person whose decision counts is its author, never
// simply the page's last editor (Alex sets Approved, Maya fixes a typo: the last editor is
// Maya, the approval is Alex's). Notion keeps no per-property history
// (developers.notion.com: pages have only page-level last_edited_by), so the rule uses what it
// does expose, and says "unknown" rather than guess:
//
// - Webhook: a `page.properties_updated` event whose `data.updated_properties` names the Status
//   property carries the `authors` of that change. One author → that person. Several (Notion
//   batches edits within about a minute) → unknown unless none of them is the reviewer.
// - Reconcile (no event, or it was lost): the page's last editor made the Status change only if
//   the body is as Baton last saw it — then the last edit since was a property change (Status,
//   perhaps Feedback typed with it), made by that editor. (Residual: Alex sets Status and Maya
//   then types only Feedback reads as Maya's.) If the body changed
//   too, the author is unknown.
// - Unknown → Baton asks the reviewer in a comment to confirm, and takes the decision from the
//   reviewer's reply or from a Status change that can be attributed.
// Pure: plain data in, a verdict out.
import type { SeenPage } from './round-records';
import { sameText } from './round-records';

export type Attribution =
  | { kind: 'author'; personId: string }
  | { kind: 'unknown'; reason: string }
  /** Nothing changed since Baton last looked (it already asked, and is waiting). */
  | { kind: 'unchanged' }
  /** The evidence is not about Status (e.g. a body edit event): no decision from it. */
  | { kind: 'not_status' };

export interface WebhookEvidence {
  kind: 'webhook';
  /** People among the event's authors (Baton's bot left out). */
  authors: string[];
  /** Property ids the event names as updated; null when the event carries none. */
  updatedProperties: string[] | null;
}

export interface PageEvidence {
  kind: 'page';
  markdown: string;
  lastEditedBy: string | null;
  lastEditedTime: string | null;
}

export function attributeStatusChange(evidence: WebhookEvidence | PageEvidence, statusPropertyId: string | null, reviewerId: string | null, seen: SeenPage | null): Attribution {
  if (evidence.kind === 'webhook') {
    if (evidence.updatedProperties && statusPropertyId && !evidence.updatedProperties.includes(statusPropertyId)) return { kind: 'not_status' };
    if (evidence.updatedProperties === null) return { kind: 'not_status' };
    const [only, ...more] = evidence.authors;
    if (!only) return { kind: 'not_status' };
    if (more.length === 0) return { kind: 'author', personId: only };
    if (reviewerId && !evidence.authors.includes(reviewerId)) return { kind: 'author', personId: only };
    return { kind: 'unknown', reason: 'several people edited the row at the same moment' };
  }
  if (!evidence.lastEditedBy) return { kind: 'unknown', reason: 'Notion did not say who last edited the row' };
  if (!seen) return { kind: 'unknown', reason: 'Baton has no record of the page as it opened the review' };
  if (seen.lastEditedTime !== null && seen.lastEditedTime === evidence.lastEditedTime && seen.lastEditedBy === evidence.lastEditedBy) {
    return { kind: 'unchanged' };
  }
  // Only properties changed since (Status, perhaps Feedback typed with it): the last editor set them.
  if (sameText(seen.markdown, evidence.markdown)) return { kind: 'author', personId: evidence.lastEditedBy };
  return { kind: 'unknown', reason: 'the draft was edited around the time Status changed' };
}
