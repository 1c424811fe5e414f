// The corpus most suites start from: a shared drive with an inbox and an outbox, and a few My
// Drive items owned by a person.
import type { Seed } from './index';

export const TEAM = '0ATeamDriveAaUk9PVA';
export const ROOT = '0AMyDriveRootUk9PVA';
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

export const seed: Seed = {
  rootFolderId: ROOT,
  drives: [{ id: TEAM, name: 'Team' }],
  files: [
    { id: 'inbox', name: 'Inbox', parent: TEAM, createdTime: '2026-10-01T08:00:00Z' },
    { id: 'outbox', name: 'Outbox', parent: TEAM, createdTime: '2026-10-01T08:00:00Z' },
    {
      id: 'brief',
      name: 'Weekly brief',
      parent: 'inbox',
      markdown: '# Weekly brief\n\nHello **team**, see [the plan](https://example.com/plan).\n\n- one\n- two',
      createdTime: '2026-11-01T09:00:00Z',
    },
    {
      id: 'budget',
      name: 'Budget 2026',
      parent: 'inbox',
      sheets: [
        { title: 'Q1', rows: [['item', 'cost'], ['paper, A4', '12'], ['ink "black"', '30']] },
        { title: 'Q2', rows: [['not', 'exported']] },
      ],
      createdTime: '2026-11-02T09:00:00Z',
    },
    { id: 'notes', name: 'notes.txt', parent: 'inbox', text: 'plain notes', createdTime: '2026-11-20T10:00:00Z' },
    { id: 'report', name: 'report.pdf', parent: 'inbox', mimeType: 'application/pdf', base64: PDF_BYTES.toString('base64'), createdTime: '2026-11-21T10:00:00Z' },
    { id: 'old', name: 'Old draft', parent: 'inbox', markdown: 'old', trashed: true, createdTime: '2026-09-01T10:00:00Z' },
    { id: 'tagged', name: 'Tagged output', parent: 'outbox', markdown: 'done', appProperties: { runId: 'r-123' }, createdTime: '2026-11-22T10:00:00Z' },
    { id: 'hello', name: 'HelloWorld plan', parent: 'root', markdown: 'plan', createdTime: '2026-11-03T10:00:00Z' },
    { id: 'say', name: 'Say Hello', parent: 'root', text: 'hi', createdTime: '2026-11-04T10:00:00Z' },
  ],
};
