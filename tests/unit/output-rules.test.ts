import { describe, expect, it } from 'vitest';
import { OutputRule } from '../../src/domain/output-rule';
import { checkOutput, type OutputExpectationLike, violationList } from '../../src/engine/check-output';
import { readOutputRules, strictest } from '../../src/plan/output-rules';
import { readPrompt } from '../emulators/model/prompt-tags';
import { textAnswer } from '../emulators/model/scripted-model';

// Steps as people write them (EXAMPLES.md §3 and the others), and drafts a model might send back.

describe('reading what a step says its output must be', () => {
  it('reads the LinkedIn step: a character limit, a hook line and a few hashtags at most', () => {
    expect(readOutputRules('Write the LinkedIn post (under 1,300 characters, one hook line, no hashtags walls).')).toEqual([
      { kind: 'max_chars', words: 'under 1,300 characters', max: 1300 },
      { kind: 'hook_line', words: 'one hook line' },
      { kind: 'no_hashtags', words: 'no hashtags walls', max: 3 },
    ]);
  });

  it('reads "150 words" as about 150 (at most 165) and "one link back" as exactly one link', () => {
    expect(readOutputRules('Write the newsletter section (150 words, one link back).')).toEqual([
      { kind: 'max_words', words: '150 words', max: 165 },
      { kind: 'links', words: 'one link back', count: 1 },
    ]);
  });

  it('reads a talk-track outline of 5 beats as five list items', () => {
    expect(readOutputRules('Write a talk-track outline (5 beats).')).toEqual([{ kind: 'items', words: '5 beats', count: 5, unit: 'beats' }]);
  });

  it('reads "Summary (3 bullets)" written as text, but not as a template heading', () => {
    expect(readOutputRules('Summary (3 bullets)')).toEqual([{ kind: 'items', words: '3 bullets', count: 3, unit: 'bullets' }]);
    expect(readOutputRules('### Summary (3 bullets)\n### Pricing moves\nKeep it under 500 words.')).toEqual([
      { kind: 'max_words', words: 'under 500 words', max: 500 },
    ]);
  });

  it.each([
    'After steps 1 and 2, draft the pipeline report.',
    'Compare the 3 sources',
    'Read the 5 newest files',
    'Steps 2, 3 and 4 only need the article, so they can run at the same time.',
    'Summarise the 2 pages and the 5 competitors',
    'Break the launch into 3 steps',
    'Use step 3 bullets to write the intro',
    'Write one idea per paragraph',
    'Write a LinkedIn post about the launch',
    'Quote the first 50 words of the article',
    'Our score rose 5 points this quarter',
    'Lead with the 4 points of contact we have',
  ])('reads no rule from %j', (text) => {
    expect(readOutputRules(text)).toEqual([]);
  });

  it.each([
    ['at most 280 chars', { kind: 'max_chars', words: 'at most 280 chars', max: 280 }],
    ['Keep it max 1300 characters.', { kind: 'max_chars', words: 'max 1300 characters', max: 1300 }],
    ['no more than 500 characters', { kind: 'max_chars', words: 'no more than 500 characters', max: 500 }],
    ['1,300 characters max', { kind: 'max_chars', words: '1,300 characters max', max: 1300 }],
    ['under 200 words', { kind: 'max_words', words: 'under 200 words', max: 200 }],
    ['at most 150 words', { kind: 'max_words', words: 'at most 150 words', max: 150 }],
    ['no more than 80 words', { kind: 'max_words', words: 'no more than 80 words', max: 80 }],
    ['Write a 150-word section for the newsletter', { kind: 'max_words', words: 'a 150-word section', max: 165 }],
    ['about 150 words', { kind: 'max_words', words: 'about 150 words', max: 165 }],
    ['Write 100-150 words', { kind: 'max_words', words: '100-150 words', max: 150 }],
    ['three bullet points', { kind: 'items', words: 'three bullet points', count: 3, unit: 'bullets' }],
    ['Give 5 points', { kind: 'items', words: '5 points', count: 5, unit: 'points' }],
    ['List the top 3 items', { kind: 'items', words: 'top 3 items', count: 3, unit: 'items' }],
    ['Pitch 4 ideas', { kind: 'items', words: '4 ideas', count: 4, unit: 'ideas' }],
    ['Close with 3 key takeaways', { kind: 'items', words: '3 key takeaways', count: 3, unit: 'takeaways' }],
    ['Draft the FAQ (twelve questions)', { kind: 'items', words: 'twelve questions', count: 12, unit: 'questions' }],
    ['End with a link back to the article', { kind: 'links', words: 'a link back', count: 1 }],
    ['include 2 links', { kind: 'links', words: '2 links', count: 2 }],
    ['Reply with one link', { kind: 'links', words: 'one link', count: 1 }],
    ['no links please', { kind: 'links', words: 'no links', count: 0 }],
    ['no hashtags', { kind: 'no_hashtags', words: 'no hashtags', max: 0 }],
    ['no wall of hashtags', { kind: 'no_hashtags', words: 'no wall of hashtags', max: 3 }],
    ['no hashtag walls', { kind: 'no_hashtags', words: 'no hashtag walls', max: 3 }],
    ['at most 2 hashtags', { kind: 'no_hashtags', words: 'at most 2 hashtags', max: 2 }],
    ['Start with a hook, then the story', { kind: 'hook_line', words: 'Start with a hook' }],
    ['a hook line and the facts', { kind: 'hook_line', words: 'a hook line' }],
  ] as const)('reads %j', (text, rule) => {
    expect(readOutputRules(text)).toEqual([rule]);
  });

  it('keeps a count that follows a step reference ("After 1 and 2, write 3 bullets")', () => {
    expect(readOutputRules('After 1 and 2, write 3 bullets.')).toEqual([{ kind: 'items', words: '3 bullets', count: 3, unit: 'bullets' }]);
    expect(readOutputRules('4. Using the notes from step 2, write 4 tips.')).toEqual([{ kind: 'items', words: '4 tips', count: 4, unit: 'tips' }]);
  });

  it('keeps one rule per kind, the strictest, in the order written', () => {
    expect(readOutputRules('Keep it under 200 words, one link, and at most 150 words.\nAnother line: 3 bullets, then 5 bullets.')).toEqual([
      { kind: 'max_words', words: 'at most 150 words', max: 150 },
      { kind: 'links', words: 'one link', count: 1 },
      { kind: 'items', words: '3 bullets', count: 3, unit: 'bullets' },
    ]);
  });

  it('merges a step’s rules with its template’s, keeping the stricter', () => {
    const step = readOutputRules('Write the post (under 1,300 characters).');
    const template = readOutputRules('Keep it to at most 1,000 characters.');
    expect(strictest([...step, ...template])).toEqual([{ kind: 'max_chars', words: 'at most 1,000 characters', max: 1000 }]);
  });

  it('reads rules that survive a JSON round trip through the schema', () => {
    const rules = readOutputRules('Write the LinkedIn post (under 1,300 characters, one hook line, no hashtags walls, 5 beats, one link back).');
    expect(rules.map((r) => OutputRule.parse(JSON.parse(JSON.stringify(r))))).toEqual(rules);
  });
});

const only = (rules: OutputRule[], extra: Partial<OutputExpectationLike> = {}): OutputExpectationLike => ({ sections: [], maxWords: null, rules, ...extra });
const bullets = (n: number) => Array.from({ length: n }, (_, i) => `- Point ${i + 1}`).join('\n');

describe('checking an output against its rules', () => {
  const chars: OutputRule = { kind: 'max_chars', words: 'under 1,300 characters', max: 1300 };
  it('passes a post of 1,300 characters and fails one of 1,412', () => {
    expect(checkOutput('x'.repeat(1300), only([chars]))).toEqual([]);
    expect(checkOutput('x'.repeat(1412), only([chars]))).toEqual([{ rule: 'under 1,300 characters', found: 'it has 1,412 characters' }]);
  });

  it('counts an emoji as one character and ignores surrounding blank lines', () => {
    expect(checkOutput(`\n${'🚀'.repeat(10)}\n\n`, only([{ kind: 'max_chars', words: 'at most 10 chars', max: 10 }]))).toEqual([]);
  });

  it('holds "150 words" to 165, and says so since the phrase does not show it', () => {
    const about: OutputRule = { kind: 'max_words', words: '150 words', max: 165 };
    expect(checkOutput(Array(165).fill('word').join(' '), only([about]))).toEqual([]);
    expect(checkOutput(Array(171).fill('word').join(' '), only([about]))).toEqual([{ rule: '150 words', found: 'it has 171 words, more than 165' }]);
  });

  it('does not count markdown markers as words', () => {
    const rule: OutputRule = { kind: 'max_words', words: 'at most 4 words', max: 4 };
    expect(checkOutput('### Title\n- one two\n> three', only([rule]))).toEqual([]);
    expect(checkOutput('### Title\n- one two\n> three four', only([rule]))).toEqual([{ rule: 'at most 4 words', found: 'it has 5 words' }]);
  });

  it('checks the template’s word limit, and only the stricter of it and the step’s own', () => {
    const text = Array(520).fill('word').join(' ');
    expect(checkOutput(text, only([], { maxWords: 500 }))).toEqual([{ rule: 'at most 500 words', found: 'it has 520 words' }]);
    expect(checkOutput(text, only([{ kind: 'max_words', words: 'under 400 words', max: 400 }], { maxWords: 500 }))).toEqual([
      { rule: 'under 400 words', found: 'it has 520 words' },
    ]);
    expect(checkOutput(text, only([{ kind: 'max_words', words: 'under 600 words', max: 600 }], { maxWords: 500 }))).toEqual([
      { rule: 'at most 500 words', found: 'it has 520 words' },
    ]);
  });

  const beats: OutputRule = { kind: 'items', words: '5 beats', count: 5, unit: 'beats' };
  it('passes exactly 5 top-level list items in any marker, nested ones not counted', () => {
    const outline = '## Talk track\n- Open\n  - a nested aside\n* Problem\n+ Idea\n1. Proof\n2) Ask\n\n---\n* * *';
    expect(checkOutput(outline, only([beats]))).toEqual([]);
  });

  it('fails 3 or 6 list items where 5 beats were asked, and ignores lists inside code', () => {
    expect(checkOutput(bullets(3), only([beats]))).toEqual([{ rule: '5 beats', found: 'it has 3 list items' }]);
    expect(checkOutput(bullets(6), only([beats]))).toEqual([{ rule: '5 beats', found: 'it has 6 list items' }]);
    expect(checkOutput(`${bullets(4)}\n\`\`\`\n- not a beat\n\`\`\``, only([beats]))).toEqual([{ rule: '5 beats', found: 'it has 4 list items' }]);
  });

  const oneLink: OutputRule = { kind: 'links', words: 'one link back', count: 1 };
  it('passes one link, even written twice, and does not count an image', () => {
    expect(checkOutput('Read it [here](https://blog.example/post). Again: https://blog.example/post.', only([oneLink]))).toEqual([]);
    expect(checkOutput('![cover](https://cdn.example/c.png) [post](https://blog.example/post)', only([oneLink]))).toEqual([]);
  });

  it('fails no link and two different links', () => {
    expect(checkOutput('No links here.', only([oneLink]))).toEqual([{ rule: 'one link back', found: 'it has 0 links' }]);
    expect(checkOutput('[a](https://a.example) and https://b.example/x', only([oneLink]))).toEqual([{ rule: 'one link back', found: 'it has 2 links' }]);
  });

  it('allows three hashtags where walls are ruled out, not four; "# Heading" and "#1" are no hashtags', () => {
    const walls: OutputRule = { kind: 'no_hashtags', words: 'no hashtags walls', max: 3 };
    expect(checkOutput('# Launch\nOur #1 launch. #ai #product #launch', only([walls]))).toEqual([]);
    expect(checkOutput('Launch day! #ai #product #launch #growth', only([walls]))).toEqual([{ rule: 'no hashtags walls', found: 'it has 4 hashtags' }]);
  });

  it('fails a single hashtag where none are allowed, but not a URL fragment', () => {
    const none: OutputRule = { kind: 'no_hashtags', words: 'no hashtags', max: 0 };
    expect(checkOutput('See https://x.example/page#pricing', only([none]))).toEqual([]);
    expect(checkOutput('Big news (#launch)', only([none]))).toEqual([{ rule: 'no hashtags', found: 'it has 1 hashtag' }]);
  });

  const hook: OutputRule = { kind: 'hook_line', words: 'one hook line' };
  it('passes a post that opens with one short sentence', () => {
    expect(checkOutput('\nWe gave everyone Fridays off, and output went up.\n\n- Fact one\n- Fact two', only([hook]))).toEqual([]);
  });

  it.each([
    ['## Write the LinkedIn post\n- We moved', 'the first line, "## Write the LinkedIn post", is a heading'],
    ['- We moved to four-day weeks', 'the first line, "- We moved to four-day weeks", is a list item'],
    ['We moved. It worked.', 'the first line, "We moved. It worked.", has 2 sentences'],
    [
      Array(22).fill('word').join(' '),
      `the first line, "${Array(22).fill('word').join(' ').slice(0, 59)}…", has 22 words, more than 20`,
    ],
    ['   \n', 'it is empty'],
  ])('fails a hook line when the output opens with %j', (text, found) => {
    expect(checkOutput(text, only([hook]))).toEqual([{ rule: 'one hook line', found }]);
  });
});

describe('checking the template’s sections', () => {
  const sections = ['Summary (3 bullets)', 'Changes since last week', 'Pricing moves', 'What to watch'];
  const brief = (...headings: string[]) => headings.map((h) => `${h}\n- a fact`).join('\n\n');

  it('passes the headings in order, at any level, in any case, with trailing #s and extra sections', () => {
    const text = brief('### Summary (3 bullets)', '## changes since last week ##', '# Extra notes', '#### PRICING MOVES', '### What to watch');
    expect(checkOutput(text, only([], { sections }))).toEqual([]);
  });

  it('names a missing section', () => {
    const text = brief('### Summary (3 bullets)', '### Changes since last week', '### What to watch');
    expect(checkOutput(text, only([], { sections }))).toEqual([{ rule: 'the section "Pricing moves"', found: 'it is missing' }]);
  });

  it('names a section that comes after one it should precede', () => {
    const text = brief('### Summary (3 bullets)', '### Changes since last week', '### What to watch', '### Pricing moves');
    expect(checkOutput(text, only([], { sections }))).toEqual([{ rule: 'the section "Pricing moves"', found: 'it comes after "What to watch"' }]);
  });

  it('does not take a line that only mentions the heading for the heading', () => {
    const text = 'Pricing moves were big.\n### Summary (3 bullets)\n### Changes since last week\n### What to watch';
    expect(checkOutput(text, only([], { sections }))).toEqual([{ rule: 'the section "Pricing moves"', found: 'it is missing' }]);
  });

  it('lists every violation for the model and for a failure message, sections first', () => {
    const rules = readOutputRules('Write the LinkedIn post (under 1,300 characters, one hook line, 5 beats).');
    const text = `## Pricing moves\n${bullets(3)}\n${'x'.repeat(1400)}`;
    const violations = checkOutput(text, only(rules, { sections: ['Summary', 'Pricing moves'] }));
    expect(violationList(violations)).toBe(
      [
        '- the section "Summary": it is missing',
        '- under 1,300 characters: it has 1,447 characters',
        '- one hook line: the first line, "## Pricing moves", is a heading',
        '- 5 beats: it has 3 list items',
      ].join('\n'),
    );
  });

  it('lists nothing for an output that meets every rule', () => {
    expect(violationList(checkOutput('Short.', only(readOutputRules('one hook line, under 100 words'))))).toBe('');
  });
});

describe('the model stand-in against these checks (EXAMPLES.md §3)', () => {
  const article = `<source name="The new article" url="https://blog.example/four-day-week">${[
    'We moved the whole team to a four-day week in March.',
    'Output went up 12%, and sick days fell by half.',
    'Customers did not notice, because we staggered Fridays. More at https://other.example/x #worklife #productivity #future #teams',
  ].join(' ')}</source>`;
  const model = (text: string) => textAnswer(readPrompt([{ role: 'user', text }]));

  it.each([
    'Write the LinkedIn post (under 1,300 characters, one hook line, no hashtags walls).',
    'Write the newsletter section (150 words, one link back).',
    'Write a talk-track outline (5 beats).',
  ])('drafts %j within its rules', (task) => {
    expect(checkOutput(model(`${article}\n<task>${task}</task>`), only(readOutputRules(task)))).toEqual([]);
  });

  it('revises an answer that broke its rules once it is told how', () => {
    const task = 'Write the LinkedIn post (under 1,300 characters, one hook line, 5 beats, one link back).';
    const rules = readOutputRules(task);
    const broken = `## The post\n${bullets(3)}\n${'x'.repeat(1400)}`;
    const violations = checkOutput(broken, only(rules));
    expect(violations).toHaveLength(4);
    const feedback = `Your last answer broke these rules of the task:\n${violationList(violations)}\nRewrite it so that it keeps every rule.`;
    const revised = model(`${article}\n<task>${task}</task>\n<draft>${broken}</draft>\n<feedback>${feedback}</feedback>`);
    expect(checkOutput(revised, only(rules))).toEqual([]);
  });
});
