// The stand-in's parsers on their own: `q`, `fields` and multipart/related bodies.
import { describe, expect, it } from 'vitest';
import { applyFields, parseFields, validateFields } from './fields';
import { DriveApiError } from './google-errors';
import { boundaryOf, parseMultipart } from './multipart';
import { parseQuery } from './query';
import { FILE_LIST } from './resource-shapes';

describe('q parser', () => {
  it('binds and tighter than or, and reads escaped quotes', () => {
    expect(parseQuery("name = 'Valentine\\'s Day' or trashed = true and starred = false")).toEqual({
      kind: 'or',
      left: { kind: 'compare', field: 'name', op: '=', value: { type: 'string', value: "Valentine's Day" } },
      right: {
        kind: 'and',
        left: { kind: 'compare', field: 'trashed', op: '=', value: { type: 'bool', value: true } },
        right: { kind: 'compare', field: 'starred', op: '=', value: { type: 'bool', value: false } },
      },
    });
  });

  it('reads has-terms and in-terms', () => {
    expect(parseQuery("appProperties has { key='runId' and value='r-1' } and 'F' in parents")).toEqual({
      kind: 'and',
      left: { kind: 'has', field: 'appProperties', key: 'runId', value: 'r-1' },
      right: { kind: 'in', value: 'F', field: 'parents' },
    });
  });

  it('rejects what Drive rejects', () => {
    for (const q of ['', 'name', "name contains 5", "'F' in name", "fullText = 'x'", "starred > true", "(name = 'x'", "modifiedTime > '2026-11-01'"]) {
      expect(() => parseQuery(q), q).toThrow(DriveApiError);
    }
  });
});

describe('fields grammar', () => {
  it('merges paths and sub-selections', () => {
    const tree = parseFields('nextPageToken, files/id,files(name,owners(emailAddress))');
    validateFields(tree, FILE_LIST);
    expect(applyFields({ kind: 'k', nextPageToken: 't', files: [{ id: '1', name: 'n', mimeType: 'm', owners: [{ emailAddress: 'e', me: true }] }] }, tree)).toEqual({
      nextPageToken: 't',
      files: [{ id: '1', name: 'n', owners: [{ emailAddress: 'e' }] }],
    });
  });

  it('rejects unbalanced or unknown selections', () => {
    expect(() => parseFields('files(id')).toThrow(DriveApiError);
    expect(() => validateFields(parseFields('files(owners(nope))'), FILE_LIST)).toThrow('Invalid field selection files/owners/nope');
  });
});

describe('multipart/related', () => {
  it('reads the raw request of the manage-uploads guide, trailing CRLF included', () => {
    const body = Buffer.from(
      '--B\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{"name":"x"}\r\n--B\r\nContent-Type: text/markdown\r\n\r\n# Title\r\n--B--\r\n',
    );
    expect(boundaryOf('multipart/related; boundary=B')).toBe('B');
    expect(boundaryOf('multipart/form-data; boundary=B')).toBeUndefined();
    const parts = parseMultipart(body, 'B');
    expect(parts.map((p) => [p.headers['content-type'], p.body.toString()])).toEqual([
      ['application/json; charset=UTF-8', '{"name":"x"}'],
      ['text/markdown', '# Title'],
    ]);
  });

  it('rejects a body that does not follow RFC 2046', () => {
    expect(() => parseMultipart(Buffer.from('--B\ncontent-type: a\n\nx\n--B--'), 'B')).toThrow(DriveApiError);
    expect(() => parseMultipart(Buffer.from('no boundary here'), 'B')).toThrow(DriveApiError);
  });
});
