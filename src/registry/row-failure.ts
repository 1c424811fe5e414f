// What the registry sync does when reading or checking one row throws: is it worth trying the
// row again at the next tick (a rate limit, an outage), or is it an answer to put in words on
// that row's Health? Either way the other rows go on.
//
// Which failures are transient is decided where each is born: DriveError.transient (Drive guide
// "Resolve errors"), GoogleAuthError.retryable, and classifyNotionError for Notion (429, 529,
// 5xx, 409, timeouts). A fetch that never got an answer throws a TypeError naming the network.
import { isNotionClientError } from '@notionhq/client';
import { DriveError } from '../adapters/drive';
import { GoogleAuthError } from '../adapters/google-auth';
import { classifyNotionError } from '../adapters/notion-retry';

const MAX_REASON_CHARS = 300;

export function isTransientFailure(error: unknown): boolean {
  if (error instanceof DriveError) return error.transient;
  if (error instanceof GoogleAuthError) return error.retryable;
  if (isNotionClientError(error)) return classifyNotionError(error) !== 'final';
  return error instanceof TypeError && /network|fetch|connection|socket/i.test(error.message);
}

/** The failure in words for the row's Health, without request bodies or credentials. */
export function failureReason(error: unknown): string {
  let reason: string;
  if (isNotionClientError(error)) reason = `Notion answered ${error.code}: ${error.message}`;
  else if (error instanceof DriveError || error instanceof GoogleAuthError) reason = error.message;
  else reason = `an unexpected error (${error instanceof Error ? error.message : String(error)})`;
  reason = reason.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}
