// The plan-graph tests' rows and checks: rows as people write them, compiled the way a sync
// compiles them, and one check per graph case (the graph line, what each step needs and reads).
import { expect } from 'vitest';
import { PlanGraph, type GraphStep } from '../../../src/domain/plan';
import type { Person } from '../../../src/domain/workflow-definition';
import { compilePlan } from '../../../src/plan/compile';
import { planProblemMessage } from '../../../src/plan/plan-problem-message';
import { planGraph } from '../../../src/plan/render-graph';
import { parseBody } from '../../../src/registry';
import { definitionOf } from '../definition';


// Rows as people write them: the Steps and Context sections in Notion's markdown, read by the
// registry's own body parser, so the compiler sees exactly what a sync hands it (steps, and the
// lines of Steps that are not steps).

const hex = (n: number) => n.toString(16).padStart(32, '0');
const drive = (label: string, n: number) => `- Drive folder: ${label} (https://drive.google.com/drive/folders/1${'Fold'.repeat(6)}${n})`;
const driveFile = (label: string, n: number) => `- Drive file: ${label} (https://docs.google.com/spreadsheets/d/1${'File'.repeat(8)}${n}/edit)`;
const notion = (label: string, n: number) => `- Notion: ${label} (https://www.notion.so/acme/${label.replace(/\W+/g, '-')}-${hex(n)})`;

export const C = {
  applicants: drive('Applicants', 1),
  interviewNotes: notion('Interview notes', 2),
  hiringTemplate: notion('Hiring report format', 3),
  competitorUpdates: drive('Competitor updates', 4),
  lastBrief: "- Last week's brief",
  positioning: notion('Our positioning', 5),
  newFile: '- The new file (the signed proposal)',
  crmNotes: notion('CRM notes for this client', 6),
  kickoffHowTo: notion('Kickoff brief — how we run kickoffs', 7),
  newArticle: '- The new article',
  voice: notion('Brand voice guide', 8),
  channels: notion('Channel templates', 9),
  callNotes: drive('Call notes', 10),
  tickets: driveFile('Support tickets export', 11),
  survey: driveFile('Survey answers', 12),
  lastSynthesis: "- Last sprint's synthesis",
  deals: notion('Deals pipeline', 13),
  pricing: driveFile('Competitor pricing', 14),
};

export const PEOPLE = {
  priya: { id: 'user-priya', name: 'Priya' },
  maya: { id: 'user-maya', name: 'Maya Okafor' },
  lena: { id: 'user-lena', name: 'Lena' },
  sam: { id: 'user-sam', name: 'Sam' },
  ana: { id: 'user-ana', name: 'Ana' },
  owner: { id: 'user-owner', name: 'Jordan Lee' },
} satisfies Record<string, Person>;

export interface Row {
  steps: string;
  context?: string[];
  goal?: string;
  reviewer?: Person | null;
  /** A Watch folder starts the runs (so "the new file" is something). */
  watch?: boolean;
  /** Workspace people the Steps name (the registry resolves them at sync). */
  people?: Person[];
}

export function compileRow(row: Row) {
  const body = parseBody(
    ['## Goal', row.goal ?? 'Produce the output the team needs.', '## Steps', row.steps, '## Context', ...(row.context ?? [])].join('\n'),
  );
  const definition = definitionOf({
    schedule: 'every Monday at 9:00',
    watchFolder: row.watch ? { kind: 'drive_folder', id: 'watch', url: 'https://drive.google.com/drive/folders/watch', label: 'Inbox' } : null,
    reviewer: row.reviewer ?? null,
    goal: body.goal,
    steps: body.steps,
    context: body.context,
    stepNotes: body.notes,
    people: row.people ?? [],
  });
  return { definition, compiled: compilePlan(definition) };
}

const key = (step: GraphStep) => (step.number === null ? 'review' : String(step.number));
const dependsOn = (steps: readonly GraphStep[]) => Object.fromEntries(steps.map((s) => [key(s), s.dependsOn]));
const reads = (steps: readonly GraphStep[]) =>
  Object.fromEntries(steps.filter((s) => s.kind === 'draft').map((s) => [key(s), s.reads === 'all' ? 'all' : s.reads.map((r) => r.label)]));

export interface GraphCase {
  name: string;
  row: Row;
  graph: string;
  dependsOn: Record<string, number[]>;
  /** Drafting steps not listed read all of Context. */
  reads?: Record<string, 'all' | string[]>;
  titles?: Record<string, string>;
  outputs?: number[];
  /** Warnings the row still runs with; none when not listed. */
  problems?: string[];
}

export function check(c: GraphCase) {
  const { compiled } = compileRow(c.row);
  const { graph } = compiled;
  expect(() => PlanGraph.parse(graph)).not.toThrow();
  expect(planGraph(graph)).toBe(c.graph);
  expect(dependsOn(graph.steps)).toEqual(c.dependsOn);
  const allRead = Object.fromEntries(Object.keys(reads(graph.steps)).map((k) => [k, c.reads?.[k] ?? 'all']));
  expect(reads(graph.steps)).toEqual(allRead);
  if (c.titles) expect(Object.fromEntries(graph.steps.filter((s) => key(s) in c.titles!).map((s) => [key(s), s.title]))).toEqual(c.titles);
  if (c.outputs) expect(graph.outputs).toEqual(c.outputs);
  expect(compiled.problems.map(planProblemMessage)).toEqual(c.problems ?? []);
}

export const HIRING: Row = {
  steps: [
    '1. Summarise new applicants (Drive folder Applicants).',
    '2. Summarise interview notes (Notion page Interview notes).',
    '3. After steps 1 and 2, draft the pipeline report.',
    '4. Priya reviews it.',
  ].join('\n'),
  context: [C.applicants, C.interviewNotes, C.hiringTemplate],
  reviewer: PEOPLE.priya,
};
