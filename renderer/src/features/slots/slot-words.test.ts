import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../i18n/format.js';
import { translate } from '../../i18n/messages.js';
import type { SlotOffer, SlotSearch } from '../../services/index.js';
import { noSlotSentence, slotReasons } from './slot-words.js';

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
    expect(noSlotSentence(none({ code: 'no_skills', skills: [{ skill: 'hvac', level: 4 }] }), en, skill)).toBe(
      'Nobody in the centre has the skills it needs: HVAC level 4',
    );
    expect(noSlotSentence(none({ code: 'past' }), en, skill)).toBe('The days asked for are over');
    expect(noSlotSentence(none({ code: 'not_open', status: 'scheduled' }), en, skill)).toBe(
      'Only an open order can be offered windows; this one is scheduled',
    );
    expect(noSlotSentence(none({ code: 'no_shifts' }), zh, skill)).toBe('所选日期没有人排班');
    expect(noSlotSentence({ ...none(null), slots: [offer] }, en, skill)).toBeNull();
  });
});
