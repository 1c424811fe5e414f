import { describe, expect, it } from 'vitest';
import { escapeMarkdown, localDate, outputTitle, provenanceMarkdown, runTitle } from '../../src/publish/naming';

describe('localDate', () => {
  it('is already the next day in Paris at 23:30 UTC', () => {
    expect(localDate(new Date('2026-11-29T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-30');
    expect(localDate(new Date('2026-11-29T23:30:00Z'), 'UTC')).toBe('2026-11-29');
  });

  it('is still the previous day in New York just after midnight UTC', () => {
    expect(localDate(new Date('2026-11-30T03:30:00Z'), 'America/New_York')).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-30T05:00:00Z'), 'America/New_York')).toBe('2026-11-30');
  });

  it("gives Monday's date to a Monday 9:00 run in Tokyo, though it is Sunday in UTC", () => {
    expect(localDate(new Date('2026-11-30T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-30');
    expect(localDate(new Date('2026-11-29T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-29T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-30');
  });

  it('follows daylight saving time: midnight in Paris is 22:00 UTC in summer, 23:00 in winter', () => {
    expect(localDate(new Date('2026-07-14T22:00:00Z'), 'Europe/Paris')).toBe('2026-07-15');
    expect(localDate(new Date('2026-12-31T22:30:00Z'), 'Europe/Paris')).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T23:00:00Z'), 'Europe/Paris')).toBe('2027-01-01');
  });

  it('refuses an invalid instant or time zone', () => {
    expect(() => localDate(new Date('not a date'), 'UTC')).toThrow(RangeError);
    expect(() => localDate(new Date('2026-11-30T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('titles', () => {
  it('names the output and the Run row "date — workflow" in the row\'s time zone', () => {
    const instant = new Date('2026-11-29T23:30:00Z');
    expect(outputTitle('Weekly competitive brief', instant, 'Europe/Paris')).toBe('2026-11-30 — Weekly competitive brief');
    expect(runTitle('Weekly competitive brief', instant, 'Europe/Paris')).toBe('2026-11-30 — Weekly competitive brief');
    expect(outputTitle('Sprint feedback synthesis', new Date('2026-12-04T21:00:00Z'), 'America/New_York')).toBe(
      '2026-12-04 — Sprint feedback synthesis',
    );
  });

  it('puts a workflow name written over several lines on one line', () => {
    expect(outputTitle('  Client kickoff\n brief ', new Date('2026-11-30T12:00:00Z'), 'UTC')).toBe('2026-11-30 — Client kickoff brief');
  });
});

describe('provenanceMarkdown', () => {
  const input = {
    runId: 'run-schedule-0123456789abcdef01234567',
    workflowName: 'Weekly competitive brief',
    workflowUrl: 'https://www.notion.so/weekly-brief',
    trigger: 'schedule',
    scheduledFor: '2026-11-30T08:00:00.000Z',
    sources: [
      { name: 'Globex press release', url: 'https://docs.google.com/document/d/abc/edit', modifiedTime: '2026-11-27T09:30:00.000Z' },
      { name: "Last week's brief", url: null },
    ],
    reviewer: 'Maya',
    approvedAt: '2026-11-30T10:12:00.000Z',
    rounds: 2,
    reviewChanges: { added: 1, removed: 3, moved: ['Pricing moves'] },
    model: 'gpt-4.1-mini',
    tokens: 12345,
    planVersion: 'v3f9a1c2d · 1 Competitor updates → 2 Brief → review (Maya) → publish',
    lessons: ['Lead with pricing changes.'],
  };

  it('writes a divider, a heading and bullets, with the Run ID line publishing looks for', () => {
    expect(provenanceMarkdown(input)).toBe(
      [
        '---',
        '### Provenance',
        '- Run ID: run-schedule-0123456789abcdef01234567',
        '- Workflow: [Weekly competitive brief](https://www.notion.so/weekly-brief)',
        '- Trigger: schedule, scheduled for 2026-11-30T08:00:00.000Z',
        '- Sources:',
        '\t- [Globex press release](https://docs.google.com/document/d/abc/edit) (version of 2026-11-27T09:30:00.000Z)',
        "\t- Last week's brief",
        '- Reviewed by Maya in 2 rounds, approved 2026-11-30T10:12:00.000Z',
        "- Changed in review (Baton's first draft → the approved text): “Pricing moves” moved; 3 lines removed, 1 line added",
        '- Model: gpt-4.1-mini, 12,345 tokens',
        '- Plan: v3f9a1c2d · 1 Competitor updates → 2 Brief → review (Maya) → publish',
        '- Lessons used:',
        '\t- Lead with pricing changes.',
      ].join('\n'),
    );
    expect(provenanceMarkdown(input)).toContain(`Run ID: ${input.runId}`);
  });

  it('says when an output was published without a reviewer or sources', () => {
    const text = provenanceMarkdown({ ...input, reviewer: null, approvedAt: null, rounds: 0, reviewChanges: null, sources: [], scheduledFor: null, trigger: 'drive', workflowUrl: null, lessons: [], tokens: null });
    expect(text).toContain('- Review: none — published without a reviewer');
    expect(text).not.toContain('Changed in review');
    expect(text).toContain('- Lessons used: none');
    expect(text).toContain('- Model: gpt-4.1-mini\n');
    expect(text).toContain('- Sources: none');
    expect(text).toContain('- Trigger: drive\n');
    expect(text).toContain('- Workflow: Weekly competitive brief\n');
  });

  it('escapes markdown in source names so they read literally, and links only to web addresses', () => {
    const text = provenanceMarkdown({
      ...input,
      sources: [
        { name: 'Q4 [draft] *pricing* <v2>', url: 'https://drive.google.com/file/d/x/view (copy)' },
        { name: '1. Intro\nnotes', url: 'javascript:alert(1)' },
        { name: '# heading_like | table', url: null },
      ],
    });
    expect(text).toContain('\t- [Q4 \\[draft\\] \\*pricing\\* \\<v2\\>](https://drive.google.com/file/d/x/view%20%28copy%29)');
    expect(text).toContain('\t- 1\\. Intro notes\n');
    expect(text).toContain('\t- \\# heading\\_like \\| table\n');
    expect(text).not.toContain('javascript:');
  });

  it('says a review that changed nothing approved the draft as Baton wrote it', () => {
    const text = provenanceMarkdown({ ...input, rounds: 1, reviewChanges: { added: 0, removed: 0, moved: [] } });
    expect(text).toContain('- Reviewed by Maya in 1 round, approved');
    expect(text).toContain("- Changed in review (Baton's first draft → the approved text): none — approved as Baton drafted it");
  });

  it('refuses a run id it could not write verbatim', () => {
    expect(() => provenanceMarkdown({ ...input, runId: 'run *1*' })).toThrow(RangeError);
  });

  it('escapes a leading list marker so a name cannot start a nested list', () => {
    expect(escapeMarkdown('- draft')).toBe('\\- draft');
    expect(escapeMarkdown('+ draft')).toBe('\\+ draft');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(escapeMarkdown('Plain name 2026')).toBe('Plain name 2026');
  });
});
