// The workspace page against the real Notion and Drive stand-ins (no Worker): each action lands
// as the chosen person through the person endpoints; whatever anyone typed is shown escaped; a
// bad form or a stand-in's refusal is a message on the page; no token is ever on a page.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrive, type DriveStandIn } from '../emulators/drive';
import { startNotion, type NotionStandIn } from '../emulators/notion';
import { EXAMPLE_ROWS, FIXTURE_IDS } from '../fixtures/example-rows';
import { freePort } from '../support/ports';
import { driveWorld, notionWorld, WORLD } from '../support/world';
import { startWorkspace } from '../demo/workspace';
import { PERSON_COOKIE } from '../demo/workspace/server';

const JORDAN = FIXTURE_IDS.users.accountOwner;
let notion: NotionStandIn;
let drive: DriveStandIn;
let workspace: { url: string; close(): Promise<void> };
const pages: string[] = [];

beforeAll(async () => {
  const seed = notionWorld();
  const workflows = seed.databases!.find((d) => d.data_source_id === WORLD.workflowsDataSource)!;
  workflows.rows = Object.values(EXAMPLE_ROWS).map((row) => ({ id: row.pageId, properties: row.properties, markdown: row.markdown, created_by: FIXTURE_IDS.users.maya }));
  notion = await startNotion({ seed });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  drive = await startDrive({ seed: driveWorld(), serviceAccounts: [{ email: WORLD.serviceAccountEmail, publicKey }] });
  // Nothing listens on the Worker's port: Sync now must say so.
  workspace = await startWorkspace({ port: 0, notionUrl: notion.url, driveUrl: drive.url, workerUrl: `http://127.0.0.1:${await freePort()}` });
}, 60_000);

afterAll(async () => {
  await workspace?.close();
  await Promise.all([notion?.close(), drive?.close()]);
});

/** A GET or a form POST as a person, following the redirect back like a browser. */
async function visit(path: string, options: { as?: string; form?: Record<string, string | string[]> } = {}): Promise<{ status: number; url: string; text: string }> {
  const headers: Record<string, string> = options.as ? { cookie: `${PERSON_COOKIE}=${options.as}` } : {};
  let res: Response;
  if (options.form) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form)) for (const one of [v].flat()) body.append(k, one);
    res = await fetch(`${workspace.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    expect(res.status).toBe(303);
    return visit(res.headers.get('location')!, { as: options.as });
  }
  res = await fetch(`${workspace.url}${path}`, { headers });
  const text = await res.text();
  pages.push(text);
  return { status: res.status, url: path, text };
}

const compact = (id: string) => id.replace(/-/g, '');

describe('the workspace page over the stand-ins', () => {
  it('changes one property as the chosen person, who is then the page’s last editor', async () => {
    const after = await visit(`/notion/${compact(WORLD.acmeDeal)}/property`, { as: JORDAN, form: { property: 'Stage', value: 'Closed won', back: `/databases/${compact(WORLD.dealsDataSource)}` } });
    expect(after.text).toContain('Jordan Lee changed Stage.');
    const row = notion.requestLog().filter((r) => r.path === `/__admin/people/${JORDAN}/pages/${WORLD.acmeDeal}`);
    expect(row).toHaveLength(1);
    expect(JSON.parse(row[0]!.body as string)).toEqual({ properties: { Stage: { select: { name: 'Closed won' } } } });
    const page = await fetch(`${notion.url}/v1/pages/${WORLD.acmeDeal}`, { headers: { authorization: `Bearer ${WORLD.notionToken}`, 'notion-version': '2026-03-11' } }).then((r) => r.json());
    expect(page).toMatchObject({ last_edited_by: { id: JORDAN }, properties: { Stage: { select: { name: 'Closed won' } } } });
    // The same value again sends nothing.
    const again = await visit(`/notion/${compact(WORLD.acmeDeal)}/property`, { as: JORDAN, form: { property: 'Stage', value: 'Closed won' } });
    expect(again.text).toContain('Stage is already that; nothing was sent.');
    expect(notion.requestLog().filter((r) => r.path === `/__admin/people/${JORDAN}/pages/${WORLD.acmeDeal}`)).toHaveLength(1);
  });

  it('shows a row someone named with markup as text, never as markup', async () => {
    const name = '<img src=x onerror=alert(1)> Q4 "plan"';
    const after = await visit(`/databases/${compact(WORLD.dealsDataSource)}/rows`, { as: JORDAN, form: { title: name, back: `/databases/${compact(WORLD.dealsDataSource)}` } });
    expect(after.text).toContain('&lt;img src=x onerror=alert(1)&gt; Q4 &quot;plan&quot;');
    expect(after.text).not.toContain('<img src=x');
  });

  it('says what is wrong with a bad form, and what the stand-in refused, on the page', async () => {
    const empty = await visit(`/notion/${compact(WORLD.acmeDeal)}/comment`, { as: JORDAN, form: { text: '   ', back: '/' } });
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('The form was not sent: text is empty: type a comment first.');
    const unknown = await visit(`/notion/${compact(WORLD.acmeDeal)}/property`, { as: JORDAN, form: { property: 'Stage', value: 'Signed' } });
    expect(unknown.text).toContain('Stage has no option “Signed”');
    const missing = await visit('/notion/00000000000040008000000000000000/comment', { as: JORDAN, form: { text: 'hello' } });
    expect(missing.text).toMatch(/class="error" role="alert">Notion refused the change: Could not find page/);
    const sync = await visit('/sync', { form: { back: '/' } });
    expect(sync.text).toContain('The Worker did not answer at');
  });

  it('drops a Doc and a Sheet into a Drive folder as the person, and shows them', async () => {
    const folder = FIXTURE_IDS.driveFolders.closedWonDeals;
    const doc = await visit(`/drive/${folder}/upload`, { as: JORDAN, form: { name: 'Acme proposal (signed)', kind: 'doc', content: '# Proposal\nDashboards for 40 finance users.', back: `/drive/${folder}` } });
    expect(doc.text).toContain('Jordan Lee uploaded “Acme proposal (signed)”.');
    await visit(`/drive/${folder}/upload`, { as: JORDAN, form: { name: 'Seats', kind: 'sheet', content: 'team,seats\nfinance,40', back: `/drive/${folder}` } });
    const { files } = (await fetch(`${drive.url}/__admin/files`).then((r) => r.json())) as { files: { id: string; name: string; parents: string[]; lastModifyingUser: { displayName: string; emailAddress: string } }[] };
    const uploaded = files.filter((f) => f.parents.includes(folder));
    expect(uploaded.map((f) => [f.name, f.lastModifyingUser.emailAddress])).toEqual(expect.arrayContaining([['Acme proposal (signed)', 'jordan@acme.example'], ['Seats', 'jordan@acme.example']]));
    const docPage = await visit(`/drive/${uploaded.find((f) => f.name === 'Acme proposal (signed)')!.id}`);
    expect(docPage.text).toContain('Dashboards for 40 finance users.');
    const sheetPage = await visit(`/drive/${uploaded.find((f) => f.name === 'Seats')!.id}`);
    expect(sheetPage.text).toContain('<th>team</th><th>seats</th></tr></thead><tbody><tr><td>finance</td><td>40</td>');
  });

  it('opens a Notion address by its id whatever the slug, and a database address as its table', async () => {
    const page = await visit(`/notion/Our-positioning-${compact(FIXTURE_IDS.notionPages.ourPositioning)}`);
    expect(page.text).toContain('We sell to mid-market finance teams.');
    const res = await fetch(`${workspace.url}/notion/${compact(WORLD.dealsDatabase)}`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe(`/databases/${compact(WORLD.dealsDataSource)}`);
    expect((await visit('/notion/not-an-id')).status).toBe(404);
  });

  it('saves a page body as the person, keeping the pages inside it', async () => {
    const id = compact(FIXTURE_IDS.notionPages.humanBriefs);
    const before = await visit(`/notion/${id}`, { as: FIXTURE_IDS.users.maya });
    const textarea = /<textarea name="markdown"[^>]*>([\s\S]*?)<\/textarea>/.exec(before.text)![1]!;
    const markdown = textarea.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(markdown).toContain('Brief — 30 Nov</page>');
    const after = await visit(`/notion/${id}/body`, { as: FIXTURE_IDS.users.maya, form: { markdown: `${markdown}\nFiled by Maya.`, back: `/notion/${id}` } });
    expect(after.text).toContain('Maya Okafor saved the page.');
    expect(after.text).toContain('<p>Filed by Maya.</p>');
    expect(after.text).toMatch(/<ul class="children"><li><a href="\/notion\/[0-9a-f]{32}">Brief — 23 Nov<\/a><\/li><li><a href="\/notion\/[0-9a-f]{32}">Brief — 30 Nov<\/a>/);
  });

  it('acts as the first person when the cookie names nobody or is mangled', async () => {
    for (const cookie of [`${PERSON_COOKIE}=%E0%A4%A`, `${PERSON_COOKIE}=00000000-0000-4000-8000-000000000000`]) {
      const res = await fetch(`${workspace.url}/databases`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/<option value="[^"]+" selected>Maya Okafor<\/option>/);
    }
  });

  it('refuses a form posted from another site', async () => {
    const res = await fetch(`${workspace.url}/notion/${compact(WORLD.acmeDeal)}/comment`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=sent+from+another+site',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(notion.requestLog().some((r) => r.path.endsWith('/comments') && String(r.body).includes('another site'))).toBe(false);
  });

  it('says which service did not answer when a stand-in is down, and still offers the page', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const orphan = await startWorkspace({ port: 0, notionUrl: dead, driveUrl: dead, workerUrl: dead });
    try {
      const res = await fetch(`${orphan.url}/`);
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(text).toContain('A stand-in did not answer');
      expect(text).toContain('The Notion stand-in did not list the team');
      expect((await fetch(`${orphan.url}/drive`)).status).toBe(502);
    } finally {
      await orphan.close();
    }
  });

  it('never puts a token on a page', async () => {
    for (const path of ['/', '/runs', '/published', '/databases', '/drive', `/drive/${WORLD.teamDrive}`, `/drive/${FIXTURE_IDS.driveFiles.competitorPricing}`]) await visit(path);
    // The page read Docs and Sheets with a Drive token (Google's access tokens start "ya29.").
    expect(drive.requests.some((r) => r.path.endsWith('/export'))).toBe(true);
    for (const text of pages) {
      expect(text).not.toContain(WORLD.notionToken);
      expect(text).not.toMatch(/ya29\./);
      expect(text).not.toMatch(/bearer/i);
    }
    expect(pages.length).toBeGreaterThan(10);
  });
});
