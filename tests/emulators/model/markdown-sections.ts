// The answer's shape, shared by drafting and revising: optional lines before the first heading,
// then sections of a markdown heading (# to ######) and its non-blank lines. Rendering puts one
// blank line between blocks, so parse(render(doc)) gives the same doc back.

export interface Section {
  /** Number of # characters. */
  level: number;
  title: string;
  lines: string[];
}

export interface Doc {
  preamble: string[];
  sections: Section[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

export function parseDoc(text: string): Doc {
  const doc: Doc = { preamble: [], sections: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = HEADING.exec(line.trim());
    if (heading) doc.sections.push({ level: heading[1]?.length ?? 2, title: heading[2] ?? '', lines: [] });
    else if (line.trim() === '') continue;
    else (doc.sections.at(-1)?.lines ?? doc.preamble).push(line);
  }
  return doc;
}

export function renderDoc(doc: Doc): string {
  const blocks: string[] = [];
  if (doc.preamble.length > 0) blocks.push(doc.preamble.join('\n'));
  for (const s of doc.sections) blocks.push([`${'#'.repeat(s.level)} ${s.title}`, ...s.lines].join('\n'));
  return blocks.join('\n\n');
}

/**
 * Headings of an output template, in order. Lines starting with # to #### are headings; several
 * headings may share a line separated by " · " ("### Wins · ### Risks").
 */
export function templateHeadings(template: string): { level: number; title: string }[] {
  const headings: { level: number; title: string }[] = [];
  for (const line of template.split(/\r?\n/)) {
    for (const part of line.trim().split(/\s+·\s+(?=#{1,4}\s)/)) {
      const match = /^(#{1,4})\s+(.+?)\s*$/.exec(part.trim());
      if (match) headings.push({ level: match[1]?.length ?? 2, title: match[2] ?? '' });
    }
  }
  return headings;
}

/** The template's other non-blank lines: its constraints ("Keep it under 500 words."). */
export function templateConstraints(template: string): string[] {
  return template
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^#{1,4}\s/.test(l));
}
