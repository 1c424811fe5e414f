import { describe, expect, it } from 'vitest';
import { PlanGraph, type GraphStep } from '../../src/domain/plan';
import type { Person, WorkflowDefinition } from '../../src/domain/workflow-definition';
import { DEFAULT_REVIEW_POLICY } from '../../src/domain/workflow-definition';
import { compilePlan } from '../../src/plan/compile';
import { hasPlanErrors, PlanProblem } from '../../src/plan/plan-problem';
import { planProblemMessage } from '../../src/plan/plan-problem-message';
import { planGraph } from '../../src/plan/render-graph';
import { parseBody } from '../../src/registry';

// Rows as people write them: the Steps and Context sections in Notion's markdown, read by the
// registry's own body parser, so the compiler sees exactly what a sync hands it (steps, and the
// lines of Steps that are not steps).

const hex = (n: number) => n.toString(16).padStart(32, '0');
const drive = (label: string, n: number) => `- Drive folder: ${label} (https://drive.google.com/drive/folders/1${'Fold'.repeat(6)}${n})`;
const driveFile = (label: string, n: number) => `- Drive file: ${label} (https://docs.google.com/spreadsheets/d/1${'File'.repeat(8)}${n}/edit)`;
const notion = (label: string, n: number) => `- Notion: ${label} (https://www.notion.so/acme/${label.replace(/\W+/g, '-')}-${hex(n)})`;

const C = {
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

const PEOPLE = {
  priya: { id: 'user-priya', name: 'Priya' },
  maya: { id: 'user-maya', name: 'Maya Okafor' },
  lena: { id: 'user-lena', name: 'Lena' },
  sam: { id: 'user-sam', name: 'Sam' },
  ana: { id: 'user-ana', name: 'Ana' },
  owner: { id: 'user-owner', name: 'Jordan Lee' },
} satisfies Record<string, Person>;

interface Row {
  steps: string;
  context?: string[];
  goal?: string;
  reviewer?: Person | null;
  /** A Watch folder starts the runs (so "the new file" is something). */
  watch?: boolean;
  /** Workspace people the Steps name (the registry resolves them at sync). */
  people?: Person[];
}

function compileRow(row: Row) {
  const body = parseBody(
    ['## Goal', row.goal ?? 'Produce the output the team needs.', '## Steps', row.steps, '## Context', ...(row.context ?? [])].join('\n'),
  );
  const definition: WorkflowDefinition = {
    pageId: 'page-1',
    name: 'Workflow',
    state: 'Active',
    schedule: 'every Monday at 9:00',
    timeZone: 'Europe/Paris',
    watchFolder: row.watch ? { kind: 'drive_folder', id: 'watch', url: 'https://drive.google.com/drive/folders/watch', label: 'Inbox' } : null,
    rowTrigger: null,
    afterWorkflow: null,
    scheduleAnchor: null,
    reviewer: row.reviewer ?? null,
    reviewPolicy: DEFAULT_REVIEW_POLICY,
    outputFolder: null,
    outputPage: null,
    trialPage: null,
    trialFolder: null,
    humanVersion: null,
    mode: 'Live',
    goal: body.goal,
    steps: body.steps,
    context: body.context,
    outputTemplate: null,
    lessons: [],
    stepNotes: body.notes,
    people: row.people ?? [],
    learning: 'Automatic',
    contentHash: 'hash-1',
  };
  return { definition, compiled: compilePlan(definition) };
}

const key = (step: GraphStep) => (step.number === null ? 'review' : String(step.number));
const dependsOn = (steps: readonly GraphStep[]) => Object.fromEntries(steps.map((s) => [key(s), s.dependsOn]));
const reads = (steps: readonly GraphStep[]) =>
  Object.fromEntries(steps.filter((s) => s.kind === 'draft').map((s) => [key(s), s.reads === 'all' ? 'all' : s.reads.map((r) => r.label)]));
const messages = (row: Row) => compileRow(row).compiled.problems.map(planProblemMessage);

interface GraphCase {
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

function check(c: GraphCase) {
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

const HIRING: Row = {
  steps: [
    '1. Summarise new applicants (Drive folder Applicants).',
    '2. Summarise interview notes (Notion page Interview notes).',
    '3. After steps 1 and 2, draft the pipeline report.',
    '4. Priya reviews it.',
  ].join('\n'),
  context: [C.applicants, C.interviewNotes, C.hiringTemplate],
  reviewer: PEOPLE.priya,
};

const EXAMPLES: GraphCase[] = [
  {
    name: 'the weekly competitive brief: read, compare with last week, draft, Maya reviews',
    row: {
      steps: [
        '1. Read the competitor updates that came in this week.',
        "2. Compare them with last week's brief and list what is new, what changed, and what went quiet.",
        '3. Draft the brief with the template below. Flag anything that affects our pricing.',
        '4. Send it to Maya for review.',
      ].join('\n'),
      context: [C.competitorUpdates, C.lastBrief, C.positioning],
      reviewer: PEOPLE.maya,
    },
    graph: "1 Competitor updates → 2 Compare them with last week's brief → 3 Brief → review (Maya Okafor) → publish",
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [3] },
    reads: { 1: ['Competitor updates'], 2: ["Last week's brief"] },
    titles: { 1: 'Read the competitor updates that came in this week', 3: 'Draft the brief with the template below' },
    outputs: [3],
  },
  {
    name: 'the client kickoff brief: the proposal that just arrived and the CRM notes, then the brief',
    row: {
      steps: [
        '1. Pull what we know about the client: the proposal that just arrived, the CRM notes, open tickets.',
        '2. Draft the kickoff brief.',
        '3. The account owner reviews it.',
      ].join('\n'),
      context: [C.newFile, C.crmNotes, C.kickoffHowTo],
      reviewer: PEOPLE.owner,
      watch: true,
    },
    graph: '1 Pull what we know about the client → 2 Kickoff brief → review (Jordan Lee) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
    reads: { 1: ['The new file (the signed proposal)', 'CRM notes for this client'] },
  },
  {
    name: 'the repurposing pipeline: three assets from one article at the same time, reviewed as a set',
    row: {
      steps: [
        '1. Read the article.',
        '2. Write the LinkedIn post (under 1,300 characters, one hook line, no hashtags walls).',
        '3. Write the newsletter section (150 words, one link back).',
        '4. Write a talk-track outline (5 beats).',
        'Steps 2, 3 and 4 only need the article, so they can run at the same time.',
        '1. Lena reviews the set together.',
      ].join('\n'),
      context: [C.newArticle, C.voice, C.channels],
      reviewer: PEOPLE.lena,
      watch: true,
    },
    graph: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section ∥ 4 Talk-track outline → review (Lena) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [1], 5: [2, 3, 4] },
    reads: { 1: ['The new article'] },
    outputs: [2, 3, 4],
  },
  {
    name: 'the sprint feedback synthesis: collect from three sources, group, draft, Sam reviews',
    row: {
      steps: [
        '1. Collect the feedback: call notes, support ticket export, survey answers.',
        '2. Group it by theme; note items that appear in more than one source; flag anything marked urgent.',
        '3. Draft the synthesis. Apply the lessons from past reviews.',
        '4. Sam reviews it.',
      ].join('\n'),
      context: [C.callNotes, C.tickets, C.survey, C.lastSynthesis],
      reviewer: PEOPLE.sam,
    },
    graph: '1 Feedback → 2 Group it by theme → 3 Synthesis → review (Sam) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [3] },
    reads: { 1: ['Call notes', 'Support tickets export', 'Survey answers'] },
  },
  {
    name: 'the hiring pipeline: applicants and interview notes side by side, then the report, Priya reviews',
    row: HIRING,
    graph: '1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2], 4: [3] },
    reads: { 1: ['Applicants'], 2: ['Interview notes'] },
    titles: { 1: 'Summarise new applicants', 2: 'Summarise interview notes', 3: 'Draft the pipeline report', 4: 'Priya reviews it' },
    outputs: [3],
  },
];

describe('the plan graph of the example workflows', () => {
  it.each(EXAMPLES)('reads $name', check);

  it('hands the engine the same graph: the two summaries need nothing, each reads its own source', () => {
    const { compiled } = compileRow(HIRING);
    expect(compiled.plan.steps.map((s) => s.dependsOn)).toEqual([[], [], ['step-1', 'step-2']]);
    expect(compiled.plan.steps.map((s) => (s.reads === 'all' ? 'all' : s.reads.map((r) => r.label)))).toEqual([['Applicants'], ['Interview notes'], 'all']);
    expect(compiled.plan.reviewGates.map((g) => [g.id, g.reviews, g.reviewerName])).toEqual([['review-4', ['step-3'], 'Priya']]);
  });
});

// Phrasings people really write: dependencies in words, typos, notes between the steps.
const PHRASINGS: GraphCase[] = [
  {
    name: '"after steps 1 and 2" typed without a comma and with "setp"',
    row: { ...HIRING, steps: '1. Summarise new applicants (Drive folder Applicants).\n2. Summarise interview notes (Notion page Interview notes).\n3. after setp 1 and 2 draft the pipeline report\n4. Priya reviews it.' },
    graph: '1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2], 4: [3] },
    reads: { 1: ['Applicants'], 2: ['Interview notes'] },
    titles: { 3: 'Draft the pipeline report' },
  },
  {
    name: '"After Steps 1 & 2 -> draft …" with an arrow and an ampersand',
    row: { ...HIRING, steps: '1) Summarize the new applicants in the Applicants folder\n2) Summarize the interview notes\n3) After Steps 1 & 2 -> draft the pipeline report\n4) Priya reviews it' },
    graph: '1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2], 4: [3] },
    reads: { 1: ['Applicants'], 2: ['Interview notes'] },
    titles: { 1: 'Summarize the new applicants in the Applicants folder', 3: 'Draft the pipeline report' },
  },
  {
    name: '"once both summaries are ready" finds the two steps that summarise',
    row: { ...HIRING, steps: '1. Summarise new applicants.\n2. Summarise interview notes.\n3. Once both summaries are ready, draft the pipeline report.\n4. Priya reviews it.' },
    graph: '1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2], 4: [3] },
    reads: { 1: ['Applicants'], 2: ['Interview notes'] },
  },
  {
    name: '"once the research is done" waits for every step that researches',
    row: { steps: '1. Research what competitors launched.\n2. Research their pricing pages.\n3. Once the research is done, draft the brief.' },
    graph: '1 Research what competitors launched ∥ 2 Pricing pages → 3 Brief → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2] },
    titles: { 3: 'Draft the brief' },
    outputs: [3],
  },
  {
    name: '"when the reserach is finished" (a typo) still finds the research step',
    row: { steps: '1. Collect the call notes.\n2. Do the research on each account.\n3. When the reserach is finished, write the account plan.' },
    graph: '1 Call notes → 2 Research → 3 Account plan → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
    reads: {},
  },
  {
    name: '"using the list from step 2" needs step 2, and the step after the list keeps its place',
    row: { steps: '1. Export the open deals.\n2. List the deals that closed this month.\n3. Using the list from step 2, write a thank-you note for each client.' },
    graph: '1 Open deals → 2 Deals that closed this month → 3 Thank-you note → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
    titles: { 3: 'Write a thank-you note for each client' },
  },
  {
    name: '"with the output of step 1" skips the step in between',
    row: {
      steps: '1. Summarise the call notes.\n2. Summarise the survey answers.\n3. With the output of step 1, pick five customer quotes.\n4. After steps 2 and 3, write the synthesis.',
      context: [C.callNotes, C.survey],
    },
    graph: '1 Call notes → 2 Survey answers ∥ 3 Five customer quotes → 4 Synthesis → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
    reads: { 1: ['Call notes'], 2: ['Survey answers'] },
  },
  {
    name: '"after step two" in words, which leaves the slides of step 3 to nobody',
    row: { steps: '1. Read the brief.\n2. Outline the talk.\n3. Draft the slides.\n4. After step two, write the speaker notes.' },
    graph: '1 Brief → 2 Talk → 3 Slides ∥ 4 Speaker notes → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [2] },
    problems: ["Nothing uses step 3 ('Draft the slides'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 3, …'), or remove it."],
  },
  {
    name: '"Steps 2-4 can be done in parallel" as a line between the steps',
    row: {
      steps: '1. Read the article.\n2. Write the LinkedIn post.\n3. Write the newsletter section.\n4. Write the talk-track outline.\nSteps 2-4 can be done in parallel.\n5. Lena reviews all three.',
      context: [C.newArticle],
      reviewer: PEOPLE.lena,
      watch: true,
    },
    graph: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section ∥ 4 Talk-track outline → review (Lena) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [1], 5: [2, 3, 4] },
    reads: { 1: ['The new article'] },
    outputs: [2, 3, 4],
  },
  {
    name: 'the runs-together sentence typed as an indented line under step 4',
    row: {
      steps: '1. Read the article.\n2. Write the LinkedIn post.\n3. Write the newsletter section.\n4. Write a talk-track outline (5 beats).\n\tSteps 2, 3 and 4 only need the article, so they can run at the same time.\n5. Lena reviews the set together.',
      context: [C.newArticle, C.voice],
      reviewer: PEOPLE.lena,
      watch: true,
    },
    graph: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section ∥ 4 Talk-track outline → review (Lena) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [1], 5: [2, 3, 4] },
    reads: { 1: ['The new article'] },
    outputs: [2, 3, 4],
  },
  {
    name: '"2, 3 and 4 can run at the same time" without the word "steps"',
    row: {
      steps: '1. Read the article.\n2. Write the post.\n3. Write the email.\n4. Write the tweet.\n2, 3 and 4 can run at the same time.',
      context: [C.newArticle],
      watch: true,
    },
    graph: '1 Article → 2 Post ∥ 3 Email ∥ 4 Tweet → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [1] },
    reads: { 1: ['The new article'] },
    outputs: [2, 3, 4],
  },
  {
    name: '"Steps two and three don\'t depend on each other"',
    row: { steps: '1. Pull the numbers for the month.\n2. Write the finance summary.\n3. Write the sales summary.\n4. Combine them into one update.\nSteps two and three don’t depend on each other.' },
    graph: '1 Numbers → 2 Finance summary ∥ 3 Sales summary → 4 Combine them into one update (after 3) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [3] },
    problems: ["Nothing uses step 2 ('Write the finance summary'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 2, …'), or remove it."],
  },
  {
    name: '"This can run at the same time as step 2" inside a step',
    row: { steps: '1. Read the release notes.\n2. Write the changelog entry.\n3. Write the customer email. This can run at the same time as step 2.\n4. After steps 2 and 3, put both in the launch doc.' },
    graph: '1 Release notes → 2 Changelog entry ∥ 3 Customer email → 4 Put both in the launch doc → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
  },
  {
    name: '"Step 3 doesn\'t need step 2" as a line of its own',
    row: { steps: '1. Gather the tickets.\n2. Tag each ticket by product area.\n3. Count the tickets per customer.\nStep 3 doesn’t need step 2.\n4. Using steps 2 and 3, write the support report.' },
    graph: '1 Tickets → 2 Ticket by product area ∥ 3 Tickets per customer → 4 Support report → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
  },
  {
    name: '"Step 2 can start right away" as a line of its own, and "from both" needs the two steps before',
    row: { steps: '1. Summarise the board minutes.\n2. Pull the KPIs from the dashboard export.\n3. Write the investor update from both.\nStep 2 can start right away.' },
    graph: '1 Board minutes ∥ 2 KPIs from the dashboard export → 3 Investor update → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2] },
  },
  {
    name: '"Step 2 can start right away" alone leaves step 1 to nobody',
    row: { steps: '1. Summarise the board minutes.\n2. Pull the KPIs from the dashboard export.\n3. Write the investor update.\nStep 2 can start right away.' },
    graph: '1 Board minutes ∥ 2 KPIs from the dashboard export → 3 Investor update (after 2) → publish',
    dependsOn: { 1: [], 2: [], 3: [2] },
    problems: ["Nothing uses step 1 ('Summarise the board minutes'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 1, …'), or remove it."],
  },
  {
    name: '"Step 4 needs steps 1 and 3" as a line of its own',
    row: { steps: '1. List the new hires.\n2. Book their laptops.\n3. Pick a buddy for each.\n4. Write the welcome email.\nStep 4 needs steps 1 and 3.' },
    graph: '1 Hires → 2 Laptops → 3 Buddy → 4 Welcome email (after 1 and 3) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [1, 3] },
  },
  {
    name: '"the previous step" and "the step before" are the step before',
    row: { steps: '1. Transcribe the interview.\n2. Using the previous step, pull the best quotes.\n3. Turn the step before into a blog post.' },
    graph: '1 Interview → 2 Best quotes → 3 Turn the step before into a blog post → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
    titles: { 2: 'Pull the best quotes' },
  },
  {
    name: '"Combine everything above" needs every step before it, and they run side by side',
    row: { steps: '1. Summarise sales.\n2. Summarise support.\n3. Summarise product.\n4. Combine everything above into one page.' },
    graph: '1 Sales ∥ 2 Support ∥ 3 Product → 4 Combine everything above into one page → publish',
    dependsOn: { 1: [], 2: [], 3: [], 4: [1, 2, 3] },
  },
  {
    name: '"Take the output of steps 1-3 and write …" needs the whole range and gets a short title',
    row: { steps: '1. Summarise sales.\n2. Summarise support.\n3. Summarise product.\n4. Take the output of steps 1-3 and write the monthly digest.' },
    graph: '1 Sales ∥ 2 Support ∥ 3 Product → 4 Monthly digest → publish',
    dependsOn: { 1: [], 2: [], 3: [], 4: [1, 2, 3] },
    titles: { 4: 'Write the monthly digest' },
  },
  {
    name: '"Then" and "Next," open steps without changing what they need',
    row: { steps: '1. First, read the transcript.\n2. Then summarise it in five bullets.\n3. Next, draft the follow-up email.' },
    graph: '1 Transcript → 2 Summarise it in five bullets → 3 Follow-up email → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
    titles: { 1: 'Read the transcript', 2: 'Summarise it in five bullets', 3: 'Draft the follow-up email' },
  },
  {
    name: 'steps written as "Step 1:" labels, the second referring back to "those clients"',
    row: { steps: 'Step 1: Pull the deals that closed this week.\nStep 2: Pull the open support tickets for those clients.\nStep 3: After step 1 and step 2, write the handover notes.' },
    graph: '1 Deals that closed this week → 2 Open support tickets → 3 Handover notes (after 1 and 2) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1, 2] },
  },
  {
    name: 'bulleted steps with no numbers still follow each other',
    row: { steps: '- Read the meeting notes\n- List the decisions\n- Draft the recap email' },
    graph: '1 Meeting notes → 2 Decisions → 3 Recap email → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: 'a sub-list under a step belongs to that step',
    row: { steps: '1. Collect:\n- call notes\n- survey answers\n2. Group it by theme.', context: [C.callNotes, C.survey] },
    graph: '1 Collect → 2 Group it by theme → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Call notes', 'Survey answers'] },
  },
  {
    name: '"do this before step 3" makes step 3 wait for it too',
    row: { steps: '1. Book the venue; do this before step 3.\n2. Draft the agenda.\n3. Send the invitations with the agenda and the venue.' },
    graph: '1 Venue → 2 Agenda → 3 Invitations (after 1 and 2) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1, 2] },
  },
];

// Reviews: who, and after what.
const REVIEWS: GraphCase[] = [
  {
    name: 'two reviews by two people: "Legal (Ana) checks step 1" holds back only the step after it, the Reviewer gives the last',
    row: {
      steps: '1. Draft the contract summary.\n2. Legal (Ana) checks step 1.\n3. After step 2, draft the client email from the summary.\n4. Maya reviews it.',
      reviewer: PEOPLE.maya,
      people: [PEOPLE.ana],
    },
    graph: '1 Contract summary → review (Ana) → 3 Client email → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [3] },
    outputs: [3],
  },
  {
    name: 'a review step naming someone Baton cannot find in the workspace goes to the Reviewer, with a warning',
    row: { steps: '1. Draft the contract summary.\n2. Legal (Ana) checks step 1.', reviewer: PEOPLE.maya },
    graph: '1 Contract summary → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1] },
    problems: ["Step 2 asks Ana to review, but Baton finds nobody called Ana among the workspace's people, so Maya Okafor (the row's Reviewer) would approve it — write the name as it is in Notion, put Ana in the Reviewer column, or change the step to name Maya Okafor."],
  },
  {
    name: '"ask Ana to review" with Ana as the Reviewer',
    row: { steps: '1. Draft the press release.\n2. Ask Ana to review it.', reviewer: PEOPLE.ana },
    graph: '1 Press release → review (Ana) → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Have Sam approve it"',
    row: { steps: '1. Draft the FAQ.\n2. Have Sam approve it.', reviewer: PEOPLE.sam },
    graph: '1 FAQ → review (Sam) → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Get Maya\'s sign-off" after two drafts that run side by side',
    row: { steps: '1. Draft the release notes.\n2. Draft the help-centre article.\n3. Get Maya’s sign-off on both.\nSteps 1 and 2 can run at the same time.', reviewer: PEOPLE.maya },
    graph: '1 Release notes ∥ 2 Help-centre article → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2] },
    outputs: [1, 2],
  },
  {
    name: '"To be reviewed by Lena" with the Reviewer\'s full name on the row',
    row: { steps: '1. Write the case study.\n2. To be reviewed by Lena.', reviewer: { id: 'user-lena', name: 'Lena Fischer' } },
    graph: '1 Case study → review (Lena Fischer) → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Finally, send it to Maya for review" after a step that runs alongside another',
    row: {
      steps: '1. Summarise the competitor updates.\n2. Summarise the competitor pricing sheet.\n3. After steps 1 and 2, draft the brief.\n4. Finally, send it to Maya for review.',
      context: [C.competitorUpdates, C.pricing],
      reviewer: PEOPLE.maya,
    },
    graph: '1 Competitor updates ∥ 2 Competitor pricing sheet → 3 Brief → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2], 4: [3] },
    reads: { 1: ['Competitor updates'], 2: ['Competitor pricing'] },
  },
  {
    name: 'a review that names the steps it checks: "Lena reviews steps 2 and 3 together"',
    row: {
      steps: '1. Read the article.\n2. Write the LinkedIn post.\n3. Write the newsletter section.\n4. Lena reviews steps 2 and 3 together.',
      context: [C.newArticle],
      reviewer: PEOPLE.lena,
      watch: true,
    },
    graph: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section → review (Lena) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
    reads: { 1: ['The new article'] },
    outputs: [2, 3],
  },
  {
    name: 'a row with a Reviewer and no review step gets the review before publishing',
    row: { steps: '1. Read the updates.\n2. Draft the brief.', reviewer: PEOPLE.maya },
    graph: '1 Updates → 2 Brief → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1], review: [2] },
  },
  {
    name: 'a step that drafts and asks for the review is drafted, then reviewed',
    row: { steps: '1. Read the updates.\n2. Draft the brief and send it to Maya for review.', reviewer: PEOPLE.maya },
    graph: '1 Updates → 2 Brief → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1], review: [2] },
    titles: { 2: 'Draft the brief and send it to Maya for review' },
  },
  {
    name: 'a review half-way: the steps after it wait for the approval, and the Reviewer still sees the end',
    row: { steps: '1. Draft the outline.\n2. Ana reviews the outline.\n3. Write the article from the outline.', reviewer: PEOPLE.ana },
    graph: '1 Outline → review (Ana) → 3 Article from the outline → review (Ana) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], review: [3] },
  },
  {
    name: '"After step 3, send it to Sam for sign-off" reviews step 3 only',
    row: { steps: '1. Collect the feedback.\n2. Group it by theme.\n3. Draft the synthesis.\n4. After step 3, send it to Sam for sign-off.', reviewer: PEOPLE.sam },
    graph: '1 Feedback → 2 Group it by theme → 3 Synthesis → review (Sam) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [3] },
  },
  {
    name: 'a row without a Reviewer or a review step publishes the last step',
    row: { steps: '1. Read the updates.\n2. Draft the digest.' },
    graph: '1 Updates → 2 Digest → publish',
    dependsOn: { 1: [], 2: [1] },
    outputs: [2],
  },
  {
    name: 'no Steps at all: the Goal is drafted in one step, then reviewed',
    row: { steps: '', goal: 'Write a weekly summary of the support queue.', reviewer: PEOPLE.sam },
    graph: 'Weekly summary of the support queue → review (Sam) → publish',
    dependsOn: { 0: [], review: [0] },
    outputs: [0],
  },
  {
    name: 'Steps that only ask for a review: the Goal is drafted before it',
    row: { steps: '1. Send it to Maya for review.', goal: 'Summarise what our competitors shipped this week.', reviewer: PEOPLE.maya },
    graph: 'Summarise what our competitors shipped… → review (Maya Okafor) → publish',
    dependsOn: { 0: [], 1: [0] },
  },
];

// What each step reads of the Context section.
const SOURCES: GraphCase[] = [
  {
    name: '"Read the new file" reads what started the run, even with no Context line for it',
    row: { steps: '1. Read the new file.\n2. Summarise it for the team.', context: [C.voice], watch: true },
    graph: '1 New file → 2 Summarise it for the team → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['the new file'] },
  },
  {
    name: 'a source named in other words: "the notes from each interview"',
    row: { steps: '1. Summarise the notes from each interview.\n2. Write the hiring update.', context: [C.interviewNotes, C.applicants] },
    graph: '1 Notes from each interview → 2 Hiring update → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Interview notes'] },
  },
  {
    name: '"the Notion page Brand voice guide" and "the previous brief" in one step',
    row: { steps: '1. Read the competitor updates.\n2. Rewrite the previous brief in the tone of the Notion page Brand voice guide.', context: [C.competitorUpdates, C.lastBrief, C.voice] },
    graph: '1 Competitor updates → 2 Previous brief → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Competitor updates'], 2: ["Last week's brief", 'Brand voice guide'] },
  },
  {
    name: 'a Sheet named by its words: "the support tickets export"',
    row: { steps: '1. Count the urgent items in the support tickets export.\n2. Draft the escalation note.', context: [C.tickets, C.survey] },
    graph: '1 Urgent items → 2 Escalation note → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Support tickets export'] },
  },
  {
    name: '"Draft the kickoff brief" does not read the page "Kickoff brief — how we run kickoffs"',
    row: { steps: '1. Read the CRM notes for this client.\n2. Draft the kickoff brief.', context: [C.crmNotes, C.kickoffHowTo] },
    graph: '1 CRM notes → 2 Kickoff brief → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['CRM notes for this client'] },
  },
  {
    name: '"the deals pipeline" and "last week\'s report" — with last week\'s output in Context',
    row: { steps: "1. Read the Deals pipeline.\n2. Compare it with last week's report.", context: [C.deals, "- Last week's report"] },
    graph: "1 Deals pipeline → 2 Compare it with last week's report → publish",
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Deals pipeline'], 2: ["Last week's report"] },
  },
  {
    name: '"last month\'s update" in a step reads the Context line "The previous edition"',
    row: { steps: "1. Read the Deals pipeline.\n2. Say what moved since last month's update.", context: [C.deals, '- The previous edition'] },
    graph: "1 Deals pipeline → 2 Say what moved since last month's update → publish",
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Deals pipeline'], 2: ['The previous edition'] },
  },
  {
    name: '"what changed since last week" gets the previous output as its own source',
    row: { steps: '1. Read the Deals pipeline.\n2. List what changed since last week.', context: [C.deals, "- Last sprint's synthesis"] },
    graph: '1 Deals pipeline → 2 List what changed since last week → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Deals pipeline'], 2: ["Last sprint's synthesis"] },
  },
];

// Words that only look like dependencies: none of these is a step the plan waits for.
const LOOKALIKES: GraphCase[] = [
  {
    name: '"the first step customers take" and "5 beats" are no steps',
    row: { steps: '1. Read the onboarding survey.\n2. Describe the first step customers take, in 5 beats.\n3. Draft the onboarding email (under 150 words).' },
    graph: '1 Onboarding survey → 2 First step customers take → 3 Onboarding email → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: '"After the call, …" when no step is a call is about the world, not a step',
    row: { steps: '1. Read the call transcript.\n2. After the client call, write the follow-up email.' },
    graph: '1 Call transcript → 2 Follow-up email → publish',
    dependsOn: { 1: [], 2: [1] },
    titles: { 2: 'Write the follow-up email' },
  },
  {
    name: '"feedback from both teams" is no pair of steps',
    row: { steps: '1. Read the retro notes.\n2. List the blockers.\n3. Summarise the feedback from both teams.' },
    graph: '1 Retro notes → 2 Blockers → 3 Feedback from both teams → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: '"once the file is in the folder" waits for no step',
    row: { steps: '1. Once the file is in the folder, read it.\n2. Summarise it.', watch: true },
    graph: '1 Read it → 2 Summarise it → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Research each competitor independently" is how to work, not which steps run together',
    row: { steps: '1. List our five main competitors.\n2. Research each competitor independently, at the same time if you can.\n3. Draft the comparison table.' },
    graph: '1 Five main competitors → 2 Competitor → 3 Comparison table → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: '"Combine steps 2 and 3 together" is work, not a runs-together hint',
    row: { steps: '1. Read the article.\n2. Write the intro.\n3. Write the outro.\n4. Combine steps 2 and 3 together into one post.' },
    graph: '1 Article → 2 Intro ∥ 3 Outro → 4 Combine steps 2 and 3 together into… → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
  },
];

describe('the plan graph of plain-language step lists', () => {
  it.each(PHRASINGS)('reads $name', check);
  it.each(REVIEWS)('reads $name', check);
  it.each(SOURCES)('reads $name', check);
  it.each(LOOKALIKES)('reads $name', check);

  it('covers at least 40 step lists', () => {
    expect(EXAMPLES.length + PHRASINGS.length + REVIEWS.length + SOURCES.length + LOOKALIKES.length).toBeGreaterThanOrEqual(40);
  });
});

// Steps Baton cannot run as written, or runs with a remark: each with the words Health shows.
const PROBLEMS: { name: string; row: Row; messages: string[]; kinds?: string[] }[] = [
  {
    name: 'a step that waits for a step the list does not have',
    row: { steps: '1. Read the updates.\n2. List what changed.\n3. After step 7, draft the brief.\n4. Flag pricing moves.' },
    messages: [
      "Step 3 says 'After step 7, draft the brief.', but there is no step 7 (the steps are numbered 1 to 4) — write the number of a step that exists, e.g. '3. After step 2, …'.",
    ],
  },
  {
    name: 'a line between the steps that names a step the list does not have',
    row: { steps: '1. Read the article.\n2. Write the post.\n3. Write the email.\nSteps 2 and 5 can run at the same time.' },
    messages: [
      "A line in Steps says 'Steps 2 and 5 can run at the same time.', but there is no step 5 (the steps are numbered 1 to 3) — write the number of a step that exists, e.g. 'Steps 2 and 3 can run at the same time'.",
    ],
  },
  {
    name: 'two steps that each say they come after the other',
    row: { steps: '1. Read the notes.\n2. After step 3, write the intro.\n3. After step 2, write the outline.\n4. Using steps 1, 2 and 3, write the article.' },
    messages: [
      "Steps 2 and 3 wait for each other (step 2 → step 3 → step 2), so none of them can start — make one of them need only earlier steps (e.g. '2. After step 1, …'), or renumber the steps in the order they should run.",
    ],
    kinds: ['step_cycle'],
  },
  {
    name: 'a step that uses a later one, which by default follows it',
    row: { steps: '1. Read the notes.\n2. Using the outline from step 3, write the intro.\n3. Make the outline.' },
    messages: [
      "Steps 2 and 3 wait for each other (step 2 → step 3 → step 2), so none of them can start; step 3 names no step, so it takes the one before it — make one of them need only earlier steps (e.g. '2. After step 1, …'), or renumber the steps in the order they should run.",
      "Nothing uses step 1 ('Read the notes'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 1, …'), or remove it.",
    ],
  },
  {
    name: 'a circle of three steps',
    row: { steps: '1. After step 3, pick the theme.\n2. After step 1, write the headline.\n3. After step 2, choose the images.' },
    messages: [
      "Steps 1, 2 and 3 wait for each other (step 1 → step 3 → step 2 → step 1), so none of them can start — make one of them need only earlier steps (e.g. take 'step 3' out of step 1), or renumber the steps in the order they should run.",
    ],
  },
  {
    name: 'a step that says it comes after itself',
    row: { steps: '1. Read the brief.\n2. Draft the post after step 2.' },
    messages: [
      "Step 2 says it needs itself (step 2 → step 2), so it can never start — name the step whose output it uses instead, e.g. 'After step 1, …'.",
      "Nothing uses step 1 ('Read the brief'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 1, …'), or remove it.",
    ],
  },
  {
    name: 'a review step on a row with no Reviewer',
    row: { steps: '1. Read the competitor updates.\n2. Draft the brief.\n3. Send it to Maya for review.' },
    messages: [
      "Step 3 asks for a review ('Send it to Maya for review.'), but the row has no Reviewer, so nobody could approve it — put Maya in the Reviewer column (one person), or take the review out of Steps to publish without one.",
    ],
    kinds: ['review_no_reviewer'],
  },
  {
    name: '"ask Ana to review" on a row with no Reviewer',
    row: { steps: '1. Draft the offer letter.\n2. Ask Ana to review it.' },
    messages: [
      "Step 2 asks for a review ('Ask Ana to review it.'), but the row has no Reviewer, so nobody could approve it — put Ana in the Reviewer column (one person), or take the review out of Steps to publish without one.",
    ],
  },
  {
    name: 'a step that drafts and asks for a review nobody can give',
    row: { steps: '1. Read the updates.\n2. Draft the brief and send it to the strategy lead for approval.' },
    messages: [
      "Step 2 asks for a review ('Draft the brief and send it to the strategy lead for approval.'), but the row has no Reviewer, so nobody could approve it — put the person who approves in the Reviewer column (one person), or take the review out of Steps to publish without one.",
    ],
  },
  {
    name: 'a review step that names someone other than the Reviewer',
    row: { steps: '1. Draft the contract summary.\n2. Legal checks step 1.', reviewer: PEOPLE.maya },
    messages: [
      "Step 2 asks Legal to review, but Baton finds nobody called Legal among the workspace's people, so Maya Okafor (the row's Reviewer) would approve it — write the name as it is in Notion, put Legal in the Reviewer column, or change the step to name Maya Okafor.",
    ],
  },
  {
    name: 'a Drive folder a step names that Context does not list',
    row: { steps: '1. Summarise new applicants (Drive folder Applicants).\n2. Draft the pipeline report.', context: [C.interviewNotes] },
    messages: [
      "Step 1 reads the Drive folder 'Applicants', which the Context section does not list, so the step would have nothing to read — add it under Context with its link ('- Drive folder: Applicants (https://drive.google.com/drive/folders/…)'), or change the step to name a source Context lists.",
    ],
    kinds: ['source_unknown'],
  },
  {
    name: 'a Notion page a step names that Context does not list',
    row: { steps: '1. Summarise the interview notes (Notion page Interview scorecards).\n2. Draft the report.', context: [C.interviewNotes] },
    messages: [
      "Step 1 reads the Notion page 'Interview scorecards', which the Context section does not list, so the step would have nothing to read — add it under Context with its link ('- Notion: Interview scorecards (https://www.notion.so/…)', or @-mention the page), or change the step to name a source Context lists.",
    ],
  },
  {
    name: "last week's brief, when Context does not list it",
    row: { steps: "1. Read the competitor updates.\n2. Compare them with last week's brief.", context: [C.competitorUpdates] },
    messages: [
      "Step 2 uses 'last week's brief', but the Context section does not list it, so Baton would not read it — add the line '- Last week's brief' under Context, and Baton reads this workflow's last published output.",
    ],
  },
  {
    name: '"the new file" in a workflow nothing starts with a file',
    row: { steps: '1. Read the new file.\n2. Summarise it for the team.' },
    messages: [
      "Step 1 reads 'the new file', but nothing starts this workflow with a file or a row — add a Watch folder (a Google Drive folder link: each new file in it starts a run) or a Trigger (for example 'when a row in @Deals has Stage = Closed won'), or name the source under Context.",
    ],
  },
  {
    name: 'a line in Steps that is not a step and says nothing about the order',
    row: { steps: '1. Read the article.\n2. Write the post.\nUse British spelling throughout.' },
    messages: [
      "The line 'Use British spelling throughout.' in Steps is not a numbered step and says nothing about which steps wait for which, so it is not part of the plan — number it as a step of its own, or move it to Goal (for what every step keeps in mind) or Output template (for how the output must look).",
    ],
    kinds: ['sentence_unplaced'],
  },
  {
    name: '"once the research is done" with no step that researches',
    row: { steps: '1. Read the competitor updates.\n2. List the price changes.\n3. Once the research is done, draft the brief.' },
    messages: [
      "Step 3 says 'Once the research is done', but no other step's words match it, so Baton cannot tell which step it waits for — write the step's number instead, e.g. '3. After step 2, …'.",
    ],
  },
  {
    name: '"These can run at the same time" without saying which',
    row: { steps: '1. Read the article.\n2. Write the post.\n3. Write the email.\nThese can run at the same time.' },
    messages: [
      "A line in Steps says 'These can run at the same time.' but not which steps — write their numbers, e.g. 'Steps 2, 3 and 4 can run at the same time'.",
    ],
  },
  {
    name: 'a step saying it runs in parallel without saying with which',
    row: { steps: '1. Read the article.\n2. Write the post. This one can run in parallel with the others.\n3. Write the email.' },
    messages: [
      "Step 2 says 'This one can run in parallel with the others.' but not which steps — write their numbers, e.g. 'Steps 2, 3 and 4 can run at the same time'.",
    ],
  },
  {
    name: 'a step nobody uses: the emails of step 3 are left behind by step 4',
    row: { steps: '1. Collect the leads from the form.\n2. Score each lead.\n3. Draft the outreach emails.\n4. Using the list from step 2, pick the top ten accounts.' },
    messages: [
      "Nothing uses step 3 ('Draft the outreach emails'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 3, …'), or remove it.",
    ],
    kinds: ['step_unused'],
  },
  {
    name: 'steps said to run at the same time while one uses the other',
    row: { steps: '1. Read the article.\n2. List the three key points.\n3. Using the list from step 2, write the post.\nSteps 2 and 3 can run at the same time.' },
    messages: [
      "'Steps 2 and 3 can run at the same time.' says steps can run at the same time, but step 3 uses step 2, so it waits for it — take step 3 out of that sentence, or take 'step 2' out of step 3.",
    ],
  },
  {
    name: 'a line about a step the list does not have',
    row: { steps: '1. Read the article.\n2. Write the post.\nStep 9 needs step 1.' },
    messages: [
      "A line in Steps says 'Step 9 needs step 1.', but there is no step 9 (the steps are 1 and 2) — write the number of a step that exists, e.g. 'Steps 2 and 3 can run at the same time'.",
    ],
  },
  {
    name: 'a step that must come "before step 9"',
    row: { steps: '1. Book the venue before step 9.\n2. Send the invitations.' },
    messages: [
      "Step 1 says 'Book the venue before step 9.', but there is no step 9 (the steps are 1 and 2) — write the number of a step that exists, e.g. '1. After step 2, …'.",
    ],
  },
];

describe('what Health says about Steps Baton cannot run as written', () => {
  it.each(PROBLEMS)('says what is wrong with $name, and how to write it', ({ row, messages: expected, kinds }) => {
    const { compiled } = compileRow(row);
    expect(compiled.problems.map(planProblemMessage)).toEqual(expected);
    if (kinds) expect(compiled.problems.map((p) => p.kind)).toEqual(kinds);
  });

  it('keeps every problem in the shape Health stores, errors apart from warnings', () => {
    for (const { row } of PROBLEMS) for (const p of compileRow(row).compiled.problems) expect(PlanProblem.parse(p)).toEqual(p);
    const cycle = compileRow(PROBLEMS[2]!.row).compiled.problems;
    const unused = compileRow({ steps: '1. Read the updates.\n2. Draft the memo.\n3. Using step 1, draft the digest.' }).compiled.problems;
    expect([hasPlanErrors(cycle), unused.map((p) => [p.kind, p.severity]), hasPlanErrors(unused)]).toEqual([true, [['step_unused', 'warning']], false]);
  });

  it('shows a review nobody can give as such on the graph, and publishes nothing as reviewed', () => {
    const { compiled } = compileRow({ steps: '1. Draft the brief.\n2. Send it to Maya for review.' });
    expect(planGraph(compiled.graph)).toBe('1 Brief → review (nobody) → publish');
    expect(compiled.graph.steps.map((s) => s.reviewer)).toEqual([null, null]);
  });

  it('does not take one of two steps with the same number for the other', () => {
    const { compiled } = compileRow({ steps: 'Step 1: Read the notes.\nStep 2: Draft the memo.\nStep 2: Draft the email.' });
    expect(compiled.graph.steps.map((s) => [s.number, s.dependsOn])).toEqual([[1, []], [2, [1]], [2, [1]]]);
    expect(compiled.problems.filter((p) => p.kind === 'step_cycle')).toEqual([]);
  });

  it('covers at least 15 problems', () => {
    expect(PROBLEMS.length).toBeGreaterThanOrEqual(15);
  });
});
