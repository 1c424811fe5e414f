// Splits a source into the facts the scripted model quotes, so a test can predict exactly which
// sentence of which source ends up in an answer.
//   - CSV (two or more lines, every line with the same number of comma-separated fields, at least
//     two, and a header row of short labels: non-empty, at most 40 characters, none ending in . ! ?):
//     one fact per data row, the header row skipped, written "header: value; header: value".
//   - Otherwise, line by line: markdown headings (#…) and blank lines are skipped; a bullet line
//     (-, *, • or "1.") is one fact; any other line is split into sentences after . ! or ? that are
//     followed by a space. A single trailing period is dropped; duplicates within a source are dropped.

export function splitFacts(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const rows = csvRows(lines);
  const facts = rows ? rowFacts(rows) : lineFacts(lines);
  return [...new Set(facts.map(tidy).filter((f) => f !== ''))];
}

function lineFacts(lines: string[]): string[] {
  const facts: string[] = [];
  for (const line of lines) {
    if (/^#{1,6}\s/.test(line)) continue;
    const bullet = /^(?:[-*•]|\d+[.)])\s+(.*)$/.exec(line);
    if (bullet) facts.push(bullet[1] ?? '');
    else facts.push(...line.split(/(?<=[.!?])\s+/));
  }
  return facts;
}

function rowFacts(rows: string[][]): string[] {
  const [header = [], ...data] = rows;
  return data.map((row) => row.map((value, i) => `${header[i] ?? `column ${i + 1}`}: ${value}`).join('; '));
}

/** The lines as CSV rows, or undefined when they do not look like CSV. */
function csvRows(lines: string[]): string[][] | undefined {
  if (lines.length < 2) return undefined;
  const rows = lines.map(parseCsvLine);
  const width = rows[0]?.length ?? 0;
  if (width < 2 || rows.some((r) => r.length !== width)) return undefined;
  // Prose with the same number of commas on every line is not a table; a header of labels is.
  if (rows[0]?.some((label) => label === '' || label.length > 40 || /[.!?]$/.test(label))) return undefined;
  return rows;
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

function tidy(fact: string): string {
  const trimmed = fact.trim();
  return trimmed.endsWith('.') && !trimmed.endsWith('..') ? trimmed.slice(0, -1) : trimmed;
}
