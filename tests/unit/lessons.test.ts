import { describe, expect, it } from 'vitest';
import { appendLessons, lessonLine, readLessons, sameLesson } from '../../src/review/lessons-page';
import { changedLines, listChangedLines } from '../../src/review/round-summary';
import { applyEdit } from '../emulators/notion/markdown/edit';

const PAGE = [
  '## Goal',
  'Tell the strategy team what changed.',
  '## Lessons',
  '- Lead with pricing changes. (learned 2026-11-30 from [2026-11-30 — Weekly brief](https://www.notion.so/abc))',
  '- [ ] Keep the summary to three bullets. (proposed 2026-12-07 from [2026-12-07 — Weekly brief](https://www.notion.so/def))',
  '- [x] Quote competitors by name.',
  'Name the source of every price.',
  '',
  '### Notes on lessons',
  '- Under a sub-heading, still lessons.',
  '## Output template',
  '### Summary',
].join('\n');

describe('the Lessons section', () => {
  it('uses plain items, ticked to-dos and paragraphs; holds unticked to-dos as proposals; leaves out Baton’s note', () => {
    const section = readLessons(PAGE);
    expect(section.accepted.map((l) => l.text)).toEqual(['Lead with pricing changes.', 'Quote competitors by name.', 'Name the source of every price.', 'Under a sub-heading, still lessons.']);
    expect(section.proposed.map((l) => l.text)).toEqual(['Keep the summary to three bullets.']);
    expect(section.bounds).toEqual({ heading: '## Lessons', last: '- Under a sub-heading, still lessons.' });
  });

  it('finds the section under the names people give it, and nothing when there is none', () => {
    expect(readLessons('## What we learned\n- Be brief.').accepted.map((l) => l.text)).toEqual(['Be brief.']);
    expect(readLessons('## Goal\nx')).toEqual({ accepted: [], proposed: [], bounds: null });
  });

  it('writes a lesson dated and linked to its run, as a to-do when it is only proposed', () => {
    const record = { date: '2026-11-30', runTitle: '2026-11-30 — Weekly [brief]', runUrl: 'https://www.notion.so/abc' };
    expect(lessonLine('  Lead with\npricing. ', { ...record, propose: false })).toBe('- Lead with pricing. (learned 2026-11-30 from [2026-11-30 — Weekly brief](https://www.notion.so/abc))');
    expect(lessonLine('Lead with pricing.', { ...record, propose: true })).toBe('- [ ] Lead with pricing. (proposed 2026-11-30 from [2026-11-30 — Weekly brief](https://www.notion.so/abc))');
    // Read back, Baton's note is not part of the lesson.
    expect(readLessons(`## Lessons\n${lessonLine('Lead with pricing.', { ...record, propose: false })}`).accepted[0]?.text).toBe('Lead with pricing.');
  });

  it('appends after the section’s last line (the rest of the page untouched), or adds the section at the end', () => {
    const edit = appendLessons(readLessons(PAGE), ['- New one.']);
    const after = applyEdit(PAGE, { type: 'insert_content', insert_content: edit }).markdown;
    expect(after).toBe(PAGE.replace('- Under a sub-heading, still lessons.', '- Under a sub-heading, still lessons.\n- New one.'));
    expect(appendLessons(readLessons('## Goal\nx'), ['- New one.'])).toEqual({ content: '## Lessons\n- New one.' });
    expect(appendLessons(readLessons('## Lessons\n\n## Output template'), ['- New one.'])).toEqual({ content: '- New one.', after: '## Lessons' });
  });

  it('tells a lesson said again in other case or punctuation', () => {
    expect(sameLesson('Lead with pricing changes.', 'lead with  Pricing changes')).toBe(true);
    expect(sameLesson('Lead with pricing changes.', 'Lead with product changes.')).toBe(false);
  });
});

describe('what a reviewer changed, line by line', () => {
  it('says a moved section once, as a move, and lists what was cut and added', () => {
    const draft = '### Summary\n- A\n### Changes\n- B\n### Pricing moves\n- Rival A cut prices\n- Rival B deprecated its free tier';
    const approved = '### Pricing moves\n- Rival A cut prices\n### Summary\n- A\n- We will not match Rival A.\n### Changes\n- B';
    const changes = changedLines(draft, approved);
    expect(changes.moved).toEqual(['Pricing moves']);
    expect(changes.removed).toEqual(['- Rival B deprecated its free tier']);
    expect(changes.added).toEqual(['- We will not match Rival A.']);
    expect(listChangedLines(changes)).toBe('Moved section: Pricing moves\nRemoved: - Rival B deprecated its free tier\nAdded: - We will not match Rival A.');
  });
});
