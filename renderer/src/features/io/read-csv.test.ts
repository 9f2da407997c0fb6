import { describe, expect, it } from 'vitest';
import { readCsv, TextEncodingError } from './read-csv.js';

/** "工单号;客户;地址 / WO-1;上海明珠物业;徐汇区衡山路100号" as Excel saves CSV in a Chinese locale (GB18030), CRLF. */
const GB18030_SEMICOLON = Uint8Array.from(
  Buffer.from(
    'b9a4b5a5bac53bbfcdbba73bb5d8d6b70d0a574f2d313bc9cfbaa3c3f7d6e9ceefd2b53bd0ecbbe3c7f8bae2c9bdc2b7313030bac50d0a',
    'hex',
  ),
);

describe('readCsv', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('reads GB18030 (GBK) bytes from Excel in a Chinese locale, with the semicolon it was written with', () => {
    expect(readCsv(GB18030_SEMICOLON)).toEqual({
      encoding: 'GB18030',
      delimiter: ';',
      rows: [
        ['工单号', '客户', '地址'],
        ['WO-1', '上海明珠物业', '徐汇区衡山路100号'],
      ],
    });
  });

  it('reads UTF-8 with and without a byte-order mark, and UTF-16 text with a tab between fields', () => {
    const rows = [
      ['工单号', '客户'],
      ['WO-1', '上海电力'],
    ];
    expect(readCsv(utf8('工单号,客户\r\nWO-1,上海电力\r\n'))).toEqual({ encoding: 'UTF-8', delimiter: ',', rows });
    expect(readCsv(utf8('\uFEFF工单号,客户\nWO-1,上海电力'))).toEqual({ encoding: 'UTF-8', delimiter: ',', rows });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('工单号\t客户\r\nWO-1\t上海电力', 'utf16le')]);
    expect(readCsv(Uint8Array.from(utf16))).toEqual({ encoding: 'UTF-16LE', delimiter: '\t', rows });
  });

  it('reads characters outside GBK that only GB18030 has (four-byte sequences)', () => {
    // "€" is A2 E3 and "𠀀" (U+20000) is 95 32 82 36 in GB18030.
    const bytes = Uint8Array.from([0x61, 0x2c, 0xa2, 0xe3, 0x0a, 0x62, 0x2c, 0x95, 0x32, 0x82, 0x36]);
    expect(readCsv(bytes)).toMatchObject({
      encoding: 'GB18030',
      rows: [
        ['a', '€'],
        ['b', '𠀀'],
      ],
    });
  });

  it('refuses bytes that are no text it reads, naming the line, and a false UTF-8 mark', () => {
    const bad = Uint8Array.from([...utf8('a,b\nc,d\n'), 0xff, 0xff, 0x0a]);
    expect(() => readCsv(bad)).toThrow(new TextEncodingError('the text is neither UTF-8 nor GB18030 (GBK)', 3));
    const marked = Uint8Array.from([0xef, 0xbb, 0xbf, ...GB18030_SEMICOLON]);
    expect(() => readCsv(marked)).toThrow(/^line 1: the file is marked as UTF-8 but is not valid UTF-8/);
  });
});
