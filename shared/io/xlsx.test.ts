import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx, serialToText, toXlsx, XlsxError } from './xlsx.js';

/** A workbook laid out the way Excel writes one: shared strings, a date style, relationships to a renamed sheet. */
function excelLike(): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="工单" sheetId="1" r:id="rId3"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId3" Type="worksheet" Target="worksheets/orders.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<sst ${ns}><si><t>工单号</t></si><si><t>预约开始</t></si><si><r><t>Leak &amp; </t></r><r><t xml:space="preserve">drip</t></r></si><si><t/></si></sst>`,
    ),
    'xl/styles.xml': strToU8(
      `<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd\\ hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/orders.xml': strToU8(
      `<worksheet ${ns}><sheetData>` +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>' +
        '<row r="3" spans="1:4"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>46209.375</v></c><c r="C3" s="2"><v>31.5</v></c><c r="D3" t="b"><v>1</v></c></row>' +
        '<row r="4"/>' +
        '<row r="5"><c r="A5" t="inlineStr"><is><t>WO-9</t></is></c><c r="C5" t="str"><v>=A5</v></c></row>' +
        '</sheetData></worksheet>',
    ),
  });
}

describe('readXlsx', () => {
  it("reads Excel's layout: shared and rich strings, dates from the cell style, gaps kept so row numbers match", () => {
    expect(readXlsx(excelLike())).toEqual([
      ['工单号', '预约开始', '', ''],
      [],
      ['Leak & drip', '2026-07-06 09:00', '31.5', 'TRUE'],
      [],
      ['WO-9', '', '=A5'],
    ]);
  });

  it('converts serial dates without a zone', () => {
    expect(serialToText(46209)).toBe('2026-07-06');
    expect(serialToText(46209.5)).toBe('2026-07-06 12:00');
    expect(serialToText(0.75)).toBe('18:00');
  });

  it('refuses what is not a workbook with a clear message', () => {
    expect(() => readXlsx(strToU8('code,customer\n'))).toThrow(XlsxError);
    expect(() => readXlsx(strToU8('code,customer\n'))).toThrow(/not an \.xlsx workbook/);
    expect(() => readXlsx(zipSync({ 'xl/other.xml': strToU8('<x/>') }))).toThrow(/has no sheets/);
  });
});

describe('toXlsx', () => {
  it('writes a workbook that reads back to the same cells, numbers as numbers', () => {
    type Row = { name: string; n: number | null };
    const rows: Row[] = [
      { name: '张伟 <lead> & "co"', n: 3 },
      { name: '', n: 2.25 },
      { name: 'tab\tand\nnewline', n: null },
    ];
    const bytes = toXlsx(rows, [
      { header: 'Engineer', value: (r: Row) => r.name },
      { header: 'Jobs', value: (r: Row) => r.n },
    ]);
    expect(readXlsx(bytes)).toEqual([
      ['Engineer', 'Jobs'],
      ['张伟 <lead> & "co"', '3'],
      ['', '2.25'],
      ['tab\tand\nnewline'],
    ]);
    // The same rows give the same bytes: no clock in the archive.
    expect(toXlsx(rows, [{ header: 'Engineer', value: (r: Row) => r.name }])).toEqual(
      toXlsx(rows, [{ header: 'Engineer', value: (r: Row) => r.name }]),
    );
  });
});
