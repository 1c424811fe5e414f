import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/domain/plan';
import type { ContextReference, WorkflowDefinition } from '../../src/domain/workflow-definition';
import { compilePlan, planVersion } from '../../src/plan/compile';
import { readMaxWords, readTemplateHeadings } from '../../src/plan/template';
import { definitionOf } from '../support/definition';

// The four workflows of EXAMPLES.md, as the registry hands them over.
const definition = definitionOf;

const steps = (...texts: string[]) => texts.map((text, i) => ({ number: i + 1, text }));

const BRIEF_CONTEXT: ContextReference[] = [
  { kind: 'drive_folder', id: 'folder-updates', url: 'https://drive.google.com/drive/folders/folder-updates', label: 'Competitor updates' },
  { kind: 'previous_output', label: "Last week's brief" },
  { kind: 'notion_page', id: 'page-positioning', url: 'https://www.notion.so/page-positioning', label: 'Our positioning' },
];

const weeklyBrief = definition({
  pageId: 'page-weekly',
  name: 'Weekly competitive brief',
  schedule: 'every Monday at 9:00',
  reviewer: { id: 'user-maya', name: 'Maya' },
  goal: 'Tell the strategy team what our competitors did last week and what changed since the last brief.',
  steps: steps(
    'Read the competitor updates that came in this week.',
    "Compare them with last week's brief and list what is new, what changed, and what went quiet.",
    'Draft the brief with the template below. Flag anything that affects our pricing.',
    'Send it to Maya for review.',
  ),
  context: BRIEF_CONTEXT,
  outputTemplate: '### Summary (3 bullets)\n### Changes since last week\n### Pricing moves\n### What to watch\nKeep it under 500 words.',
});

const kickoffBrief = definition({
  pageId: 'page-kickoff',
  name: 'Client kickoff brief',
  reviewer: { id: 'user-owner', name: 'Account owner' },
  goal: 'Give the account owner a kickoff brief in our standard format so nobody starts from a blank page.',
  steps: steps(
    'Pull what we know about the client: the proposal that just arrived, the CRM notes, open tickets.',
    'Draft the kickoff brief.',
    'The account owner reviews it.',
  ),
  context: [
    { kind: 'trigger_file', label: 'The new file (the signed proposal)' },
    { kind: 'notion_page', id: 'page-crm', url: 'https://www.notion.so/page-crm', label: 'CRM notes for this client' },
    { kind: 'notion_page', id: 'page-kickoff-howto', url: 'https://www.notion.so/page-kickoff-howto', label: 'Kickoff brief — how we run kickoffs' },
  ],
  outputTemplate: '### Client and goals · ### Scope we sold · ### Stakeholders · ### Risks and open questions · ### First 30 days',
});

const repurposing = definition({
  pageId: 'page-repurpose',
  name: 'Repurpose new articles',
  reviewer: { id: 'user-lena', name: 'Lena' },
  goal: 'Turn each new article into a LinkedIn post, a newsletter section and a talk-track outline.',
  steps: steps(
    'Read the article.',
    'Write the LinkedIn post (under 1,300 characters, one hook line, no hashtags walls).',
    'Write the newsletter section (150 words, one link back).',
    'Write a talk-track outline (5 beats).\nSteps 2, 3 and 4 only need the article, so they can run at the same time.',
    'Lena reviews the set together.',
  ),
  context: [
    { kind: 'trigger_file', label: 'The new article' },
    { kind: 'notion_page', id: 'page-voice', url: 'https://www.notion.so/page-voice', label: 'Brand voice guide' },
    { kind: 'notion_page', id: 'page-channels', url: 'https://www.notion.so/page-channels', label: 'Channel templates' },
  ],
});

const sprintSynthesis = definition({
  pageId: 'page-sprint',
  name: 'Sprint feedback synthesis',
  timeZone: 'America/New_York',
  reviewer: { id: 'user-sam', name: 'Sam' },
  goal: "Group this sprint's customer feedback by theme so the PM can plan the next sprint.",
  steps: steps(
    'Collect the feedback: call notes, support ticket export, survey answers.',
    'Group it by theme; note items that appear in more than one source; flag anything marked urgent.',
    'Draft the synthesis. Apply the lessons from past reviews.',
    'Sam reviews it.',
  ),
  context: [
    { kind: 'drive_folder', id: 'folder-calls', url: 'https://drive.google.com/drive/folders/folder-calls', label: 'Call notes' },
    { kind: 'described', label: 'Support tickets export (Sheet)' },
    { kind: 'described', label: 'Survey answers (Sheet)' },
    { kind: 'previous_output', label: "Last sprint's synthesis" },
  ],
  outputTemplate: '### Top themes (with counts and sources) · ### Repeated across sources · ### Urgent · ### Quotes',
});

const gate = (g: { id: string; number: number | null; dependsOn: string[]; reviews: string[]; reviewerId: string | null; reviewerName: string | null }) => ({ maxRounds: 3, ...g });
const shape = (d: WorkflowDefinition) => compilePlan(d).plan.steps.map((s) => [s.id, s.dependsOn]);

describe('compilePlan: the plan the engine runs is the graph', () => {
  it('chains the weekly brief and gives Maya one gate on the brief, which is published', () => {
    const { plan, problems } = compilePlan(weeklyBrief);
    expect(plan.workflowPageId).toBe('page-weekly');
    expect(plan.definitionHash).toBe('hash-1');
    expect(plan.steps.map((s) => [s.id, s.title, s.dependsOn])).toEqual([
      ['step-1', 'Read the competitor updates that came in this week', []],
      ['step-2', "Compare them with last week's brief and list what is new", ['step-1']],
      ['step-3', 'Draft the brief with the template below', ['step-2']],
    ]);
    expect(plan.steps[1]?.instruction).toBe(weeklyBrief.steps[1]?.text);
    expect(plan.reviewGates).toEqual([
      gate({ id: 'review-4', number: 4, dependsOn: ['step-3'], reviews: ['step-3'], reviewerId: 'user-maya', reviewerName: 'Maya' }),
    ].map((g) => ({ ...g, title: expect.any(String) })));
    expect(plan.outputs).toEqual(['step-3']);
    expect(problems).toEqual([]);
  });

  it('holds only the published step of the weekly brief to the template, sections in order and 500 words', () => {
    const { plan } = compilePlan(weeklyBrief);
    expect(plan.steps.map((s) => [s.output.sections, s.output.maxWords])).toEqual([
      [[], null],
      [[], null],
      [['Summary (3 bullets)', 'Changes since last week', 'Pricing moves', 'What to watch'], 500],
    ]);
  });

  it('lets each step read the sources its words name, and all of Context when it names none', () => {
    const { plan } = compilePlan(weeklyBrief);
    expect(plan.steps.map((s) => (s.reads === 'all' ? 'all' : s.reads.map((r) => r.label)))).toEqual([['Competitor updates'], ["Last week's brief"], 'all']);
  });

  it("reads the kickoff brief's one-line template as five sections without a word limit", () => {
    const { plan } = compilePlan(kickoffBrief);
    expect(plan.steps.map((s) => s.title)).toEqual(['Pull what we know about the client', 'Draft the kickoff brief']);
    expect(plan.steps[1]?.output).toEqual({
      sections: ['Client and goals', 'Scope we sold', 'Stakeholders', 'Risks and open questions', 'First 30 days'],
      maxWords: null,
      rules: [],
    });
    expect(plan.reviewGates.map((g) => [g.id, g.reviews, g.reviewerId])).toEqual([['review-3', ['step-2'], 'user-owner']]);
  });

  it('writes the three repurposing assets side by side, each held to its own limits, and publishes them as a set Lena reviews', () => {
    const { plan } = compilePlan(repurposing);
    expect(shape(repurposing)).toEqual([
      ['step-1', []],
      ['step-2', ['step-1']],
      ['step-3', ['step-1']],
      ['step-4', ['step-1']],
    ]);
    expect(plan.steps[3]?.instruction).toBe('Write a talk-track outline (5 beats).');
    expect(plan.steps.map((s) => s.output.rules.map((r) => r.kind))).toEqual([[], ['max_chars', 'no_hashtags', 'hook_line'].sort(), ['max_words', 'links'].sort(), ['items']].map((k, i) => (i === 0 ? k : expect.arrayContaining(k))));
    expect(plan.outputs).toEqual(['step-2', 'step-3', 'step-4']);
    expect(plan.reviewGates.map((g) => [g.id, g.reviews, g.reviewerId])).toEqual([['review-5', ['step-2', 'step-3', 'step-4'], 'user-lena']]);
    // A set is not held to the Output template (the row has none anyway).
    expect(plan.steps.every((s) => s.output.sections.length === 0)).toBe(true);
  });

  it('keeps "Apply the lessons from past reviews" as drafting work in the sprint synthesis', () => {
    const { plan } = compilePlan(sprintSynthesis);
    expect(plan.steps.map((s) => s.title)).toEqual(['Collect the feedback', 'Group it by theme', 'Draft the synthesis']);
    expect(plan.steps[2]?.instruction).toBe('Draft the synthesis. Apply the lessons from past reviews.');
    expect(plan.steps[2]?.output.sections).toEqual(['Top themes (with counts and sources)', 'Repeated across sources', 'Urgent', 'Quotes']);
  });

  it('runs the hiring pipeline\'s two summaries at the same time and the report after both', () => {
    const hiring = definition({
      reviewer: { id: 'user-priya', name: 'Priya' },
      steps: steps('Summarise new applicants (Drive folder Applicants).', 'Summarise interview notes (Notion page Interview notes).', 'After steps 1 and 2, draft the pipeline report.', 'Priya reviews it.'),
      context: [
        { kind: 'drive_folder', id: 'f-app', url: 'https://drive.google.com/drive/folders/f-app', label: 'Applicants' },
        { kind: 'notion_page', id: 'p-notes', url: 'https://www.notion.so/p-notes', label: 'Interview notes' },
      ],
    });
    expect(shape(hiring)).toEqual([
      ['step-1', []],
      ['step-2', []],
      ['step-3', ['step-1', 'step-2']],
    ]);
    expect(compilePlan(hiring).plan.steps[1]?.reads).toEqual([hiring.context[1]]);
    expect(planVersion(hiring)).toBe('vhash-1 · 1 Applicants ∥ 2 Interview notes → 3 Pipeline report → review (Priya) → publish');
  });

  it('gives a review step to the workspace person it names, and the final review to the Reviewer', () => {
    const twoGates = definition({
      reviewer: { id: 'user-priya', name: 'Priya' },
      people: [{ id: 'user-alex', name: 'Alex Kim' }],
      steps: steps('Draft the contract summary.', 'Alex checks step 1.', 'After step 2, draft the client email from the summary.', 'Priya reviews it.'),
    });
    const { plan, problems } = compilePlan(twoGates);
    expect(problems).toEqual([]);
    expect(plan.reviewGates.map((g) => [g.id, g.dependsOn, g.reviews, g.reviewerId])).toEqual([
      ['review-2', ['step-1'], ['step-1'], 'user-alex'],
      ['review-4', ['step-3'], ['step-3'], 'user-priya'],
    ]);
    expect(plan.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ['step-1', []],
      ['step-3', ['review-2']],
    ]);
  });

  it('gives a row with a Reviewer a gate even when no step mentions a review', () => {
    const { plan } = compilePlan({ ...weeklyBrief, steps: weeklyBrief.steps.slice(0, 3) });
    expect(plan.reviewGates.map((g) => [g.id, g.reviews, g.reviewerId])).toEqual([['review', ['step-3'], 'user-maya']]);
  });

  it('works on the Goal in one step when the row has no Steps', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, steps: [] });
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ id: 'step-0', instruction: weeklyBrief.goal, dependsOn: [], reads: 'all' });
    expect(plan.steps[0]?.output.maxWords).toBe(500);
    expect(plan.outputs).toEqual(['step-0']);
    expect(plan.reviewGates.map((g) => [g.id, g.reviews])).toEqual([['review', ['step-0']]]);
    expect(notes).toEqual(['The row has no Steps — Baton works on the Goal in one step']);
  });

  it('recognises the review hand-offs people write and leaves work sentences alone', () => {
    const handOffs = ['Send it to Maya for review.', 'The account owner reviews it.', 'Lena reviews the set together.', 'Sam reviews it.', 'Ask Ana to review it.', 'Get Maya\'s approval.'];
    const work = ['Summarise the feedback for review.', 'Apply the lessons from past reviews.', 'Read the reviews customers left this week.'];
    const { plan } = compilePlan(definition({ reviewer: { id: 'u', name: null }, steps: steps(...work, ...handOffs) }));
    expect(plan.steps.map((s) => s.instruction)).toEqual(work);
  });

  it('makes a review nobody can give an error, so the row never runs unreviewed', () => {
    const { problems } = compilePlan({ ...weeklyBrief, reviewer: null });
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([['review_no_reviewer', 'error']]);
  });

  it('drafts the Goal before the review when every step is a review', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, steps: steps('Send it to Maya for review.') });
    expect(plan.steps.map((s) => s.instruction)).toEqual([weeklyBrief.goal]);
    expect(plan.reviewGates).toHaveLength(1);
    expect(notes).toEqual(['The Steps only ask for a review — Baton works on the Goal in one step before it']);
  });

  it('drops a step that only says which steps could run together, and runs them together', () => {
    const d = definition({ steps: steps('Read the article.', 'Write the post.', 'Write the newsletter.', 'Steps 2 and 3 can run in parallel.') });
    expect(shape(d)).toEqual([
      ['step-1', []],
      ['step-2', ['step-1']],
      ['step-3', ['step-1']],
    ]);
  });

  it('produces a plan that passes the Plan schema', () => {
    for (const d of [weeklyBrief, kickoffBrief, repurposing, sprintSynthesis]) {
      expect(() => Plan.parse(compilePlan(d).plan)).not.toThrow();
    }
  });
});

describe('output templates', () => {
  it('reads headings on their own lines and several on one line, verbatim and in order', () => {
    expect(readTemplateHeadings('## Wins · ### Risks\n\n#### Next steps ##\nPlain line')).toEqual(['Wins', 'Risks', 'Next steps']);
  });

  it('reads word limits written several ways and keeps the smallest', () => {
    expect(readMaxWords('Keep it under 500 words.')).toBe(500);
    expect(readMaxWords('1,200 words max')).toBe(1200);
    expect(readMaxWords('No more than 300 words, ideally under 250 words.')).toBe(250);
    expect(readMaxWords('### Summary (under 50 words)\nShort.')).toBeNull();
  });
});

describe('planVersion', () => {
  it("names the row version and the graph, within Notion's 2000 characters", () => {
    expect(planVersion(weeklyBrief)).toMatch(/^vhash-1 · 1 Competitor updates → .* → review \(Maya\) → publish$/);
    const longStep = (i: number) => `Write part ${i + 1} of the very long report about everything that happened`;
    const huge = definition({ steps: steps(...Array.from({ length: 400 }, (_, i) => longStep(i))) });
    expect(planVersion(huge).length).toBeLessThanOrEqual(2000);
  });
});
