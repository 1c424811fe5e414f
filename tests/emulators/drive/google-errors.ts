// Error bodies in the shapes Google sends them.
//
// Drive API errors: {error:{code, message, errors:[{domain, reason, message, location?,
// locationType?}]}} — https://developers.google.com/workspace/drive/api/guides/handle-errors.
// The wording of each message below is the one Drive returns today (seen in client issue
// reports); where a message could not be confirmed, the comment says so.
//
// Token endpoint errors: RFC 6749 §5.2 {error, error_description}, status 400 (401 for
// invalid_client) — https://developers.google.com/identity/protocols/oauth2/service-account.
import type { OutgoingResponse } from '../shared/server';

export interface ErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: 'parameter' | 'header' | 'other';
}

/** A Drive API failure; handlers throw it and the router turns it into a response. */
export class DriveApiError extends Error {
  constructor(
    readonly code: number,
    readonly item: ErrorItem,
    readonly extra: { status?: string; headers?: Record<string, string>; topMessage?: string } = {},
  ) {
    super(item.message);
  }

  toResponse(): OutgoingResponse {
    const error: Record<string, unknown> = {
      code: this.code,
      message: this.extra.topMessage ?? this.item.message,
      errors: [this.item],
    };
    if (this.extra.status) error.status = this.extra.status;
    return { status: this.code, headers: this.extra.headers, body: { error } };
  }
}

const param = (location: string) => ({ location, locationType: 'parameter' as const });

export const driveErrors = {
  notFound: (fileId: string, location = 'fileId') =>
    new DriveApiError(404, { domain: 'global', reason: 'notFound', message: `File not found: ${fileId}.`, ...param(location) }),
  sharedDriveNotFound: (driveId: string) =>
    new DriveApiError(404, { domain: 'global', reason: 'notFound', message: `Shared drive not found: ${driveId}`, ...param('driveId') }),
  /** Invalid query, page token, enum value: Drive answers "Invalid Value" with reason invalid. */
  invalidValue: (location: string, message = 'Invalid Value') =>
    new DriveApiError(400, { domain: 'global', reason: 'invalid', message, ...param(location) }),
  invalidParameter: (location: string, message: string) =>
    new DriveApiError(400, { domain: 'global', reason: 'invalidParameter', message, ...param(location) }),
  required: (location: string) =>
    new DriveApiError(400, { domain: 'global', reason: 'required', message: `Required parameter: ${location}`, ...param(location) }),
  badRequest: (message: string, location?: string) =>
    new DriveApiError(400, { domain: 'global', reason: 'badRequest', message, ...(location ? param(location) : {}) }),
  badRequestWithReason: (reason: string, message: string) => new DriveApiError(400, { domain: 'global', reason, message }),
  parseError: () => new DriveApiError(400, { domain: 'global', reason: 'parseError', message: 'Parse Error' }),
  badContent: (message: string) => new DriveApiError(400, { domain: 'global', reason: 'badContent', message }),
  fieldNotWritable: () =>
    new DriveApiError(403, {
      domain: 'global',
      reason: 'fieldNotWritable',
      message: 'The resource body includes fields which are not directly writable.',
    }),
  /** files.update with `parents` in the body; wording from client reports (prasmussen/gdrive#341,
   *  RobinBobin/react-native-google-drive-api-wrapper#65). */
  parentsNotWritable: () =>
    new DriveApiError(403, {
      domain: 'global',
      reason: 'fieldNotWritable',
      message: 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.',
    }),
  /** handle-errors guide, teamDrivesParentLimit. */
  teamDrivesParentLimit: () =>
    new DriveApiError(403, { domain: 'global', reason: 'teamDrivesParentLimit', message: 'A shared drive item must have exactly one parent.' }),
  /** handle-errors guide, teamDrivesFolderMoveInNotSupported. */
  teamDrivesFolderMoveInNotSupported: () =>
    new DriveApiError(403, {
      domain: 'global',
      reason: 'teamDrivesFolderMoveInNotSupported',
      message: 'Moving folders into shared drives is not supported.',
    }),
  /** files.copy of a folder ("Folders cannot be copied"); the message is the one clients report
   *  (Spazzlo/folderclone#87), the reason is from Google's reason list as GAM carries it. */
  cannotCopyFile: () =>
    new DriveApiError(403, { domain: 'global', reason: 'cannotCopyFile', message: 'This file cannot be copied by the user.' }),
  fileNotDownloadable: () =>
    new DriveApiError(403, {
      domain: 'global',
      reason: 'fileNotDownloadable',
      message: 'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
      ...param('alt'),
    }),
  fileNotExportable: () =>
    new DriveApiError(403, { domain: 'global', reason: 'fileNotExportable', message: 'Export only supports Docs Editors files.' }),
  conversionNotSupported: () =>
    new DriveApiError(400, {
      domain: 'global',
      reason: 'badRequest',
      message: 'The requested conversion is not supported.',
      ...param('convertTo'),
    }),
  exportSizeLimitExceeded: () =>
    new DriveApiError(403, { domain: 'global', reason: 'exportSizeLimitExceeded', message: 'This file is too large to be exported.' }),
  storageQuotaExceeded: () =>
    new DriveApiError(403, {
      domain: 'usageLimits',
      reason: 'storageQuotaExceeded',
      message:
        'Service Accounts do not have storage quota. Leverage shared drives (https://developers.google.com/workspace/drive/api/guides/about-shareddrives), or use OAuth delegation (http://support.google.com/a/answer/7281227) instead.',
    }),
  cannotAddParent: () =>
    new DriveApiError(403, { domain: 'global', reason: 'cannotAddParent', message: 'Increasing the number of parents is not allowed' }),
  /** Wording not confirmed; status and reason follow the files.create reference. */
  duplicateId: () =>
    new DriveApiError(409, { domain: 'global', reason: 'duplicate', message: 'A file already exists with the provided ID.' }),
  loginRequired: () =>
    new DriveApiError(
      401,
      { domain: 'global', reason: 'required', message: 'Login Required.', location: 'Authorization', locationType: 'header' },
      {
        status: 'UNAUTHENTICATED',
        topMessage:
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
      },
    ),
  invalidCredentials: () =>
    new DriveApiError(
      401,
      { domain: 'global', reason: 'authError', message: 'Invalid Credentials', location: 'Authorization', locationType: 'header' },
      {
        status: 'UNAUTHENTICATED',
        topMessage:
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
      },
    ),
  insufficientScopes: () =>
    new DriveApiError(
      403,
      { domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' },
      { status: 'PERMISSION_DENIED', topMessage: 'Request had insufficient authentication scopes.' },
    ),
  /** A real Drive feature this stand-in does not model: loud, never mistaken for a Drive answer. */
  notImplemented: (what: string) =>
    new DriveApiError(501, { domain: 'standIn', reason: 'notImplementedByStandIn', message: `Drive stand-in: ${what} is not implemented.` }),
};

/** The retryable and quota errors of the handle-errors page, for fault injection. */
export function presetError(status: number, reason?: string, message?: string): DriveApiError {
  const presets: Record<string, ErrorItem> = {
    '403:userRateLimitExceeded': { domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' },
    '403:rateLimitExceeded': { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
    '429:rateLimitExceeded': { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
    '403:dailyLimitExceeded': { domain: 'usageLimits', reason: 'dailyLimitExceeded', message: 'Daily Limit Exceeded' },
    '403:sharingRateLimitExceeded': { domain: 'global', reason: 'sharingRateLimitExceeded', message: 'Rate limit exceeded. User message: "Sorry, you have exceeded your sharing quota."' },
    '403:storageQuotaExceeded': driveErrors.storageQuotaExceeded().item,
    '500:backendError': { domain: 'global', reason: 'backendError', message: 'Backend Error' },
    '502:backendError': { domain: 'global', reason: 'backendError', message: 'Bad Gateway' },
    '503:backendError': { domain: 'global', reason: 'backendError', message: 'The service is currently unavailable.' },
    '504:backendError': { domain: 'global', reason: 'backendError', message: 'Deadline exceeded' },
  };
  const defaultReason: Record<number, string> = { 403: 'userRateLimitExceeded', 429: 'rateLimitExceeded', 500: 'backendError', 502: 'backendError', 503: 'backendError', 504: 'backendError' };
  const key = `${status}:${reason ?? defaultReason[status] ?? 'backendError'}`;
  const item = presets[key] ?? { domain: 'global', reason: reason ?? 'backendError', message: message ?? 'Backend Error' };
  const grpc: Record<number, string> = { 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };
  return new DriveApiError(status, { ...item, message: message ?? item.message }, { status: grpc[status] });
}

export function oauthError(error: string, description: string, status = 400): OutgoingResponse {
  return { status, headers: { 'cache-control': 'no-store' }, body: { error, error_description: description } };
}
