// The people a row's Steps name: matched against the workspace's user list (GET /v1/users, read by
// the Notion adapter once per sync), put in the definition beside the Steps' notes, and what the row
// says when Notion will not list people.
import { describe, expect, it } from 'vitest';
import { createNotionAdapter, createNotionClient } from '../../src/adapters/notion';
import { buildDefinition } from '../../src/registry/build-definition';
import { rowProblemMessage } from '../../src/registry/row-problem-message';
import { peopleNamedInSteps, type WorkspacePeople } from '../../src/registry/step-people';
import { createPeopleDirectory } from '../../src/registry/workspace-people';
import { examplePage, repurposeArticles, variant, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');
const WORKSPACE = [
  { id: 'u-alex', name: 'Alex Kim' },
  { id: 'u-priya', name: 'Priya' },
  { id: 'u-lena', name: 'Lena Fischer' },
  { id: 'u-sam-r', name: 'Sam Rivera' },
  { id: 'u-sam-o', name: 'Sam Ortiz' },
  { id: 'u-zoe', name: 'Zoë Dubois' },
];
const names = (lines: string[]) => peopleNamedInSteps(lines, WORKSPACE).people.map((p) => p.name);

describe('people named in Steps', () => {
  it('finds a person by first name or full name, as a whole word, in any case', () => {
    expect(names(['3. Legal (Alex) checks step 3.'])).toEqual(['Alex Kim']);
    expect(names(['4. Priya reviews it.'])).toEqual(['Priya']);
    expect(names(["4. Get priya's sign-off."])).toEqual(['Priya']);
    expect(names(['2. Send it to LENA FISCHER.'])).toEqual(['Lena Fischer']);
    expect(names(['1. Ask Zoë first.'])).toEqual(['Zoë Dubois']);
  });

  it('does not find a name inside another word', () => {
    expect(names(['1. List the Alexandria office’s numbers.', '2. Update the Priyanka file.'])).toEqual([]);
  });

  it('lists each person once, in the order the Steps first name them', () => {
    expect(names(['1. Priya drafts the list.', '2. Alex Kim checks it.', '3. Priya sends it to Alex.'])).toEqual(['Priya', 'Alex Kim']);
  });

  it('guesses nobody for a first name two people share, says so, and takes the one whose full name is written', () => {
    const shared = peopleNamedInSteps(['3. Sam reviews it.'], WORKSPACE);
    expect(shared.people).toEqual([]);
    expect(shared.problems.map(rowProblemMessage)).toEqual([
      "Steps names 'Sam', and 2 people in this workspace are called that (Sam Rivera and Sam Ortiz) — write the full name so Baton knows who is meant.",
    ]);
    const full = peopleNamedInSteps(['3. Sam Ortiz reviews it; Sam signs off.'], WORKSPACE);
    expect(full.people).toEqual([{ id: 'u-sam-o', name: 'Sam Ortiz' }]);
    expect(full.problems).toEqual([]);
  });
});

const build = (row: FixtureRow, people?: WorkspacePeople) =>
  buildDefinition({ page: examplePage(row), markdown: row.markdown, defaultTimeZone: 'UTC', now: NOW, ...(people ? { people } : {}) });

describe('the definition of a row whose Steps name people', () => {
  it('holds the Steps lines that are not steps, in order, and the people the Steps name', async () => {
    const lena = { id: 'u-lena', name: 'Lena Fischer' };
    const { definition } = await build(repurposeArticles, { ok: true, people: [lena, { id: 'u-alex', name: 'Alex Kim' }] });
    expect(definition?.stepNotes).toEqual(['Steps 2, 3 and 4 only need the article, so they can run at the same time.']);
    expect(definition?.people).toEqual([lena]);
  });

  it('hashes the people it found, so a plan compiled from one hash names the same people', async () => {
    const before = await build(weeklyBrief, { ok: true, people: [] });
    const after = await build(weeklyBrief, { ok: true, people: [{ id: 'u-maya', name: 'Maya Okafor' }] });
    expect(after.definition?.people).toEqual([{ id: 'u-maya', name: 'Maya Okafor' }]);
    expect(after.contentHash).not.toBe(before.contentHash);
    expect((await build(weeklyBrief, { ok: true, people: [{ id: 'u-maya', name: 'Maya Okafor' }] })).contentHash).toBe(after.contentHash);
  });

  it('warns, names nobody, and still builds when Notion would not list people', async () => {
    const built = await build(weeklyBrief, { ok: false, reason: 'no_capability', detail: null });
    expect(built.definition?.people).toEqual([]);
    expect(built.problems.map((p) => [p.severity, p.kind])).toEqual([['warning', 'people_unreadable']]);
    expect(rowProblemMessage(built.problems[0]!)).toContain("'Read user information without email addresses' capability");
  });

  it('says nothing about people on a row without Steps', async () => {
    const noSteps = variant(weeklyBrief, { markdown: '## Goal\nBrief the team.' });
    expect((await build(noSteps, { ok: false, reason: 'no_capability', detail: null })).problems).toEqual([]);
  });
});

/** A Notion API that answers GET /v1/users from `pages` (by start_cursor), or with `status`. */
function usersApi(answer: { pages?: unknown[][]; status?: number; code?: string }) {
  const requests: URL[] = [];
  const fetch = async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    requests.push(url);
    if (answer.status) {
      const body = { object: 'error', status: answer.status, code: answer.code, message: `${answer.code} from Notion`, request_id: 'r' };
      return new Response(JSON.stringify(body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    }
    const pages = answer.pages ?? [[]];
    const at = Number(url.searchParams.get('start_cursor') ?? '0');
    const more = at + 1 < pages.length;
    const body = { object: 'list', type: 'user', user: {}, results: pages[at], has_more: more, next_cursor: more ? String(at + 1) : null };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const client = createNotionClient({ token: 'ntn_test', baseUrl: 'https://notion.test', fetch: fetch as typeof globalThis.fetch });
  return { adapter: createNotionAdapter(client, { retries: 1, backoffMs: 1, sleep: async () => {} }), requests };
}

const person = (id: string, name: string | null) => ({ object: 'user', id, name, avatar_url: null, type: 'person', person: {} });
const bot = (id: string) => ({ object: 'user', id, name: 'Baton', avatar_url: null, type: 'bot', bot: {} });

describe('listing the workspace’s people', () => {
  it('follows every page, 100 at a time, and keeps named people only', async () => {
    const api = usersApi({ pages: [[person('u1', 'Alex Kim'), bot('b1')], [person('u2', 'Priya'), person('u3', null)]] });
    expect(await api.adapter.listUsers()).toEqual({ ok: true, people: [{ id: 'u1', name: 'Alex Kim' }, { id: 'u2', name: 'Priya' }] });
    expect(api.requests.map((r) => [r.pathname, r.searchParams.get('page_size'), r.searchParams.get('start_cursor')])).toEqual([
      ['/v1/users', '100', null],
      ['/v1/users', '100', '1'],
    ]);
  });

  it('answers "no user information" to a 403, and throws other refusals', async () => {
    expect(await usersApi({ status: 403, code: 'restricted_resource' }).adapter.listUsers()).toEqual({ ok: false, reason: 'no_user_information' });
    await expect(usersApi({ status: 400, code: 'validation_error' }).adapter.listUsers()).rejects.toThrow(/validation_error/);
  });

  it('is read once per sync, and a failure becomes words for Health instead of stopping the sync', async () => {
    let calls = 0;
    const once = createPeopleDirectory({ listUsers: async () => (calls++, { ok: true, people: [{ id: 'u1', name: 'Alex Kim' }] }) });
    await once.read();
    expect(await once.read()).toEqual({ ok: true, people: [{ id: 'u1', name: 'Alex Kim' }] });
    expect(calls).toBe(1);

    expect(await createPeopleDirectory(usersApi({ status: 403, code: 'restricted_resource' }).adapter).read()).toEqual({ ok: false, reason: 'no_capability', detail: null });
    expect(await createPeopleDirectory(usersApi({ status: 503, code: 'service_unavailable' }).adapter).read()).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await createPeopleDirectory(usersApi({ status: 400, code: 'validation_error' }).adapter).read()).toEqual({
      ok: false,
      reason: 'failed',
      detail: 'Notion answered validation_error: validation_error from Notion',
    });
  });
});
