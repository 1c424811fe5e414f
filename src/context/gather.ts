// Reads a run's declared context sources through the adapters. A source that cannot be read
// is left out with the reason (recorded in provenance) rather than failing the whole run;
// rate limits and outages still throw so the step is retried.
import { DriveNotConnectedError, requireDrive, requireNotion, type Services } from '../services';
import type { ContextReference, WorkflowDefinition } from '../domain/workflow-definition';
import { DriveError } from '../adapters/drive';
import { isNotionNotFound } from '../adapters/notion';
import type { ContextSource } from './pack';

/** Newest files first; a folder with hundreds of files is not read whole every week. */
const MAX_FILES_PER_FOLDER = 30;

export interface GatheredContext {
  sources: ContextSource[];
  unavailable: { name: string; reason: string }[];
}

export async function gatherContext(services: Services, definition: WorkflowDefinition, runId: string): Promise<GatheredContext> {
  const result: GatheredContext = { sources: [], unavailable: [] };
  for (const ref of definition.context) {
    try {
      result.sources.push(...(await readReference(services, definition, ref, runId)));
    } catch (error) {
      const reason = unavailableReason(error);
      if (!reason) throw error;
      result.unavailable.push({ name: ref.label, reason });
    }
  }
  return result;
}

async function readReference(services: Services, definition: WorkflowDefinition, ref: ContextReference, runId: string): Promise<ContextSource[]> {
  switch (ref.kind) {
    case 'drive_folder': {
      const drive = requireDrive(services);
      const files = (await drive.listFolder(ref.id))
        .sort((a, b) => (b.modifiedTime ?? '').localeCompare(a.modifiedTime ?? ''))
        .slice(0, MAX_FILES_PER_FOLDER);
      const sources: ContextSource[] = [];
      for (const file of files) {
        const text = await drive.readText(file);
        if (text !== null) {
          sources.push({ name: file.name, kind: 'drive_folder_file', url: file.webViewLink, text, modifiedTime: file.modifiedTime });
        }
      }
      return sources;
    }
    case 'drive_file': {
      const drive = requireDrive(services);
      const file = await drive.getFile(ref.id);
      const text = await drive.readText(file);
      return text === null ? [] : [{ name: file.name, kind: 'drive_file', url: file.webViewLink ?? ref.url, text, modifiedTime: file.modifiedTime }];
    }
    case 'notion_page': {
      const notion = requireNotion(services);
      const { markdown } = await notion.readMarkdown(ref.id);
      return [{ name: ref.label || 'Notion page', kind: 'notion_page', url: ref.url, text: markdown }];
    }
    case 'previous_output': {
      const previous = await services.store.lastPublishedOutput(definition.pageId, runId);
      return previous ? [{ name: `${ref.label} (${previous.title})`, kind: 'previous_output', url: previous.url, text: previous.markdown }] : [];
    }
    case 'trigger_file':
    case 'described':
      // Schedule runs have no triggering file; described sources have no link to follow.
      return [];
  }
}

function unavailableReason(error: unknown): string | null {
  if (error instanceof DriveNotConnectedError) return error.message;
  if (error instanceof DriveError && (error.info.status === 404 || (error.info.status === 403 && !error.transient))) {
    return 'not found, or not shared with Baton';
  }
  if (isNotionNotFound(error)) return 'not found, or not shared with the Baton integration';
  return null;
}
