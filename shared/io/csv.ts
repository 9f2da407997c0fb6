import Papa from 'papaparse';
import { tableCells, type Cell, type Column, type TextTable } from './table.js';

/** A CSV file's contents and the delimiter it was written with. */
export interface ParsedCsv {
  rows: TextTable;
  delimiter: ',' | ';' | '\t';
}

/** Thrown for a file that is not CSV as RFC 4180 describes it; the message names the row (the header is row 1). */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly row: number,
    /** Which problem, for the console to word in its language. */
    readonly kind: 'unclosedQuote' | 'textAfterQuote' | 'malformed' = 'malformed',
  ) {
    super(`row ${row}: ${message}`);
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

/** What is wrong with the quoting, in the words a dispatcher fixing the file needs. */
const QUOTE_PROBLEMS: Partial<Record<string, string>> = {
  MissingQuotes: 'a quoted field is never closed',
  InvalidQuotes: 'unexpected text after a closing quote (quote the whole field, doubling quotes inside it)',
};

/**
 * Parses CSV (RFC 4180, with papaparse): quoted fields may hold the delimiter, line breaks and doubled quotes; CRLF,
 * LF or CR end a record (one kind per file); a leading byte-order mark is dropped; an empty last line is not a record.
 * Rows keep their position: row n of the result is the file's row n + 1 (a quoted line break does not start a row).
 */
export function parseCsv(input: string, delimiter: ParsedCsv['delimiter'] = sniffDelimiter(input)): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text === '') return { rows: [], delimiter };
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', escapeChar: '"', skipEmptyLines: false });
  const problem = parsed.errors.find((e) => e.code === 'InvalidQuotes') ?? parsed.errors[0];
  if (problem)
    throw new CsvError(
      QUOTE_PROBLEMS[problem.code] ?? problem.message,
      (problem.row ?? 0) + 1,
      problem.code === 'MissingQuotes'
        ? 'unclosedQuote'
        : problem.code === 'InvalidQuotes'
          ? 'textAfterQuote'
          : 'malformed',
    );
  const rows = parsed.data;
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '' && /[\r\n]$/.test(text)) rows.pop();
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
