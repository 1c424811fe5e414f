// What started a run, when it was not the clock: the run's first context source and the subject
// its output is named after ("2026-12-03 — Kickoff brief — Acme proposal"). Stored with the run
// in D1 at admission, so a replayed run reads the same subject.
import * as z from 'zod';

export const TriggerSubject = z.discriminatedUnion('kind', [
  /** A file that landed in the Watch folder (uploaded, created, moved or copied in). */
  z.object({ kind: z.literal('drive_file'), fileId: z.string(), name: z.string(), url: z.string().nullable(), folderId: z.string() }),
  /** A row of a watched Notion database that reached the trigger's value. */
  z.object({ kind: z.literal('notion_row'), pageId: z.string(), title: z.string(), url: z.string().nullable(), enteredAt: z.string() }),
  /** Another workflow's published run. `path` lists the workflow page ids of the chain so far, oldest first. */
  z.object({
    kind: z.literal('chain'),
    upstreamRunId: z.string(),
    workflowName: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    path: z.array(z.string()),
  }),
  /** Run now: the row's checkbox or the API. */
  z.object({ kind: z.literal('manual'), via: z.enum(['checkbox', 'api']) }),
]);
export type TriggerSubject = z.infer<typeof TriggerSubject>;

/** The name a subject gives the run's outputs; null when the run is named by its date alone. */
export function subjectName(subject: TriggerSubject | null): string | null {
  if (!subject) return null;
  switch (subject.kind) {
    case 'drive_file':
      return subject.name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    case 'notion_row':
    case 'chain':
      return subject.title;
    case 'manual':
      return null;
  }
}

/** What last started a workflow, for its Health: "last: Acme proposal, 3 Dec 10:14". */
export const LastTrigger = z.object({ label: z.string(), at: z.string() });
export type LastTrigger = z.infer<typeof LastTrigger>;
