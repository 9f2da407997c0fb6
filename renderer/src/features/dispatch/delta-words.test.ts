import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { engineerNames } from '../../i18n/names.js';
import type { Reason } from '../../../../shared/dispatch/index.js';
import { codeList, deltaLines, moveLine, moveWhen } from './delta-words.js';

const words = (locale: Locale) => ({
  t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params),
  duration: (min: number) => formatDuration(min * 60_000, locale),
});
const delta = (d: { travelMin: number; slaAtRisk: number; overtimeMin: number; unassigned: number[] }) => ({
  travelMin: d.travelMin,
  travelKm: 0,
  lateMin: 0,
  slaAtRisk: d.slaAtRisk,
  overtimeMin: d.overtimeMin,
  assigned: 0,
  unassigned: {
    P1: d.unassigned[0] ?? 0,
    P2: d.unassigned[1] ?? 0,
    P3: d.unassigned[2] ?? 0,
    P4: d.unassigned[3] ?? 0,
  },
});
const text = (locale: Locale, d: Parameters<typeof delta>[0]) => {
  const { t, duration } = words(locale);
  return deltaLines(delta(d), t, duration).map((l) => l.text);
};

describe("an auto-dispatch proposal's deltas", () => {
  it('read as a dispatcher says them, not as signed figures', () => {
    expect(text('en', { travelMin: -12.4, slaAtRisk: -2, overtimeMin: 75, unassigned: [0, 0, -1, 0] })).toEqual([
      '12 min less driving',
      '2 fewer orders at risk of missing the SLA',
      '1 h 15 min more overtime',
      '1 fewer order left unassigned',
    ]);
    expect(text('zh-CN', { travelMin: -12.4, slaAtRisk: -2, overtimeMin: 75, unassigned: [0, 0, -1, 0] })).toEqual([
      '路程少 12分钟',
      '少 2 单有 SLA 风险',
      '加班多 1小时15分',
      '少 1 单未派',
    ]);
  });

  it('say one and many, and no change, in both languages; unassigned is over every priority', () => {
    expect(text('en', { travelMin: 0.3, slaAtRisk: 1, overtimeMin: 0, unassigned: [1, 0, 2, 0] })).toEqual([
      'driving unchanged',
      '1 more order at risk of missing the SLA',
      'overtime unchanged',
      '3 more orders left unassigned',
    ]);
    expect(text('zh-CN', { travelMin: 30, slaAtRisk: 0, overtimeMin: -5, unassigned: [0, 1, 0, -1] })).toEqual([
      '路程多 30分钟',
      'SLA 风险单数不变',
      '加班少 5分钟',
      '未派单数不变',
    ]);
    const { t, duration } = words('en');
    expect(
      deltaLines(delta({ travelMin: -3, slaAtRisk: 1, overtimeMin: 0, unassigned: [] }), t, duration).map(
        (l) => l.change,
      ),
    ).toEqual(['better', 'worse', 'same', 'same']);
  });

  it("names the day of a move that lands on another day than the plan's, and lists codes as the language does", () => {
    const tz = 'Asia/Shanghai';
    const day = Date.UTC(2026, 11, 6, 16); // Mon 7 Dec, 00:00 in Shanghai
    expect(moveWhen(day + 8 * 3_600_000, day, 'zh-CN', tz)).toBe('08:00');
    expect(moveWhen(day + 24.5 * 3_600_000, day, 'zh-CN', tz)).toBe('12月8日周二 00:30');
    expect(moveWhen(day + 24.5 * 3_600_000, day, 'en', tz)).toBe('Tue, Dec 8 00:30');
    expect(codeList(['WO-000037', 'WO-000001'], 'zh-CN')).toBe('WO-000037、WO-000001');
    expect(codeList(['WO-000037', 'WO-000001'], 'en')).toBe('WO-000037, WO-000001');
  });

  it('says when a move starts once: the time first, then who takes it and why, without the time again', () => {
    const tz = 'Asia/Shanghai';
    const day = Date.UTC(2026, 11, 6, 16); // Mon 7 Dec, 00:00 in Shanghai
    const at = (h: number) => day + h * 3_600_000;
    const say = (time: string): Reason[] => [
      {
        id: 'moveTo',
        args: {
          name: '徐文博',
          time,
          why: [
            { id: 'shorterDrive', args: { min: 11, was: 36 } },
            { id: 'lessLate', args: { min: 25 } },
          ],
        },
      },
    ];
    const move = (start: number, time: string) => ({
      to: { engineerId: 'e1', start, end: start + 3_600_000 },
      reason: `徐文博 ${time}: 11 min drive instead of 36; 25 min less late`,
      say: say(time),
    });
    const line = (locale: Locale, start: number, time: string) =>
      moveLine(move(start, time), day, locale, tz, words(locale).t);
    expect(line('en', at(7 + 11 / 60), '07:11')).toBe('07:11 · 徐文博: 11 min drive instead of 36; 25 min less late');
    expect(line('zh-CN', at(7 + 11 / 60), '07:11')).toBe('07:11 · 徐文博：车程 11 分钟，原为 36 分钟；少迟到 25 分钟');
    // On another day than the plan's, the day is said once, before the time.
    expect(line('en', at(24 + 8), 'Tue 08:00')).toBe(
      'Tue, Dec 8 08:00 · 徐文博: 11 min drive instead of 36; 25 min less late',
    );
    // An engineer who shares a name with another is named apart, as the console names them.
    const twins = engineerNames(
      [
        { id: 'e1', name: '徐文博', team: 'team-xuhui-2' },
        { id: 'e2', name: '徐文博', team: 'team-huangpu-1' },
      ],
      'zh-CN',
    );
    expect(moveLine(move(at(7 + 11 / 60), '07:11'), day, 'zh-CN', tz, words('zh-CN').t, twins)).toBe(
      '07:11 · 徐文博（徐汇2组）：车程 11 分钟，原为 36 分钟；少迟到 25 分钟',
    );
    // A move back to the queue has no time: its reason is all there is to say.
    const back = { to: null, reason: 'back to the queue', say: [] };
    expect(moveLine(back, day, 'en', tz, words('en').t)).toBe('— · back to the queue');
  });

  it("names a namesake in a move's reasons too: the engineer it frees time on, the one bumped work moves to", () => {
    const tz = 'Asia/Shanghai';
    const day = Date.UTC(2026, 11, 6, 16); // Mon 7 Dec, 00:00 in Shanghai
    const start = day + 9 * 3_600_000;
    const twins = (locale: Locale) =>
      engineerNames(
        [
          { id: 'e1', name: '徐文博', team: 'team-xuhui-2' },
          { id: 'e2', name: '徐文博', team: 'team-huangpu-1' },
        ],
        locale,
      );
    const frees = {
      to: { engineerId: 'e1', start, end: start + 3_600_000 },
      reason: '徐文博 09:00: frees 10:00 on 徐文博 for P1 WO-9',
      say: [
        {
          id: 'moveTo' as const,
          args: {
            name: '徐文博',
            engineer: 'e1',
            time: '09:00',
            why: [
              { id: 'freesFor' as const, args: { time: '10:00', name: '徐文博', engineer: 'e2', order: 'P1 WO-9' } },
            ],
          },
        },
      ],
    };
    expect(moveLine(frees, day, 'zh-CN', tz, words('zh-CN').t, twins('zh-CN'))).toBe(
      '09:00 · 徐文博（徐汇2组）：为 P1 WO-9 腾出 徐文博（黄浦1组） 的 10:00',
    );
    // An emergency's bumped work, moved to another engineer: a reason of its own, naming them.
    const bumped = {
      to: { engineerId: 'e2', start, end: start + 3_600_000 },
      reason: 'P4 WO-1 moved to 徐文博 09:00 to free 08:30 for P1 WO-9',
      say: [
        {
          id: 'bumpMoved' as const,
          args: { order: 'P4 WO-1', name: '徐文博', engineer: 'e2', at: '09:00', time: '08:30', emergency: 'P1 WO-9' },
        },
      ],
    };
    expect(moveLine(bumped, day, 'en', tz, words('en').t, twins('en'))).toBe(
      '09:00 · P4 WO-1 moved to 徐文博 (Huangpu 1) 09:00 to free 08:30 for P1 WO-9',
    );
  });

  it('words a move that needs a long chain of others by count, naming the first few codes only', () => {
    const chain = Array.from({ length: 15 }, (_, i) => `WO-${String(i + 1).padStart(6, '0')}`);
    const needs = (locale: Locale, n: number) => {
      const { t } = words(locale);
      const list = chain.slice(0, n);
      return [
        t('dispatch.needs', { picked: 'WO-261207-A6EA', needs: codeList(list, locale, t), p: 1, n, total: n + 1 }),
        t('dispatch.takeBoth', { total: n + 1 }),
        t('dispatch.takeNeither', { total: n + 1 }),
      ];
    };
    expect(needs('en', 15)).toEqual([
      'WO-261207-A6EA needs the moves of WO-000001, WO-000002, WO-000003, WO-000004, WO-000005 and 10 more too: ' +
        'they free the slot. Take all 16, or none?',
      'Take all 16',
      'Take none',
    ]);
    expect(needs('en', 1)).toEqual([
      'WO-261207-A6EA needs the move of WO-000001 too: it frees the slot. Take both, or neither?',
      'Take both',
      'Take neither',
    ]);
    expect(needs('zh-CN', 15)[0]).toBe(
      'WO-261207-A6EA 需要同时调整 WO-000001、WO-000002、WO-000003、WO-000004、WO-000005 及另外 10 单：它们腾出了时段。16 项全部采纳，还是都不采纳？',
    );
    expect(needs('zh-CN', 1)[1]).toBe('两项都采纳');
  });
});
