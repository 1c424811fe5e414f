// The comment a Trial run leaves on its Run page once it is approved: where the trial output and
// the comparison with the human version are, or why there is none. Pure.
import * as z from 'zod';
import type { WorkflowDefinition } from '../domain/workflow-definition';

export interface TrialLinks {
  pageUrl: string | null;
  docUrl: string | null;
  docUrls?: string[];
  comparisonUrl: string | null;
}

/** What the comparison step found, kept in D1 (`trial-compared`) so a retry says the same. */
export const Compared = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), summary: z.string(), human: z.object({ title: z.string(), url: z.string() }) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type Compared = z.infer<typeof Compared>;

/** The Run page comment: where the trial output and the comparison are, in plain words. */
export function trialNote(definition: Pick<WorkflowDefinition, 'humanVersion'>, links: TrialLinks, compared: Compared | null, reviewed = true): string {
  const done = reviewed ? 'approved, and ' : '';
  const live = 'Set Mode to Live on the workflow to publish to the Output page and folder instead.';
  if (links.pageUrl === null && links.docUrl === null) {
    return `Trial mode: ${done}nothing was published — the ${reviewed ? 'approved ' : ''}text stays on this page. Add a Trial page or a Trial folder to the workflow to publish trial outputs there${definition.humanVersion ? ' and compare them with the Human version' : ''}. ${live}`;
  }
  const where = [links.pageUrl && `Trial page: ${links.pageUrl}`, links.docUrl && `Trial Doc: ${links.docUrl}`].filter(Boolean).join(' · ');
  const comparison =
    compared === null
      ? 'Link a Human version on the workflow to have each trial compared with the version the team wrote.'
      : compared.ok
        ? `Compared with the human version "${compared.human.title}" (${compared.human.url}): ${compared.summary}. Comparison: ${links.comparisonUrl ?? 'beside the trial output'}.`
        : `Baton could not compare it with the human version: ${compared.reason}.`;
  return `Trial mode: ${done}published only to the trial destinations, not the live Output page or folder. ${where}. ${comparison} ${live}`;
}
