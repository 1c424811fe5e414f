// One execution of a workflow: the Run row in Notion and the durable Workflow instance.
import * as z from 'zod';
import { RunStatus } from './run-status';

export const TriggerKind = z.enum(['schedule', 'drive', 'notion', 'manual', 'chain']);
export type TriggerKind = z.infer<typeof TriggerKind>;

export const RunTrigger = z.object({
  kind: TriggerKind,
  /** What makes the run unique for its workflow: the slot, the Drive file id, the event id. */
  key: z.string(),
  scheduledFor: z.iso.datetime().nullable(),
});
export type RunTrigger = z.infer<typeof RunTrigger>;

export const TokenUsage = z.object({
  prompt: z.number().int().nonnegative(),
  completion: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const Run = z.object({
  /** Deterministic: derived from (workflow, trigger key); also the Workflow instance id. */
  id: z.string(),
  workflowPageId: z.string(),
  /** The Run row's Notion page, once created. */
  runPageId: z.string().nullable(),
  status: RunStatus,
  trigger: RunTrigger,
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  links: z.object({
    notionPage: z.url().nullable(),
    driveDoc: z.url().nullable(),
  }),
  tokens: TokenUsage,
  /** Plain-words reason when Failed. */
  error: z.string().nullable(),
});
export type Run = z.infer<typeof Run>;
