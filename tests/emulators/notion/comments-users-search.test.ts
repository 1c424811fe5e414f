// Comments, users and search through the SDK (reference/create-a-comment, list-comments,
// get-users, get-user, get-self, post-search).
import type { DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, startHarness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => new Date('2026-11-24T12:34:56Z') });
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

describe('comments', () => {
  it('comments on a page with a user mention, signed by the integration', async () => {
    const comment = await h.notion.comments.create({
      parent: { page_id: IDS.firstRow },
      rich_text: [{ text: { content: 'Ready for review, ' } }, { mention: { user: { id: IDS.grace } } }],
    });
    expect(comment).toMatchObject({
      object: 'comment',
      parent: { type: 'page_id', page_id: IDS.firstRow },
      created_by: { object: 'user', id: IDS.bot },
      created_time: '2026-11-24T12:34:00.000Z',
      display_name: { type: 'integration', resolved_name: 'Baton' },
    });
    if (!('rich_text' in comment)) throw new Error('full comment expected');
    expect(comment.rich_text[1]).toMatchObject({ type: 'mention', plain_text: '@Grace Hopper', mention: { type: 'user', user: { id: IDS.grace } } });
  });

  it('replies in a discussion and lists the page comments oldest first', async () => {
    const first = await h.notion.comments.create({ parent: { page_id: IDS.secondRow }, markdown: 'First **point**' });
    if (!('discussion_id' in first)) throw new Error('full comment expected');
    await h.notion.comments.create({ discussion_id: first.discussion_id, rich_text: [{ text: { content: 'Reply' } }] });
    const list = await h.notion.comments.list({ block_id: IDS.secondRow });
    expect(list).toMatchObject({ object: 'list', type: 'comment', has_more: false, next_cursor: null });
    expect(list.results.map((c) => c.rich_text.map((r) => r.plain_text).join(''))).toEqual(['First point', 'Reply']);
    expect(list.results[0]!.rich_text[1]).toMatchObject({ annotations: { bold: true } });
    expect(new Set(list.results.map((c) => c.discussion_id)).size).toBe(1);
  });

  it('lists only unresolved comments', async () => {
    const seeded = await h.notion.comments.list({ block_id: IDS.notes });
    expect(seeded.results).toHaveLength(1);
    h.standIn.resolveDiscussion(seeded.results[0]!.discussion_id);
    expect((await h.notion.comments.list({ block_id: IDS.notes })).results).toEqual([]);
  });

  it('does not move the page last_edited_time', async () => {
    const before = (await h.notion.pages.retrieve({ page_id: IDS.notes })) as PageObjectResponse;
    await h.notion.comments.create({ parent: { page_id: IDS.notes }, rich_text: [{ text: { content: 'noted' } }] });
    const after = (await h.notion.pages.retrieve({ page_id: IDS.notes })) as PageObjectResponse;
    expect(after.last_edited_time).toBe(before.last_edited_time);
  });

  it('answers 404 for a page that is not shared and for an unknown discussion', async () => {
    const page = await failure(h.notion.comments.create({ parent: { page_id: IDS.private }, rich_text: [{ text: { content: 'x' } }] }));
    expect(page).toMatchObject({ status: 404, code: 'object_not_found' });
    const discussion = await failure(h.notion.comments.create({ discussion_id: '0000000000004000800000000000beef', rich_text: [{ text: { content: 'x' } }] }));
    expect(discussion).toMatchObject({ status: 404, code: 'object_not_found' });
    const list = await failure(h.notion.comments.list({ block_id: IDS.private }));
    expect(list).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});

describe('users', () => {
  it("returns the token's bot from /users/me, distinct from people", async () => {
    const me = await h.notion.users.me({});
    expect(me).toMatchObject({ object: 'user', id: IDS.bot, type: 'bot', name: 'Baton', bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Acme' } });
  });

  it('lists people and bots, and retrieves one person with their email', async () => {
    const list = await h.notion.users.list({ page_size: 2 });
    expect(list).toMatchObject({ object: 'list', type: 'user', has_more: true });
    const rest = await h.notion.users.list({ start_cursor: list.next_cursor! });
    expect([...list.results, ...rest.results].map((u) => u.type).sort()).toEqual(['bot', 'person', 'person']);
    const ada = await h.notion.users.retrieve({ user_id: IDS.ada });
    expect(ada).toEqual({ object: 'user', id: IDS.ada, name: 'Ada Lovelace', avatar_url: null, type: 'person', person: { email: 'ada@example.com' } });
  });

  it('refuses a page_size over 100 when listing', async () => {
    const error = await failure(h.notion.users.list({ page_size: 101 }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'query.page_size should be ≤ `100`, instead was `101`.' });
  });

  it('answers 401 for a token that is not an integration and 404 for an unknown user', async () => {
    const unauthorized = await failure(h.client({ token: 'ntn_wrong' }).users.me({}));
    expect(unauthorized).toMatchObject({ status: 401, code: 'unauthorized', message: 'API token is invalid.' });
    const missing = await failure(h.notion.users.retrieve({ user_id: '0000000000004000800000000000beef' }));
    expect(missing).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});

describe('search', () => {
  it('finds shared pages and data sources by title, never unshared ones', async () => {
    const all = await h.notion.search({});
    const titles = all.results.map((r) =>
      r.object === 'page' ? ((r as PageObjectResponse).properties.title ?? (r as PageObjectResponse).properties.Name) : (r as DataSourceObjectResponse).title,
    );
    expect(titles.length).toBe(all.results.length);
    expect(all.results.map((r) => r.id)).not.toContain(IDS.private);
    const tasks = await h.notion.search({ query: 'tASk', filter: { property: 'object', value: 'data_source' } });
    expect(tasks.results.map((r) => r.id)).toEqual([IDS.dataSource]);
    const notes = await h.notion.search({ query: 'meeting', filter: { property: 'object', value: 'page' } });
    expect(notes.results.map((r) => r.id)).toEqual([IDS.notes]);
  });

  it('pages through results and sorts by last edit', async () => {
    const first = await h.notion.search({ page_size: 2, sort: { timestamp: 'last_edited_time', direction: 'ascending' } });
    expect(first).toMatchObject({ object: 'list', type: 'page_or_data_source', has_more: true });
    const next = await h.notion.search({ page_size: 100, start_cursor: first.next_cursor!, sort: { timestamp: 'last_edited_time', direction: 'ascending' } });
    expect(next.has_more).toBe(false);
  });

  it('refuses a filter value the 2025-09-03 API does not know', async () => {
    const error = await failure(h.notion.search({ filter: { property: 'object', value: 'database' as 'page' } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
    // The request broke the SDK's own types: it is recorded as a schema violation.
    expect(h.standIn.takeSchemaViolations().map((v) => [v.direction, v.endpoint])).toEqual([['request', 'POST /v1/search']]);
  });
});
