import { describe, expect, it } from 'vitest';
import type { OrderView, RuleViolation } from '../../services/index.js';
import { violationRows } from './violation-rows.js';

const H = 3_600_000;
function booked(id: string, code: string, start: number | null): OrderView {
  return {
    id,
    code,
    booking: start === null ? null : { engineerId: 'e1', start, end: start + H, pinned: false },
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
    const rows = violationRows(violations, orders);
    expect(rows.map((r) => r.order.code)).toEqual(['WO-2', 'WO-1', 'WO-3']);
    expect(rows[2]!.violations.map((x) => x.rule)).toEqual(['skills', 'window']);
  });
});
