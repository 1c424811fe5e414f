import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/domain/plan';
import type { ContextReference, WorkflowDefinition } from '../../src/domain/workflow-definition';
import { compilePlan, renderPlanSummary } from '../../src/plan/compile';
import { readMaxWords, readTemplateHeadings } from '../../src/plan/template';

// The four workflows of EXAMPLES.md, as the registry hands them over.
function definition(overrides: Partial<WorkflowDefinition>): WorkflowDefinition {
  return {
    pageId: 'page-1',
    name: 'Workflow',
    state: 'Active',
    schedule: null,
    timeZone: 'Europe/Paris',
    watchFolder: null,
    rowTrigger: null,
    afterWorkflow: null,
    scheduleAnchor: null,
    reviewer: null,
    outputFolder: null,
    outputPage: null,
    mode: 'Live',
    goal: '',
    steps: [],
    context: [],
    outputTemplate: null,
    lessons: [],
    contentHash: 'hash-1',
    ...overrides,
  };
}

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

describe('compilePlan', () => {
  it('turns the weekly brief into three chained drafting steps and a review gate for Maya', () => {
    const { plan, notes } = compilePlan(weeklyBrief);
    expect(plan.workflowPageId).toBe('page-weekly');
    expect(plan.definitionHash).toBe('hash-1');
    expect(plan.steps.map((s) => [s.id, s.title, s.dependsOn])).toEqual([
      ['step-1', 'Read the competitor updates that came in this week', []],
      ['step-2', "Compare them with last week's brief and list what is new", ['step-1']],
      ['step-3', 'Draft the brief with the template below', ['step-2']],
    ]);
    expect(plan.steps[1]?.instruction).toBe(weeklyBrief.steps[1]?.text);
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-3', reviewerId: 'user-maya', maxRounds: 3 }]);
    expect(notes).toEqual([]);
  });

  it('holds only the last drafting step of the weekly brief to the template, sections in order and 500 words', () => {
    const { plan } = compilePlan(weeklyBrief);
    expect(plan.steps.map((s) => s.output)).toEqual([
      null,
      null,
      { sections: ['Summary (3 bullets)', 'Changes since last week', 'Pricing moves', 'What to watch'], maxWords: 500 },
    ]);
  });

  it('lets every step see the whole Context section', () => {
    const { plan } = compilePlan(weeklyBrief);
    for (const step of plan.steps) expect(step.context).toEqual(BRIEF_CONTEXT);
  });

  it("reads the kickoff brief's one-line template as five sections without a word limit", () => {
    const { plan, notes } = compilePlan(kickoffBrief);
    expect(plan.steps.map((s) => s.title)).toEqual(['Pull what we know about the client', 'Draft the kickoff brief']);
    expect(plan.steps[1]?.output).toEqual({
      sections: ['Client and goals', 'Scope we sold', 'Stakeholders', 'Risks and open questions', 'First 30 days'],
      maxWords: null,
    });
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-2', reviewerId: 'user-owner', maxRounds: 3 }]);
    expect(notes).toEqual([]);
  });

  it('runs the repurposing steps 2–4 one after another and keeps their parallel hint as a note', () => {
    const { plan, notes } = compilePlan(repurposing);
    expect(plan.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ['step-1', []],
      ['step-2', ['step-1']],
      ['step-3', ['step-2']],
      ['step-4', ['step-3']],
    ]);
    expect(plan.steps[3]?.instruction).toBe('Write a talk-track outline (5 beats).');
    expect(plan.steps[1]?.title).toBe('Write the LinkedIn post');
    expect(notes).toEqual([
      'Step 4 says "Steps 2, 3 and 4 only need the article, so they can run at the same time." — for now Baton runs the steps one after another',
    ]);
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-4', reviewerId: 'user-lena', maxRounds: 3 }]);
    // No Output template: nothing to hold the last step to.
    expect(plan.steps.every((s) => s.output === null)).toBe(true);
  });

  it('keeps "Apply the lessons from past reviews" as drafting work in the sprint synthesis', () => {
    const { plan } = compilePlan(sprintSynthesis);
    expect(plan.steps.map((s) => s.title)).toEqual(['Collect the feedback', 'Group it by theme', 'Draft the synthesis']);
    expect(plan.steps[2]?.instruction).toBe('Draft the synthesis. Apply the lessons from past reviews.');
    expect(plan.steps[2]?.output?.sections).toEqual(['Top themes (with counts and sources)', 'Repeated across sources', 'Urgent', 'Quotes']);
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-3', reviewerId: 'user-sam', maxRounds: 3 }]);
  });

  it('says a review step will be skipped when the row has no Reviewer', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, reviewer: null });
    expect(plan.reviewGates).toEqual([]);
    expect(plan.steps).toHaveLength(3);
    expect(notes).toEqual(['Step 4 asks for a review but the row has no Reviewer — the output will publish without one']);
  });

  it('gives a row with a Reviewer a gate even when no step mentions a review', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, steps: weeklyBrief.steps.slice(0, 3) });
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-3', reviewerId: 'user-maya', maxRounds: 3 }]);
    expect(notes).toEqual([]);
  });

  it('works on the Goal in one step when the row has no Steps', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, steps: [] });
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ id: 'step-1', instruction: weeklyBrief.goal, dependsOn: [], context: BRIEF_CONTEXT });
    expect(plan.steps[0]?.output?.maxWords).toBe(500);
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-1', reviewerId: 'user-maya', maxRounds: 3 }]);
    expect(notes).toEqual(['The row has no Steps — Baton works on the Goal in one step']);
  });

  it('recognises the review hand-offs people write and leaves work sentences alone', () => {
    const handOffs = ['Send it to Maya for review.', 'The account owner reviews it.', 'Lena reviews the set together.', 'Sam reviews it.', 'Ask Ana to review it.', 'Get Maya\'s approval.'];
    const work = ['Summarise the feedback for review.', 'Apply the lessons from past reviews.', 'Read the reviews customers left this week.'];
    const { plan } = compilePlan(definition({ reviewer: { id: 'u', name: null }, steps: steps(...work, ...handOffs) }));
    expect(plan.steps.map((s) => s.instruction)).toEqual(work);
  });

  it('drafts a step that also asks for a review, and notes when nobody can give it', () => {
    const { plan, notes } = compilePlan(definition({ steps: steps('Read the updates.', 'Draft the brief and send it to Maya for review.') }));
    expect(plan.steps.map((s) => s.title)).toEqual(['Read the updates', 'Draft the brief and send it to Maya for review']);
    expect(plan.reviewGates).toEqual([]);
    expect(notes).toEqual(['Step 2 asks for a review but the row has no Reviewer — the output will publish without one']);
  });

  it('says a review asked for mid-way will come once, after the last step', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, steps: steps('Read the updates.', 'Maya reviews it.', 'Draft the brief.') });
    expect(plan.steps.map((s) => s.instruction)).toEqual(['Read the updates.', 'Draft the brief.']);
    expect(plan.reviewGates).toEqual([{ afterStep: 'step-2', reviewerId: 'user-maya', maxRounds: 3 }]);
    expect(notes).toEqual(['Step 2 asks for a review before later steps — for now the review comes once, after the last step']);
  });

  it('drafts the Goal before the review when every step is a review', () => {
    const { plan, notes } = compilePlan({ ...weeklyBrief, steps: steps('Send it to Maya for review.') });
    expect(plan.steps.map((s) => s.instruction)).toEqual([weeklyBrief.goal]);
    expect(plan.reviewGates).toHaveLength(1);
    expect(notes).toEqual(['The Steps only ask for a review — Baton works on the Goal in one step before it']);
  });

  it('drops a step that only says which steps could run together', () => {
    const { plan, notes } = compilePlan(
      definition({ steps: steps('Read the article.', 'Write the post.', 'Write the newsletter.', 'Steps 2 and 3 can run in parallel.') }),
    );
    expect(plan.steps.map((s) => s.id)).toEqual(['step-1', 'step-2', 'step-3']);
    expect(notes).toEqual(['Step 4 says "Steps 2 and 3 can run in parallel." — for now Baton runs the steps one after another']);
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

describe('renderPlanSummary', () => {
  it('renders the weekly brief as numbered steps ending with the review', () => {
    const { plan } = compilePlan(weeklyBrief);
    expect(renderPlanSummary(plan, { reviewerNames: { 'user-maya': 'Maya' } })).toBe(
      "1. Read the competitor updates that came… → 2. Compare them with last week's brief… → 3. Draft the brief with the template below → review by Maya",
    );
  });

  it('names an unknown reviewer "the Reviewer" and stays within Notion\'s 2000 characters', () => {
    const longStep = (i: number) => `Write part ${i + 1} of the very long report about everything that happened`;
    const long = definition({ reviewer: { id: 'u', name: null }, steps: steps(...Array.from({ length: 80 }, (_, i) => longStep(i))) });
    const summary = renderPlanSummary(compilePlan(long).plan);
    expect(summary.length).toBeLessThanOrEqual(2000);
    expect(summary).toMatch(/^1\. Write part… → 2\. Write part… → .* → 80\. Write part… → review by the Reviewer$/);

    const huge = definition({ steps: steps(...Array.from({ length: 400 }, (_, i) => longStep(i))) });
    expect(renderPlanSummary(compilePlan(huge).plan).length).toBeLessThanOrEqual(2000);
    expect(renderPlanSummary(compilePlan(kickoffBrief).plan)).toMatch(/→ review by the Reviewer$/);
  });
});
