import { describe, expect, it } from 'vitest';
import type { DropVerdict } from '../../services/index.js';
import { verdictLines } from './verdict-lines.js';

const verdict = (over: Partial<DropVerdict>): DropVerdict => ({
  feasible: true,
  verdicts: [],
  costDelta: 0,
  travelMin: 0,
  lateMin: 0,
  overtimeMin: 0,
  ...over,
});

describe("the drag card's lines", () => {
  it('says a move within the day adds no driving, without a bare cost figure', () => {
    expect(verdictLines(verdict({ costDelta: 0 }), 'zh-CN')).toEqual(['符合所有规则', '不增加行车']);
    expect(verdictLines(verdict({ costDelta: 42 }), 'en')).toEqual(['All rules met', 'no extra driving']);
  });

  it('gives the driving added and the lateness in minutes and hours, as the candidate list does', () => {
    const lines = verdictLines(verdict({ costDelta: 180, travelMin: 12.4, lateMin: 121 }), 'en');
    expect(lines[1]).toBe('+12 min driving · +2 h 01 min late');
    const zh = verdictLines(verdict({ costDelta: 180, travelMin: -7, lateMin: 121 }), 'zh-CN');
    expect(zh[1]).toMatch(/^行车 −7 分钟 · 迟到 \+2\s?小时\s?0?1\s?分/);
    expect(zh.join()).not.toMatch(/成本|121/);
  });

  it('names the broken rules when the drop is not allowed, with no cost line', () => {
    const lines = verdictLines(
      verdict({
        feasible: false,
        verdicts: [{ rule: 'shift', hard: true, ok: false, message: 'Outside the shift' }],
        costDelta: null,
        travelMin: null,
      }),
      'en',
    );
    expect(lines).toEqual(['Outside the shift']);
  });

  it('names an engineer the customer asked not to send as the console names them, a namesake apart', () => {
    const excluded = verdict({
      feasible: false,
      verdicts: [
        {
          rule: 'excluded',
          hard: true,
          ok: false,
          message: 'the customer asked not to send Li Wei',
          say: [{ id: 'excluded', args: { name: 'Li Wei', engineer: 'eng-0052' } }],
        },
      ],
      travelMin: null,
    });
    const names = new Map([
      ['eng-0051', 'Li Wei (Xuhui 2, #0051)'],
      ['eng-0052', 'Li Wei (Xuhui 2, #0052)'],
    ]);
    expect(verdictLines(excluded, 'en', names)).toEqual(['the customer asked not to send Li Wei (Xuhui 2, #0052)']);
    expect(verdictLines(excluded, 'zh-CN', names)).toEqual(['客户要求不要派 Li Wei (Xuhui 2, #0052)']);
  });
});
