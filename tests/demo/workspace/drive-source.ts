// The Drive stand-in as the team sees it: the shared drive's folders and files, a Doc's text, a
// Sheet's cells; and a person dropping a file into a folder.
// - Listing uses the admin listing (GET /__admin/files), the view of the whole drive a member has.
// - A Doc or Sheet is read through the public API's files.export (Docs → text/markdown, Sheets →
//   text/csv of the first sheet: developers.google.com/workspace/drive/api/guides/ref-export-formats)
//   with a token the stand-in issues for the service account (POST /__admin/tokens, "for the
//   demo"). The token stays in this process: it is never put on a page or in an error.
// - An upload goes through POST /__admin/files with `as` set to the person, as Drive's UI would
//   record them, so the change log and the push notification Baton watches are Drive's own.
import { z } from 'zod';
import { StandInError } from './notion-actions';
import { readCsv } from '../../emulators/drive/csv';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOC_MIME = 'application/vnd.google-apps.document';
export const SHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export const DriveFile = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  parents: z.array(z.string()).optional(),
  trashed: z.boolean().optional(),
  modifiedTime: z.string().optional(),
  lastModifyingUser: z.object({ displayName: z.string().optional() }).optional(),
  size: z.string().optional(),
});
export type DriveFile = z.infer<typeof DriveFile>;
const Listing = z.object({ drives: z.array(z.object({ id: z.string(), name: z.string() })), files: z.array(DriveFile) });
export type DriveListing = z.infer<typeof Listing>;

export type FileContent = { kind: 'doc'; markdown: string } | { kind: 'sheet'; rows: string[][] } | { kind: 'text'; text: string } | { kind: 'none' };

export type DriveUpload = { name: string; parentId: string; as: { displayName: string; emailAddress: string } } & ({ markdown: string } | { rows: string[][] } | { text: string });

export type DriveSource = ReturnType<typeof createDriveSource>;

export function createDriveSource(baseUrl: string, serviceAccountEmail: string) {
  let token: { value: string; until: number } | undefined;

  async function request(path: string, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(`${baseUrl}${path}`, init);
    } catch (error) {
      throw new StandInError(`The Drive stand-in did not answer (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  async function refused(res: Response, what: string): Promise<never> {
    const body: unknown = await res.json().catch(() => undefined);
    const error = body && typeof body === 'object' && 'error' in body ? body.error : undefined;
    const message = typeof error === 'string' ? error : error && typeof error === 'object' && 'message' in error ? String(error.message) : `status ${res.status}`;
    throw new StandInError(`Drive refused ${what}: ${message}`);
  }
  async function bearer(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const res = await request('/__admin/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: serviceAccountEmail }) });
    if (!res.ok) return refused(res, 'a token');
    const { access_token } = z.object({ access_token: z.string() }).parse(await res.json());
    // Google's access tokens last an hour (developers.google.com/identity/protocols/oauth2/service-account); renew well before.
    token = { value: access_token, until: Date.now() + 30 * 60_000 };
    return access_token;
  }
  async function exported(fileId: string, mimeType: string): Promise<string> {
    const res = await request(`/drive/v3/files/${encodeURIComponent(fileId)}/export?mimeType=${encodeURIComponent(mimeType)}`, {
      headers: { authorization: `Bearer ${await bearer()}` },
    });
    if (!res.ok) return refused(res, 'the export');
    return res.text();
  }

  return {
    async listing(): Promise<DriveListing> {
      const res = await request('/__admin/files');
      if (!res.ok) return refused(res, 'the listing');
      const listing = Listing.parse(await res.json());
      return { drives: listing.drives, files: listing.files.filter((f) => !f.trashed) };
    },

    async content(file: DriveFile): Promise<FileContent> {
      if (file.mimeType === DOC_MIME) return { kind: 'doc', markdown: await exported(file.id, 'text/markdown') };
      if (file.mimeType === SHEET_MIME) return { kind: 'sheet', rows: readCsv(await exported(file.id, 'text/csv')) };
      if (file.mimeType.startsWith('text/')) {
        const res = await request(`/drive/v3/files/${encodeURIComponent(file.id)}?alt=media&supportsAllDrives=true`, { headers: { authorization: `Bearer ${await bearer()}` } });
        if (!res.ok) return refused(res, 'the download');
        return { kind: 'text', text: await res.text() };
      }
      return { kind: 'none' };
    },

    async upload(input: DriveUpload): Promise<DriveFile> {
      const res = await request('/__admin/files', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      if (!res.ok) return refused(res, 'the upload');
      return DriveFile.parse(await res.json());
    },
  };
}
