// The comparison page of a trial run: a child page of the workflow's Trial page, beside the
// trial output (or a Doc in the Trial folder when there is no Trial page), titled
// "<output title> — compared with the human version". It is a page of its own, not a section
// of the trial output, so the trial output stays exactly what a Live run would publish.
//
// Pure. Sections and facts come from people's and the model's text, so each is made inert
// (inert-markdown.ts) before it is written; the Run ID line lets publish.ts find the page again.
import { inertMarkdown } from './inert-markdown';
import type { TrialComparison } from './trial-compare';

export interface ComparisonPageInput {
  runId: string;
  comparison: TrialComparison;
  /** The human version as found: its title and where it is. */
  human: { title: string; url: string };
  /** Where the trial output went, if anywhere. */
  trialUrl: string | null;
}

export const comparisonTitle = (outputTitle: string) => `${outputTitle} — compared with the human version`;

export function comparisonMarkdown({ runId, comparison: c, human, trialUrl }: ComparisonPageInput): string {
  const list = (items: readonly string[], none: string) => (items.length === 0 ? [`- ${none}`] : items.map((i) => `- ${inertMarkdown(i)}`));
  const more = (shown: number, all: number) => (all > shown ? [`- … and ${all - shown} more`] : []);
  const link = (label: string, url: string) => `[${inertMarkdown(label).replace(/[[\]]/g, '')}](${url})`;
  const difference = c.words.human === 0 ? '' : ` (${Math.round((c.words.trial / c.words.human) * 100)}% of the human version)`;
  return [
    `Baton's trial output${trialUrl ? ` (${trialUrl})` : ''} beside the human version, ${link(human.title, human.url)}.`,
    '## Sections',
    `In both: ${c.sections.both.length === 0 ? 'none' : c.sections.both.map((s) => inertMarkdown(s)).join(' · ')}`,
    '### Only in the trial output',
    ...list(c.sections.onlyTrial, 'none'),
    '### Only in the human version (missing from the trial output)',
    ...list(c.sections.onlyHuman, 'none'),
    '## Length',
    `- Trial output: ${c.words.trial} words${difference}`,
    `- Human version: ${c.words.human} words`,
    '## Facts only one side has',
    `${c.facts.shared} ${c.facts.shared === 1 ? 'sentence appears' : 'sentences appear'} in both. Sentences are compared after normalising case, punctuation, list markers and parenthesised remarks such as citations; a reworded sentence counts on each side.`,
    '### Only in the trial output',
    ...list(c.facts.onlyTrial, 'none'),
    ...more(c.facts.onlyTrial.length, c.facts.onlyTrialCount),
    '### Only in the human version',
    ...list(c.facts.onlyHuman, 'none'),
    ...more(c.facts.onlyHuman.length, c.facts.onlyHumanCount),
    '---',
    `Run ID: ${runId}`,
  ].join('\n');
}

/** One line for the Run page comment: the headline numbers. */
export function comparisonSummary(c: TrialComparison): string {
  return `${c.sections.onlyHuman.length} section(s) missing, ${c.sections.onlyTrial.length} extra; ${c.words.trial} words against ${c.words.human}; ${c.facts.onlyHumanCount} fact(s) only in the human version, ${c.facts.onlyTrialCount} only in the trial`;
}
