// multipart/related bodies (RFC 2387 / RFC 2046 §5.1.1) for uploadType=multipart: CRLF line
// breaks, each delimiter is CRLF "--" boundary, the last one is followed by "--".
// https://developers.google.com/workspace/drive/api/guides/manage-uploads#multipart — "the
// metadata part must come first and the media part second".
// Accepts what @googleapis/drive builds (googleapis-common apirequest.js: lowercase
// `content-type:` part headers, `\r\n--B--` with no trailing CRLF) and the documented form with a
// trailing CRLF.
import { driveErrors } from './google-errors';

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/related\s*;/i.test(contentType.trim())) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const malformed = () => driveErrors.badContent('Malformed multipart body.');
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos !== 0 && (pos < 2 || body.subarray(pos - 2, pos).toString() !== '\r\n')) throw malformed();
  const parts: Part[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw malformed();
    pos += 2;
    const headers: Record<string, string> = {};
    let start = pos + 2; // an empty header block: the blank line follows the delimiter line
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') {
      const headerEnd = body.indexOf('\r\n\r\n', pos);
      if (headerEnd < 0) throw malformed();
      for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) throw malformed();
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      start = headerEnd + 4;
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next < 0) throw malformed();
    parts.push({ headers, body: body.subarray(start, next) });
    pos = next + 2;
  }
}
