import { describe, expect, it } from 'vitest';
import { compareVersions, factsOf, headingsOf, wordCount } from '../../src/publish/trial-compare';
import { comparisonMarkdown, comparisonSummary, comparisonTitle } from '../../src/publish/trial-comparison-page';
import { trialNote } from '../../src/publish/trial-note';

const TRIAL = [
  '### Summary (3 bullets)',
  '- Rival A launched a Teams plan at 39 EUR per seat.',
  '- Rival B shipped an AI onboarding assistant.',
  '### Pricing moves',
  'Rival A undercuts our Pro plan by 10 EUR. We should not match it.',
  '### What to watch',
  '- Whether Rival B drops its free tier for good.',
].join('\n');

const HUMAN = [
  '## Summary',
  '* rival a launched a **Teams** plan at 39 EUR per seat',
  '## Pricing moves',
  'Rival A undercuts our Pro plan by 10 EUR!',
  '## Customer signals',
  '1. Two customers asked about SSO pricing.',
].join('\n');

describe('comparing a trial output with the human version', () => {
  const c = compareVersions(TRIAL, HUMAN);

  it('matches sections by heading, ignoring level, case and a parenthesised remark', () => {
    expect(c.sections.both).toEqual(['Summary (3 bullets)', 'Pricing moves']);
    expect(c.sections.onlyTrial).toEqual(['What to watch']);
    expect(c.sections.onlyHuman).toEqual(['Customer signals']);
  });

  it('counts words without markdown symbols', () => {
    expect(wordCount('## Pricing moves\n- **Rival A** costs 39 EUR.')).toBe(7);
    expect(c.words).toEqual({ trial: wordCount(TRIAL), human: wordCount(HUMAN) });
    expect(c.words.trial).toBeGreaterThan(c.words.human);
  });

  it('lists the sentences only one side has, after normalising case, punctuation, emphasis and list markers', () => {
    expect(c.facts.shared).toBe(2);
    expect(c.facts.onlyTrial).toEqual(['Rival B shipped an AI onboarding assistant.', 'We should not match it.', 'Whether Rival B drops its free tier for good.']);
    expect(c.facts.onlyHuman).toEqual(['Two customers asked about SSO pricing.']);
  });

  it('lists at most maxFacts per side and keeps the full counts', () => {
    const many = compareVersions(Array.from({ length: 15 }, (_, i) => `Fact number ${i} is here.`).join('\n'), '', { maxFacts: 4 });
    expect(many.facts.onlyTrial).toHaveLength(4);
    expect(many.facts.onlyTrialCount).toBe(15);
  });

  it('reads a sentence with a citation as the same fact without it', () => {
    const cited = compareVersions('- Rival B deprecated its free tier (source: Rival B changelog)', 'Rival B deprecated its free tier.');
    expect(cited.facts).toMatchObject({ shared: 1, onlyTrial: [], onlyHuman: [] });
  });

  it('leaves out headings, short labels and code from the facts', () => {
    expect([...factsOf('## A heading with words\nN/A\n```\nconst x = 1 + 2;\n```\nA real sentence here.').values()]).toEqual(['A real sentence here.']);
    expect(headingsOf('# One\n## one\n### Two ##')).toEqual(['One', 'Two']);
  });
});

describe('the comparison page', () => {
  const c = compareVersions(TRIAL, HUMAN);
  const page = comparisonMarkdown({ runId: 'run-x', comparison: c, human: { title: 'Brief 30 Nov', url: 'https://www.notion.so/abc' }, trialUrl: 'https://www.notion.so/trial' });

  it('shows sections, lengths and facts, and carries the Run ID publish.ts finds it by', () => {
    expect(comparisonTitle('2026-11-30 — Weekly competitive brief')).toBe('2026-11-30 — Weekly competitive brief — compared with the human version');
    expect(page).toContain('### Only in the human version (missing from the trial output)\n- Customer signals');
    expect(page).toContain(`- Trial output: ${c.words.trial} words`);
    expect(page).toContain('- Two customers asked about SSO pricing.');
    expect(page).toContain('[Brief 30 Nov](https://www.notion.so/abc)');
    expect(page.trim().endsWith('Run ID: run-x')).toBe(true);
  });

  it('writes what people wrote inertly', () => {
    const sneaky = compareVersions('', 'A mention <mention-user url="user://1"/> sits in this sentence.');
    const md = comparisonMarkdown({ runId: 'r', comparison: sneaky, human: { title: 'H', url: 'https://x.test' }, trialUrl: null });
    expect(md).not.toContain('<mention-user');
  });

  it('sums up in one line for the Run page', () => {
    expect(comparisonSummary(c)).toBe(`1 section(s) missing, 1 extra; ${c.words.trial} words against ${c.words.human}; 1 fact(s) only in the human version, 3 only in the trial`);
  });
});

describe('the Run page note of a trial', () => {
  it('says nothing was published when there is no Trial page or folder', () => {
    expect(trialNote({ humanVersion: null }, { pageUrl: null, docUrl: null, comparisonUrl: null }, null)).toMatch(/^Trial mode: approved, and nothing was published — the approved text stays on this page/);
  });

  it('does not call an unreviewed trial approved', () => {
    expect(trialNote({ humanVersion: null }, { pageUrl: null, docUrl: null, comparisonUrl: null }, null, false)).toMatch(/^Trial mode: nothing was published — the text stays on this page/);
  });

  it('says where the trial output and the comparison are', () => {
    const note = trialNote(
      { humanVersion: null },
      { pageUrl: 'https://notion.test/p', docUrl: 'https://docs.test/d', comparisonUrl: 'https://notion.test/c' },
      { ok: true, summary: 'S', human: { title: 'H', url: 'https://h.test' } },
    );
    expect(note).toContain('Trial page: https://notion.test/p · Trial Doc: https://docs.test/d');
    expect(note).toContain('Compared with the human version "H" (https://h.test): S. Comparison: https://notion.test/c.');
  });
});
