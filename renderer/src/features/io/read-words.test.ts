import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../../shared/io/xlsx.js';
import { translate, type Locale, type MessageKey } from '../../i18n/messages.js';
import { readCsv } from './read-csv.js';
import { readErrorWords } from './read-words.js';

const words = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);

/** The error a reader throws, worded in a language. */
function said(read: () => unknown, locale: Locale): string {
  try {
    read();
  } catch (err) {
    return readErrorWords(err, words(locale), locale);
  }
  throw new Error('the file was read');
}

describe("why a file could not be read, in the console's language", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const unknownEncoding = Uint8Array.from([...bytes('a,b\nc,d\n'), 0xff, 0xff, 0x0a]);
  const unclosed = bytes('a,b\n"open,c\nd,e');
  const notZip = bytes('this is text');

  it('words an encoding, a quote and a workbook problem in Chinese, naming the line, row or sheet', () => {
    expect(said(() => readCsv(unknownEncoding), 'zh-CN')).toBe('第 3 行：文本既不是 UTF-8 也不是 GB18030（GBK）编码');
    expect(said(() => readCsv(unclosed), 'zh-CN')).toBe('第 2 行：带引号的字段没有闭合');
    expect(said(() => readXlsx(notZip), 'zh-CN')).toBe('这不是 .xlsx 工作簿（不是压缩包）');
  });

  it("says in English what the reader's English message says", () => {
    for (const read of [() => readCsv(unknownEncoding), () => readCsv(unclosed), () => readXlsx(notZip)]) {
      let message = '';
      try {
        read();
      } catch (err) {
        message = (err as Error).message;
      }
      expect(said(read, 'en')).toBe(message);
    }
  });
});
