// Which failures are worth retrying, and how each is said to a person.
// Inside a Workflow step, a permanent failure is thrown as the platform's NonRetryableError so
// the step is not retried; anything else is retried with backoff by the step's config.
import { NonRetryableError } from 'cloudflare:workflows';
import { APIErrorCode, isNotionClientError } from '@notionhq/client';
import { DriveError } from '../adapters/drive';
import { GoogleAuthError } from '../adapters/google-auth';
import { ModelError } from '../adapters/llm';
import { classifyNotionError } from '../adapters/notion-retry';

export type Failure = { permanent: boolean; message: string };

/** A step's failure reaches the workflow as an Error whose message carries the original name. */
const NON_RETRYABLE_PREFIX = /^NonRetryableError: /;

export function classifyFailure(error: unknown): Failure {
  if (error instanceof NonRetryableError) return { permanent: true, message: error.message };
  if (error instanceof Error && NON_RETRYABLE_PREFIX.test(error.message)) {
    return { permanent: true, message: error.message.replace(NON_RETRYABLE_PREFIX, '') };
  }
  if (error instanceof ModelError) return { permanent: error.permanent, message: error.message };
  if (error instanceof GoogleAuthError) return { permanent: !error.retryable, message: `Google sign-in failed: ${error.message}` };
  if (error instanceof DriveError) {
    return { permanent: !error.transient, message: driveMessage(error) };
  }
  if (isNotionClientError(error)) {
    const code = error.code;
    // Refused or doubtful answers are worth a retry of the step (adapters/notion-retry.ts).
    const transient = classifyNotionError(error) !== 'final';
    const hint = code === APIErrorCode.ObjectNotFound ? ' — share the page with the Baton integration' : '';
    return { permanent: !transient, message: `Notion answered ${code}: ${error.message}${hint}` };
  }
  return { permanent: false, message: error instanceof Error ? error.message : String(error) };
}

function driveMessage(error: DriveError): string {
  const { status, reason } = error.info;
  if (status === 404) return `Google Drive could not find a file or folder Baton needed, or it is not shared with Baton’s service account (${error.call})`;
  if (reason === 'storageQuotaExceeded') return 'Google Drive refused the upload: service accounts can only create files in shared drives — move the Output folder into a shared drive';
  if (status === 403) return `Google Drive refused access (${reason ?? 'forbidden'}): share the folder with Baton’s service account (${error.call})`;
  return error.message;
}

/** Rethrows so the Workflows runtime retries only what may succeed on a retry. */
export function rethrowForStep(error: unknown): never {
  const failure = classifyFailure(error);
  if (failure.permanent && !(error instanceof NonRetryableError)) throw new NonRetryableError(failure.message);
  throw error;
}
