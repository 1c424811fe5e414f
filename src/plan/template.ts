// What a row's Output template asks of the output: its headings in order and a word limit.
//
// People write templates as headings, one per line ("### Pricing moves") or several on a line
// separated by " · " ("### Client and goals · ### Scope we sold"), plus free lines of
// constraints ("Keep it under 500 words."). Heading text is kept verbatim — "Summary (3 bullets)"
// stays as written, because the draft must reproduce the heading the team recognises.
// Pure string work.
import type { OutputExpectation } from '../domain/plan';

const HEADING = /^#{1,6}\s+(.+?)(?:\s+#+)?\s*$/;
// Several headings on one line: split before a "#" that follows a middle dot.
const SAME_LINE_SEPARATOR = /\s*·\s*(?=#{1,6}\s)/;

// Word limits, read only from the template's non-heading lines: a limit inside a heading
// ("### Summary (under 50 words)") is that section's, not the whole output's.
//   "under 500 words", "fewer/less than 500 words", "at most", "no more than", "not more than",
//   "up to", "within", "max", "maximum (of)" N words — and "500 words max/maximum/at most/or less",
//   "a 500-word limit". "Under N" is read as N (the team's round number), not N − 1.
const LIMIT_BEFORE =
  /\b(?:under|below|fewer than|less than|at most|no more than|not more than|up to|within|max(?:imum)?(?:\s+of)?)\s+(\d[\d,]*)\s+words?\b/gi;
const LIMIT_AFTER = /\b(\d[\d,]*)\s+words?\s+(?:max(?:imum)?\b|at most\b|or (?:less|fewer)\b|limit\b)/gi;
const LIMIT_HYPHEN = /\b(\d[\d,]*)-word\s+(?:limit|max(?:imum)?)\b/gi;

/** The headings of a template, in order, as written after the #s. */
export function readTemplateHeadings(template: string): string[] {
  const headings: string[] = [];
  for (const line of template.split(/\r?\n/)) {
    for (const part of line.trim().split(SAME_LINE_SEPARATOR)) {
      const title = HEADING.exec(part.trim())?.[1]?.trim();
      if (title) headings.push(title);
    }
  }
  return headings;
}

/** The smallest word limit the template's constraint lines state, or null when none does. */
export function readMaxWords(template: string): number | null {
  let max: number | null = null;
  for (const line of template.split(/\r?\n/)) {
    if (/^\s*#{1,6}\s/.test(line)) continue;
    for (const pattern of [LIMIT_BEFORE, LIMIT_AFTER, LIMIT_HYPHEN]) {
      for (const match of line.matchAll(pattern)) {
        const n = Number((match[1] ?? '').replaceAll(',', ''));
        if (Number.isInteger(n) && n > 0) max = max === null ? n : Math.min(max, n);
      }
    }
  }
  return max;
}

/**
 * The expectations a template sets, or null when the row has no template (blank counts as none):
 * a step with expectations is shown the template and held to it; a step without is not.
 */
export function readOutputExpectation(template: string | null): OutputExpectation | null {
  if (template === null || template.trim() === '') return null;
  return { sections: readTemplateHeadings(template), maxWords: readMaxWords(template), rules: [] };
}
