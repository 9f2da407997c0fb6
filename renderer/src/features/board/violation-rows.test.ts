import { describe, expect, it } from 'vitest';
import type { OrderView, RuleViolation } from '../../services/index.js';
import { engineerNames } from '../../i18n/names.js';
import { violationRows } from './violation-rows.js';

const H = 3_600_000;
function booked(id: string, code: string, start: number | null, engineerId = 'e1'): OrderView {
  return {
    id,
    code,
    booking: start === null ? null : { engineerId, start, end: start + H, pinned: false },
  } as OrderView;
}
const v = (orderId: string, rule: RuleViolation['rule']): RuleViolation => ({
  orderId,
  engineerId: 'e1',
  rule,
  reason: `${rule} broken`,
});

describe('the list of rule violations', () => {
  it('lists each booking once with all its rules, earliest first, then by code; bookings gone are left out', () => {
    const orders = new Map([
      ['a', booked('a', 'WO-3', 10 * H)],
      ['b', booked('b', 'WO-2', 9 * H)],
      ['c', booked('c', 'WO-1', 10 * H)],
      ['d', booked('d', 'WO-4', null)],
    ]);
    const violations = new Map([
      ['a', [v('a', 'skills'), v('a', 'window')]],
      ['b', [v('b', 'overlap')]],
      ['c', [v('c', 'shift')]],
      ['d', [v('d', 'parts')]],
      ['gone', [v('gone', 'parts')]],
    ]);
    const rows = violationRows(violations, orders, new Map());
    expect(rows.map((r) => r.order.code)).toEqual(['WO-2', 'WO-1', 'WO-3']);
    expect(rows[2]!.violations.map((x) => x.rule)).toEqual(['skills', 'window']);
  });

  it('names the engineer as the console does: two of the same name by their team (and short id), in either language', () => {
    const engineers = [
      { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
      { id: 'eng-0063', name: 'Li Wei', team: 'team-xuhui-2' },
      { id: 'eng-0070', name: 'Li Wei', team: 'team-huangpu-1' },
      { id: 'eng-0080', name: 'Zhao Lei', team: 'team-huangpu-1' },
    ];
    const orders = new Map([
      ['a', booked('a', 'WO-1', 9 * H, 'eng-0051')],
      ['b', booked('b', 'WO-2', 10 * H, 'eng-0070')],
      ['c', booked('c', 'WO-3', 11 * H, 'eng-0080')],
    ]);
    const violations = new Map([
      ['a', [v('a', 'skills')]],
      ['b', [v('b', 'shift')]],
      ['c', [v('c', 'parts')]],
    ]);
    expect(violationRows(violations, orders, engineerNames(engineers, 'en')).map((r) => r.engineer)).toEqual([
      'Li Wei (Xuhui 2, #0051)',
      'Li Wei (Huangpu 1)',
      'Zhao Lei',
    ]);
    expect(violationRows(violations, orders, engineerNames(engineers, 'zh-CN'))[1]!.engineer).toBe('Li Wei（黄浦1组）');
  });
});
