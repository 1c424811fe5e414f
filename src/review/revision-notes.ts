// A revision's notes about itself are not part of the output. Models asked to revise often open
// or close their answer with a note to the reviewer — "> Revised per feedback: …", "Changes
// made:" and a list, "Revision notes: …" — and such a note, published, reads as part of the
// brief. Baton strips it from every revision before the reviewer sees it, so what the reviewer
// approves (and what is published) is only the output; what changed is said in the comment
// announcing the round instead (round-summary.ts).
//
// The rule: a note block is a paragraph (lines up to a blank line; for a quote, its `>` lines)
// whose first line starts with one of NOTE_START, at the very top or the very bottom of the text,
// with a `---` rule next to it. Only the edges are looked at: the same words inside the text are
// the author's. Pure.

const NOTE_START =
  /^\s*(?:>\s*)*(?:[*_]{1,2})?(?:revised per (?:your |the )?feedback|revision notes?|notes? on (?:this|the) revision|changes made|what i changed|summary of changes)\b/i;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const BLANK = /^\s*$/;

export function stripRevisionNotes(text: string): string {
  let lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let changed = true; changed; ) {
    const before = lines.length;
    lines = dropEdge(lines);
    lines = dropEdge([...lines].reverse(), true).reverse();
    changed = lines.length !== before;
  }
  return lines.join('\n').trim();
}

/** Blank lines and rules at the top, then one note block there, if any. */
function dropEdge(lines: string[], reversed = false): string[] {
  let i = 0;
  while (i < lines.length && (BLANK.test(lines[i]!) || RULE.test(lines[i]!))) i++;
  const end = blockEnd(lines, i, reversed);
  if (end === null) return i > 0 ? lines.slice(i) : lines;
  let j = end;
  while (j < lines.length && (BLANK.test(lines[j]!) || RULE.test(lines[j]!))) j++;
  return lines.slice(j);
}

/**
 * Where the note block starting at `from` ends (exclusive), or null when there is none. Read
 * from the bottom, the block's first line is its last one in `lines`, so the whole paragraph
 * is taken and its own first line checked.
 */
function blockEnd(lines: string[], from: number, reversed: boolean): number | null {
  if (from >= lines.length) return null;
  const quote = /^\s*>/.test(lines[from]!);
  let end = from;
  while (end < lines.length && !BLANK.test(lines[end]!) && (!quote || /^\s*>/.test(lines[end]!))) end++;
  const first = reversed ? lines[end - 1]! : lines[from]!;
  return NOTE_START.test(first) ? end : null;
}
