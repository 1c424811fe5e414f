import { describe, expect, it } from 'vitest';
import type { DashboardRows, DashboardRun } from '../../src/adapters/dashboard-store';
import { dashboardAccess, givenToken, isLoopbackUrl } from '../../src/dashboard/access';
import { dashboardPage } from '../../src/dashboard/page';
import { formatDuration, formatTime, outputLinks, runEvents, summarizeDashboard, whatStarts } from '../../src/dashboard/summary';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const MAYA = { id: 'maya', name: 'Maya Okafor' };

const definition = (over: Partial<DashboardRun['definition_json']> = {}): DashboardRun['definition_json'] => ({
  name: 'Weekly competitive brief',
  schedule: 'every Monday at 9:00',
  timeZone: 'Europe/Paris',
  watchFolder: null,
  rowTrigger: null,
  afterWorkflow: null,
  reviewer: MAYA,
  reviewPolicy: {},
  people: [],
  ...over,
});

const run = (over: Partial<DashboardRun>): DashboardRun => ({
  run_id: 'run-1',
  workflow_page_id: 'wf-1',
  trigger_kind: 'schedule',
  scheduled_for: '2026-11-30T08:00:00.000Z',
  status: 'Published',
  reviewer_id: 'maya',
  review_round: 1,
  definition_json: definition(),
  created_at: '2026-11-30T08:00:00.000Z',
  updated_at: '2026-11-30T08:42:30.000Z',
  failure_reason: null,
  tokens: 0,
  ...over,
});

const rows = (over: Partial<DashboardRows> = {}): DashboardRows => ({
  workflows: [{ page_id: 'wf-1', name: 'Weekly competitive brief', state: 'Active', health: 'OK — next run Mon 7 Dec 09:00 (Europe/Paris)', next_run: '2026-12-07T08:00:00.000Z', last_failure: null, definition_json: definition() }],
  runs: [],
  artifacts: [],
  lessons: [],
  ...over,
});

describe('formatting', () => {
  it('says how long something took in the two largest units', () => {
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(45_900)).toBe('45 s');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatDuration(3 * 3_600_000)).toBe('3 h');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000)).toBe('2 d 4 h');
  });

  it('shows times in UTC to the minute, and a missing time as a dash', () => {
    expect(formatTime('2026-11-30T08:00:59.000Z')).toBe('2026-11-30 08:00 UTC');
    expect(formatTime(null)).toBe('—');
    expect(formatTime('soon')).toBe('soon');
  });

  it('names every trigger of a workflow in words', () => {
    expect(whatStarts(definition())).toEqual(['every Monday at 9:00 (Europe/Paris)']);
    expect(
      whatStarts(
        definition({
          schedule: null,
          watchFolder: { kind: 'drive_folder', id: 'f', url: 'https://drive.google.com/drive/folders/f', label: 'Signed proposals' },
          rowTrigger: { databaseId: 'd', url: 'https://www.notion.so/d', label: 'Deals', property: 'Stage', value: 'Closed won' },
          afterWorkflow: { workflowName: 'Weekly competitive brief' },
        }),
      ),
    ).toEqual(['a file lands in Signed proposals', 'a row in Deals has Stage = Closed won', 'Weekly competitive brief publishes']);
    expect(whatStarts(definition({ schedule: null }))).toEqual(['Run now only']);
  });
});

describe('who may see the dashboard', () => {
  it('asks for the token whenever DASHBOARD_TOKEN is set, even on this machine', () => {
    expect(dashboardAccess({ token: 't', requestUrl: 'http://localhost:8787/' })).toEqual({ kind: 'token', expected: 't' });
  });

  it('opens without a token only when the request and PUBLIC_URL are this machine', () => {
    expect(dashboardAccess({ requestUrl: 'http://localhost:8787/' })).toEqual({ kind: 'open' });
    expect(dashboardAccess({ requestUrl: 'http://127.0.0.1:8787/', publicUrl: 'http://127.0.0.1:9000/drive' })).toEqual({ kind: 'open' });
    expect(dashboardAccess({ requestUrl: 'https://baton.example.workers.dev/' })).toEqual({ kind: 'off' });
    expect(dashboardAccess({ requestUrl: 'http://localhost:8787/', publicUrl: 'https://baton.example.workers.dev' })).toEqual({ kind: 'off' });
    expect(isLoopbackUrl('http://[::1]:8787/')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1.example.com/')).toBe(false);
  });

  it('reads the token from the bearer header first, else from ?token=', () => {
    expect(givenToken('Bearer abc', 'xyz')).toBe('abc');
    expect(givenToken(undefined, ' xyz ')).toBe('xyz');
    expect(givenToken('Basic abc', undefined)).toBeNull();
  });
});

describe('the dashboard summary', () => {
  it('shows a review waiting on Maya since its round opened, and refreshes while it waits', () => {
    const summary = summarizeDashboard(
      rows({
        runs: [run({ status: 'Needs review', updated_at: '2026-11-30T09:59:00.000Z' })],
        artifacts: [{ run_id: 'run-1', name: 'opened-1', body: '2026-11-30T08:05:00.000Z', created_at: '2026-11-30T08:05:00.000Z' }],
      }),
      NOW,
      { runs: 50 },
    );
    expect(summary.reviews).toEqual([{ runId: 'run-1', workflow: 'Weekly competitive brief', reviewer: 'Maya Okafor', round: 1, since: '2026-11-30T08:05:00.000Z', waitingMs: 115 * 60_000 }]);
    expect(summary.live).toBe(true);
    expect(summary.runs[0]).toMatchObject({ live: true, tookMs: 2 * 3_600_000 });
  });

  it('links the page and every Doc a run published, and only http(s) addresses', () => {
    const links = outputLinks([
      { run_id: 'r', name: 'published-doc', body: JSON.stringify({ id: 'd', url: 'https://docs.google.com/document/d/d/edit' }), created_at: '' },
      { run_id: 'r', name: 'published-page', body: JSON.stringify({ id: 'p', url: 'https://www.notion.so/p' }), created_at: '' },
      { run_id: 'r', name: 'published-doc-post', body: JSON.stringify({ id: 'e', url: 'javascript:alert(1)' }), created_at: '' },
    ]);
    expect(links).toEqual([
      { label: 'Notion page', url: 'https://www.notion.so/p' },
      { label: 'Google Doc', url: 'https://docs.google.com/document/d/d/edit' },
    ]);
  });

  it('lists failures with their reason and does not refresh when every run is final', () => {
    const summary = summarizeDashboard(rows({ runs: [run({ status: 'Failed', failure_reason: 'The Output folder is not shared with Baton' }), run({ run_id: 'run-2' })] }), NOW, { runs: 50 });
    expect(summary.failures.map((f) => f.failureReason)).toEqual(['The Output folder is not shared with Baton']);
    expect(summary.runs[1]).toMatchObject({ live: false, tookMs: 42 * 60_000 + 30_000 });
    expect(summary.live).toBe(false);
  });
});

describe('a run’s status changes', () => {
  it('lists created, each review round opened and decided, and published, in time order', () => {
    const at = (t: string) => `2026-11-30T${t}:00.000Z`;
    const events = runEvents(run({ updated_at: at('09:30') }), [
      { run_id: 'run-1', name: 'published', body: 'Title', created_at: at('09:30') },
      { run_id: 'run-1', name: 'decision-1', body: JSON.stringify({ decision: 'changes_requested', at: at('08:20') }), created_at: at('08:21') },
      { run_id: 'run-1', name: 'opened-2', body: at('08:40'), created_at: at('08:40') },
      { run_id: 'run-1', name: 'opened-1', body: at('08:05'), created_at: at('08:05') },
      { run_id: 'run-1', name: 'decision-2', body: JSON.stringify({ decision: 'approved', at: at('09:25') }), created_at: at('09:26') },
    ]);
    expect(events.map((e) => `${e.label} ${e.at.slice(11, 16)}`)).toEqual([
      'Created 08:00',
      'Needs review (round 1) 08:05',
      'Changes requested (round 1) 08:20',
      'Needs review (round 2) 08:40',
      'Approved (round 2) 09:25',
      'Published 09:30',
    ]);
  });

  it('ends a run that did not publish with its final status', () => {
    expect(runEvents(run({ status: 'Failed', updated_at: '2026-11-30T08:03:00.000Z' }), []).map((e) => e.label)).toEqual(['Created', 'Failed']);
  });
});

describe('the dashboard page', () => {
  it('escapes names and reasons, and refreshes only while a run is live', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const final = String(
      await dashboardPage(summarizeDashboard(rows({ runs: [run({ status: 'Failed', failure_reason: evil, definition_json: definition({ name: `Brief ${evil}` }) })] }), NOW, { runs: 50 }), NOW),
    );
    expect(final).not.toContain('<img');
    expect(final).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(final).not.toContain('http-equiv="refresh"');
    // The style sheet goes through the same escaping; it must come out as written.
    expect(final).toContain('.s-Published{color:#1a7f37}');
    expect(final).not.toMatch(/<style>[^<]*&[a-z#0-9]+;/);

    const live = String(await dashboardPage(summarizeDashboard(rows({ runs: [run({ status: 'Running' })] }), NOW, { runs: 50 }), NOW));
    expect(live).toContain('<meta http-equiv="refresh" content="10">');
  });
});
