// The row's Health column: "OK — …" when Baton can run it, otherwise what to fix.
//
// Errors come first, then warnings (prefixed "Warning: "), one per line. Notion rejects a
// rich-text object over 2000 characters, so lines that do not fit are summed up as "…and N more".
import { formatSlot } from '../schedule';
import type { ContextReference, WorkflowState } from '../domain/workflow-definition';
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
}

export function healthText(options: HealthTextOptions): string {
  const errors = options.problems.filter((p) => p.severity === 'error').map(rowProblemMessage);
  const warnings = options.problems.filter((p) => p.severity === 'warning').map((p) => `Warning: ${rowProblemMessage(p)}`);
  const lines = errors.length > 0 ? [...errors, ...warnings] : [okLine(options), ...warnings];
  return fit(lines, HEALTH_MAX_CHARS);
}

function okLine({ state, timeZone, nextRun, watchFolder }: HealthTextOptions): string {
  if (state === 'Paused') return 'OK — paused';
  if (state === 'Draft') return 'OK — draft; set State to Active to start it';
  const parts: string[] = [];
  if (nextRun) parts.push(`next run ${formatSlot(nextRun, timeZone)} (${timeZone})`);
  if (watchFolder) parts.push(`${parts.length > 0 ? 'also ' : ''}runs when a file lands in ${folderName(watchFolder)}`);
  return parts.length > 0 ? `OK — ${parts.join('; ')}` : 'OK';
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
