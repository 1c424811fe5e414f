// The workflow's last published output as a context source, for the Context line that names it
// ("last week's brief", "the previous edition"). Pure.
//
// A first run has nothing published yet. It still gets a labelled source for the line, saying so
// in words the model can repeat: without it, a step asked "what changed since last week" has
// nothing to compare with and invents changes.
//
// What of the previous output a run is shown — so prompts do not grow with history:
// - Only the sections that describe how things stood. A section that is itself a comparison with
//   the edition before ("Changes since last week", "What changed") is history of history: shown
//   again each week, it carries every earlier edition forward, and each run's prompt is longer
//   than the last. This run compares its own sources with how things stood, not with last week's
//   comparison. When every section is a comparison, the whole text is kept.
// - At most PREVIOUS_OUTPUT_TOKENS, cut after the last whole line that fits, with a marker.
import { estimateTokens, type ContextSource } from './pack';

/** The words of the source a first run gets instead of a previous output. */
export const NO_PREVIOUS_OUTPUT =
  'Previous output: none — this is the first run, so there is nothing to compare; say so instead of listing changes.';

/**
 * The most of the previous output a run is shown, in estimated tokens: about 450 words, most of
 * a brief held to "under 500 words" once its comparison section is left out.
 */
export const PREVIOUS_OUTPUT_TOKENS = 600;

// Headings of a section that compares with an earlier edition ("Changes since last week",
// "What changed", "New this week", "Compared with last month", "Differences", "Updates since…").
const COMPARISON_HEADING = /\b(?:chang(?:e|es|ed)|since|new this|what'?s new|compar(?:e|ed|ison)|differences?|delta|versus|vs\.?)\b/i;

export function previousOutputSource(label: string, previous: { title: string; url: string | null; markdown: string } | null): ContextSource {
  if (previous === null) return { name: `${label} (none yet: first run)`, kind: 'previous_output', url: null, text: NO_PREVIOUS_OUTPUT };
  return { name: `${label} (${previous.title})`, kind: 'previous_output', url: previous.url, text: comparableText(previous.markdown) };
}

/** The previous output as it is shown to a run: its standing sections, within PREVIOUS_OUTPUT_TOKENS. */
export function comparableText(markdown: string, budgetTokens = PREVIOUS_OUTPUT_TOKENS): string {
  const sections = splitSections(markdown);
  const standing = sections.filter((s) => s.heading === null || !COMPARISON_HEADING.test(s.heading));
  const kept = standing.some((s) => s.heading !== null) ? standing : sections;
  const text = kept.map((s) => s.lines.join('\n').trim()).filter((t) => t !== '').join('\n\n');
  return fit(text, budgetTokens);
}

interface Section {
  /** The heading's words; null for what comes before the first heading. */
  heading: string | null;
  /** The heading line and the lines under it. */
  lines: string[];
}

function splitSections(markdown: string): Section[] {
  const sections: Section[] = [{ heading: null, lines: [] }];
  for (const line of markdown.split('\n')) {
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) sections.push({ heading: heading[1]!, lines: [line] });
    else sections.at(-1)!.lines.push(line);
  }
  return sections;
}

/** `text` cut after the last whole line within `budgetTokens`, marker included. */
function fit(text: string, budgetTokens: number): string {
  if (estimateTokens(text) <= budgetTokens) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const next = [...kept, line].join('\n');
    if (estimateTokens(`${next}\n\n${marker(text.length - next.length)}`) > budgetTokens) break;
    kept.push(line);
  }
  const shown = kept.join('\n').trimEnd();
  return `${shown}\n\n${marker(text.length - shown.length)}`;
}

function marker(missingChars: number): string {
  return `[… the rest of the previous output (${missingChars} characters) is left out]`;
}
