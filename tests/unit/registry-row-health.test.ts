// A row's Health from its D1 record (row-health.ts), and the refresh the trigger code calls after
// it starts a run.
import { describe, expect, it } from 'vitest';
import { buildDefinition, rowProblem } from '../../src/registry';
import { refreshHealth, rowHealth } from '../../src/registry/row-health';
import type { Config } from '../../src/env';
import type { Services } from '../../src/services';
import type { StoredDefinition } from '../../src/adapters/store';
import { examplePage, kickoffBrief, weeklyBrief, type FixtureRow } from '../fixtures/example-rows';

const NOW = new Date('2026-11-24T10:00:00Z');

function config(change: { publicUrl?: string; webhookSecret?: string } = {}): Config {
  return {
    notion: { apiUrl: 'http://notion.test', token: 't', workflowsDataSourceId: 'w', runsDataSourceId: 'r', webhookSecret: change.webhookSecret },
    google: { apiUrl: 'http://google.test', tokenUrl: 'http://google.test/token', serviceAccountEmail: 'baton@acme.iam.gserviceaccount.com', privateKey: 'k' },
    model: { baseUrl: 'http://model.test', name: 'scripted' },
    defaultTimeZone: 'UTC',
    publicUrl: change.publicUrl,
  } as unknown as Config;
}

async function stored(row: FixtureRow, change: Partial<StoredDefinition> = {}): Promise<StoredDefinition> {
  const built = await buildDefinition({ page: examplePage(row), markdown: row.markdown, defaultTimeZone: 'UTC', now: NOW });
  return {
    page_id: row.pageId,
    name: built.definition?.name ?? '',
    state: built.definition?.state ?? 'Draft',
    content_hash: built.contentHash,
    definition_json: built.definition,
    runnable: true,
    health: '',
    next_run: built.nextRun?.toISOString() ?? null,
    in_trash: false,
    last_failure: null,
    synced_at: NOW.toISOString(),
    problems_json: JSON.parse(JSON.stringify(built.problems)),
    last_trigger_json: null,
    page_lessons_json: null,
    ...change,
  };
}

describe("a row's Health from D1", () => {
  it('says what starts the row, what last did, and what is slower than it could be', async () => {
    const kickoff = await stored(kickoffBrief, { last_trigger_json: { label: 'Acme Corp', at: '2026-12-03T10:14:00.000Z' } });
    expect(rowHealth(kickoff, config()).split('\n')).toEqual([
      "OK — runs when a file lands in the Watch folder (https://drive.google.com/drive/u/0/folders/1ClWonD3aLs7qPx2mRv9KtY4nBz6cWfHj); new files are found by a check every minute (Drive push is off: set PUBLIC_URL to the worker's https address); also runs when a row in Deals has Stage = Closed won (last: Acme Corp, 3 Dec 10:14); rows are checked every minute (Notion webhooks are not set up: set NOTION_WEBHOOK_SECRET)",
      "Warning: 'Notion: CRM notes for this client' has no link — paste the Notion page link (or @-mention the page) so Baton can read it; until then only the words are used.",
    ]);
    expect(rowHealth(kickoff, config({ publicUrl: 'https://baton.example', webhookSecret: 's' })).split('\n')[0]).toBe(
      'OK — runs when a file lands in the Watch folder (https://drive.google.com/drive/u/0/folders/1ClWonD3aLs7qPx2mRv9KtY4nBz6cWfHj); also runs when a row in Deals has Stage = Closed won (last: Acme Corp, 3 Dec 10:14)',
    );
  });

  it('adds the last failure under OK, and shows errors instead of OK on a row that cannot run', async () => {
    const failed = await stored(weeklyBrief, { last_failure: 'the model timed out' });
    expect(rowHealth(failed, config())).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)\nLast run failed: the model timed out');
    const broken = await stored(weeklyBrief, { runnable: false, next_run: null, last_failure: 'x', problems_json: [rowProblem({ kind: 'no_output_destination' })] });
    expect(rowHealth(broken, config())).toMatch(/^This workflow has nowhere to publish/);
  });

  it('drops cached problems it can no longer read', async () => {
    const odd = await stored(weeklyBrief, { problems_json: [{ kind: 'a_kind_from_the_future', severity: 'error' }, 'nonsense'] });
    expect(rowHealth(odd, config())).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris)');
  });
});

describe('refreshing Health after a trigger', () => {
  function services(record: StoredDefinition | null) {
    const updates: { id: string; health: string }[] = [];
    const saved: string[] = [];
    let current = record;
    const fake = {
      config: config(),
      store: {
        getDefinition: async () => current,
        setHealth: async (_id: string, health: string) => {
          saved.push(health);
          if (current) current = { ...current, health };
        },
      },
      notion: {
        updatePage: async (id: string, properties: { Health: { rich_text: { text: { content: string } }[] } }) => {
          updates.push({ id, health: properties.Health.rich_text.map((t) => t.text.content).join('') });
          return {};
        },
      },
    } as unknown as Services;
    return { fake, updates, saved };
  }

  it('writes the new Health on the row and in D1, once', async () => {
    const record = await stored(weeklyBrief, { last_trigger_json: { label: 'Run now', at: '2026-11-24T10:00:00.000Z' } });
    const { fake, updates, saved } = services({ ...record, health: 'OK — next run Mon 30 Nov 09:00 (Europe/Paris)' });
    const health = await refreshHealth(fake, weeklyBrief.pageId, NOW);
    expect(health).toBe('OK — next run Mon 30 Nov 09:00 (Europe/Paris); last: Run now, 24 Nov 11:00');
    expect(updates).toEqual([{ id: weeklyBrief.pageId, health }]);
    expect(saved).toEqual([health]);
    await refreshHealth(fake, weeklyBrief.pageId, NOW);
    expect(updates).toHaveLength(1);
  });

  it('leaves an unknown or trashed row alone', async () => {
    const none = services(null);
    expect(await refreshHealth(none.fake, 'gone', NOW)).toBeNull();
    const trashed = services(await stored(weeklyBrief, { in_trash: true }));
    expect(await refreshHealth(trashed.fake, weeklyBrief.pageId, NOW)).toBeNull();
    expect([...none.updates, ...trashed.updates]).toEqual([]);
  });
});
