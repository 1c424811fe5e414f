// What each step of a plan is shown of the run's sources.
import { describe, expect, it } from 'vitest';
import type { ContextSource } from '../../src/context/pack';
import { sourceKey } from '../../src/context/pack';
import { stepSources, stepTokensLine, upstreamSteps } from '../../src/context/step-context';
import { previousOutputSource } from '../../src/context/previous-output';
import type { ContextReference } from '../../src/domain/workflow-definition';
import { compilePlan } from '../../src/plan/compile';
import { definitionOf } from '../support/definition';

const FOLDER: ContextReference = { kind: 'drive_folder', id: 'folder-updates', url: 'https://drive.google.com/drive/folders/folder-updates', label: 'Competitor updates' };
const PREVIOUS: ContextReference = { kind: 'previous_output', label: "Last week's brief" };
const POSITIONING: ContextReference = { kind: 'notion_page', id: 'page-positioning', url: 'https://www.notion.so/page-positioning', label: 'Our positioning' };

const steps = (...texts: string[]) => texts.map((text, i) => ({ number: i + 1, text }));
const brief = (...texts: string[]) =>
  compilePlan(
    definitionOf({
      pageId: 'page-weekly',
      name: 'Weekly competitive brief',
      reviewer: { id: 'user-maya', name: 'Maya' },
      goal: 'Tell the strategy team what our competitors did last week and what changed since the last brief.',
      steps: steps(...texts),
      context: [FOLDER, PREVIOUS, POSITIONING],
      outputTemplate: '### Summary (3 bullets)\n### Changes since last week\n### Pricing moves\n### What to watch\nKeep it under 500 words.',
    }),
  ).plan;

const source = (ref: ContextReference, name: string, kind: ContextSource['kind']): ContextSource => ({ name, kind, url: null, text: name, ref: sourceKey(ref) });
const SOURCES = [
  source(FOLDER, 'Rival A press release', 'drive_folder_file'),
  source(FOLDER, 'Competitor pricing', 'drive_folder_file'),
  source(PREVIOUS, "Last week's brief (2026-11-23)", 'previous_output'),
  source(POSITIONING, 'Our positioning', 'notion_page'),
];
const names = (sources: ContextSource[]) => sources.map((s) => s.name);

describe('stepSources', () => {
  const plan = brief(
    'Read the competitor updates that came in this week.',
    "Compare them with last week's brief and list what is new, what changed, and what went quiet.",
    'Draft the brief with the template below. Flag anything that affects our pricing.',
    'Send it to Maya for review.',
  );
  const [read, compare, draft] = plan.steps;

  it('gives a step the sources its words name', () => {
    expect(names(stepSources(SOURCES, plan, read!))).toEqual(['Rival A press release', 'Competitor pricing']);
    expect(names(stepSources(SOURCES, plan, compare!))).toEqual(["Last week's brief (2026-11-23)"]);
  });

  it('sends last week\'s brief only to the step that compares with it, not again to the step that drafts from the comparison', () => {
    expect(upstreamSteps(plan, draft!).map((s) => s.number)).toEqual([1, 2]);
    expect(names(stepSources(SOURCES, plan, draft!))).toEqual(['Rival A press release', 'Competitor pricing', 'Our positioning']);
  });

  it("keeps a first run's notice that there is nothing to compare for the step that writes the brief", () => {
    const first = SOURCES.map((s) => (s.kind === 'previous_output' ? previousOutputSource("Last week's brief", null) : s)).map((s) => ({ ...s, ref: s.ref ?? sourceKey(PREVIOUS) }));
    expect(names(stepSources(first, plan, draft!))).toEqual(['Rival A press release', 'Competitor pricing', "Last week's brief (none yet: first run)", 'Our positioning']);
  });

  it('keeps the previous output for a step that reads everything when no step before it compared', () => {
    const alone = brief('Draft the brief with the template below.', 'Send it to Maya for review.');
    expect(names(stepSources(SOURCES, alone, alone.steps[0]!))).toEqual(names(SOURCES));
  });
});

describe('stepTokensLine', () => {
  it('reports each step\'s prompt tokens against the sources budget, and attempts when there were several', () => {
    expect(
      stepTokensLine([
        { number: 1, title: 'Read', promptTokens: 490, budgetTokens: 24_000, reportedPromptTokens: 496, attempts: 1 },
        { number: 3, title: 'Draft', promptTokens: 1200, budgetTokens: 24_000, reportedPromptTokens: 2410, attempts: 2 },
      ]),
    ).toBe('- Prompt tokens by step (sources budget 24,000 each): step 1: 496 · step 3: 2,410 in 2 attempts');
    expect(stepTokensLine([])).toBeNull();
  });
});
