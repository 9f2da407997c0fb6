import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { tableCells, type Column, type TextTable } from './table.js';
import { attributes, decodeXml, escapeXml, textRuns } from './xml.js';

/** Thrown for a file that is not a readable .xlsx workbook. */
export type XlsxProblem = 'tooBig' | 'notZip' | 'noSheets' | 'noFirstSheet' | 'rowOrder' | 'cellOutside';

export class XlsxError extends Error {
  constructor(
    message: string,
    /** Which problem, and the row or cell it names, for the console to word in its language. */
    readonly kind: XlsxProblem,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

/** No sheet of an import is near this; a larger unpacked workbook is refused before it fills memory. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

function unzip(bytes: Uint8Array): Unzipped {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNPACKED_BYTES) throw new XlsxError('the workbook unpacks to more than 64 MB', 'tooBig');
        return file.name.startsWith('xl/') || file.name === '[Content_Types].xml';
      },
    });
  } catch (err) {
    if (err instanceof XlsxError) throw err;
    throw new XlsxError('this is not an .xlsx workbook (it is not a zip archive)', 'notZip');
  }
}

function part(files: Unzipped, name: string): string | null {
  const bytes = files[name];
  return bytes ? strFromU8(bytes) : null;
}

/** The path of the workbook's first sheet, through the workbook's relationships. */
function firstSheetPath(files: Unzipped): string {
  const workbook = part(files, 'xl/workbook.xml');
  const rels = part(files, 'xl/_rels/workbook.xml.rels');
  const sheetTag = workbook ? /<(?:\w+:)?sheet\s[^>]*>/.exec(workbook)?.[0] : undefined;
  if (!sheetTag || !rels) {
    if (files['xl/worksheets/sheet1.xml']) return 'xl/worksheets/sheet1.xml';
    throw new XlsxError('the workbook has no sheets', 'noSheets');
  }
  const attrs = attributes(sheetTag);
  const relId = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1];
  for (const m of rels.matchAll(/<Relationship\s[^>]*>/g)) {
    const rel = attributes(m[0]);
    if (rel.Id !== relId || !rel.Target) continue;
    const target = rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target}`;
    if (files[target]) return target;
  }
  throw new XlsxError('the first sheet of the workbook is missing', 'noFirstSheet');
}

function sharedStrings(files: Unzipped): string[] {
  const xml = part(files, 'xl/sharedStrings.xml');
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)].map((m) => textRuns(m[1] ?? ''));
}

/** Built-in number formats that show a date or a time (ECMA-376 §18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style index, whether it shows the number as a date or time. */
function dateStyles(files: Unzipped): boolean[] {
  const xml = part(files, 'xl/styles.xml');
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const a = attributes(m[0]);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfs = /<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\s[^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).numFmtId ?? 0);
    if (DATE_FORMAT_IDS.has(id)) return true;
    // A custom format is a date when it has date or time letters outside quoted text and colour brackets.
    const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    return /[ymdhs]/i.test(code);
  });
}

/** An Excel serial date (days since 1899-12-30, wall clock, no zone) as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`. */
export function serialToText(serial: number): string {
  const ms = Math.round((serial * 86_400_000) / 60_000) * 60_000 + Date.UTC(1899, 11, 30);
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 16);
  if (serial < 1) return time;
  return time === '00:00' && Number.isInteger(serial) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/** "C12" → column index 2 (0-based). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/**
 * Reads the first sheet of an .xlsx workbook as text cells. Row n of the result is row n of the sheet (empty rows
 * in between are kept as empty rows, so row numbers match what the dispatcher sees in Excel). Dates become
 * `YYYY-MM-DD HH:MM` in the sheet's wall-clock time; numbers their shortest decimal form; booleans TRUE/FALSE.
 */
export function readXlsx(bytes: Uint8Array): TextTable {
  const files = unzip(bytes);
  const sheet = part(files, firstSheetPath(files));
  if (sheet === null) throw new XlsxError('the first sheet of the workbook is missing', 'noFirstSheet');
  const strings = sharedStrings(files);
  const isDate = dateStyles(files);
  const rows: TextTable = [];
  // The self-closing form first, so an empty row never swallows the next one.
  for (const rm of sheet.matchAll(/<(?:\w+:)?row(\s[^>]*)?\/>|<(?:\w+:)?row(\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?row>/g)) {
    const rowAttrs = attributes(rm[1] ?? rm[2] ?? '');
    const index = rowAttrs.r ? Number(rowAttrs.r) - 1 : rows.length;
    if (!Number.isInteger(index) || index < rows.length || index > 1_048_575)
      throw new XlsxError(`row ${rowAttrs.r ?? rows.length + 1} is out of order`, 'rowOrder', {
        row: String(rowAttrs.r ?? rows.length + 1),
      });
    while (rows.length < index) rows.push([]);
    const cells: string[] = [];
    for (const cm of (rm[3] ?? '').matchAll(/<(?:\w+:)?c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const a = attributes(cm[1] ?? '');
      const col = a.r ? columnIndex(a.r) : cells.length;
      if (col < 0 || col > 16_383)
        throw new XlsxError(`cell ${a.r ?? '?'} is outside the sheet`, 'cellOutside', { cell: a.r ?? '?' });
      const inner = cm[2] ?? '';
      const raw = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
      const v = raw === undefined ? '' : decodeXml(raw);
      let value: string;
      switch (a.t) {
        case 's':
          value = strings[Number(v)] ?? '';
          break;
        case 'inlineStr':
          value = textRuns(inner);
          break;
        case 'b':
          value = v === '1' ? 'TRUE' : 'FALSE';
          break;
        case 'str':
        case 'e':
          value = v;
          break;
        default: {
          const n = Number(v);
          value = v === '' || !Number.isFinite(n) ? v : isDate[Number(a.s ?? 0)] ? serialToText(n) : String(n);
        }
      }
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    rows.push(cells);
  }
  return rows;
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
// Style 0 is plain, style 1 bold for the header row.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

/** Sheet names may not hold []:*?/\ and are at most 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * Writes rows as a one-sheet .xlsx workbook: a bold header row from the columns, text as inline strings, numbers as
 * numbers. Times should be given as text already formatted in the control centre's zone (Excel has no zones).
 */
export function toXlsx<T>(rows: readonly T[], columns: readonly Column<T>[], name = 'Sheet1'): Uint8Array {
  const body = tableCells(rows, columns)
    .map((cells, r) => {
      const xml = cells
        .map((cell, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          const style = r === 0 ? ' s="1"' : '';
          if (cell === null || cell === '') return '';
          if (typeof cell === 'number' && Number.isFinite(cell)) return `<c r="${ref}"${style}><v>${cell}</v></c>`;
          return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(cell))}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join('');
  const cols = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? Math.max(10, c.header.length + 2)}" customWidth="1"/>`,
    )
    .join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${body}</sheetData></worksheet>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'xl/workbook.xml': strToU8(workbook),
      'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
      'xl/styles.xml': strToU8(STYLES),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    // A fixed timestamp: the same rows give the same bytes.
    { level: 6, mtime: new Date(Date.UTC(2020, 0, 1)) },
  );
}
