// Before a run publishes: are its Output folder and Output page (a Trial run: its Trial folder and Trial page) still places Baton may write?
// The row was checked when it was edited, but folders move, pages are trashed and sharing
// changes afterwards; publishing into a folder moved outside the allowed roots would hand a
// run's sources to whoever can see that folder now. So the publish step asks again, and a
// reason here fails the run before anything is published. The Output page may be taken as
// allowed from what Baton remembers while webhooks are healthy (allowed-roots.ts, "Remembered
// standings"); a create under it answering 404 or "archived" then says why here
// (`refusedByNotion`) and forgets it.
//
// Drive (files.get `capabilities(canAddChildren)`, File resource reference): false when the
// account may not add files to the folder (viewer or commenter access), "always false when
// the item is not a folder". Service accounts "can't own any files" outside shared drives
// (Drive guide "Resolve errors", storageQuotaExceeded), so a My Drive folder cannot receive the
// Doc even with editor access.
//
// Rate limits and outages throw, for the step to retry; they are not reasons.
import type { Services } from '../services';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { FOLDER_MIME } from '../adapters/drive';
import { createRootsGuard, type RootsGuard } from './allowed-roots';
import { APIErrorCode, isNotionClientError } from '@notionhq/client';
import { isNotionNotFound } from '../adapters/notion';

/** A plain-words reason the run must not publish, or null when both destinations are fine. */
export async function checkOutputDestinations(
  services: Services,
  definition: WorkflowDefinition,
  guard: RootsGuard = createRootsGuard(services, { reuse: true }),
  /** A Trial run checks its Trial folder and Trial page instead, named as such. */
  which: 'output' | 'trial' = 'output',
): Promise<string | null> {
  const folder = which === 'trial' ? definition.trialFolder : definition.outputFolder;
  if (folder && (folder.kind === 'drive_folder' || folder.kind === 'drive_file')) {
    const reason = await folderReason(services, guard, folder.id, folder.url, which === 'trial' ? 'Trial folder' : 'Output folder');
    if (reason) return reason;
  }
  const page = which === 'trial' ? definition.trialPage : definition.outputPage;
  if (page && page.kind === 'notion_page') {
    const reason = await pageReason(services, guard, page.id, page.url, which === 'trial' ? 'Trial page' : 'Output page');
    if (reason) return reason;
  }
  return null;
}

async function folderReason(services: Services, guard: RootsGuard, id: string, url: string, field = 'Output folder'): Promise<string | null> {
  const account = services.config.google.serviceAccountEmail ?? "Baton's service account";
  const name = `The ${field} (${url})`;
  if (!services.drive) return `${name} cannot be written: Google Drive is not connected to Baton — ask whoever runs Baton to set it up.`;
  const file = await guard.driveFile(id);
  if (!file) return `${name} was deleted or is no longer shared with ${account} — share it with that account as Editor (Content manager in a shared drive), or choose another folder.`;
  const standing = await guard.drive(file);
  switch (standing) {
    case 'trashed':
      return `${name} is in the Google Drive trash — restore it, or choose another folder.`;
    case 'outside':
    case 'missing':
      return `${name} is no longer inside the folders Baton may use (ALLOWED_DRIVE_ROOTS); it may have been moved — move it back, or ask an admin to allow the folder it is in now.`;
    case 'allowed':
      break;
  }
  if (file.mimeType !== FOLDER_MIME) return `${name} is a file, not a folder — choose the Drive folder the Google Docs should go to.`;
  if (file.canAddChildren === false) {
    return `${account} can see the ${field} (${url}) but cannot add files to it — share it with that account as Editor (Content manager in a shared drive).`;
  }
  if (!file.driveId) {
    return `${name} is in someone's My Drive, where a service account cannot create files — move it into a shared drive (or choose a folder in one).`;
  }
  return null;
}

/**
 * Why creating a page under the Output (or Trial) page failed, in the words of pageReason, when
 * Notion's answer says the page is gone (404: deleted, or no longer shared — Notion sends no event
 * when sharing is removed) or in the trash (400 "Can't edit block that is archived"); null for any
 * other error. What Baton remembered of the page is forgotten either way.
 */
export async function refusedByNotion(services: Services, definition: WorkflowDefinition, error: unknown, which: 'output' | 'trial' = 'output'): Promise<string | null> {
  const page = which === 'trial' ? definition.trialPage : definition.outputPage;
  if (!page || page.kind !== 'notion_page') return null;
  const archived = isNotionClientError(error) && error.code === APIErrorCode.ValidationError && /archived/i.test(error.message);
  if (!isNotionNotFound(error) && !archived) return null;
  const guard = createRootsGuard(services);
  await guard.forgetNotion(page.id);
  return pageReason(services, guard, page.id, page.url, which === 'trial' ? 'Trial page' : 'Output page');
}

async function pageReason(services: Services, guard: RootsGuard, id: string, url: string, field = 'Output page'): Promise<string | null> {
  const name = `The ${field} (${url})`;
  if (!services.notion) return `${name} cannot be written: Notion is not connected to Baton.`;
  switch (await guard.notion(id)) {
    case 'allowed':
      return null;
    case 'missing':
      return `${name} was deleted or is no longer shared with the Baton integration — share it again (••• → Connections → add Baton), or choose another page.`;
    case 'trashed':
      return `${name} is in Notion's trash — restore it, or choose another page.`;
    case 'outside':
      return `${name} is no longer inside the pages Baton may use (ALLOWED_NOTION_PAGES); it may have been moved — move it back, or ask an admin to allow the page it is under now.`;
    case 'parent_hidden':
      return `${name} is shared with Baton but the page above it is not, so Baton cannot confirm it is inside the pages it may use — share the page above it with the Baton integration.`;
    case 'database':
      return `${name} is a Notion database, not a page — choose the page the dated pages should go under.`;
  }
}
