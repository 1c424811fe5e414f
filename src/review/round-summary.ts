// What changed between two versions of a draft, said in a line: the comment announcing review
// round N (N ≥ 2) compares the revision with the text it started from, and the provenance of a
// published output compares Baton's first draft of the last review with what was approved.
//
// Counted with the `diff` package (jsdiff): lines by diffLines, with whitespace at the ends of a
// line and blank lines ignored, so re-wrapping paragraphs is no change; headings by diffArrays
// over the headings in order, so a section moved to the top is one move, not every heading
// after it shifting down. A moved section's lines are not also counted as removed and added.
// Pure and simple on purpose: counts and heading names, never a claim about meaning.
import { diffArrays, diffLines } from 'diff';

export interface ChangeSummary {
  added: number;
  removed: number;
  /** Headings (their text) whose place among the others changed, in the new order. */
  moved: string[];
}

/** The lines themselves: what lessons are distilled from (learn.ts), where a count is not enough. */
export interface ChangedLines {
  added: string[];
  removed: string[];
  moved: string[];
}

export function changedLines(before: string, after: string): ChangedLines {
  const removedLines: string[] = [];
  const addedLines: string[] = [];
  for (const part of diffLines(normal(before), normal(after))) {
    const lines = part.value.split('\n').filter((l) => l !== '');
    if (part.removed) removedLines.push(...lines);
    else if (part.added) addedLines.push(...lines);
  }
  const was = headings(before);
  const now = headings(after);
  const moved = diffArrays(was, now)
    .filter((part) => part.added)
    .flatMap((part) => part.value.filter((h) => was.includes(h)));
  // A moved section shows as its lines removed in one place and added in another.
  const movedLines = new Set(removedLines.filter((l) => addedLines.includes(l)));
  return { added: addedLines.filter((l) => !movedLines.has(l)), removed: removedLines.filter((l) => !movedLines.has(l)), moved };
}

export function summarizeChanges(before: string, after: string): ChangeSummary {
  const lines = changedLines(before, after);
  return { added: lines.added.length, removed: lines.removed.length, moved: lines.moved };
}

/** The lines in words, one a line, for a prompt (at most `max` of each kind). */
export function listChangedLines(changes: ChangedLines, max = 12): string {
  const list = (label: string, lines: readonly string[]) => lines.slice(0, max).map((l) => `${label} ${l}`);
  return [...list('Moved section:', changes.moved), ...list('Removed:', changes.removed), ...list('Added:', changes.added)].join('\n');
}

export function hasChanges(summary: ChangeSummary): boolean {
  return summary.added + summary.removed + summary.moved.length > 0;
}

/** "“Pricing moves” moved; 4 lines removed, 1 added" — or "no changes". */
export function describeChanges(summary: ChangeSummary): string {
  if (!hasChanges(summary)) return 'no changes';
  const parts: string[] = [];
  if (summary.moved.length > 0) parts.push(`${listHeadings(summary.moved)} moved`);
  const counts = [summary.removed > 0 ? `${lines(summary.removed)} removed` : '', summary.added > 0 ? `${lines(summary.added)} added` : ''].filter(Boolean);
  if (counts.length > 0) parts.push(counts.join(', '));
  return parts.join('; ');
}

/** The line the comment announcing round N ≥ 2 adds: what the revision changed in what the reviewer left. */
export function roundSummaryLine(previous: string | null, revision: string | null): string {
  if (previous === null || revision === null) return '';
  const summary = summarizeChanges(previous, revision);
  return hasChanges(summary) ? ` Since the last round: ${describeChanges(summary)}.` : ' It is the same text as the last round: the revision changed nothing.';
}

function lines(n: number): string {
  return n === 1 ? '1 line' : `${n} lines`;
}

function listHeadings(names: readonly string[]): string {
  const quoted = names.slice(0, 3).map((n) => `“${n}”`);
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return quoted.join(', ') + more;
}

function normal(text: string): string {
  const kept = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    // Notion hands markdown back with its own escapes: "\*" and "*" are the same text to a reader.
    .map((l) => l.replace(/\\([\\`*_{}[\]()<>#+\-.!|~$^])/g, '$1').trim())
    .filter((l) => l !== '' && !/^<empty-block\s*\/>$/.test(l));
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

function headings(text: string): string[] {
  return text.split('\n').flatMap((l) => {
    const m = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/.exec(l);
    return m ? [m[1]!.replace(/\\(.)/g, '$1').trim()] : [];
  });
}
