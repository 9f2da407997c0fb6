import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../shared/dispatch/candidates.js';
import { at, booked, dayAt, engineer, order, place } from '../../../shared/dispatch/fixtures.testing.js';
import { bookingViolations } from '../../../shared/dispatch/violations.js';
import { REASON_IDS } from '../../../shared/dispatch/index.js';
import { LOCALES } from './messages.js';
import { reasonWords } from './reason-words.js';

describe("the engine's reasons in the console's language", () => {
  const engineers = [
    engineer('near', { homeBase: place(2.5, 0), vanStock: { 'p-hvac-filter': 1 }, maxJobs: 4 }),
    engineer('unskilled', { homeBase: place(3, 0), skills: [] }),
    engineer('noParts', { homeBase: place(3, 0), vanStock: {} }),
  ];
  const state = dayAt('07:00', engineers, [order('t', { requiredParts: [{ part: 'p-hvac-filter', qty: 1 }] })]);
  const list = rankCandidates(state.orders.get('t') as never, state);
  const by = (id: string) => list.candidates.find((c) => c.engineerId === id)!;

  it('words every verdict of a candidate list in Chinese, naming skills and parts, with no English left', () => {
    const failed = (id: string) => by(id).verdicts.find((v) => v.status === 'fail')!;
    expect(reasonWords(failed('unskilled'), 'zh-CN')).toBe('需要暖通空调 2 级，不具备该技能');
    expect(reasonWords(failed('unskilled'), 'en')).toBe('needs HVAC level 2, has none');
    expect(reasonWords(failed('noParts'), 'zh-CN')).toBe('需要 1 × F7 空气过滤器，车上只有 0');
    for (const c of list.candidates)
      for (const v of c.verdicts) {
        const zh = reasonWords(v, 'zh-CN');
        expect(zh, `${c.engineerId} ${v.rule}: ${v.reason}`).not.toMatch(/\b(?!WO)[A-Za-z]{4,}\b/);
        expect(reasonWords(v, 'en').length, v.rule).toBeGreaterThan(0);
      }
  });

  it('has Chinese for every reason the engine can give', () => {
    for (const id of REASON_IDS) expect(LOCALES['zh-CN'][`reason.${id}`], id).toBeTruthy();
  });

  it("shows the engine's English when it gave the reason only in words", () => {
    expect(reasonWords({ reason: 'a reason from elsewhere' }, 'zh-CN')).toBe('a reason from elsewhere');
  });
});

describe("the rules a booking breaks, in the console's language", () => {
  it('words every violation of a day in Chinese', () => {
    const a = engineer('a', { skills: [{ skill: 'hvac', level: 3 }] });
    const orders = [
      booked(order('skill', { requiredSkills: [{ skill: 'electrical', level: 2 }] }), 'a', '09:00'),
      booked(order('late'), 'a', '17:30'),
      booked(order('window', { window: { start: at('08:00'), end: at('09:00') } }), 'a', '14:00'),
      booked(order('first', { durationMin: 120 }), 'a', '10:00'),
      booked(order('second'), 'a', '11:00'),
    ];
    const violations = bookingViolations(dayAt('07:00', [a], orders));
    expect(violations.length).toBeGreaterThanOrEqual(4);
    const window = violations.find((v) => v.orderId === 'window')!;
    expect(reasonWords(window, 'zh-CN')).toBe('14:00 开始，在 08:00–09:00 之外');
    for (const v of violations) {
      expect(v.say, v.reason).toBeDefined();
      expect(reasonWords(v, 'zh-CN').replace(/WO-\w+/g, ''), v.reason).not.toMatch(/[A-Za-z]{4,}/);
    }
  });
});
