// A publish that must not go ahead because its destination is not a place Baton may write now:
// a NonRetryableError (a retry cannot help), saying why and that nothing was published.
import { NonRetryableError } from 'cloudflare:workflows';
import type { Services } from '../services';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { refusedByNotion } from '../registry/output-destinations';

export function notPublished(reason: string): NonRetryableError {
  return new NonRetryableError(`${reason.replace(/\.$/, '')}; nothing was published`);
}

/**
 * Creates the run's page under its Output (or Trial) page. When Notion's answer says that page went
 * since Baton last walked it (trashed, or no longer shared), the run fails saying so
 * (output-destinations.ts `refusedByNotion`); any other error goes on, for the step to retry.
 */
export async function createUnderNotionPage<T>(services: Services, definition: WorkflowDefinition, which: 'output' | 'trial', create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    const refused = await refusedByNotion(services, definition, error, which);
    if (refused) throw notPublished(refused);
    throw error;
  }
}
