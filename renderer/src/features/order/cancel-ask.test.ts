import { describe, expect, it } from 'vitest';
import { cancelPromises, cancelStakes } from './cancel-ask.js';

const booking = { engineerId: 'e-1', start: 0, end: 3_600_000, pinned: false };

describe('asking before an order is cancelled', () => {
  it('asks for a P1 or P2, and for any booked order, saying which', () => {
    expect(cancelStakes({ priority: 'P1', booking: null })).toEqual({ urgent: true, booked: false });
    expect(cancelStakes({ priority: 'P2', booking })).toEqual({ urgent: true, booked: true });
    expect(cancelStakes({ priority: 'P4', booking })).toEqual({ urgent: false, booked: true });
  });

  it('cancels a P3 or P4 still in the queue at once', () => {
    expect(cancelStakes({ priority: 'P3', booking: null })).toBeNull();
    expect(cancelStakes({ priority: 'P4', booking: null })).toBeNull();
  });
});

describe('what the cancel question says is at stake', () => {
  const zone = 'Asia/Shanghai';
  // 2026-12-07 09:00 in Shanghai.
  const now = Date.UTC(2026, 11, 7, 1, 0);
  const clock = (deadline: 'respond' | 'resolve', dueAt: number, remainingMin: number) => ({
    next: { deadline, dueAt, remainingMin, state: 'ok' as const, stoppedAt: null, paused: false },
  });
  const urgent = { urgent: true, booked: false };

  it("names a P1's priority, the SLA deadline it runs to and the time left, in English and Chinese", () => {
    const sla = clock('respond', now + 40 * 60_000, 40);
    const order = { priority: 'P1' as const, window: null };
    expect(cancelPromises(order, urgent, sla, now, 'en', zone)).toEqual({
      urgent: 'It is a P1 order: the customer is promised a response by 09:40 (40 min left).',
      told: null,
    });
    expect(cancelPromises(order, urgent, sla, now, 'zh-CN', zone).urgent).toBe(
      '这是 P1 工单：已向客户承诺 09:40 前响应（剩余 40分钟）。',
    );
  });

  it('says when the deadline has passed already, and the appointment the customer was told', () => {
    const sla = clock('resolve', now - 90 * 60_000, -90);
    const window = { start: now + 5 * 3_600_000, end: now + 7 * 3_600_000 };
    const order = { priority: 'P2' as const, window };
    expect(cancelPromises(order, urgent, sla, now, 'en', zone)).toEqual({
      urgent: 'It is a P2 order: its resolve-by 07:30 has passed (1 h 30 min over) and the customer is still waiting.',
      told: 'The customer has been promised the appointment 14:00–16:00.',
    });
    expect(cancelPromises(order, urgent, sla, now, 'zh-CN', zone)).toEqual({
      urgent: '这是 P2 工单：解决时限 07:30 已过（超时 1小时30分），客户仍在等待。',
      told: '已告知客户上门时间 14:00–16:00。',
    });
  });

  it('says nothing of urgency for a booked P3, only the appointment it was told', () => {
    const order = { priority: 'P3' as const, window: { start: now + 3_600_000, end: now + 2 * 3_600_000 } };
    const promises = cancelPromises(order, { urgent: false, booked: true }, clock('respond', now, 0), now, 'en', zone);
    expect(promises).toEqual({ urgent: null, told: 'The customer has been promised the appointment 10:00–11:00.' });
  });
});
