// The CSV reader the console used before papaparse, kept only so `npm run bench:io` measures both on the same file.
import type { TextTable } from '../../shared/io/index.js';

export function parseCsvHandwritten(input: string, delimiter: ',' | ';' | '\t'): TextTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: TextTable = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let quotedField = false;
  const endField = () => {
    row.push(field);
    field = '';
    quotedField = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '' && !quotedField) {
      // A quoted field: read to the closing quote, "" standing for one quote.
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error(`line ${startLine}: a quoted field is never closed`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
        field += c;
        i += 1;
      }
      quotedField = true;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n')
        throw new Error(`line ${line}: unexpected text after a closing quote`);
      continue;
    }
    if (ch === delimiter) {
      endField();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      if (ch === '"') throw new Error(`line ${line}: a quote inside an unquoted field`);
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || quotedField || row.length > 0) endRow();
  return rows;
}
