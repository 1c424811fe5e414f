// What the workspace page's forms send, parsed before anything acts on it: a browser (or anyone
// on this machine) can post anything, so every field is checked here and a bad form becomes a
// message on the page, never a crash or a half-done change.
import { z } from 'zod';
import { readCsv } from '../../emulators/drive/csv';

/** A path on this server to go back to; never another site (an open redirect) or a scheme. */
const LocalPath = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this page')
  .default('/');

// Notion's limit for one rich-text object (reference/request-limits): longer text is refused.
const NotionText = z.string().max(2000, 'is over Notion’s 2000-character limit for one text');

export const PersonForm = z.object({ person: z.uuid('is not a person of this workspace'), back: LocalPath });
export const BackForm = z.object({ back: LocalPath });

/** One property of one page, as Notion's UI changes one cell at a time. */
export const PropertyForm = z.object({
  property: z.string().min(1, 'is missing'),
  /** Repeated for people; "true"/"false" for a checkbox; empty clears the value. */
  value: z.union([z.string(), z.array(z.string())]).default(''),
  back: LocalPath,
});
export type PropertyForm = z.infer<typeof PropertyForm>;

export const BodyForm = z.object({ markdown: z.string().max(200_000, 'is too long for one page'), back: LocalPath });
export const CommentForm = z.object({ text: NotionText.trim().min(1, 'is empty: type a comment first'), back: LocalPath });
export const NewRowForm = z.object({ title: NotionText.trim().min(1, 'is empty: give the new row a name'), back: LocalPath });

export const UploadKind = z.enum(['doc', 'sheet', 'text']);
export const UploadForm = z.object({
  name: z.string().trim().min(1, 'is empty: name the file').max(255, 'is too long for a file name'),
  kind: UploadKind,
  content: z.string().max(1_000_000, 'is over 1 MB'),
  back: LocalPath,
});
export type UploadForm = z.infer<typeof UploadForm>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The fields of an application/x-www-form-urlencoded body; a repeated field becomes a list. */
export function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const had = fields[key];
    fields[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return fields;
}

/** A form checked against its schema; the message names each field that is wrong and why. */
export function parseForm<T>(schema: z.ZodType<T>, body: string): Parsed<T> {
  const result = schema.safeParse(formFields(body));
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues
    .map((issue) => {
      const field = issue.path.join('.') || 'form';
      return issue.code === 'invalid_type' && issue.input === undefined ? `${field} is missing` : `${field} ${issue.message}`;
    })
    .join('; ');
  return { ok: false, message: `The form was not sent: ${message}.` };
}

/** A Sheet typed as CSV (RFC 4180, as Drive imports text/csv), without blank lines. */
export function sheetRows(content: string): string[][] {
  return readCsv(content.replace(/\r\n/g, '\n').trim()).filter((row) => row.some((cell) => cell.trim() !== ''));
}
