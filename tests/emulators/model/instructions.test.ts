import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelStandIn, startModel } from './index';
import { readPrompt } from './prompt-tags';

// The shape instructions a step's task states (EXAMPLES.md §3: "5 beats", "150 words, one link
// back", "one hook line, no hashtags walls"), followed in drafts and in revisions.

let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({});
  client = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 });
});
afterAll(() => standIn.close());

const answer = async (user: string) => {
  const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: user }] });
  return completion.choices[0]?.message.content ?? '';
};
const words = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
const listItems = (text: string) => text.split('\n').filter((l) => /^(?:[-*+]|\d+[.)])\s+\S/.test(l));
const links = (text: string) => [...text.matchAll(/\[[^\]]*\]\(([^)]+)\)|https?:\/\/\S+/g)].map((m) => m[1] ?? m[0]);

const ARTICLE = '<source name="article.md" url="https://blog.example/four-day-week">We moved to a four-day week in March. Output went up 12%, and sick days fell by half.</source>';
const LONG_ARTICLE = `<source name="article.md" url="https://blog.example/four-day-week">${Array.from(
  { length: 30 },
  (_, i) => `Finding ${i + 1} of the four-day week trial is that teams planned their work more carefully than before.`,
).join(' ')}</source>`;

describe('a list count in the task', () => {
  it('gives exactly 5 beats, splitting a fact at "and" and then quoting facts again when the sources have fewer', async () => {
    expect(await answer(`<task>Write a talk-track outline (5 beats).</task>\n${ARTICLE}`)).toBe(
      [
        '## Write a talk-track outline',
        '- We moved to a four-day week in March (source: article.md)',
        '- Output went up 12% (source: article.md)',
        '- Sick days fell by half (source: article.md)',
        '- We moved to a four-day week in March (source: article.md)',
        '- Output went up 12% (source: article.md)',
      ].join('\n'),
    );
  });

  it('stops at 3 bullets when the sources have more facts', async () => {
    const text = await answer(`<task>Summarise the launch (3 bullets).</task>\n${LONG_ARTICLE}`);
    expect(listItems(text)).toHaveLength(3);
  });

  it('counts the bullets of the whole answer across the template’s sections, reading numbers in words', async () => {
    const text = await answer('<task>Give three points on the launch.</task><template>### Wins · ### Risks · ### Next · ### Later</template><source name="a">Alpha. Beta. Gamma. Delta.</source>');
    expect(text).toBe(['### Wins', '- Alpha (source: a)', '', '### Risks', '- Beta (source: a)', '', '### Next', '- Gamma (source: a)', '', '### Later', 'Nothing in the sources covers this.'].join('\n'));
  });

  it('writes numbered placeholders when there are no sources at all', async () => {
    expect(listItems(await answer('<task>List 4 ideas for the offsite.</task>'))).toEqual([
      '- Nothing in the sources covers idea 1',
      '- Nothing in the sources covers idea 2',
      '- Nothing in the sources covers idea 3',
      '- Nothing in the sources covers idea 4',
    ]);
  });

  it('keeps the count under a word limit by cutting bullets short rather than dropping them', async () => {
    const text = await answer(`<task>List 4 tips (at most 30 words).</task>\n${LONG_ARTICLE}`);
    expect(listItems(text)).toHaveLength(4);
    expect(words(text)).toBeLessThanOrEqual(30);
  });

  it('reads no count from step numbers or from things the step works on', async () => {
    const text = await answer('<task>After steps 1 and 2, compare the 3 sources.</task><source name="s">One. Two.</source>');
    expect(text).toBe('## After steps 1 and 2\n- One (source: s)\n- Two (source: s)');
  });
});

describe('links, hooks, bare word counts and hashtags in the task', () => {
  it('ends with exactly one link, to the first source’s url, and leaves other URLs out', async () => {
    const notes = '<source name="notes">See [the deck](https://deck.example) and https://x.example/y for more.</source>';
    const text = await answer(`<task>Write the newsletter section (150 words, one link back).</task>\n${notes}\n${ARTICLE}`);
    expect(links(text)).toEqual(['https://blog.example/four-day-week']);
    expect(text.split('\n').at(-1)).toBe('Read more: [article.md](https://blog.example/four-day-week)');
    expect(text).toContain('- See the deck and for more (source: notes)');
  });

  it('links to a placeholder when no source has a url', async () => {
    const text = await answer('<task>Write a blurb with a link to the article.</task><source name="article">Flow ships in January.</source>');
    expect(text).toBe('## Write a blurb with a link to the\n- Flow ships in January (source: article)\nRead more: [article](https://example.com/source)');
  });

  it('keeps a bare "150 words" to at most 150 words', async () => {
    const text = await answer(`<task>Write the newsletter section (150 words, one link back).</task>\n${LONG_ARTICLE}`);
    expect(words(text)).toBeLessThanOrEqual(150);
    expect(words(text)).toBeGreaterThan(120);
    expect(links(text)).toHaveLength(1);
  });

  it('opens with a one-sentence hook line before the bullets, and writes no hashtags', async () => {
    const source = '<source name="s">Big launch today #ai #launch. We shipped Flow to every team after six months of beta testing with forty customers across three regions and two industries.</source>';
    const text = await answer(`<task>Write the LinkedIn post (under 1,300 characters, one hook line, no hashtags walls).</task>\n${source}`);
    expect(text).toBe(
      [
        'Big launch today.',
        '',
        '## Write the LinkedIn post',
        '- Big launch today (source: s)',
        '- We shipped Flow to every team after six months of beta testing with forty customers across three regions and two industries (source: s)',
      ].join('\n'),
    );
  });

  it('cuts a hook from a long first fact to its first 20 words, as one sentence', async () => {
    const long = Array.from({ length: 25 }, (_, i) => `w${i + 1}`).join(' ');
    const text = await answer(`<task>Start with a hook, then the facts.</task><source name="s">${long}. Second fact.</source>`);
    expect(text.split('\n')[0]).toBe(`${Array.from({ length: 20 }, (_, i) => `w${i + 1}`).join(' ')}.`);
    expect(text.split('\n')[1]).toBe('');
  });

  it('reads a source’s url attribute, XML escapes undone', () => {
    const prompt = readPrompt([{ role: 'user', text: `${ARTICLE}<source name="b">x</source><source name="c" url="https://c.example/?a=1&amp;b=2">y</source>` }]);
    expect(prompt.sources).toEqual([
      { name: 'article.md', url: 'https://blog.example/four-day-week', text: 'We moved to a four-day week in March. Output went up 12%, and sick days fell by half.' },
      { name: 'b', text: 'x' },
      { name: 'c', url: 'https://c.example/?a=1&b=2', text: 'y' },
    ]);
  });
});

describe('revising to meet the task’s rules', () => {
  const task = '<task>Write a talk-track outline (5 beats, one hook line, one link back).</task>';
  const short = '## Talk track\n- One (source: a)\n- Two (source: a)\n- Three (source: a)';

  it('fixes every broken rule the feedback lists, and writes no record line that would break them', async () => {
    const feedback = [
      'Your last answer broke these rules of the task:',
      '- 5 beats: it has 3 list items',
      '- one hook line: the first line, "## Talk track", is a heading',
      '- one link back: it has 0 links',
      'Rewrite it so that it keeps every rule.',
    ].join('\n');
    expect(await answer(`${ARTICLE}\n${task}\n<draft>${short}</draft>\n<feedback>${feedback}</feedback>`)).toBe(
      [
        'One.',
        '',
        '## Talk track',
        '- One (source: a)',
        '- Two (source: a)',
        '- Three (source: a)',
        '- We moved to a four-day week in March (source: article.md)',
        '- Output went up 12%, and sick days fell by half (source: article.md)',
        'Read more: [article.md](https://blog.example/four-day-week)',
      ].join('\n'),
    );
  });

  it('drops bullets from the end when there are too many, and keeps a hook and a link already right', async () => {
    const draft = `A strong opening line.\n\n## Talk track\n${[1, 2, 3, 4, 5, 6, 7].map((n) => `- Beat ${n}`).join('\n')}\n  - an aside on beat 7\nRead more: [post](https://blog.example/p)`;
    const text = await answer(`${task}\n<draft>${draft}</draft>\n<feedback>- 5 beats: it has 7 list items</feedback>`);
    expect(text).toBe(['A strong opening line.', '', '## Talk track', '- Beat 1', '- Beat 2', '- Beat 3', '- Beat 4', '- Beat 5', 'Read more: [post](https://blog.example/p)'].join('\n'));
  });

  it('still meets the count after a reviewer’s "too long"', async () => {
    const draft = `## Talk track\n${[1, 2, 3, 4, 5].map((n) => `- Beat ${n}`).join('\n')}`;
    const text = await answer(`<task>Write a talk-track outline (5 beats).</task>\n<source name="s">Alpha. Beta.</source>\n<draft>${draft}</draft>\n<feedback>Too long; add a note on pricing</feedback>`);
    expect(text).toBe(['## Talk track', '- Beat 1', '- Beat 2', '- Beat 3', '- A note on pricing', '- Alpha (source: s)'].join('\n'));
  });

  it('keeps the record line when only the template limits the length, as before', async () => {
    const text = await answer('<template>## Notes\nKeep it under 40 words.</template><draft>## Notes\n- One</draft><feedback>Mention Two</feedback>');
    expect(text).toBe('> Revised per feedback: Mention Two\n\n## Notes\n- One\n- Two');
  });
});
