import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/registry';

const kinds = (markdown: string) => parseBody(markdown).problems.map((p) => p.kind);

describe('reading a row body into sections', () => {
  it.each([
    ['## Goal', '## Steps', '## Context', '## Output template', '## Lessons'],
    ['# GOAL:', '# How', '# Sources', '# Template', '# Learnings'],
    ['### Objective', '### Step', '### Inputs', '### Output format', '### Lesson'],
    ['#### Goals', '#### Process', '#### Context & sources', '#### Format', '#### Lessons learned'],
    ['## 🎯 Our goal', '## 1. Steps:', '## References', '## Output', '## What we learned'],
    ['**Goal**', '**Steps:**', 'Context:', '**Output template**', 'Lessons:'],
  ])('understands the headings %s / %s / %s / %s / %s', (goal, steps, context, template, lessons) => {
    const body = parseBody(
      [goal, 'Brief the team.', steps, '1. Read.', '2. Write.', context, '- Last week\'s brief', template, '### Summary', lessons, '- Be short.'].join('\n'),
    );
    expect(body.problems).toEqual([]);
    expect(body.goal).toBe('Brief the team.');
    expect(body.steps).toEqual([
      { number: 1, text: 'Read.' },
      { number: 2, text: 'Write.' },
    ]);
    expect(body.context).toEqual([{ kind: 'previous_output', label: "Last week's brief" }]);
    expect(body.outputTemplate).toBe('### Summary');
    expect(body.lessons).toEqual(['Be short.']);
  });

  it('treats a body without headings as all Goal', () => {
    const body = parseBody('Summarise the week\'s support tickets for the team.\nKeep it friendly.');
    expect(body.goal).toBe("Summarise the week's support tickets for the team.\nKeep it friendly.");
    expect(body).toMatchObject({ steps: [], context: [], outputTemplate: null, lessons: [], problems: [] });
  });

  it('gives text before the first heading to Goal, and drops a leading "Goal:" label', () => {
    const body = parseBody('Goal: Draft the monthly investor update.\n## Steps\n1. Collect numbers.');
    expect(body.goal).toBe('Draft the monthly investor update.');
    expect(body.steps).toEqual([{ number: 1, text: 'Collect numbers.' }]);
  });

  it('undoes Notion escapes, reads mentions as words and ignores empty blocks', () => {
    const body = parseBody(
      [
        '## Goal',
        'Compare plans \\<\\$50\\> and flag \\*anything\\* odd in `a\\*b`.',
        '<empty-block/>',
        '## Steps',
        '1. Ask <mention-user url="user://6c1e9f3a">Maya</mention-user> about <mention-page url="https://www.notion.so/3b7d2e914c6a4f1e8d25a09c7e5b3f01">Our positioning</mention-page> by <mention-date start="2026-12-01"/>.',
      ].join('\n'),
    );
    expect(body.goal).toBe('Compare plans <$50> and flag *anything* odd in `a\\*b`.');
    expect(body.steps[0]?.text).toBe('Ask @Maya about Our positioning by 2026-12-01.');
  });

  it('keeps tab-indented children with their step, and reads toggle headings', () => {
    const body = parseBody(
      [
        '## Goal {color="blue"}',
        'Synthesise feedback.',
        '## Steps {toggle="true"}',
        '\t1. Collect the feedback:',
        '\t\t- call notes',
        '\t\t- survey answers',
        '\t2. Group it by theme.',
      ].join('\n'),
    );
    expect(body.problems).toEqual([]);
    expect(body.steps).toEqual([
      { number: 1, text: 'Collect the feedback:\n- call notes\n- survey answers' },
      { number: 2, text: 'Group it by theme.' },
    ]);
  });

  it('accepts "Step 1:" lines, and bullets as steps in order when nothing is numbered', () => {
    expect(parseBody('## Steps\nStep 1: Read.\n**Step 2:** Write.\n3) Review.').steps).toEqual([
      { number: 1, text: 'Read.' },
      { number: 2, text: 'Write.' },
      { number: 3, text: 'Review.' },
    ]);
    expect(parseBody('## Steps\n- Read.\n- [ ] Write.\n- [x] Review.\n-').steps).toEqual([
      { number: 1, text: 'Read.' },
      { number: 2, text: 'Write.' },
      { number: 3, text: 'Review.' },
    ]);
  });

  it('reads bullets typed without indenting between numbered steps as part of the step above', () => {
    expect(parseBody('## Steps\n1. Collect the feedback:\n- call notes\n- survey answers\n2. Group it.').steps).toEqual([
      { number: 1, text: 'Collect the feedback:\n- call notes\n- survey answers' },
      { number: 2, text: 'Group it.' },
    ]);
  });

  it('reads headings with a remark in parentheses or a slash', () => {
    const body = parseBody('## Goal\nG\n## Steps (in order)\n1. A\n## Context / sources\n- Last week\'s brief\n## \n## Output template (keep it short):\n### S');
    expect(body.problems).toEqual([]);
    expect(body.steps).toHaveLength(1);
    expect(body.context).toHaveLength(1);
    expect(body.outputTemplate).toBe('### S');
  });

  it("continues the count when Notion restarts a numbered list after a note, or every item says 1.", () => {
    const restarted = parseBody('## Goal\nG\n## Steps\n1. A\n2. B\nB and C can run together.\n1. C');
    expect(restarted.steps.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(restarted.notes).toEqual(['B and C can run together.']);
    expect(restarted.problems).toEqual([]);
    expect(parseBody('## Goal\nG\n## Steps\n1. A\n1. B\n1. C').steps.map((s) => s.number)).toEqual([1, 2, 3]);
  });

  it('keeps the Output template as written, its own headings included, even ones named like sections', () => {
    const body = parseBody(
      ['## Goal', 'G', '## Output template', '### Context', '### Steps we took', '#### Details', '- a bullet', 'Keep it under 500 words.', '## Lessons', '- L1'].join('\n'),
    );
    expect(body.outputTemplate).toBe('### Context\n### Steps we took\n#### Details\n- a bullet\nKeep it under 500 words.');
    expect(body.context).toEqual([]);
    expect(body.lessons).toEqual(['L1']);
    expect(body.problems).toEqual([]);
  });

  it('keeps code blocks literal', () => {
    const body = parseBody('## Goal\nG\n## Output template\n### Data\n```json\n# not a heading \\*\n```');
    expect(body.outputTemplate).toBe('### Data\n```json\n# not a heading \\*\n```');
  });

  it('reports an unknown heading and keeps its text in the section before it', () => {
    const body = parseBody('## Goal\nBrief the team.\n## Audience\nThe sales team.\n## Steps\n1. Write.');
    expect(body.goal).toBe('Brief the team.\n## Audience\nThe sales team.');
    expect(body.problems).toEqual([{ kind: 'unknown_section', severity: 'warning', heading: 'Audience', keptIn: 'goal' }]);
  });

  it('treats a deeper heading inside a section as part of it', () => {
    const body = parseBody('## Goal\nBrief the team.\n### Why\nBecause.');
    expect(body.goal).toBe('Brief the team.\n### Why\nBecause.');
    expect(body.problems).toEqual([]);
  });

  it('joins a section written twice and says so', () => {
    const body = parseBody('## Goal\nG\n## Steps\n1. A\n## Context\n- Last week\'s brief\n## Steps\n2. B');
    expect(body.steps.map((s) => s.text)).toEqual(['A', 'B']);
    expect(kinds('## Goal\nG\n## Steps\n1. A\n## Steps\n2. B')).toEqual(['duplicate_section']);
  });

  it('splits "### A · ### B" typed on one line into headings', () => {
    expect(parseBody('## Goal\nG\n## Template\n### A · ### B · ### C').outputTemplate).toBe('### A\n### B\n### C');
  });

  it('keeps lessons one per item, with their children', () => {
    expect(parseBody('## Goal\nG\n## Lessons\n- Lead with pricing.\n\t- (Maya, 2026-11-30)\n- Shorter.').lessons).toEqual([
      'Lead with pricing.\n- (Maya, 2026-11-30)',
      'Shorter.',
    ]);
  });

  it('reads Windows line endings and blank lines the same', () => {
    expect(parseBody('## Goal\r\n\r\nG\r\n\r\n## Steps\r\n1. A\r\n').steps).toEqual([{ number: 1, text: 'A' }]);
  });
});
