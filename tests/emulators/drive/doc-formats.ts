// Exports of Google Docs and Sheets, and conversions of uploaded media into them.
// Formats: https://developers.google.com/workspace/drive/api/guides/ref-export-formats (Docs →
// Markdown, HTML, plain text, …; Sheets → CSV/TSV of the first sheet only, …) and
// https://developers.google.com/workspace/drive/api/guides/manage-uploads#import-docs.
// Formats Drive offers but the stand-in cannot render (docx, pdf, xlsx, …) answer 501, so a test
// never mistakes them for a Drive refusal.
import { readCsv, writeDelimited } from './csv';
import { driveErrors } from './google-errors';
import { htmlToMarkdown, markdownToHtml, markdownToPlainText } from './markdown';
import { DOC_MIME, SHEET_MIME, type FileContent, type StoredFile } from './state';

export const DOC_EXPORTS = [
  'text/markdown',
  'text/html',
  'text/plain',
  'application/rtf',
  'application/vnd.oasis.opendocument.text',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/epub+zip',
  'application/zip',
];

export const SHEET_EXPORTS = [
  'text/csv',
  'text/tab-separated-values',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/zip',
];

/** The exported bytes of a Doc or Sheet; throws Drive's errors for formats it refuses. */
export function exportFile(file: StoredFile, mimeType: string): Buffer {
  const content = file.content;
  if (file.mimeType === DOC_MIME) {
    if (!DOC_EXPORTS.includes(mimeType)) throw driveErrors.conversionNotSupported();
    const markdown = content?.kind === 'doc' ? content.markdown : '';
    if (mimeType === 'text/markdown') return Buffer.from(markdown, 'utf8');
    if (mimeType === 'text/html') return Buffer.from(markdownToHtml(markdown, file.name), 'utf8');
    if (mimeType === 'text/plain') return Buffer.from(markdownToPlainText(markdown), 'utf8');
    throw driveErrors.notImplemented(`export of Docs to ${mimeType}`);
  }
  if (file.mimeType === SHEET_MIME) {
    if (!SHEET_EXPORTS.includes(mimeType)) throw driveErrors.conversionNotSupported();
    // "CSV … first sheet only" (ref-export-formats).
    const rows = content?.kind === 'sheet' ? (content.sheets[0]?.rows ?? []) : [];
    if (mimeType === 'text/csv') return Buffer.from(writeDelimited(rows, ','), 'utf8');
    if (mimeType === 'text/tab-separated-values') return Buffer.from(writeDelimited(rows, '\t'), 'utf8');
    throw driveErrors.notImplemented(`export of Sheets to ${mimeType}`);
  }
  throw driveErrors.notImplemented(`export of ${file.mimeType}`);
}

/** Content for an upload; `target` is the metadata mimeType, `media` the uploaded part's type. */
export function importContent(target: string, media: string, bytes: Buffer): FileContent {
  const type = media.split(';')[0]!.trim().toLowerCase();
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (target === DOC_MIME) {
    if (type === 'text/markdown' || type === 'text/x-markdown' || type === 'text/plain') return { kind: 'doc', markdown: text };
    if (type === 'text/html') return { kind: 'doc', markdown: htmlToMarkdown(text) };
    throw driveErrors.notImplemented(`conversion of ${type} to a Google Doc`);
  }
  if (target === SHEET_MIME) {
    if (type === 'text/csv') return { kind: 'sheet', sheets: [{ title: 'Sheet1', rows: readCsv(text) }] };
    if (type === 'text/tab-separated-values') return { kind: 'sheet', sheets: [{ title: 'Sheet1', rows: text.split(/\r?\n/).map((l) => l.split('\t')) }] };
    throw driveErrors.notImplemented(`conversion of ${type} to a Google Sheet`);
  }
  return { kind: 'blob', base64: bytes.toString('base64') };
}
