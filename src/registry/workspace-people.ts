// The workspace's people for one registry sync: Notion's user list, read once (lazily, when the
// first row is read, so a quiet tick costs no request) and kept for the rest of the pass. A new
// sync reads it again, so a person who joined or was renamed is matched from the next pass on.
//
// The list failing never stops the sync: rows are read without names and say why on Health.
// A rate limit or outage is answered `unavailable` (the adapter has already retried it; the sync
// reads those rows again next tick), a 403 `no_capability` (the integration lacks user
// information), anything else `failed`. The answer is kept for the pass either way, so one failed
// list is not retried, with its backoff, for every row.
import type { NotionAdapter } from '../adapters/notion';
import { failureReason, isTransientFailure } from './row-failure';
import type { WorkspacePeople } from './step-people';

export interface PeopleDirectory {
  read(): Promise<WorkspacePeople>;
}

export function createPeopleDirectory(notion: Pick<NotionAdapter, 'listUsers'>): PeopleDirectory {
  let listed: Promise<WorkspacePeople> | undefined;
  const list = async (): Promise<WorkspacePeople> => {
    try {
      const answer = await notion.listUsers();
      return answer.ok ? { ok: true, people: answer.people } : { ok: false, reason: 'no_capability', detail: null };
    } catch (error) {
      return { ok: false, reason: isTransientFailure(error) ? 'unavailable' : 'failed', detail: failureReason(error) };
    }
  };
  return {
    read() {
      listed ??= list();
      return listed;
    },
  };
}
