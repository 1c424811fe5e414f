// What the minute tick does, in order: read the registry (which also takes Run now requests),
// keep Drive watches and channels and read their change logs, reconcile watched Notion rows,
// admit due schedule slots, start the runs admitted (retrying any a crash left half-started),
// reconcile review decisions that webhooks may have missed, remind, escalate and time out reviews
// nobody decided, and watch for stranded runs.
import type { Services } from '../services';
import { syncRegistry } from '../registry/sync';
import { reconcileReviews } from '../review/decide';
import { remindReviews } from '../review/remind-reviews';
import { admitScheduledRuns, startPendingRuns } from './admit';
import { watchRuns } from './watchdog';
import { runDriveTriggers } from './drive-watch';
import { runNotionTriggers } from './notion-rows';
import type { TickTask } from './tick';

export function tickTasks(services: Services): TickTask[] {
  // Without Notion there is no registry to read and no Run row to write; /health says so.
  if (!services.notion) return [];
  return [
    { name: 'registry sync', run: (now) => syncRegistry(services, now) },
    // Without Drive there is no folder to watch; the rows' Health says the link cannot be checked.
    ...(services.drive ? [{ name: 'drive triggers', run: (now: Date) => runDriveTriggers(services, now) }] : []),
    { name: 'notion row triggers', run: (now) => runNotionTriggers(services, now) },
    { name: 'schedule admission', run: (now) => admitScheduledRuns(services, now) },
    { name: 'start admitted runs', run: (now) => startPendingRuns(services, now) },
    { name: 'review reconcile', run: (now) => reconcileReviews(services, now) },
    // After the reconcile, so a decision made since the last tick is taken before any reminder or timeout.
    { name: 'review reminders', run: (now) => remindReviews(services, now) },
    // Heartbeats are wall-clock times, so the watchdog is given the real time, not the slot's.
    { name: 'run watchdog', run: () => watchRuns(services, new Date()) },
  ];
}
