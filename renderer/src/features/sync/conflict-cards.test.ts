import { describe, expect, it } from 'vitest';
import type { Conflict, ConflictOrderNow } from '../../../../shared/ipc/index.js';
import { at, TZ } from '../../../../shared/dispatch/fixtures.testing.js';
import { conflictCards, mineWords, nowWords } from './conflict-cards.js';

const today = at('09:00');
const bookedByColleague: ConflictOrderNow = {
  orderId: 'o1',
  code: 'WO-1',
  status: 'scheduled',
  booking: { engineerId: 'e-li', engineer: 'Li Na', start: at('15:00') },
  change: { record: 'WO-1', by: 'Zhao Lei', mine: false, at: at('10:42'), what: 'assigned' },
};

function conflict(mutationId: number, overrides: Partial<Conflict> = {}): Conflict {
  return {
    mutationId,
    name: 'assignOrder',
    label: { key: 'assignOrder', values: { order: 'WO-1', engineer: 'Wang Fang' } },
    code: 'stale',
    message: 'WO-1 was changed by someone else (now scheduled)',
    say: [{ id: 'staleOrder', args: { order: 'WO-1', status: 'scheduled' } }],
    createdAt: at('10:30'),
    rejectedAt: at('11:00'),
    orderIds: ['o1'],
    bookings: [],
    now: [bookedByColleague],
    ...overrides,
  };
}

describe('the conflicts panel', () => {
  const names = new Map([
    ['e-wang', 'Wang Fang'],
    ['e-li', 'Li Na'],
  ]);
  const assign = conflict(7, { bookings: [{ orderId: 'o1', engineerId: 'e-wang', start: at('14:00') }] });
  const pin = conflict(8, { name: 'pinBooking', label: { key: 'pinBooking', values: { order: 'WO-1' } } });
  const other = conflict(9, {
    name: 'cancelOrder',
    label: { key: 'cancelOrder', values: { order: 'WO-2' } },
    orderIds: ['o2'],
    now: [
      {
        orderId: 'o2',
        code: 'WO-2',
        status: 'cancelled',
        booking: null,
        change: { record: 'WO-2', by: 'Zhao Lei', mine: false, at: at('10:50'), what: 'cancelled' },
      },
    ],
  });

  it('shows the changes of one intent on one card, and other orders on their own', () => {
    const cards = conflictCards([other, pin, assign]);
    expect(cards.map((c) => c.conflicts.map((x) => x.mutationId))).toEqual([[7, 8], [9]]);
    expect(cards[0]!.now).toEqual([bookedByColleague]);
  });

  it('puts changes on one card once one of them joins their orders', () => {
    const plan = conflict(10, { name: 'applyPlan', orderIds: ['o1', 'o2'] });
    expect(conflictCards([assign, other, plan]).map((c) => c.conflicts.map((x) => x.mutationId))).toEqual([[7, 9, 10]]);
  });

  it('says what the dispatcher asked for and what the colleague did, who and when, in English', () => {
    expect(mineWords(assign, 'en', TZ, today, names)).toBe('You: book WO-1 on Wang Fang at 14:00');
    expect(mineWords(pin, 'en', TZ, today)).toBe('You: Pin WO-1');
    expect(nowWords(bookedByColleague, 'en', TZ, today)).toBe(
      'Now: WO-1 booked on Li Na at 15:00 — Assigned by Zhao Lei at 10:42',
    );
    expect(nowWords(other.now[0]!, 'en', TZ, today)).toBe('Now: WO-2 cancelled — Cancelled by Zhao Lei at 10:50');
    // An engineer who shares a name reads as the console shows them elsewhere.
    const twins = new Map([['e-li', 'Li Na (Xuhui 2)']]);
    expect(nowWords(bookedByColleague, 'en', TZ, today, twins)).toMatch(
      /^Now: WO-1 booked on Li Na \(Xuhui 2\) at 15:00/,
    );
  });

  it('and in Chinese', () => {
    expect(mineWords(assign, 'zh-CN', TZ, today, names)).toBe('您：将 WO-1 派给 Wang Fang，14:00 开始');
    expect(nowWords(bookedByColleague, 'zh-CN', TZ, today)).toBe(
      '现在：WO-1 已派给 Li Na，15:00 开始（Zhao Lei 于 10:42 派工）',
    );
    expect(nowWords(other.now[0]!, 'zh-CN', TZ, today)).toBe('现在：WO-2 已取消（Zhao Lei 于 10:50 取消）');
  });
});
