import { describe, expect, it } from 'vitest';
import { clauseWords, colonOf, labelled, listWords, statementWords } from './punctuation.js';

describe('punctuation between words', () => {
  it('uses ASCII marks and a space in English', () => {
    expect(labelled('Breaks', listWords(['12:00–12:30', '15:00–15:15'], 'en'), 'en')).toBe(
      'Breaks: 12:00–12:30, 15:00–15:15',
    );
    expect(clauseWords(['Li Wei, North, On site, 2 bookings', '2 breaking a rule'], 'en')).toBe(
      'Li Wei, North, On site, 2 bookings, 2 breaking a rule',
    );
    expect(statementWords(['a', 'b'], 'en')).toBe('a; b');
  });

  it('uses full-width marks without spaces in Chinese, and 、 between like items', () => {
    expect(labelled('休息', listWords(['00:00–00:30', '04:00–04:30'], 'zh-CN'), 'zh-CN')).toBe(
      '休息：00:00–00:30、04:00–04:30',
    );
    expect(clauseWords(['2 个预约', '2 个违反规则'], 'zh-CN')).toBe('2 个预约，2 个违反规则');
    expect(statementWords(['甲', '乙'], 'zh-CN')).toBe('甲；乙');
    expect(labelled('班次', '16:53 才能回到驻地', 'zh-CN')).toBe('班次：16:53 才能回到驻地');
    expect(colonOf('zh-CN')).toBe('：');
  });
});
