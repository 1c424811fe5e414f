// Which human-made version a trial is compared with: the Doc or page itself, the newest Doc in a
// folder (never Baton's own), the newest child page of a page — and only inside the allowed roots.
// Notion and Drive are small fakes that answer as the real APIs do (404 for what is not shared).
import { APIErrorCode, APIResponseError, type PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { DOC_MIME, DriveError, FOLDER_MIME, type DriveFile } from '../../src/adapters/drive';
import { readHumanVersion } from '../../src/publish/trial-human-version';
import type { Services } from '../../src/services';

const ROOT = 'bbbbbbbb-0000-4000-8000-000000000001';
const BRIEFS = 'bbbbbbbb-0000-4000-8000-000000000002';
const OLD = 'bbbbbbbb-0000-4000-8000-000000000003';
const NEW = 'bbbbbbbb-0000-4000-8000-000000000004';
const OUTSIDE = 'bbbbbbbb-0000-4000-8000-000000000005';

const notFound = (id: string) =>
  new APIResponseError({ code: APIErrorCode.ObjectNotFound, status: 404, message: `Could not find page with ID: ${id}.`, headers: new Headers(), rawBodyText: '', additional_data: undefined, request_id: undefined });

function page(id: string, parent: string | null, title: string, created: string): PageObjectResponse {
  return {
    object: 'page',
    id,
    url: `https://www.notion.so/${id.replace(/-/g, '')}`,
    created_time: created,
    parent: parent ? { type: 'page_id', page_id: parent } : { type: 'workspace', workspace: true },
    in_trash: false,
    properties: { title: { id: 'title', type: 'title', title: [{ plain_text: title }] } },
  } as unknown as PageObjectResponse;
}

const PAGES: Record<string, PageObjectResponse> = {
  [ROOT]: page(ROOT, null, 'Acme HQ', '2026-01-01T00:00:00.000Z'),
  [BRIEFS]: page(BRIEFS, ROOT, 'Strategy briefs', '2026-01-02T00:00:00.000Z'),
  [NEW]: page(NEW, BRIEFS, 'Brief — 30 Nov', '2026-11-30T07:00:00.000Z'),
  [OLD]: page(OLD, BRIEFS, 'Brief — 23 Nov', '2026-11-23T07:00:00.000Z'),
  [OUTSIDE]: page(OUTSIDE, null, 'Board notes', '2026-01-01T00:00:00.000Z'),
};
const CHILDREN: Record<string, string[]> = { [BRIEFS]: [NEW, OLD] };

const file = (id: string, parent: string, more: Partial<DriveFile> = {}): DriveFile => ({
  id,
  name: id,
  mimeType: DOC_MIME,
  parents: [parent],
  driveId: 'team-drive',
  trashed: false,
  modifiedTime: '2026-11-20T10:00:00.000Z',
  webViewLink: `https://docs.google.com/document/d/${id}/edit`,
  appProperties: {},
  size: null,
  ...more,
});

const FILES = [
  file('team-drive', 'none', { mimeType: FOLDER_MIME, parents: [] }),
  file('versions', 'team-drive', { mimeType: FOLDER_MIME }),
  // Newest first, as files.list orderBy "createdTime desc" answers.
  file('baton-trial', 'versions', { appProperties: { batonRunId: 'run-1' } }),
  file('notes.pdf', 'versions', { mimeType: 'application/pdf' }),
  file('brief-30-nov', 'versions'),
  file('brief-23-nov', 'versions'),
];

function services(): Services {
  const files = new Map(FILES.map((f) => [f.id, f]));
  return {
    config: { allowedDriveRoots: ['team-drive'], allowedNotionPages: [ROOT], google: { serviceAccountEmail: null } },
    notion: {
      async retrievePage(id: string) {
        const hit = PAGES[id];
        if (!hit) throw notFound(id);
        return hit;
      },
      async listChildPages(id: string) {
        return (CHILDREN[id] ?? []).map((c) => ({ id: c, title: (PAGES[c]!.properties.title as unknown as { title: { plain_text: string }[] }).title[0]!.plain_text }));
      },
      async readMarkdown(id: string) {
        return { markdown: `## Summary\ntext of ${id}`, truncated: false };
      },
    },
    drive: {
      async getFile(id: string) {
        const hit = files.get(id);
        if (!hit) throw new DriveError('files.get', { status: 404, reason: 'notFound' });
        return hit;
      },
      async listFolder(id: string) {
        return FILES.filter((f) => f.parents[0] === id && f.mimeType !== FOLDER_MIME);
      },
      async readText(f: DriveFile) {
        return f.mimeType === DOC_MIME ? `text of ${f.id}` : null;
      },
    },
  } as unknown as Services;
}

const notionRef = (id: string) => ({ kind: 'notion_page', id, url: `https://www.notion.so/${id.replace(/-/g, '')}`, label: 'Briefs' }) as const;
const driveRef = (kind: 'drive_folder' | 'drive_file', id: string) => ({ kind, id, url: `https://drive.google.com/drive/folders/${id}`, label: id }) as const;

describe('reading the human version of a trial', () => {
  it('takes the newest child page of a page the team files its versions under', async () => {
    expect(await readHumanVersion(services(), notionRef(BRIEFS))).toMatchObject({ ok: true, version: { title: 'Brief — 30 Nov', markdown: `## Summary\ntext of ${NEW}` } });
  });

  it('takes a page without child pages as the version itself', async () => {
    expect(await readHumanVersion(services(), notionRef(OLD))).toMatchObject({ ok: true, version: { title: 'Brief — 23 Nov', url: PAGES[OLD]!.url } });
  });

  it('takes the newest Doc in a folder, never one of Baton’s own', async () => {
    expect(await readHumanVersion(services(), driveRef('drive_folder', 'versions'))).toMatchObject({ ok: true, version: { title: 'brief-30-nov', markdown: 'text of brief-30-nov' } });
  });

  it('reads a linked Doc', async () => {
    expect(await readHumanVersion(services(), driveRef('drive_file', 'brief-23-nov'))).toMatchObject({ ok: true, version: { title: 'brief-23-nov' } });
  });

  it('refuses a page outside the allowed pages, in words for the Run page', async () => {
    const reading = await readHumanVersion(services(), notionRef(OUTSIDE));
    expect(reading).toEqual({ ok: false, reason: `the Human version (https://www.notion.so/${OUTSIDE.replace(/-/g, '')}) is not inside the pages Baton may use (ALLOWED_NOTION_PAGES)` });
  });

  it('says so when the file is gone', async () => {
    expect(await readHumanVersion(services(), driveRef('drive_file', 'deleted'))).toMatchObject({ ok: false, reason: expect.stringContaining('was deleted or is not shared with Baton') });
  });
});
