// Which Drive files start a run, and when a file is ready to be read. Pure: files and instants in.
//
// - A file starts a run when it is now directly in a watched folder and was not seen there
//   before: uploaded, created in place, moved in (its parents changed) or copied in all look the
//   same from here. Folders, shortcuts, trashed files and Baton's own outputs (tagged with the
//   run id appProperty when published) never do.
// - A file still being written is waited out: a zero-byte blob, or one whose size or
//   modifiedTime changed since it was last looked at, is read only once both have held still for
//   the settle time (Drive for desktop and other sync clients create a file, then fill it).
//   A new Doc or Sheet may well be empty at first (someone is about to type into it); it is
//   read once it, too, has held still.
import { FOLDER_MIME, isWorkspaceMime, SHORTCUT_MIME, type DriveFile } from '../adapters/drive';
import { RUN_ID_APP_PROPERTY } from '../publish/publish';

export type ArrivalSkip = 'not_in_folder' | 'folder' | 'shortcut' | 'trashed' | 'baton_output';

/** Why `file` does not count as a file that landed in `folderId`; null when it does. */
export function arrivalSkip(file: DriveFile, folderId: string): ArrivalSkip | null {
  if (!file.parents.includes(folderId)) return 'not_in_folder';
  if (file.trashed) return 'trashed';
  if (file.mimeType === FOLDER_MIME) return 'folder';
  if (file.mimeType === SHORTCUT_MIME) return 'shortcut';
  if (file.appProperties[RUN_ID_APP_PROPERTY] !== undefined) return 'baton_output';
  return null;
}

export interface Observation {
  size: string | null;
  modifiedTime: string | null;
  /** When Baton saw these values first (ISO). */
  observedAt: string;
}

export type Readiness = 'ready' | 'empty' | 'changing';

/**
 * Whether a file can be read now. `previous` is the last observation Baton kept (null the first
 * time); `current` what Drive says now.
 */
export function readiness(file: Pick<DriveFile, 'mimeType'>, current: Omit<Observation, 'observedAt'>, previous: Observation | null, now: Date, settleMs: number): Readiness {
  // Blobs without a size are still being uploaded; Docs report none in some answers, so for them
  // only a stated zero counts as empty.
  if (isWorkspaceMime(file.mimeType) ? current.size !== null && Number(current.size) === 0 : current.size === null || Number(current.size) === 0) return 'empty';
  const modified = current.modifiedTime ? Date.parse(current.modifiedTime) : Number.NaN;
  // Untouched for the settle time already (an old file moved or copied in, a finished upload).
  if (Number.isFinite(modified) && now.getTime() - modified >= settleMs) return 'ready';
  const unchanged = previous !== null && previous.size === current.size && previous.modifiedTime === current.modifiedTime;
  if (unchanged && now.getTime() - Date.parse(previous.observedAt) >= settleMs) return 'ready';
  return 'changing';
}

/** The change feed a file's drive belongs to: a shared drive's id, or My Drive. */
export function driveKeyOf(file: Pick<DriveFile, 'driveId'>): string {
  return file.driveId ?? MY_DRIVE;
}

export const MY_DRIVE = 'my-drive';

/** The shared drive id of a feed key, or null for My Drive (whose calls take no driveId). */
export function driveIdOf(driveKey: string): string | null {
  return driveKey === MY_DRIVE ? null : driveKey;
}
