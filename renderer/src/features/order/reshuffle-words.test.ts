import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../../shared/domain/index.js';
import type { ProposalMove } from '../../../../shared/dispatch/index.js';
import { overriddenBumps, overriddenBumpsLine } from './reshuffle-words.js';

const move = (orderId: string, code: string): ProposalMove => ({
  kind: 'move',
  orderId,
  code,
  priority: 'P4',
  from: { engineerId: 'li', start: 0 },
  to: { engineerId: 'wang', start: 60_000, end: 120_000 },
  base: { version: 1, rev: 'r' },
  reason: '',
  dependsOn: [],
});
const booking = (overridden: boolean): Pick<WorkOrder, 'booking'> => ({
  booking: { engineerId: 'li', start: 0, end: 60_000, pinned: false, ...(overridden ? { overridden: true } : {}) },
});

describe('the emergency reshuffle’s question', () => {
  const moves = [move('late', 'WO-1'), move('a', 'WO-2'), move('b', 'WO-3'), move('c', 'WO-4')];
  const orders = new Map([
    ['late', booking(true)],
    ['a', booking(true)],
    ['b', booking(false)],
    ['c', booking(true)],
  ]);

  it('names every booking made against a rule on purpose that it would bump, in the console’s language', () => {
    const bumps = overriddenBumps(moves, 'late', orders);
    expect(bumps.map((m) => m.orderId)).toEqual(['a', 'c']);
    expect(overriddenBumpsLine(bumps, 'en')).toBe(
      'Accepting also moves P4 WO-2, P4 WO-4, booked against a rule on purpose: they lose their override marks, so ' +
        'auto-dispatch may move them again.',
    );
    expect(overriddenBumpsLine(bumps, 'zh-CN')).toBe(
      '接受后还将挪动 P4 WO-2、P4 WO-4，这些是明知违反规则而特意作出的预约：破例标记将被取消，此后自动派工可能再挪动它们。',
    );
  });

  it('words one alone as one, and says nothing when it bumps none', () => {
    expect(overriddenBumpsLine(overriddenBumps(moves, 'late', new Map([['c', booking(true)]])), 'en')).toBe(
      'Accepting also moves P4 WO-4, booked against a rule on purpose: it loses its override mark, so auto-dispatch ' +
        'may move it again.',
    );
    expect(overriddenBumpsLine(overriddenBumps(moves, 'late', new Map([['b', booking(false)]])), 'en')).toBeNull();
  });
});
