import { describe, expect, it } from 'vitest';
import type { DriveFile } from '../../src/adapters/drive';
import { arrivalSkip, driveIdOf, driveKeyOf, MY_DRIVE, readiness } from '../../src/triggers/drive-arrivals';

const file = (over: Partial<DriveFile> = {}): DriveFile => ({
  id: 'f1',
  name: 'Proposal.pdf',
  mimeType: 'application/pdf',
  parents: ['watched'],
  driveId: 'shared-1',
  trashed: false,
  modifiedTime: '2026-12-03T10:00:00.000Z',
  webViewLink: null,
  appProperties: {},
  size: '2048',
  ...over,
});
const at = (iso: string) => new Date(iso);
const SETTLE = 15_000;

describe('which files count as having landed in a watched folder', () => {
  it('counts a file directly in the folder, whatever brought it there', () => {
    expect(arrivalSkip(file(), 'watched')).toBeNull();
  });
  it('skips files elsewhere, folders, shortcuts, trashed files and Baton’s own outputs', () => {
    expect(arrivalSkip(file({ parents: ['other'] }), 'watched')).toBe('not_in_folder');
    expect(arrivalSkip(file({ mimeType: 'application/vnd.google-apps.folder' }), 'watched')).toBe('folder');
    expect(arrivalSkip(file({ mimeType: 'application/vnd.google-apps.shortcut' }), 'watched')).toBe('shortcut');
    expect(arrivalSkip(file({ trashed: true }), 'watched')).toBe('trashed');
    expect(arrivalSkip(file({ appProperties: { batonRunId: 'run-drive-abc' } }), 'watched')).toBe('baton_output');
  });
});

describe('when a new file is ready to read', () => {
  const current = (f: DriveFile) => ({ size: f.size, modifiedTime: f.modifiedTime });
  it('reads a file untouched for the settle time at once (moved or copied in, or a finished upload)', () => {
    expect(readiness(file(), current(file()), null, at('2026-12-03T10:00:15.000Z'), SETTLE)).toBe('ready');
  });
  it('waits while a fresh file may still be changing, then reads it once it held still for the settle time', () => {
    // Drive's clock may run ahead of the worker's: holding still is what counts then.
    const f = file({ modifiedTime: '2026-12-03T10:00:30.000Z' });
    expect(readiness(f, current(f), null, at('2026-12-03T10:00:02.000Z'), SETTLE)).toBe('changing');
    const seen = { ...current(f), observedAt: '2026-12-03T10:00:02.000Z' };
    expect(readiness(f, current(f), seen, at('2026-12-03T10:00:10.000Z'), 8_000)).toBe('ready');
    expect(readiness(f, current(f), seen, at('2026-12-03T10:00:09.000Z'), 8_000)).toBe('changing');
  });
  it('does not take a file that changed since it was last seen as settled', () => {
    const seen = { size: '1024', modifiedTime: '2026-12-03T09:59:58.000Z', observedAt: '2026-12-03T09:59:58.000Z' };
    expect(readiness(file(), current(file()), seen, at('2026-12-03T10:00:05.000Z'), SETTLE)).toBe('changing');
  });
  it('never reads an empty blob, however old, but reads a Doc that reports no size', () => {
    expect(readiness(file({ size: '0', modifiedTime: '2026-01-01T00:00:00.000Z' }), { size: '0', modifiedTime: '2026-01-01T00:00:00.000Z' }, null, at('2026-12-03T10:00:00.000Z'), SETTLE)).toBe('empty');
    expect(readiness(file({ size: null }), { size: null, modifiedTime: '2026-01-01T00:00:00.000Z' }, null, at('2026-12-03T10:00:00.000Z'), SETTLE)).toBe('empty');
    const doc = file({ mimeType: 'application/vnd.google-apps.document', size: null, modifiedTime: '2026-01-01T00:00:00.000Z' });
    expect(readiness(doc, current(doc), null, at('2026-12-03T10:00:00.000Z'), SETTLE)).toBe('ready');
  });
});

describe('change feeds', () => {
  it('keys a shared drive by its id and My Drive by name, and back', () => {
    expect(driveKeyOf(file())).toBe('shared-1');
    expect(driveKeyOf(file({ driveId: null }))).toBe(MY_DRIVE);
    expect(driveIdOf(MY_DRIVE)).toBeNull();
    expect(driveIdOf('shared-1')).toBe('shared-1');
  });
});
