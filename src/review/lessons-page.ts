// The workflow page's Lessons section: the source of truth for what a workflow has learned.
// Baton reads it on every run and only ever appends to it; the team edits or deletes lines there
// like any text. Pure string work over the page's Notion-flavored markdown.
//
// A lesson is one line of the section (list item, to-do or paragraph):
//   - Lead with pricing changes. (learned 2026-11-30 from [run 2026-11-30 — Weekly brief](url))
//   - [ ] Keep the summary to three bullets. (proposed 2026-12-07 from [run …](url))
//   - [x] Keep the summary to three bullets. (proposed …)   ← a person accepted it
// Plain items and ticked to-dos are used; an unticked to-do is a proposal (Learning = Ask first)
// and is not. The "(learned … from …)" note is Baton's record and is left out of the prompt.
// The section ends at the next heading of the same or a higher level.
import { sectionOfHeading } from '../registry/section-headings';

export interface Lesson {
  /** What the prompt carries: the instruction without Baton's note. */
  text: string;
  /** The line as it stands on the page. */
  line: string;
}

export interface LessonsSection {
  /** Lines used by the runs: plain items and ticked to-dos. */
  accepted: Lesson[];
  /** Unticked to-dos: waiting for a person to accept them. */
  proposed: Lesson[];
  /** The heading line and the section's last non-blank line, as on the page (null: no section). */
  bounds: { heading: string; last: string } | null;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const TODO = /^\s*[-*+]\s+\[( |x|X)\]\s+(.*)$/;
const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const NOTE = /\s*\((?:learned|proposed) \d{4}-\d{2}-\d{2}[^)]*(?:\([^)]*\)[^)]*)*\)\s*$/;

export function readLessons(markdown: string): LessonsSection {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => {
    const h = HEADING.exec(line);
    return h !== null && sectionOfHeading(h[2]!) === 'lessons';
  });
  if (start === -1) return { accepted: [], proposed: [], bounds: null };
  const level = HEADING.exec(lines[start]!)![1]!.length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const h = HEADING.exec(lines[i]!);
    if (h && h[1]!.length <= level) {
      end = i;
      break;
    }
  }
  const accepted: Lesson[] = [];
  const proposed: Lesson[] = [];
  let last = lines[start]!;
  for (const line of lines.slice(start + 1, end)) {
    if (line.trim() === '' || /^<empty-block\s*\/>$/.test(line.trim())) continue;
    last = line;
    if (HEADING.test(line)) continue; // a sub-heading groups lessons; it is none itself
    const todo = TODO.exec(line);
    const text = clean(todo ? todo[2]! : (ITEM.exec(line)?.[1] ?? line));
    if (text === '') continue;
    (todo && todo[1] === ' ' ? proposed : accepted).push({ text, line });
  }
  return { accepted, proposed, bounds: { heading: lines[start]!, last } };
}

/** A lesson as Baton appends it: a plain item (used at once) or an unticked to-do (proposed). */
export function lessonLine(text: string, record: { date: string; runTitle: string; runUrl: string | null; propose: boolean }): string {
  const run = record.runUrl ? `[${escapeLinkText(record.runTitle)}](${record.runUrl})` : record.runTitle;
  const words = oneLine(text);
  return record.propose ? `- [ ] ${words} (proposed ${record.date} from ${run})` : `- ${words} (learned ${record.date} from ${run})`;
}

/**
 * The markdown edit that appends lines to the section (PATCH /v1/pages/{id}/markdown,
 * insert_content "after" a selection "start…end" — the heading through the section's last
 * line — so nothing else on the page is rewritten), or a new Lessons section at the end.
 */
export function appendLessons(section: LessonsSection, lines: readonly string[]): { content: string; after?: string } {
  const content = lines.join('\n');
  if (!section.bounds) return { content: `## Lessons\n${content}` };
  const { heading, last } = section.bounds;
  return { content, after: heading === last ? heading : `${heading}...${last}` };
}

/** Same lesson in other words of case, spacing and punctuation: not appended twice. */
export function sameLesson(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

function clean(text: string): string {
  return oneLine(text.replace(NOTE, '').replace(/\\([\\`*_{}[\]()<>#+\-.!|~$^])/g, '$1'));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeLinkText(text: string): string {
  return oneLine(text).replace(/[[\]]/g, '');
}
