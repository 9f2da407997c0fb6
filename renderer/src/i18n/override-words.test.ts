import { describe, expect, it } from 'vitest';
import { sayPlain, type ReasonId } from '../../../shared/dispatch/reasons.js';
import { Override } from '../../../shared/sync/index.js';
import { overrideWords } from './override-words.js';

/** An override as the console records it: each rule's English words and its reason as data. */
const recorded = Override.parse({
  broken: [
    { rule: 'window', ...said('promisedArrival', { time: '10:30', from: '14:00', to: '16:00' }) },
    { rule: 'shift', ...said('backAtBasePastOvertime', { time: '16:53', end: '15:30', min: 60 }) },
    { rule: 'overlap', ...said('overlapsOrder', { order: 'P3 WO-000041', from: '08:00', to: '11:05' }) },
  ],
  reason: '客户同意',
});

/** A reason as the engine gives it to the console: its English words and its data. */
function said(id: ReasonId, args: Record<string, string | number>) {
  const s = sayPlain(id, args);
  return { reason: s.text, say: s.say };
}

describe("an override on the order's trail", () => {
  it('reads wholly in Chinese, each rule with its reason worded from the data recorded with it', () => {
    expect(overrideWords(recorded, 'zh-CN')).toBe(
      '破例违反规则：预约时间窗（10:30 开始；已向客户承诺 14:00–16:00 到达）；' +
        '班次（16:53 才能回到驻地，超过班次结束时间 15:30 加上允许的 60 分钟加班）；' +
        '不得重叠（含路程）（与 P3 WO-000041 08:00–11:05 重叠）——“客户同意”',
    );
  });

  it('reads in English as the engine said it', () => {
    expect(overrideWords(recorded, 'en')).toBe(
      'Rule overridden: Appointment window (starts 10:30; the customer was promised arrival 14:00–16:00); ' +
        'Shift (back at base 16:53, past the shift end 15:30 plus 60 min overtime allowed); ' +
        'No overlaps (travel included) (overlaps P3 WO-000041 08:00–11:05) — “客户同意”',
    );
  });

  it('names the rules alone in Chinese for an override recorded in English words only, which keeps its words', () => {
    const old = Override.parse({
      broken: [
        { rule: 'window', reason: 'starts 10:30; the customer was promised arrival 14:00–16:00' },
        { rule: 'shift', reason: 'back at base 16:53, past the shift end 15:30 plus 60 min overtime allowed' },
      ],
    });
    expect(overrideWords(old, 'zh-CN')).toBe('破例违反规则：预约时间窗；班次');
    expect(overrideWords(old, 'en')).toBe(
      'Rule overridden: Appointment window (starts 10:30; the customer was promised arrival 14:00–16:00); ' +
        'Shift (back at base 16:53, past the shift end 15:30 plus 60 min overtime allowed)',
    );
    expect(old.broken[1]!.reason).toContain('plus 60 min overtime allowed');
  });
});
