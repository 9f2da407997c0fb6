import { describe, expect, it } from 'vitest';
import { LOCALES, argumentNames, defaultLocale, en, translate } from './messages.js';
import { formatDuration, formatTime, formatTimeOn } from './format.js';

describe('message catalogue', () => {
  it('has every key in every language, none left empty or untranslated', () => {
    for (const [locale, catalogue] of Object.entries(LOCALES)) {
      expect(Object.keys(catalogue).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalogue))
        expect(text.trim().length, `${locale} ${key}`).toBeGreaterThan(0);
    }
    // A text that is one placeholder alone (an engineer named in a list of them, `reason.namedEngineer`) has no words
    // to translate: it reads the same in every language.
    const same = Object.keys(en).filter(
      (k) =>
        !/^\{\w+\}$/.test(en[k as keyof typeof en]) &&
        LOCALES['zh-CN'][k as keyof typeof en] === en[k as keyof typeof en],
    );
    expect(same).toEqual([]);
  });

  it('is valid ICU MessageFormat with the same arguments in every language', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>)
      expect(argumentNames(LOCALES['zh-CN'][key]), key).toEqual(argumentNames(en[key]));
  });

  it('has no plural written the old way ({n|booking|bookings}): plurals are ICU', () => {
    for (const [locale, catalogue] of Object.entries(LOCALES))
      for (const [key, text] of Object.entries(catalogue)) expect(text, `${locale} ${key}`).not.toMatch(/\{\w+\|/);
  });

  it('names every undo step in English with a capital, those core names and those the console names alike', () => {
    const console = ['newOrder.label', 'candidates.bumpLabel', 'late.label', 'late.reshuffleLabel', 'dispatch.title'];
    const keys = [...Object.keys(en).filter((k) => k.startsWith('action.')), ...console] as Array<keyof typeof en>;
    const values = { order: 'WO-1', code: 'WO-1', bumped: 'WO-2', engineer: 'Li Wei', n: 2, kind: 'Jeopardy' };
    for (const key of keys) expect(translate('en', key, values), key).toMatch(/^(\{|WO-|[A-Z])/);
  });

  it('shows an argument the caller left out as its name instead of failing the text', () => {
    expect(translate('en', 'notice.booked', { code: 'WO-1', name: 'Li Wei' })).toBe('WO-1 booked: Li Wei at {time}');
  });

  it('fills placeholders and picks the language from the system', () => {
    expect(translate('en', 'sync.pending', { n: 3 })).toBe('3 pending');
    expect(translate('zh-CN', 'sync.pending', { n: 3 })).toBe('3 条待同步');
    expect(defaultLocale(['zh-CN', 'en'])).toBe('zh-CN');
    expect(defaultLocale(['en-GB'])).toBe('en');
  });
});

describe('plurals', () => {
  it('says one booking, two bookings in English, and the same words whatever the count in Chinese', () => {
    const row = { name: 'Li Wei', team: 'North', state: 'On site' };
    expect(translate('en', 'board.rowLabel', { ...row, count: 1 })).toBe('Li Wei, North, On site, 1 booking');
    expect(translate('en', 'board.rowLabel', { ...row, count: 2 })).toBe('Li Wei, North, On site, 2 bookings');
    expect(translate('en', 'board.rowLabel', { ...row, count: 0 })).toBe('Li Wei, North, On site, 0 bookings');
    expect(translate('zh-CN', 'board.rowLabel', { ...row, count: 1 })).toBe('Li Wei，North，On site，1 个预约');
    expect(translate('zh-CN', 'board.rowLabel', { ...row, count: 2 })).toBe('Li Wei，North，On site，2 个预约');
    expect(translate('en', 'sla.alertsMany', { n: 1 })).toBe('1 order breached its SLA');
    expect(translate('en', 'sla.alertsMany', { n: 3 })).toBe('3 orders breached their SLA');
    expect(translate('en', 'queue.count', { n: 1 })).toBe('1 order');
    expect(translate('en', 'io.undoOrders', { n: 2, name: 'a.csv' })).toBe('Import 2 orders from a.csv');
    expect(translate('zh-CN', 'io.undoOrders', { n: 1, name: 'a.csv' })).toBe('从 a.csv 导入 1 个工单');
  });

  it('has no English count of things that reads "1 things": every "{n} nouns" offers the singular', () => {
    for (const [key, text] of Object.entries(en))
      expect(text, key).not.toMatch(/\{(n|count)\} (bookings|orders|engineers|conflicts|escalations|rows|surveys)\b/);
    for (const [key, text] of Object.entries(en))
      if (/\{(n|count)\b/.test(text) && /\b(bookings|orders|engineers|conflicts|escalations|rows|surveys)\b/.test(text))
        expect(text, key).toMatch(/plural, one \{/);
  });

  it('counts one survey and one row ready as one, on the KPI dashboard and in an import', () => {
    expect(translate('en', 'kpi.basisSurveys', { n: 1 })).toBe('1 survey');
    expect(translate('en', 'kpi.basisSurveys', { n: 12 })).toBe('12 surveys');
    expect(translate('en', 'io.preview', { valid: 1, bad: 0 })).toBe('1 row ready, 0 with errors');
    expect(translate('en', 'io.preview', { valid: 30, bad: 2 })).toBe('30 rows ready, 2 with errors');
    expect(translate('zh-CN', 'kpi.basisSurveys', { n: 1 })).toBe('1 份评价');
  });
});

describe('Chinese punctuation', () => {
  it('separates words with full-width ：，； — ASCII marks stay only inside notations (09:30, hvac:3, 时:分)', () => {
    // ICU's own syntax ("{n, plural, …}") is not text; a mark followed by a space or ending the text, or a comma or
    // semicolon right after a Chinese character, separates words.
    const icu = /\{\s*\w+\s*,\s*(?:plural|select|selectordinal|number|date|time)\s*,?/g;
    const separating = /[,:;](?=\s|$)|(?<=\p{Script=Han})[,;]/u;
    const zh = LOCALES['zh-CN'] as Record<string, string>;
    const ascii = Object.entries(zh).filter(([, text]) => separating.test(text.replace(icu, '{')));
    expect(ascii.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
    // The notations a dispatcher types or reads as such keep their ASCII marks.
    expect(zh['io.issue.notIdList']).toContain('hvac:3');
    expect(zh['time.howToType']).toContain('09:30');
  });
});

describe('Chinese counts of work orders', () => {
  it('counts work orders with one measure word, 个, as the queue does', () => {
    const zh = LOCALES['zh-CN'] as Record<string, string>;
    for (const [key, text] of Object.entries(zh)) expect(text, key).not.toMatch(/[张份件条项]\s*工单/);
    expect(translate('zh-CN', 'queue.count', { n: 1 })).toBe('1 个工单');
    expect(translate('zh-CN', 'dispatch.left', { n: 1 })).toBe('1 个工单留在待派队列');
  });
});

describe('formatting', () => {
  it("shows times in the control centre's zone, not the computer's", () => {
    expect(formatTime(Date.UTC(2026, 10, 23, 6, 5), 'en', 'Asia/Shanghai')).toBe('14:05');
    expect(formatTime(Date.UTC(2026, 10, 23, 6, 5), 'en', 'Europe/London')).toBe('06:05');
  });

  it('says the day of a moment on the board when it is not the day the board shows, or the board shows a week', () => {
    const day = Date.UTC(2026, 11, 6, 16); // Mon 7 Dec, 00:00 in Shanghai
    const wed = day + 2 * 86_400_000 + 11.75 * 3_600_000;
    expect(formatTimeOn(day + 10 * 3_600_000, day, 'en', 'Asia/Shanghai')).toBe('10:00');
    expect(formatTimeOn(wed, day, 'en', 'Asia/Shanghai')).toBe('Wed, Dec 9 11:45');
    expect(formatTimeOn(wed, null, 'en', 'Asia/Shanghai')).toBe('Wed, Dec 9 11:45');
    expect(formatTimeOn(wed, null, 'zh-CN', 'Asia/Shanghai')).toBe('12月9日周三 11:45');
  });

  it('writes durations people read', () => {
    expect(formatDuration(65 * 60_000, 'en')).toBe('1 h 05 min');
    expect(formatDuration(12 * 60_000, 'zh-CN')).toBe('12分钟');
    expect(formatDuration(-(27 * 60 * 60_000), 'en')).toBe('1 d 3 h');
  });
});

describe('an SLA escalation', () => {
  it('says what happened by the deadline, which stays true when read after the work got going', () => {
    const args = { customer: '东方数据中心', priority: 'P2', time: '18:46' };
    expect(translate('en', 'sla.alertRespond', args)).toBe(
      '东方数据中心 (P2): no engineer was on the way by its respond-by, 18:46',
    );
    expect(translate('zh-CN', 'sla.alertRespond', args)).toBe('东方数据中心（P2）：响应时限 18:46 前无工程师出发');
    expect(translate('en', 'sla.alertResolve', args)).toBe('东方数据中心 (P2): not resolved by its resolve-by, 18:46');
    expect(translate('zh-CN', 'sla.alertResolve', args)).toBe('东方数据中心（P2）：解决时限 18:46 前未解决');
  });
});
