import { describe, expect, it } from 'vitest';
import { formatDateEntry, parseDateEntry } from './date-entry.js';

const TODAY = '2026-12-07';

describe('days typed in the console language', () => {
  it('writes a day the Chinese way in Chinese and the English way in English, whatever the browser', () => {
    expect(formatDateEntry('2026-12-07', 'zh-CN')).toBe('2026年12月7日');
    expect(formatDateEntry('2026-01-31', 'zh-CN')).toBe('2026年1月31日');
    expect(formatDateEntry('2026-12-07', 'en')).toBe('Dec 7, 2026');
    expect(formatDateEntry('', 'zh-CN')).toBe('');
  });

  it('reads back what it writes, in both languages', () => {
    for (const day of ['2026-12-07', '2027-02-28', '2024-02-29', '2026-01-01'])
      for (const locale of ['zh-CN', 'en'] as const)
        expect(parseDateEntry(formatDateEntry(day, locale), locale, TODAY)).toBe(day);
  });

  it('reads Chinese days year first, with or without the year, in full-width figures too', () => {
    for (const typed of [
      '2026年12月6日',
      '2026-12-06',
      '2026/12/6',
      '2026.12.6',
      '２０２６年１２月６日',
      '12月6日',
      '12/6',
    ])
      expect(parseDateEntry(typed, 'zh-CN', TODAY), typed).toBe('2026-12-06');
    expect(parseDateEntry('2025年2月3日', 'zh-CN', TODAY)).toBe('2025-02-03');
  });

  it('reads English days by the month named, or month first in figures, as the console writes them', () => {
    for (const typed of ['Dec 6, 2026', '6 Dec 2026', 'December 6', 'dec 6', '2026-12-06', '12/6/2026', '12/6'])
      expect(parseDateEntry(typed, 'en', TODAY), typed).toBe('2026-12-06');
  });

  it('refuses what is not a calendar day', () => {
    for (const typed of ['', '2026年2月30日', '13月1日', 'Foo 3, 2026', 'Dec', '12', '2026-12', 'Dec 6 7 2026'])
      for (const locale of ['zh-CN', 'en'] as const) expect(parseDateEntry(typed, locale, TODAY), typed).toBeNull();
  });
});
