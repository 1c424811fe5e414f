// The row's Health column: "OK — …" when Baton can run it, otherwise what to fix.
//
// The OK line says what starts the row and when it last did: "OK — next run Mon 7 Dec 09:00
// (Europe/Paris); also runs when a file lands in Closed-won deals (last: Acme proposal, 3 Dec
// 10:14)". It never claims more than Baton does: without Drive push or Notion webhooks it says
// new files and rows are found by the minute check, and which setting turns the faster way on.
//
// Errors come first, then warnings (prefixed "Warning: "), one per line. Notion rejects a
// rich-text object over 2000 characters, so lines that do not fit are summed up as "…and N more".
import { formatSlot } from '../schedule';
import type { ChainTrigger, ContextReference, RowTrigger, WorkflowState } from '../domain/workflow-definition';
import type { LastTrigger } from '../domain/trigger-subject';
import type { RowProblem } from './row-problem';
import { rowProblemMessage } from './row-problem-message';

/** Notion's limit for one rich-text object. */
export const HEALTH_MAX_CHARS = 2000;

export interface HealthTextOptions {
  problems: readonly RowProblem[];
  /** The row's state; omitted = Active. */
  state?: WorkflowState | null;
  /** The time zone next runs are shown in. */
  timeZone: string;
  nextRun?: Date | null;
  watchFolder?: ContextReference | null;
  rowTrigger?: RowTrigger | null;
  afterWorkflow?: ChainTrigger | null;
  /** What last started the workflow (not the clock); `at` is ISO, shown in `timeZone`. */
  lastTrigger?: LastTrigger | null;
  /** Which event paths are on (env.ts integrations); omitted = say nothing about them. */
  /** `drivePushRefused`: why Google refused this row's drive a push channel (PUBLIC_URL is set, but push is not on). */
  capabilities?: { drivePush: boolean; notionWebhooks: boolean; drivePushRefused?: string | null };
}

export function healthText(options: HealthTextOptions): string {
  const errors = options.problems.filter((p) => p.severity === 'error').map(rowProblemMessage);
  const warnings = options.problems.filter((p) => p.severity === 'warning').map((p) => `Warning: ${rowProblemMessage(p)}`);
  const lines = errors.length > 0 ? [...errors, ...warnings] : [okLine(options), ...warnings];
  return fit(lines, HEALTH_MAX_CHARS);
}

function okLine({ state, timeZone, nextRun, watchFolder, rowTrigger, afterWorkflow, lastTrigger, capabilities }: HealthTextOptions): string {
  if (state === 'Paused') return 'OK — paused';
  if (state === 'Draft') return 'OK — draft; set State to Active to start it';
  const parts: string[] = [];
  if (nextRun) parts.push(`next run ${formatSlot(nextRun, timeZone)} (${timeZone})`);
  // Each event trigger, with how it is noticed when the faster way is off.
  const events: { words: string; note: string | null }[] = [];
  if (watchFolder) {
    events.push({
      words: `runs when a file lands in ${folderName(watchFolder)}`,
      note: !capabilities
        ? null
        : !capabilities.drivePush
          ? "new files are found by a check every minute (Drive push is off: set PUBLIC_URL to the worker's https address)"
          : capabilities.drivePushRefused
            ? `new files are found by a check every minute (${capabilities.drivePushRefused}; Google requires PUBLIC_URL's domain to be verified for push)`
            : null,
    });
  }
  if (rowTrigger) {
    events.push({
      words: `runs when a row in ${databaseName(rowTrigger)} has ${rowTrigger.property} = ${rowTrigger.value}`,
      note: capabilities && !capabilities.notionWebhooks ? 'rows are checked every minute (Notion webhooks are not set up: set NOTION_WEBHOOK_SECRET)' : null,
    });
  }
  if (afterWorkflow) events.push({ words: `runs when ${afterWorkflow.workflowName} publishes`, note: null });
  const last = lastTrigger ? lastWords(lastTrigger, timeZone) : null;
  events.forEach((event, i) => {
    // One "last" for the workflow, after the last way it can start.
    const words = i === events.length - 1 && last ? `${event.words} (${last})` : event.words;
    parts.push(parts.length > 0 ? `also ${words}` : words);
    if (event.note) parts.push(event.note);
  });
  if (events.length === 0 && last) parts.push(last);
  return parts.length > 0 ? `OK — ${parts.join('; ')}` : 'OK';
}

/** "last: Acme proposal, 3 Dec 10:14", in the row's time zone. */
function lastWords(last: LastTrigger, timeZone: string): string | null {
  const at = new Date(last.at);
  if (Number.isNaN(at.getTime())) return null;
  return `last: ${last.label}, ${formatSlot(at, timeZone).replace(/^\S+\s+/, '')}`;
}

function databaseName(trigger: RowTrigger): string {
  return trigger.label !== trigger.url ? trigger.label : `the database at ${trigger.url}`;
}

function folderName(folder: ContextReference): string {
  if (!('url' in folder) || folder.label !== folder.url) return folder.label;
  return `the Watch folder (${folder.url})`;
}

/** Joins lines with newlines, keeping as many whole lines as fit in `max` characters. */
function fit(lines: readonly string[], max: number): string {
  const clipped = lines.map((line) => (line.length > max - 40 ? `${line.slice(0, max - 41)}…` : line));
  const all = clipped.join('\n');
  if (all.length <= max) return all;
  let text = '';
  for (let i = 0; i < clipped.length; i++) {
    const next = text === '' ? clipped[i] ?? '' : `${text}\n${clipped[i] ?? ''}`;
    const more = `\n…and ${clipped.length - i - 1} more`;
    if (next.length + more.length > max) return `${text}\n…and ${clipped.length - i} more`;
    text = next;
  }
  return text;
}
