import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, sniffDelimiter, toCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'code,summary,phone\r\nWO-1,"Leak, kitchen ""urgent""",021 555\r\nWO-2,"two\r\nlines",\r\n';
    expect(parseCsv(text).rows).toEqual([
      ['code', 'summary', 'phone'],
      ['WO-1', 'Leak, kitchen "urgent"', '021 555'],
      ['WO-2', 'two\r\nlines', ''],
    ]);
  });

  it('drops a byte-order mark, accepts LF, CR and CRLF, and keeps empty fields', () => {
    for (const eol of ['\n', '\r', '\r\n'])
      expect(parseCsv(`\uFEFFa,b${eol}c,${eol}d,e`).rows).toEqual([
        ['a', 'b'],
        ['c', ''],
        ['d', 'e'],
      ]);
    expect(parseCsv('a,b\r\n\r\nc,d\r\n').rows).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('detects the semicolon of European Excel and a tab from a spreadsheet copy', () => {
    expect(sniffDelimiter('"a,b";c;d\n1,5;2;3')).toBe(';');
    expect(parseCsv('lat;lon\n31,22;121,5').rows).toEqual([
      ['lat', 'lon'],
      ['31,22', '121,5'],
    ]);
    expect(parseCsv('a\tb\n1\t2').delimiter).toBe('\t');
    expect(parseCsv('a,b\n1,2').delimiter).toBe(',');
  });

  it('reads Chinese text as it is', () => {
    expect(parseCsv('工单号,客户\nWO-1,上海电力').rows[1]).toEqual(['WO-1', '上海电力']);
  });

  it('names the row of a malformed file', () => {
    expect(() => parseCsv('a,b\n"open,c\nd,e')).toThrow(
      new CsvError('a quoted field is never closed', 2, 'unclosedQuote'),
    );
    expect(() => parseCsv('a,b\nc,d\n"x"y,c')).toThrow(/^row 3: unexpected text after a closing quote/);
    // A quote inside an unquoted field is kept as it is: nothing is lost.
    expect(parseCsv('a,b\nx"y,c').rows[1]).toEqual(['x"y', 'c']);
  });

  it('reads an empty file as no rows', () => {
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('\uFEFF').rows).toEqual([]);
  });
});

describe('toCsv', () => {
  const columns = [
    { header: 'Name', value: (r: { name: string; n: number | null }) => r.name },
    { header: 'Count', value: (r: { name: string; n: number | null }) => r.n },
  ];

  it('quotes what needs quoting and reads back to the same cells', () => {
    const rows = [
      { name: 'plain', n: 1 },
      { name: 'a, "quoted"\nvalue', n: null },
      { name: ' padded ', n: 2.5 },
      { name: '张伟; 李娜', n: 0 },
    ];
    const text = toCsv(rows, columns);
    expect(text.startsWith('\uFEFFName,Count\r\nplain,1\r\n"a, ""quoted""\nvalue",\r\n')).toBe(true);
    expect(parseCsv(text).rows).toEqual([
      ['Name', 'Count'],
      ['plain', '1'],
      ['a, "quoted"\nvalue', ''],
      [' padded ', '2.5'],
      ['张伟; 李娜', '0'],
    ]);
    const semi = toCsv(rows, columns, ';');
    expect(parseCsv(semi).delimiter).toBe(';');
    expect(parseCsv(semi).rows[4]).toEqual(['张伟; 李娜', '0']);
  });

  it('never writes text a spreadsheet would run as a formula, and leaves numbers and phone numbers alone', () => {
    const rows = [
      { name: '=HYPERLINK("http://x.example","claim")', n: -3 },
      { name: "-2+3+cmd|' /C calc'!A0", n: null },
      { name: '@SUM(A1:A2)', n: null },
      { name: '+86 21 5555 0101', n: null },
      { name: '-12.5', n: null },
      { name: '\tTAB', n: null },
    ];
    const cells = parseCsv(toCsv(rows, columns)).rows.slice(1);
    expect(cells.map((r) => r[0])).toEqual([
      `'=HYPERLINK("http://x.example","claim")`,
      `'-2+3+cmd|' /C calc'!A0`,
      "'@SUM(A1:A2)",
      '+86 21 5555 0101',
      '-12.5',
      "'\tTAB",
    ]);
    expect(cells[0]![1]).toBe('-3');
  });
});
