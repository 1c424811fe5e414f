// How the soak reads the world without disturbing it: the real SDK with the stand-ins' fault-exempt
// header (never faulted, never counted by the fault rate), in-process reads of page markdown and
// Drive files, and Baton's D1 through `wrangler d1 execute --local`.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client, isFullPage, LogLevel } from '@notionhq/client';
import type { LocalStack } from '../demo/local-stack';
import { FAULT_EXEMPT_HEADER } from '../emulators/shared/fault-rate';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import type { D1RunSeen, DocSeen, PublishedPageSeen, RunRowSeen } from './count';
import type { RowStatus } from './reviewers';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The appProperty Baton stamps on each Doc (RUN_ID_APP_PROPERTY in src/publish/publish.ts). */
const RUN_ID_APP_PROPERTY = 'batonRunId';

export function observerClient(stack: LocalStack): Client {
  return new Client({
    auth: WORLD.notionToken,
    baseUrl: stack.notion.url,
    notionVersion: '2026-03-11',
    logLevel: LogLevel.ERROR,
    retry: false,
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), [FAULT_EXEMPT_HEADER]: '1' } }),
  });
}

const plain = (rich: { plain_text: string }[]) => rich.map((r) => r.plain_text).join('');

export async function runRows(notion: Client): Promise<RowStatus[]> {
  const rows: RowStatus[] = [];
  let cursor: string | undefined;
  do {
    const page = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, page_size: 100, start_cursor: cursor });
    for (const row of page.results.filter(isFullPage)) {
      const status = row.properties.Status;
      const runId = row.properties['Run ID'];
      rows.push({
        pageId: row.id,
        status: status?.type === 'select' ? (status.select?.name ?? '') : status?.type === 'status' ? (status.status?.name ?? '') : '',
        runId: runId?.type === 'rich_text' ? plain(runId.rich_text) : '',
      });
    }
    cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
  } while (cursor);
  return rows;
}

/** Every Run row with Baton's comments (read only for Failed rows: the reason lives there). */
export async function runRowsWithComments(notion: Client, rows: RowStatus[]): Promise<RunRowSeen[]> {
  const out: RunRowSeen[] = [];
  for (const row of rows) {
    const botComments: string[] = [];
    if (row.status === 'Failed') {
      const comments = await notion.comments.list({ block_id: row.pageId, page_size: 100 });
      for (const c of comments.results) if (c.created_by.id === FIXTURE_IDS.users.batonBot) botComments.push(plain(c.rich_text));
    }
    out.push({ ...row, botComments });
  }
  return out;
}

export async function publishedPages(notion: Client, stack: LocalStack, parents: string[]): Promise<PublishedPageSeen[]> {
  const out: PublishedPageSeen[] = [];
  for (const parentId of parents) {
    let cursor: string | undefined;
    do {
      const page = await notion.blocks.children.list({ block_id: parentId, page_size: 100, start_cursor: cursor });
      for (const block of page.results) {
        if (!('type' in block) || block.type !== 'child_page') continue;
        out.push({ pageId: block.id, parentId, title: block.child_page.title, markdown: stack.notion.pageMarkdown(block.id).markdown });
      }
      cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
    } while (cursor);
  }
  return out;
}

/** Baton's Docs (files with the Run ID appProperty); content exported only for the runs asked. */
export async function docs(stack: LocalStack, contentFor: Set<string>): Promise<DocSeen[]> {
  const token = stack.drive.issueToken(WORLD.serviceAccountEmail);
  const out: DocSeen[] = [];
  for (const file of stack.drive.listFiles().files as { id: string; trashed?: boolean; appProperties?: Record<string, string> }[]) {
    const runId = file.appProperties?.[RUN_ID_APP_PROPERTY];
    if (!runId) continue;
    let content: string | null = null;
    if (contentFor.has(runId)) {
      const res = await fetch(`${stack.drive.url}/drive/v3/files/${file.id}/export?mimeType=text/markdown&supportsAllDrives=true`, {
        headers: { authorization: `Bearer ${token}`, [FAULT_EXEMPT_HEADER]: '1' },
      });
      content = res.ok ? await res.text() : null;
    }
    out.push({ fileId: file.id, runId, trashed: file.trashed ?? false, content });
  }
  return out;
}

/** Baton's own view of its runs, from the local D1 the worker persists; null if it cannot be read. */
export async function d1Runs(stack: LocalStack): Promise<D1RunSeen[] | null> {
  try {
    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules', '.bin', 'wrangler'),
      ['d1', 'execute', 'DB', '--local', '--persist-to', join(stack.dir, 'wrangler'), '--command', 'SELECT run_id, status, failure_reason FROM runs', '--json'],
      { cwd: ROOT, env: { ...process.env, CI: '1' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const parsed = JSON.parse(stdout) as { results: D1RunSeen[] }[];
    return parsed.flatMap((r) => r.results);
  } catch {
    return null;
  }
}
