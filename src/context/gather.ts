// Reads a run's declared context sources through the adapters. A source that cannot be read
// is left out with the reason (recorded in provenance) rather than failing the whole run;
// rate limits and outages still throw so the step is retried.
//
// Allowed roots are enforced here, on every run, not only when the row was checked: each Drive
// folder, Drive file and Notion page is looked up now and its ancestry walked (allowed-roots.ts)
// before any of its text is read. A source moved outside the roots since its row was checked is
// left out, and its text never reaches the model. A Notion page may be taken as allowed from what
// Baton remembers while webhooks are healthy (allowed-roots.ts, "Remembered standings"); its read
// answering 404 (sharing removed: Notion sends no event for that) forgets it, and it is left out.
import { DriveNotConnectedError, requireDrive, requireNotion, type Services } from '../services';
import type { ContextReference, WorkflowDefinition } from '../domain/workflow-definition';
import { DriveError } from '../adapters/drive';
import { isNotionNotFound } from '../adapters/notion';
import { createRootsGuard, type DriveStanding, type NotionStanding, type RootsGuard } from '../registry/allowed-roots';
import { sourceKey, TRIGGER_SOURCE_KEY, type ContextSource } from './pack';
import type { TriggerSubject } from '../domain/trigger-subject';
import { PUBLISHED_ARTIFACT, PublishedOutput } from '../adapters/store';
import { describeRow } from '../triggers/row-match';
import { previousOutputSource } from './previous-output';

/** Newest files first; a folder with hundreds of files is not read whole every week. */
const MAX_FILES_PER_FOLDER = 30;

export interface GatheredContext {
  sources: ContextSource[];
  unavailable: { name: string; reason: string }[];
}

export async function gatherContext(
  services: Services,
  definition: WorkflowDefinition,
  runId: string,
  subject: TriggerSubject | null = null,
): Promise<GatheredContext> {
  const result: GatheredContext = { sources: [], unavailable: [] };
  // One guard per gathering: what it walks is kept for the next run only as allowed-roots.ts says.
  const guard = createRootsGuard(services, { reuse: true });
  // What started the run comes first ("the new file", "the deal", "the brief"), whether or not
  // the Context section names it.
  if (subject) {
    try {
      result.sources.push(...(await readSubject(services, guard, subject)).map((source) => ({ ...source, ref: TRIGGER_SOURCE_KEY })));
    } catch (error) {
      const reason = unavailableReason(error);
      if (!reason) throw error;
      result.unavailable.push({ name: subjectLabel(subject), reason });
    }
  }
  for (const ref of definition.context) {
    try {
      result.sources.push(...(await readReference(services, guard, definition, ref, runId)).map((source) => ({ ...source, ref: sourceKey(ref) })));
    } catch (error) {
      const reason = unavailableReason(error);
      if (!reason) throw error;
      result.unavailable.push({ name: ref.label, reason });
    }
  }
  return result;
}

/** A source Baton may not read now; `reason` is said in the run's provenance. */
class SourceRefusedError extends Error {
  override name = 'SourceRefusedError';
}

async function readReference(
  services: Services,
  guard: RootsGuard,
  definition: WorkflowDefinition,
  ref: ContextReference,
  runId: string,
): Promise<ContextSource[]> {
  switch (ref.kind) {
    case 'drive_folder': {
      const drive = requireDrive(services);
      const standing = await guard.drive(ref.id);
      if (standing !== 'allowed') throw new SourceRefusedError(driveRefusal(standing));
      // Files listed in an allowed folder are inside it: their ancestry is the folder's.
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
      const file = await guard.driveFile(ref.id);
      if (!file) throw new SourceRefusedError(driveRefusal('missing'));
      const standing = await guard.drive(file);
      if (standing !== 'allowed') throw new SourceRefusedError(driveRefusal(standing));
      const text = await drive.readText(file);
      return text === null ? [] : [{ name: file.name, kind: 'drive_file', url: file.webViewLink ?? ref.url, text, modifiedTime: file.modifiedTime }];
    }
    case 'notion_page': {
      const notion = requireNotion(services);
      const standing = await guard.notion(ref.id);
      if (standing !== 'allowed') throw new SourceRefusedError(notionRefusal(standing));
      const { markdown } = await readOrForget(guard, ref.id, () => notion.readMarkdown(ref.id));
      return [{ name: ref.label || 'Notion page', kind: 'notion_page', url: ref.url, text: markdown, modifiedTime: guard.notionEditedTime(ref.id) }];
    }
    case 'previous_output': {
      const previous = await services.store.lastPublishedOutput(definition.pageId, runId);
      return [previousOutputSource(ref.label, previous)];
    }
    case 'trigger_file':
    case 'described':
      // The trigger's subject is read above, first; described sources have no link to follow.
      return [];
  }
}

/** The trigger's subject as a context source, read with the same roots checks as any other. */
async function readSubject(services: Services, guard: RootsGuard, subject: TriggerSubject): Promise<ContextSource[]> {
  switch (subject.kind) {
    case 'drive_file': {
      const drive = requireDrive(services);
      const file = await guard.driveFile(subject.fileId);
      if (!file) throw new SourceRefusedError(driveRefusal('missing'));
      const standing = await guard.drive(file);
      if (standing !== 'allowed') throw new SourceRefusedError(driveRefusal(standing));
      const text = await drive.readText(file);
      if (text === null) throw new SourceRefusedError(`a ${file.mimeType} file, which Baton cannot read as text`);
      return [{ name: file.name, kind: 'trigger_file', url: file.webViewLink ?? subject.url, text, modifiedTime: file.modifiedTime }];
    }
    case 'notion_row': {
      const notion = requireNotion(services);
      const standing = await guard.notion(subject.pageId);
      if (standing !== 'allowed') throw new SourceRefusedError(notionRefusal(standing));
      const page = await readOrForget(guard, subject.pageId, () => notion.retrievePage(subject.pageId));
      const { markdown } = await notion.readMarkdown(subject.pageId);
      const text = [describeRow(page), markdown.trim()].filter(Boolean).join('\n\n');
      return [{ name: subject.title, kind: 'trigger_file', url: subject.url, text }];
    }
    case 'chain': {
      const body = await services.store.getArtifact(subject.upstreamRunId, PUBLISHED_ARTIFACT);
      if (body === null) throw new SourceRefusedError(`what ${subject.workflowName} published is no longer in Baton's record`);
      const published = PublishedOutput.parse(JSON.parse(body));
      return [{ name: published.title, kind: 'trigger_file', url: published.url, text: published.markdown }];
    }
    case 'manual':
      return [];
  }
}

function subjectLabel(subject: TriggerSubject): string {
  switch (subject.kind) {
    case 'drive_file':
      return subject.name;
    case 'notion_row':
    case 'chain':
      return subject.title;
    case 'manual':
      return 'Run now';
  }
}

function driveRefusal(standing: Exclude<DriveStanding, 'allowed'>): string {
  switch (standing) {
    case 'outside':
      return 'moved outside the folders Baton may read (ALLOWED_DRIVE_ROOTS), so it was not read';
    case 'missing':
      return 'not found, or not shared with Baton';
    case 'trashed':
      return 'in the Google Drive trash';
  }
}

function notionRefusal(standing: Exclude<NotionStanding, 'allowed'>): string {
  switch (standing) {
    case 'outside':
      return 'moved outside the pages Baton may read (ALLOWED_NOTION_PAGES), so it was not read';
    case 'missing':
      return 'not found, or not shared with the Baton integration';
    case 'trashed':
      return "in Notion's trash";
    case 'parent_hidden':
      return 'shared with Baton, but the page above it is not, so Baton cannot confirm it is inside the pages it may read';
    case 'database':
      return 'a Notion database, not a page';
  }
}

/** A 404 after the guard said allowed: what Baton remembered of the page is forgotten, and the 404 goes on. */
async function readOrForget<T>(guard: RootsGuard, pageId: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isNotionNotFound(error)) await guard.forgetNotion(pageId);
    throw error;
  }
}

function unavailableReason(error: unknown): string | null {
  if (error instanceof SourceRefusedError) return error.message;
  if (error instanceof DriveNotConnectedError) return error.message;
  if (error instanceof DriveError && (error.info.status === 404 || (error.info.status === 403 && !error.transient))) {
    return 'not found, or not shared with Baton';
  }
  if (isNotionNotFound(error)) return 'not found, or not shared with the Baton integration';
  return null;
}
