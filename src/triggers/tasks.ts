// What the minute tick does, in order: read the registry, admit due schedule slots, start the
// runs admitted (retrying any a crash left half-started), and reconcile review decisions that
// webhooks may have missed, and watch for stranded runs.
import type { Services } from '../services';
import { syncRegistry } from '../registry/sync';
import { reconcileReviews } from '../review/decide';
import { admitScheduledRuns, startPendingRuns } from './admit';
import { watchRuns } from './watchdog';
import type { TickTask } from './tick';

export function tickTasks(services: Services): TickTask[] {
  // Without Notion there is no registry to read and no Run row to write; /health says so.
  if (!services.notion) return [];
  return [
    { name: 'registry sync', run: (now) => syncRegistry(services, now) },
    { name: 'schedule admission', run: (now) => admitScheduledRuns(services, now) },
    { name: 'start admitted runs', run: (now) => startPendingRuns(services, now) },
    { name: 'review reconcile', run: (now) => reconcileReviews(services, now) },
    // Heartbeats are wall-clock times, so the watchdog is given the real time, not the slot's.
    { name: 'run watchdog', run: () => watchRuns(services, new Date()) },
  ];
}
