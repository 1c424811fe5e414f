// The Run row in Notion: property values Baton writes (Notion's write shapes) and the few it
// reads back, parsed with zod because people edit these rows.
import * as z from 'zod';
import type { PagePropertiesRequest } from '../adapters/notion';
import { RunStatus } from '../domain/run-status';
import type { TriggerKind } from '../domain/run';

/** Notion rejects text objects over 2000 characters (developers.notion.com/reference/request-limits). */
const TEXT_LIMIT = 2000;

export function text(content: string): { type: 'text'; text: { content: string } }[] {
  const chunks: { type: 'text'; text: { content: string } }[] = [];
  for (let i = 0; i < content.length; i += TEXT_LIMIT) chunks.push({ type: 'text', text: { content: content.slice(i, i + TEXT_LIMIT) } });
  return chunks.slice(0, 100);
}

/** "@Maya", "@Maya and @Sam", "@Maya, @Sam and @Ana", as comment rich text. */
export function mentionList(ids: readonly string[]) {
  return ids.flatMap((id, i) => [...(i > 0 ? text(i === ids.length - 1 ? ' and ' : ', ') : []), { type: 'mention' as const, mention: { user: { id } } }]);
}

export interface NewRunRow {
  name: string;
  workflowPageId: string;
  runId: string;
  trigger: TriggerKind;
  scheduledFor: string | null;
  reviewerId: string | null;
  /** Which plan the run follows (planVersion): the row may change while it runs. */
  plan: string;
}

/** `status`: the row's first state (Running when its run starts right after: triggers/create-run-row.ts). */
export function newRunProperties(row: NewRunRow, options: { withPlan?: boolean; status?: RunStatus } = {}): PagePropertiesRequest {
  return {
    Name: { title: text(row.name) },
    Workflow: { relation: [{ id: row.workflowPageId }] },
    Status: { select: { name: options.status ?? 'Queued' } },
    'Run ID': { rich_text: text(row.runId) },
    ...(options.withPlan === false ? {} : { Plan: { rich_text: text(row.plan) } }),
    Trigger: { select: { name: row.trigger } },
    ...(row.scheduledFor ? { 'Scheduled for': { date: { start: row.scheduledFor } } } : {}),
    ...(row.reviewerId ? { Reviewer: { people: [{ id: row.reviewerId }] } } : {}),
  };
}

export function statusProperty(status: RunStatus): PagePropertiesRequest {
  return { Status: { select: { name: status } } };
}

export function dateProperty(name: string, at: Date | string): PagePropertiesRequest {
  return { [name]: { date: { start: typeof at === 'string' ? at : at.toISOString() } } };
}

const RichText = z.array(z.object({ plain_text: z.string() })).transform((parts) => parts.map((p) => p.plain_text).join(''));

const RunRowProperties = z.object({
  Status: z.object({ select: z.object({ name: z.string() }).nullable() }).optional(),
  Feedback: z.object({ rich_text: RichText }).optional(),
  'Run ID': z.object({ rich_text: RichText }).optional(),
  Reviewer: z.object({ people: z.array(z.object({ id: z.string() })) }).optional().catch(undefined),
});

export interface RunRowState {
  /** The Status a person set, if it is one Baton knows. */
  status: RunStatus | null;
  feedback: string;
  runId: string | null;
  /** The people in the row's Reviewer (a change while in review is a hand-over). */
  reviewers: string[];
  lastEditedBy: string | null;
  lastEditedTime: string | null;
}

export function readRunRow(page: unknown): RunRowState {
  const parsed = z
    .object({
      properties: RunRowProperties,
      last_edited_by: z.object({ id: z.string() }).optional(),
      last_edited_time: z.string().optional(),
    })
    .parse(page);
  const status = RunStatus.safeParse(parsed.properties.Status?.select?.name);
  return {
    status: status.success ? status.data : null,
    feedback: parsed.properties.Feedback?.rich_text.trim() ?? '',
    runId: parsed.properties['Run ID']?.rich_text.trim() || null,
    reviewers: parsed.properties.Reviewer?.people.map((p) => p.id) ?? [],
    lastEditedBy: parsed.last_edited_by?.id ?? null,
    lastEditedTime: parsed.last_edited_time ?? null,
  };
}
