/**
 * Tab-separated text as Excel and WPS put it on the clipboard: rows end in CRLF (or LF), a field holding a tab,
 * a line break or a quote is wrapped in quotes with inner quotes doubled. AG Grid's own clipboard is Enterprise-only,
 * so the grid reads and writes this format itself.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      // Quoted field: read to the closing quote; "" is a literal quote.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      // A quote that is never closed, or is followed by more text, was not quoting: take it literally.
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        field = value.replace(/\r\n/gu, '\n');
        i = j;
        atFieldStart = false;
        continue;
      }
    }
    atFieldStart = false;
    if (ch === '\t') {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  // The clipboard's last row usually ends with a line break; only a non-empty tail is a row of its own.
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function quoteField(s: string): string {
  return /[\t\r\n"]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteField).join('\t')).join('\r\n') + '\r\n';
}
