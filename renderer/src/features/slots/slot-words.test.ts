import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDateTime, formatDuration, formatTime } from '../../i18n/format.js';
import { translate } from '../../i18n/messages.js';
import type { SlotOffer, SlotSearch } from '../../services/index.js';
import {
  daysSearchedLine,
  lateSlot,
  lateSlotQuestion,
  noSlotSentence,
  slotReasons,
  typedDaySentence,
} from './slot-words.js';

const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);
const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);
const offer: SlotOffer = {
  start: 0,
  end: 7_200_000,
  plannedStart: 600_000,
  engineerId: 'e1',
  engineerName: 'Li Wei',
  team: 'team-a',
  grade: 'poor',
  travelAddedMin: 24,
  slaFit: 'late',
  slaSlackMin: -15,
  dayFullPct: 91,
  dipsIntoBuffer: true,
  cost: 120,
};
const none = (reason: SlotSearch['reason']): SlotSearch => ({
  orderId: 'o',
  windowMin: 120,
  slots: [],
  days: [],
  reason,
});

describe('slot words', () => {
  it("words a window's grade reasons in English and Chinese", () => {
    const enTime = (min: number) => formatDuration(min * 60_000, 'en');
    const zhTime = (min: number) => formatDuration(min * 60_000, 'zh-CN');
    expect(slotReasons(offer, en, enTime)).toEqual([
      'adds 24 min driving',
      'misses the SLA by 15 min',
      'team day 91% full',
      'uses the emergency buffer',
    ]);
    expect(
      slotReasons({ ...offer, slaFit: 'met', slaSlackMin: 300, dipsIntoBuffer: false, travelAddedMin: 0 }, zh, zhTime),
    ).toEqual(['不增加路途', '满足 SLA（余 5小时00分）', '班组当天已满 91%']);
    // Days late read as days and hours, as everywhere else in the console.
    expect(slotReasons({ ...offer, slaSlackMin: -2102 }, en, enTime)[1]).toBe('misses the SLA by 1 d 11 h');
  });

  it('says why no window is offered', () => {
    const skill = (id: string) => (id === 'hvac' ? 'HVAC' : id);
    expect(noSlotSentence(none({ code: 'no_skills', skills: [{ skill: 'hvac', level: 4 }] }), en, skill, 'en')).toBe(
      'Nobody in the centre has the skills it needs: HVAC level 4',
    );
    expect(noSlotSentence(none({ code: 'past' }), en, skill, 'en')).toBe('The days asked for are over');
    expect(noSlotSentence(none({ code: 'not_open', status: 'scheduled' }), en, skill, 'en')).toBe(
      'Only an open order can be offered windows; this one is scheduled',
    );
    expect(noSlotSentence(none({ code: 'no_shifts' }), zh, skill, 'zh-CN')).toBe('所选日期没有人排班');
    expect(noSlotSentence({ ...none(null), slots: [offer] }, en, skill, 'en')).toBeNull();
    // Two skills are listed as each language lists things: "HVAC level 4, Electrical level 2"; Chinese with 、.
    const two = none({
      code: 'no_skills',
      skills: [
        { skill: 'hvac', level: 4 },
        { skill: 'electrical', level: 2 },
      ],
    });
    expect(noSlotSentence(two, en, skill, 'en')).toBe(
      'Nobody in the centre has the skills it needs: HVAC level 4, electrical level 2',
    );
    expect(noSlotSentence(two, zh, skill, 'zh-CN')).toBe('中心没有人具备所需技能：HVAC 4 级、electrical 2 级');
  });

  it('names a day typed in as the console shows days, in English and Chinese, never as YYYY-MM-DD', () => {
    const tz = 'Asia/Shanghai';
    const now = Date.UTC(2026, 11, 6, 12);
    const enDay = (d: string) => formatCalendarDay(d, 'en', tz, now);
    const zhDay = (d: string) => formatCalendarDay(d, 'zh-CN', tz, now);
    expect(typedDaySentence('past', '2026-12-01', en, enDay, 7)).toBe('Tue, Dec 1 is over: pick today or a later day');
    expect(typedDaySentence('past', '2026-12-01', zh, zhDay, 7)).toBe('12月1日周二 已经过去：请选择今天或以后的日期');
    expect(typedDaySentence('beyond', '2026-12-24', zh, zhDay, 7)).toBe(
      '只查找未来 7 天，12月24日周四 更晚：请先登记，临近时再预约',
    );
    // Another year's day says its year.
    expect(typedDaySentence('past', '2025-12-01', en, enDay, 7)).toBe(
      'Mon, Dec 1, 2025 is over: pick today or a later day',
    );
    expect(typedDaySentence('past', '2025-12-01', zh, zhDay, 7)).toContain('2025年12月1日');
  });

  it('asks before a late window is booked, saying how late against the SLA', () => {
    const tz = 'Asia/Shanghai';
    const plannedStart = Date.UTC(2026, 11, 7, 2); // 10:00 in Shanghai
    const late = { ...offer, plannedStart, slaFit: 'late' as const, slaSlackMin: -95 };
    const words = (locale: 'en' | 'zh-CN') => ({
      window: 'Mon 7 Dec, 10:00–12:00',
      time: (at: number) => formatTime(at, locale, tz),
      due: (at: number) => formatTime(at, locale, tz),
      duration: (ms: number) => formatDuration(ms, locale),
    });
    const l = lateSlot(late)!;
    expect(l).toEqual({ lateMs: 95 * 60_000, dueAt: plannedStart - 95 * 60_000 });
    expect(lateSlotQuestion(late, l, true, en, words('en'))).toBe(
      'Mon 7 Dec, 10:00–12:00: Li Wei would arrive about 10:00, 1 h 35 min after the latest start that keeps the SLA (08:25). Book it late anyway?',
    );
    expect(lateSlotQuestion(late, l, true, zh, words('zh-CN'))).toBe(
      'Mon 7 Dec, 10:00–12:00：Li Wei 约 10:00 到达，比满足 SLA 的最晚开工时间（08:25）晚 1小时35分。仍要超时派单吗？',
    );
    expect(lateSlotQuestion(late, l, false, en, words('en'))).toContain('Promise it anyway?');
    // A latest start on an earlier day is named with its day.
    const days = { ...words('en'), due: (at: number) => formatDateTime(at, 'en', tz) };
    expect(
      lateSlotQuestion({ ...late, slaSlackMin: -2102 }, lateSlot({ ...late, slaSlackMin: -2102 })!, true, en, days),
    ).toContain('1 d 11 h after the latest start that keeps the SLA (Sat, Dec 5, 22:58)');
    // A window that keeps the SLA, even tightly, is booked without asking.
    expect(lateSlot({ ...late, slaFit: 'tight', slaSlackMin: 10 })).toBeNull();
    expect(lateSlot({ ...late, slaFit: 'met', slaSlackMin: 300 })).toBeNull();
  });

  it("says how each day searched went after the language's colon", () => {
    const days: SlotSearch['days'] = [
      { dayStart: 1, offered: 0, reason: 'full' },
      { dayStart: 2, offered: 0, reason: 'no_shifts' },
    ];
    const name = (d: number) => (d === 1 ? '7日周一' : '8日周二');
    expect(daysSearchedLine(days, zh, name)).toBe('已查找的日期：7日周一 已约满 · 8日周二 无人排班');
    expect(daysSearchedLine(days, en, (d) => (d === 1 ? 'Mon 7' : 'Tue 8'))).toBe(
      'Days searched: Mon 7 fully booked · Tue 8 nobody works',
    );
    // A day whose engineers all lack the job's skills is not called fully booked.
    const unskilled: SlotSearch['days'] = [{ dayStart: 1, offered: 0, reason: 'no_skills' }];
    expect(daysSearchedLine(unskilled, zh, name)).toBe('已查找的日期：7日周一 在班的人都不具备所需技能');
    expect(daysSearchedLine(unskilled, en, () => 'Mon 7')).toBe('Days searched: Mon 7 nobody on shift has the skills');
  });
});
