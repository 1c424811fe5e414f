// RFC 4180 CSV (and TSV) for Sheets content: export writes it, import of text/csv reads it.
// Fields with a separator, quote or line break are quoted; records end with CRLF.

export function writeDelimited(rows: string[][], separator: ',' | '\t'): string {
  const quote = (field: string) =>
    separator === '\t'
      ? field.replace(/[\t\r\n]/g, ' ')
      : /[",\r\n]/.test(field)
        ? `"${field.replace(/"/g, '""')}"`
        : field;
  return rows.map((row) => row.map(quote).join(separator)).join('\r\n');
}

export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}
