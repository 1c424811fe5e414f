import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelStandIn, startModel } from './index';

let standIn: ModelStandIn;
let client: OpenAI;

beforeAll(async () => {
  standIn = await startModel({});
  client = new OpenAI({ baseURL: standIn.url, apiKey: 'sk-any', maxRetries: 0 });
});
afterAll(() => standIn.close());

const draft = async (user: string, system = 'You draft documents for a team. Follow the template.') => {
  const completion = await client.chat.completions.create({
    model: 'gpt-4.1-mini',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
};
const words = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

const briefTemplate = `<template>
### Summary (3 bullets)
### Changes since last week
### Pricing moves
### What to watch
Keep it under 500 words.
</template>`;
const briefSources = `<source name="Acme press release">Acme launched Flow, a workflow tool for mid-size teams. Flow ships in January!
Early customers include Globex.</source>
<source name="Sales call note">- Prospect said Acme is discounting 30% for annual plans
- Beta keeps losing deals on onboarding time</source>
<source name="Competitor pricing">competitor,plan,price,date seen
Acme,Pro,39,2026-11-23
Beta,Team,29,2026-11-24</source>`;

describe('drafting from a template and sources', () => {
  it('writes the template headings in order and quotes facts round-robin, each with its source', async () => {
    // Facts in order: press release 1, call note 1, pricing row 1, press release 2, call note 2,
    // pricing row 2, press release 3 — dealt to the four sections in turn.
    const answer = await draft(`<task>Draft the weekly competitive brief.</task>\n${briefTemplate}\n${briefSources}`);
    expect(answer).toBe(
      [
        '### Summary (3 bullets)',
        '- Acme launched Flow, a workflow tool for mid-size teams (source: Acme press release)',
        '- Beta keeps losing deals on onboarding time (source: Sales call note)',
        '',
        '### Changes since last week',
        '- Prospect said Acme is discounting 30% for annual plans (source: Sales call note)',
        '- competitor: Beta; plan: Team; price: 29; date seen: 2026-11-24 (source: Competitor pricing)',
        '',
        '### Pricing moves',
        '- competitor: Acme; plan: Pro; price: 39; date seen: 2026-11-23 (source: Competitor pricing)',
        '- Early customers include Globex (source: Acme press release)',
        '',
        '### What to watch',
        '- Flow ships in January! (source: Acme press release)',
      ].join('\n'),
    );
  });

  it('reads several headings on one line separated by " · "', async () => {
    const answer = await draft(
      '<template>### Client and goals · ### Scope we sold · ### Stakeholders</template>\n<source name="proposal.pdf">Globex wants faster onboarding. We sold three workshops.</source>',
    );
    expect(answer.split('\n').filter((l) => l.startsWith('#'))).toEqual(['### Client and goals', '### Scope we sold', '### Stakeholders']);
    expect(answer).toContain('### Stakeholders\n- Nothing in the sources covers this.');
  });

  it('gets a fact from every source in before any source is quoted twice, even when the word limit is tight', async () => {
    const answer = await draft(`<template>## Notes\nKeep it under 40 words.</template>\n${briefSources}`);
    expect(words(answer)).toBeLessThan(40);
    for (const source of ['Acme press release', 'Sales call note', 'Competitor pricing']) expect(answer).toContain(`(source: ${source})`);
    expect(answer).not.toContain('Early customers include Globex');
  });

  it('gives a section no more bullets than its heading asks for', async () => {
    const answer = await draft('<template>### Headline (1 bullet)\n### Details</template><source name="s">One. Two. Three. Four.</source>');
    expect(answer).toBe('### Headline (1 bullet)\n- One (source: s)\n\n### Details\n- Two (source: s)\n- Three (source: s)\n- Four (source: s)');
  });

  it('skips the CSV header row', async () => {
    const answer = await draft(`<task>List prices</task>\n<source name="prices.csv">competitor,plan,price\nAcme,Pro,39\n"Beta, Inc.",Team,29</source>`);
    expect(answer).toBe(
      '## List prices\n- competitor: Acme; plan: Pro; price: 39 (source: prices.csv)\n- competitor: Beta, Inc.; plan: Team; price: 29 (source: prices.csv)',
    );
  });

  it('titles a single section from the task when there is no template', async () => {
    const answer = await draft('<task>Write the LinkedIn post (under 1,300 characters, one hook line).</task>\n<source name="article">We moved to four-day weeks.</source>');
    // The task asks for a hook line too, so the answer opens with one (instructions.test.ts).
    expect(answer).toBe('We moved to four-day weeks.\n\n## Write the LinkedIn post\n- We moved to four-day weeks (source: article)');
  });

  it('echoes the last user message when the prompt has no tags', async () => {
    expect(await draft('Hello there, model.')).toBe('Echo: Hello there, model.');
  });
});

describe('revising with feedback', () => {
  const previous = [
    '### Summary',
    '- One (source: a)',
    '- Two (source: a)',
    '- Three (source: b)',
    '',
    '### Pricing moves',
    '- Acme cut prices (source: c)',
    '- Beta raised prices (source: c)',
    '',
    '### What to watch',
    '- Gamma hiring (source: b)',
  ].join('\n');

  it('records the feedback first, then halves each section and leads with the named section', async () => {
    const answer = await draft(`<draft>\n${previous}\n</draft>\n<feedback>Too long; lead with pricing.</feedback>`);
    expect(answer).toBe(
      [
        '> Revised per feedback: Too long; lead with pricing.',
        '',
        '### Pricing moves',
        '- Acme cut prices (source: c)',
        '',
        '### Summary',
        '- One (source: a)',
        '- Two (source: a)',
        '',
        '### What to watch',
        '- Gamma hiring (source: b)',
      ].join('\n'),
    );
  });

  it('adds what the reviewer asks to add, where they ask, and removes what they ask to remove', async () => {
    const feedback = 'Please add the Q3 churn numbers to the summary section, remove the what to watch section and drop Beta';
    const answer = await draft(`<draft>${previous}</draft><feedback>${feedback}</feedback>`);
    expect(answer.split('\n')[0]).toBe(`> Revised per feedback: ${feedback}`);
    expect(answer).toContain('- Three (source: b)\n- The Q3 churn numbers\n\n### Pricing moves');
    expect(answer).not.toContain('What to watch');
    expect(answer).not.toContain('Beta raised prices');
  });

  it('revises a fresh draft when feedback comes without one, and replaces an earlier feedback line', async () => {
    const first = await draft(`<template>## Summary</template><source name="s">Alpha. Beta.</source><feedback>Mention Gamma</feedback>`);
    expect(first).toBe('> Revised per feedback: Mention Gamma\n\n## Summary\n- Alpha (source: s)\n- Beta (source: s)\n- Gamma');
    const second = await draft(`<draft>${first}</draft><feedback>Shorter</feedback>`);
    expect(second).toBe('> Revised per feedback: Shorter\n\n## Summary\n- Alpha (source: s)\n- Beta (source: s)');
  });

  it('keeps the revision within the template’s word limit', async () => {
    const answer = await draft(`<template>### Summary\n### Pricing moves\n### What to watch\nAt most 12 words.</template><draft>${previous}</draft><feedback>Add a closing note on hiring plans for next quarter</feedback>`);
    const [record, ...body] = answer.split('\n');
    expect(record).toBe('> Revised per feedback: Add a closing note on hiring plans for next quarter');
    expect(words(body.join('\n'))).toBeLessThanOrEqual(12);
  });
});
