// Issue 8: the checks that keep a bad row from lying about itself — reviewer gate, schedule
// frequency, allowed roots re-checked when sources are read and before publishing. The Notion
// and Drive adapters are replaced by small fakes that answer as the real APIs do (404
// object_not_found for what is not shared; 400 validation_error for a database id on pages.retrieve).
import { APIErrorCode, APIResponseError, type PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { buildDefinition, rowProblemMessage } from '../../src/registry';
import { createRootsGuard } from '../../src/registry/allowed-roots';
import { createLinkChecker } from '../../src/registry/check-links';
import { checkOutputDestinations } from '../../src/registry/output-destinations';
import { gatherContext } from '../../src/context/gather';
import { DriveError, FOLDER_MIME, type DriveFile } from '../../src/adapters/drive';
import type { Services } from '../../src/services';
import type { WorkflowDefinition } from '../../src/domain/workflow-definition';
import { examplePage, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const build = (row: FixtureRow, requireReviewer = false) =>
  buildDefinition({ page: examplePage(row), markdown: row.markdown, defaultTimeZone: 'UTC', requireReviewer, now: NOW });

function notionError(code: APIErrorCode, status: number, message: string): APIResponseError {
  return new APIResponseError({ code, status, message, headers: new Headers(), rawBodyText: '', additional_data: undefined, request_id: undefined });
}
const notFound = (id: string) =>
  notionError(APIErrorCode.ObjectNotFound, 404, `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);

// A small world: root (allowed) ⊃ brief; hidden (not shared) ⊃ poison (shared directly); db under root.
const ROOT = 'aaaaaaaa-0000-4000-8000-000000000001';
const BRIEF = 'aaaaaaaa-0000-4000-8000-000000000002';
const HIDDEN = 'aaaaaaaa-0000-4000-8000-000000000003';
const POISON = 'aaaaaaaa-0000-4000-8000-000000000004';
const DATABASE = 'aaaaaaaa-0000-4000-8000-000000000005';
const OUTSIDE = 'aaaaaaaa-0000-4000-8000-000000000006';

function page(id: string, parent: PageObjectResponse['parent'], inTrash = false): PageObjectResponse {
  return { object: 'page', id, parent, in_trash: inTrash } as unknown as PageObjectResponse;
}
const onPage = (id: string) => ({ type: 'page_id', page_id: id }) as const;

const SHARED_PAGES: Record<string, PageObjectResponse> = {
  [ROOT]: page(ROOT, { type: 'workspace', workspace: true }),
  [BRIEF]: page(BRIEF, onPage(ROOT)),
  [POISON]: page(POISON, onPage(HIDDEN)),
  [OUTSIDE]: page(OUTSIDE, { type: 'workspace', workspace: true }),
};

interface FakeOptions {
  files?: DriveFile[];
  pages?: Record<string, PageObjectResponse>;
  /** Notion answers every call with this error (a rate limit, say). */
  notionFails?: APIResponseError;
}

const file = (id: string, parent: string, more: Partial<DriveFile> = {}): DriveFile => ({
  id,
  name: id,
  mimeType: FOLDER_MIME,
  parents: [parent],
  driveId: 'team-drive',
  trashed: false,
  modifiedTime: '2026-11-20T10:00:00.000Z',
  webViewLink: `https://drive.google.com/drive/folders/${id}`,
  appProperties: {},
  size: null,
  canAddChildren: true,
  ...more,
});

function fakeServices(options: FakeOptions = {}): Services & { read: string[] } {
  const read: string[] = [];
  const pages = options.pages ?? SHARED_PAGES;
  const files = new Map((options.files ?? []).map((f) => [f.id, f]));
  const notion = {
    async retrievePage(id: string) {
      if (options.notionFails) throw options.notionFails;
      if (id === DATABASE) throw notionError(APIErrorCode.ValidationError, 400, `Provided ID ${id} is a database, not a page. Use the retrieve database API instead.`);
      const hit = pages[id];
      if (!hit) throw notFound(id);
      return hit;
    },
    async retrieveDatabase(id: string) {
      if (id !== DATABASE) throw notFound(id);
      return { id, title: 'Workflows', dataSourceIds: [], parentPageId: ROOT };
    },
    async readMarkdown(id: string) {
      read.push(id);
      return { markdown: `text of ${id}`, truncated: false };
    },
  };
  const drive = {
    async getFile(id: string) {
      const hit = files.get(id);
      if (!hit) throw new DriveError('files.get', { status: 404, reason: 'notFound' });
      return hit;
    },
    async listFolder(id: string) {
      return [...files.values()].filter((f) => f.parents[0] === id && f.mimeType !== FOLDER_MIME);
    },
    async readText(f: DriveFile) {
      read.push(f.id);
      return `text of ${f.id}`;
    },
  };
  return {
    read,
    config: {
      allowedDriveRoots: ['team-drive'],
      allowedNotionPages: [ROOT],
      google: { serviceAccountEmail: 'baton@acme.iam.gserviceaccount.com' },
      requireReviewer: false,
    },
    notion,
    drive,
    store: { lastPublishedOutput: async () => null },
  } as unknown as Services & { read: string[] };
}

const notionRef = (id: string, label = 'A page') => ({ kind: 'notion_page', id, url: `https://www.notion.so/${id.replace(/-/g, '')}`, label }) as const;
const folderRef = (id: string, label = 'A folder') => ({ kind: 'drive_folder', id, url: `https://drive.google.com/drive/folders/${id}`, label }) as const;

async function definitionWith(change: Partial<WorkflowDefinition>): Promise<WorkflowDefinition> {
  const { definition } = await build(weeklyBrief);
  if (!definition) throw new Error('fixture changed');
  return { ...definition, context: [], watchFolder: null, outputFolder: null, outputPage: null, ...change };
}

describe('who reviews', () => {
  it('warns that a Live workflow with no Reviewer publishes without review, and still runs it', async () => {
    const { problems } = await build(variant(weeklyBrief, { properties: { Reviewer: null } }));
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([['no_reviewer', 'warning']]);
    expect(rowProblemMessage(problems[0]!)).toContain('publishes without review — add a Reviewer');
  });

  it('refuses to run a Live workflow with no Reviewer when the operator requires one', async () => {
    const { problems } = await build(variant(weeklyBrief, { properties: { Reviewer: null } }), true);
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([['reviewer_required', 'error']]);
    expect(rowProblemMessage(problems[0]!)).toContain('requires one on every Live workflow (REQUIRE_REVIEWER)');
  });

  it('says nothing about review for a Trial workflow, which never publishes to the live destinations', async () => {
    const trial = variant(weeklyBrief, { properties: { Reviewer: null, Mode: { select: { name: 'Trial' } } } });
    expect((await build(trial, true)).problems.map((p) => p.kind)).toEqual(['trial_without_destination']);
  });
});

describe('schedule checks', () => {
  it('does not read 2,600 characters of notes as "Monday 9:00"', async () => {
    const notes = `Monday 9:00 ${'notes from the call with sales; '.repeat(100)}`.slice(0, 2600);
    const built = await build(variant(weeklyBrief, { properties: { Schedule: { rich_text: [{ type: 'text', text: { content: notes } }] } } }));
    expect(built.nextRun).toBeNull();
    expect(built.definition?.schedule).toBeNull();
    expect(built.problems.map((p) => p.kind)).toEqual(['schedule_invalid']);
    expect(rowProblemMessage(built.problems[0]!)).toMatch(/^Schedule is 2,600 characters long, too long to be a schedule \(at most 200\)/);
  });

  it('warns about a schedule that runs more often than every 15 minutes, and lets every 15 minutes be', async () => {
    const every = (t: string) => build(variant(weeklyBrief, { properties: { Schedule: { rich_text: [{ type: 'text', text: { content: t } }] } } }));
    expect((await every('* * * * *')).problems.map((p) => [p.kind, p.severity])).toEqual([['schedule_too_frequent', 'warning']]);
    expect(rowProblemMessage((await every('* * * * *')).problems[0]!)).toContain('runs every minute, more often than every 15 minutes');
    expect((await every('every 15 minutes')).problems).toEqual([]);
  });
});

describe('allowed roots, decided in one place', () => {
  it('tells a page shared under an unshared parent apart from a missing page, and does not throw', async () => {
    const guard = createRootsGuard(fakeServices());
    expect(await guard.notion(BRIEF)).toBe('allowed');
    expect(await guard.notion(POISON)).toBe('parent_hidden');
    expect(await guard.notion(HIDDEN)).toBe('missing');
    expect(await guard.notion(OUTSIDE)).toBe('outside');
    expect(await guard.notion(DATABASE)).toBe('database');
  });

  it('gives the poison row and a database Output page their own words in Health', async () => {
    const services = fakeServices();
    const problems = await createLinkChecker(services).check(await definitionWith({ context: [notionRef(POISON, 'Poison')], outputPage: notionRef(DATABASE) }));
    expect(problems.map((p) => p.kind)).toEqual(['link_parent_not_shared', 'link_is_database']);
    expect(rowProblemMessage(problems[0]!)).toContain('is shared with Baton, but the page above it is not, so Baton cannot confirm it lies inside the pages it may use');
    expect(rowProblemMessage(problems[1]!)).toContain('is a Notion database, not a page — the dated pages go under a page');
  });

  it('lets a rate limit through as an error, for the caller to try again, and does not remember it', async () => {
    const limited = notionError(APIErrorCode.RateLimited, 429, 'Rate limited');
    const guard = createRootsGuard(fakeServices({ notionFails: limited }));
    await expect(guard.notion(BRIEF)).rejects.toBe(limited);
    await expect(guard.notion(BRIEF)).rejects.toBe(limited);
  });
});

describe('reading sources at run time', () => {
  it('does not read a folder moved outside the allowed roots after its row was checked', async () => {
    const files = [file('inside', 'team-drive'), file('moved', 'my-drive-root', { driveId: null }), file('doc-in-moved', 'moved', { mimeType: 'text/plain' })];
    const services = fakeServices({ files });
    const gathered = await gatherContext(services, await definitionWith({ context: [folderRef('moved', 'Competitor updates'), notionRef(BRIEF, 'Brief')] }), 'run-1');
    expect(gathered.unavailable).toEqual([{ name: 'Competitor updates', reason: expect.stringContaining('moved outside the folders Baton may read') }]);
    expect(services.read).toEqual([BRIEF]);
    expect(gathered.sources.map((s) => s.text).join('\n')).not.toContain('doc-in-moved');
  });

  it('does not read a Notion page whose parent is not shared, and says why', async () => {
    const services = fakeServices();
    const gathered = await gatherContext(services, await definitionWith({ context: [notionRef(POISON, 'Poison')] }), 'run-1');
    expect(gathered.unavailable).toEqual([{ name: 'Poison', reason: expect.stringContaining('the page above it is not') }]);
    expect(services.read).toEqual([]);
  });
});

describe('checkOutputDestinations', () => {
  const out = (folder: DriveFile[], pageId = BRIEF) =>
    definitionWith({ outputFolder: folderRef(folder[0]?.id ?? 'gone'), outputPage: notionRef(pageId) }).then((d) => checkOutputDestinations(fakeServices({ files: folder }), d));

  it('is null when the Output folder and page are still allowed and writable', async () => {
    expect(await out([file('out', 'team-drive')])).toBeNull();
  });

  it('names each reason not to publish', async () => {
    expect(await out([file('out', 'elsewhere', { driveId: 'other-drive' })])).toContain('is no longer inside the folders Baton may use');
    expect(await out([file('out', 'team-drive', { trashed: true })])).toContain('is in the Google Drive trash');
    expect(await out([file('out', 'team-drive', { canAddChildren: false })])).toContain('can see the Output folder');
    expect(await out([])).toContain('was deleted or is no longer shared with baton@acme.iam.gserviceaccount.com');
    expect(await out([file('out', 'team-drive')], OUTSIDE)).toContain('is no longer inside the pages Baton may use');
    expect(await out([file('out', 'team-drive')], POISON)).toContain('the page above it is not');
  });
});
