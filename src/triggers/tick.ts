// The minute tick: everything the cron trigger does, each task isolated so one failing
// (say, Notion rate-limiting the registry sync) does not stop the others.
import type { Config } from '../env';
import { createStore } from '../adapters/store';

export interface TickTask {
  name: string;
  run(now: Date): Promise<unknown>;
}

export interface TickReport {
  at: string;
  failed: { task: string; error: string }[];
}

export const LAST_TICK_KEY = 'last_tick';

export async function runTick(config: Config, now: Date, tasks: TickTask[] = []): Promise<TickReport> {
  const failed: TickReport['failed'] = [];
  for (const task of tasks) {
    try {
      await task.run(now);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ task: task.name, error: message });
      console.error(`tick: ${task.name} failed: ${message}`);
    }
  }
  await createStore(config.db).setMeta(LAST_TICK_KEY, now.toISOString(), now);
  return { at: now.toISOString(), failed };
}
