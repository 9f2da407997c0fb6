import { tableCells, type Cell, type Column, type TextTable } from './table.js';

/** A CSV file's contents and the delimiter it was written with. */
export interface ParsedCsv {
  rows: TextTable;
  delimiter: ',' | ';' | '\t';
}

/** Thrown for a file that is not CSV as RFC 4180 describes it; the message names the line. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/**
 * The delimiter of a CSV file, from its first line outside quotes: `;` is common where the decimal separator is a
 * comma (Excel in many locales), a tab where the file came from a copy out of a spreadsheet.
 */
export function sniffDelimiter(text: string): ParsedCsv['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * Parses CSV (RFC 4180): quoted fields may hold the delimiter, line breaks and doubled quotes; CRLF, LF or CR end a
 * record; a leading byte-order mark is dropped; an empty last line is not a record. Rows keep their position, so row
 * n of the result is line n of a file without line breaks inside quotes — callers number rows by index, not by line.
 */
export function parseCsv(input: string, delimiter: ParsedCsv['delimiter'] = sniffDelimiter(input)): ParsedCsv {
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
        if (i >= text.length) throw new CsvError('a quoted field is never closed', startLine);
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
        throw new CsvError(`unexpected text after a closing quote: ${JSON.stringify(next)}`, line);
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
      if (ch === '"') throw new CsvError('a quote inside an unquoted field (quote the whole field)', line);
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || quotedField || row.length > 0) endRow();
  return { rows, delimiter };
}

/**
 * Text a spreadsheet would run as a formula when the file is opened (=, +, -, @, or a tab or carriage return first):
 * a customer's name or a note typed at intake must never become a formula. Plain numbers and phone numbers
 * ("+86 21 5555 0101", "-12.5") stay as they are; they hold nothing a formula could call.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().-]+$/;

function csvField(value: Cell, delimiter: string): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text) || /^\s|\s$/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/**
 * Writes rows as CSV (RFC 4180, CRLF line ends) with a header row from the columns. Starts with a byte-order mark so
 * Excel opens UTF-8 (Chinese names) correctly.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[], delimiter: ',' | ';' = ','): string {
  const lines = tableCells(rows, columns).map((cells) => cells.map((c) => csvField(c, delimiter)).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
