// What the runs dashboard shows, computed from D1's rows: per workflow its trigger, Health and
// next run; the run timeline; reviews waiting and on whom; failures; outputs; lessons. Pure:
// `now` is passed in, nothing is fetched. Values stay plain text here; the page escapes them.
import * as z from 'zod';
import type { DashboardArtifact, DashboardLesson, DashboardRows, DashboardRun, DefinitionView } from '../adapters/dashboard-store';
import { isFinal, type RunStatus } from '../domain/run-status';

export interface WorkflowSummary {
  id: string;
  name: string;
  state: string;
  /** What starts it, in words: its schedule, watch folder, watched row, upstream workflow. */
  starts: string[];
  health: string;
  nextRun: string | null;
}

export interface OutputLink {
  label: string;
  url: string;
}

export interface RunSummary {
  runId: string;
  workflow: string;
  status: RunStatus;
  trigger: string;
  created: string;
  updated: string;
  /** Final runs: created → last change. Live runs: created → now. */
  tookMs: number;
  live: boolean;
  failureReason: string | null;
  outputs: OutputLink[];
  title: string | null;
  /** Its status changes that Baton recorded, oldest first. */
  events: RunEvent[];
}

export interface RunEvent {
  label: string;
  at: string;
}

export interface ReviewWaiting {
  runId: string;
  workflow: string;
  reviewer: string;
  round: number;
  since: string;
  waitingMs: number;
}

export interface LessonSummary {
  workflow: string;
  runId: string;
  at: string;
  lessons: string[];
}

export interface DashboardSummary {
  workflows: WorkflowSummary[];
  runs: RunSummary[];
  reviews: ReviewWaiting[];
  failures: RunSummary[];
  lessons: LessonSummary[];
  /** Some run is not in a final state: the page refreshes itself. */
  live: boolean;
}

const PublishedLink = z.object({ url: z.string() });
const Lessons = z.array(z.string());

export function summarizeDashboard(rows: DashboardRows, now: Date, options: { runs: number }): DashboardSummary {
  const byRun = new Map<string, DashboardArtifact[]>();
  for (const a of rows.artifacts) byRun.set(a.run_id, [...(byRun.get(a.run_id) ?? []), a]);
  const summaries = rows.runs.map((run) => summarizeRun(run, byRun.get(run.run_id) ?? [], now));
  return {
    workflows: rows.workflows.map((w) => ({
      id: w.page_id,
      name: w.name,
      state: w.state,
      starts: w.definition_json ? whatStarts(w.definition_json) : [],
      health: w.health,
      nextRun: w.next_run,
    })),
    runs: summaries.slice(0, options.runs),
    reviews: rows.runs
      .filter((run) => run.status === 'Needs review')
      .map((run) => reviewWaiting(run, byRun.get(run.run_id) ?? [], now))
      .sort((a, b) => b.waitingMs - a.waitingMs),
    failures: summaries.filter((r) => r.status === 'Failed' || r.status === 'Expired'),
    lessons: rows.lessons.flatMap((l) => lessonSummary(l)),
    live: rows.runs.some((run) => !isFinal(run.status)),
  };
}

/** The workflow's triggers, as a person would say them. */
export function whatStarts(d: DefinitionView): string[] {
  const starts: string[] = [];
  if (d.schedule) starts.push(`${d.schedule} (${d.timeZone})`);
  if (d.watchFolder) starts.push(`a file lands in ${d.watchFolder.label}`);
  if (d.rowTrigger) starts.push(`a row in ${d.rowTrigger.label} has ${d.rowTrigger.property} = ${d.rowTrigger.value}`);
  if (d.afterWorkflow) starts.push(`${d.afterWorkflow.workflowName} publishes`);
  return starts.length > 0 ? starts : ['Run now only'];
}

function summarizeRun(run: DashboardRun, artifacts: readonly DashboardArtifact[], now: Date): RunSummary {
  const live = !isFinal(run.status);
  const end = live ? now.getTime() : Date.parse(run.updated_at);
  return {
    runId: run.run_id,
    workflow: run.definition_json.name,
    status: run.status,
    trigger: run.trigger_kind,
    created: run.created_at,
    updated: run.updated_at,
    tookMs: Math.max(0, end - Date.parse(run.created_at)),
    live,
    failureReason: run.failure_reason,
    outputs: outputLinks(artifacts),
    title: artifacts.find((a) => a.name === 'published')?.body ?? null,
    events: runEvents(run, artifacts),
  };
}

const Decision = z.object({ decision: z.enum(['approved', 'changes_requested']), at: z.string() });

/**
 * The status changes D1 holds a time for: created, each review round opened and decided,
 * published, and a final state other than Published (its last change). D1 keeps no full history,
 * so Running and Publishing have no time of their own.
 */
export function runEvents(run: DashboardRun, artifacts: readonly DashboardArtifact[]): RunEvent[] {
  const events: RunEvent[] = [{ label: 'Created', at: run.created_at }];
  for (const a of artifacts) {
    const round = /^(opened|decision)-(\d+)$/.exec(a.name);
    if (round?.[1] === 'opened') events.push({ label: `Needs review (round ${round[2]})`, at: a.created_at });
    if (round?.[1] === 'decision' && a.body) {
      const d = Decision.safeParse(safeJson(a.body));
      if (d.success) events.push({ label: `${d.data.decision === 'approved' ? 'Approved' : 'Changes requested'} (round ${round[2]})`, at: d.data.at });
    }
    if (a.name === 'published') events.push({ label: 'Published', at: a.created_at });
  }
  if (isFinal(run.status) && run.status !== 'Published') events.push({ label: run.status, at: run.updated_at });
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Every output a run published: its Notion page, then its Docs in name order. */
export function outputLinks(artifacts: readonly DashboardArtifact[]): OutputLink[] {
  const links: OutputLink[] = [];
  const sorted = [...artifacts].sort((a, b) => a.name.localeCompare(b.name));
  for (const a of sorted) {
    const label = a.name === 'published-page' ? 'Notion page' : a.name.startsWith('published-doc') ? docLabel(a.name) : null;
    const url = label && a.body ? readUrl(a.body) : null;
    if (label && url) links.push({ label, url });
  }
  return links.sort((a, b) => Number(b.label === 'Notion page') - Number(a.label === 'Notion page'));
}

function docLabel(name: string): string {
  const part = name.slice('published-doc'.length).replace(/^-/, '');
  return part ? `Google Doc (${part})` : 'Google Doc';
}

/** Only http(s) addresses become links: a stored `javascript:` URL would run on click. */
function readUrl(body: string): string | null {
  try {
    const parsed = PublishedLink.safeParse(JSON.parse(body));
    return parsed.success && /^https?:\/\//i.test(parsed.data.url) ? parsed.data.url : null;
  } catch {
    return null;
  }
}

function reviewWaiting(run: DashboardRun, artifacts: readonly DashboardArtifact[], now: Date): ReviewWaiting {
  const opened = artifacts.find((a) => a.name === `opened-${run.review_round}`);
  const since = opened?.created_at ?? run.updated_at;
  return {
    runId: run.run_id,
    workflow: run.definition_json.name,
    reviewer: personName(run.definition_json, run.reviewer_id),
    round: run.review_round,
    since,
    waitingMs: Math.max(0, now.getTime() - Date.parse(since)),
  };
}

/** The reviewer's name as the run's definition knows them; their id when it does not. */
export function personName(d: DefinitionView, id: string | null): string {
  if (!id) return d.reviewer?.name ?? 'nobody named';
  const people = [d.reviewer, ...(d.reviewPolicy.reviewers ?? []), d.reviewPolicy.backup ?? null, ...d.people];
  return people.find((p) => p?.id === id)?.name ?? id;
}

function lessonSummary(l: DashboardLesson): LessonSummary[] {
  let lessons: string[];
  try {
    lessons = Lessons.parse(JSON.parse(l.body));
  } catch {
    return [];
  }
  return lessons.length > 0 ? [{ workflow: l.workflow_name ?? 'Unknown workflow', runId: l.run_id, at: l.created_at, lessons }] : [];
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": the two largest units, rounded down. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** "2026-11-30 08:00 UTC"; text that is not a date is shown as it is. */
export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
