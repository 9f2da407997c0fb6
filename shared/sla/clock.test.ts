import { describe, expect, it } from 'vitest';
import type { BusinessHours, OrderEvent, SlaPolicy } from '../domain/index.js';
import { defaultSlaPolicy, slaFor } from '../domain/index.js';
import { addBusinessMs, businessMs } from './business-hours.js';
import { evaluateSla } from './clock.js';
import { slaTimeline } from './sla-timeline.js';

const H = 3_600_000;
const M = 60_000;
const utc = (mo: number, d: number, h: number, min = 0) => Date.UTC(2026, mo - 1, d, h, min);

const weekdays = (timeZone: string, startMin: number, endMin: number, open = [1, 2, 3, 4, 5]): BusinessHours => ({
  timeZone,
  days: [0, 1, 2, 3, 4, 5, 6].map((d) => (open.includes(d) ? { startMin, endMin } : null)),
});

function policyWith(hours: BusinessHours | null, respondMin: number, resolveMin: number): SlaPolicy {
  const p = defaultSlaPolicy();
  p.targets.P2.gold = { respondMin, resolveMin };
  return { ...p, jeopardyMin: 30, businessHours: hours };
}

function statusChange(at: number, from: string, to: string): Pick<OrderEvent, 'kind' | 'at' | 'data'> {
  return { kind: 'status_changed', at, data: { from, to } };
}

describe('business hours', () => {
  it('London, autumn: Friday 16:00 BST plus two hours is Monday 10:00 GMT, across the clocks going back', () => {
    const hours = weekdays('Europe/London', 9 * 60, 17 * 60);
    // Fri 23 Oct 16:00 BST = 15:00 UTC; one hour on Friday, one from Mon 26 Oct 09:00 GMT (= 09:00 UTC).
    const created = utc(10, 23, 15);
    const sla = slaFor(policyWith(hours, 120, 600), 'P2', 'gold', created);
    expect(sla.respondBy).toBe(utc(10, 26, 10));
    // Resolve 600 min: 60 Fri + 480 Mon (09–17 GMT) + 60 Tue → Tue 27 Oct 10:00 GMT.
    expect(sla.resolveBy).toBe(utc(10, 27, 10));
    expect(businessMs(created, sla.respondBy, hours)).toBe(2 * H);
  });

  it('London, spring: Saturday 19:00 GMT plus three hours of a 08:00–20:00 week is Sunday 10:00 BST', () => {
    const hours = weekdays('Europe/London', 8 * 60, 20 * 60, [0, 1, 2, 3, 4, 5, 6]);
    // 60 min on Sat 28 Mar, then Sun 29 Mar opens at 08:00 BST = 07:00 UTC; 120 more → 09:00 UTC.
    expect(addBusinessMs(utc(3, 28, 19), 180 * M, hours)).toBe(utc(3, 29, 9));
  });

  it('London: a day open midnight to midnight on 29 March 2026 lasts 23 hours', () => {
    const sundays = weekdays('Europe/London', 0, 24 * 60, [0]);
    expect(businessMs(utc(3, 27, 0), utc(4, 1, 0), sundays)).toBe(23 * H);
  });

  it('Shanghai: Saturday 17:00 plus four hours of a Mon–Sat 08:30–18:00 week is Monday 11:30', () => {
    const hours = weekdays('Asia/Shanghai', 8 * 60 + 30, 18 * 60, [1, 2, 3, 4, 5, 6]);
    // Sat 21 Nov 17:00 CST = 09:00 UTC: 60 min Saturday, Sunday closed, Mon 23 Nov 08:30 CST + 180 → 11:30 CST.
    expect(addBusinessMs(utc(11, 21, 9), 240 * M, hours)).toBe(utc(11, 23, 3, 30));
    expect(businessMs(utc(11, 21, 9), utc(11, 23, 3, 30), hours)).toBe(240 * M);
  });

  it('ends exactly at closing time rather than at the next opening', () => {
    const hours = weekdays('Asia/Shanghai', 9 * 60, 17 * 60);
    // Mon 23 Nov 16:00 CST = 08:00 UTC; one hour ends at 17:00 CST = 09:00 UTC.
    expect(addBusinessMs(utc(11, 23, 8), H, hours)).toBe(utc(11, 23, 9));
  });

  it('keeps stored policies without business hours valid, counting every minute', () => {
    const p = defaultSlaPolicy();
    expect(p.businessHours).toBeUndefined();
    expect(slaFor(p, 'P1', 'silver', utc(11, 23, 0)).respondBy).toBe(utc(11, 23, 2));
  });
});

describe('SLA clocks', () => {
  // Created 08:00 UTC, respond by 10:00, resolve by 14:00, jeopardy under 30 minutes.
  const order = {
    id: 'wo-1',
    createdAt: utc(11, 23, 8),
    sla: { respondBy: utc(11, 23, 10), resolveBy: utc(11, 23, 14) },
  };
  const policy = policyWith(null, 120, 360);

  it('runs ok, then in jeopardy under the threshold, then breached past the deadline', () => {
    const t = slaTimeline({ ...order, status: 'new', updatedAt: order.createdAt }, []);
    expect(evaluateSla(order, t, policy, utc(11, 23, 9)).state).toBe('ok');
    const j = evaluateSla(order, t, policy, utc(11, 23, 9, 40));
    expect(j.state).toBe('jeopardy');
    expect(j.next).toMatchObject({ deadline: 'respond', remainingMin: 20, dueAt: utc(11, 23, 10) });
    const b = evaluateSla(order, t, policy, utc(11, 23, 10, 5));
    expect(b.state).toBe('breached');
    expect(b.respond).toMatchObject({ state: 'breached', remainingMin: -5 });
    expect(b.resolve.state).toBe('ok');
  });

  it('pauses both clocks on hold: 45 minutes on hold push both deadlines 45 minutes later', () => {
    const events = [
      statusChange(utc(11, 23, 8, 30), 'new', 'on_hold'),
      statusChange(utc(11, 23, 9, 15), 'on_hold', 'new'),
    ];
    const t = slaTimeline({ ...order, status: 'new', updatedAt: utc(11, 23, 9, 15) }, events);
    expect(t.holds).toEqual([{ from: utc(11, 23, 8, 30), to: utc(11, 23, 9, 15) }]);
    const at1030 = evaluateSla(order, t, policy, utc(11, 23, 10, 30));
    expect(at1030.respond).toMatchObject({ dueAt: utc(11, 23, 10, 45), remainingMin: 15, state: 'jeopardy' });
    expect(at1030.resolve.dueAt).toBe(utc(11, 23, 14, 45));
    expect(evaluateSla(order, t, policy, utc(11, 23, 10, 50)).respond).toMatchObject({
      state: 'breached',
      remainingMin: -5,
    });
  });

  it('stands still while on hold now and projects the deadline from now', () => {
    const t = slaTimeline({ ...order, status: 'on_hold', updatedAt: utc(11, 23, 8, 30) }, [
      statusChange(utc(11, 23, 8, 30), 'new', 'on_hold'),
    ]);
    const at11 = evaluateSla(order, t, policy, utc(11, 23, 11));
    // 30 minutes counted before the hold; 90 left, counting again from 11:00.
    expect(at11.respond).toMatchObject({ remainingMin: 90, paused: true, dueAt: utc(11, 23, 12, 30), state: 'ok' });
    expect(evaluateSla(order, t, policy, utc(11, 23, 15)).respond.remainingMin).toBe(90);
  });

  it('stops the respond clock when the engineer sets off, not when the job is dispatched', () => {
    const events = [
      statusChange(utc(11, 23, 8, 10), 'new', 'scheduled'),
      statusChange(utc(11, 23, 8, 20), 'scheduled', 'dispatched'),
      statusChange(utc(11, 23, 9, 50), 'dispatched', 'en_route'),
    ];
    const t = slaTimeline({ ...order, status: 'en_route', updatedAt: utc(11, 23, 9, 50) }, events);
    expect(t.respondedAt).toBe(utc(11, 23, 9, 50));
    const s = evaluateSla(order, t, policy, utc(11, 23, 12));
    expect(s.respond).toMatchObject({ state: 'met', stoppedAt: utc(11, 23, 9, 50), remainingMin: 10 });
    expect(s.next).toMatchObject({ deadline: 'resolve', remainingMin: 120 });
    expect(s.state).toBe('ok');
  });

  it('records a late response as a breach of the respond clock while resolve runs on', () => {
    const t = slaTimeline({ ...order, status: 'en_route', updatedAt: utc(11, 23, 10, 10) }, [
      statusChange(utc(11, 23, 10, 10), 'dispatched', 'en_route'),
    ]);
    const s = evaluateSla(order, t, policy, utc(11, 23, 11));
    expect(s.respond).toMatchObject({ state: 'breached', remainingMin: -10 });
    expect(s.state).toBe('ok');
  });

  it('stops both clocks at completion and no longer reports risk', () => {
    const t = slaTimeline({ ...order, status: 'completed', updatedAt: utc(11, 23, 13) }, [
      statusChange(utc(11, 23, 9), 'dispatched', 'en_route'),
      statusChange(utc(11, 23, 13), 'on_site', 'completed'),
    ]);
    const s = evaluateSla(order, t, policy, utc(11, 23, 20));
    expect(s.resolve).toMatchObject({ state: 'met', stoppedAt: utc(11, 23, 13), remainingMin: 60 });
    expect(s.state).toBe('ok');
    expect(s.next).toBeNull();
  });

  it("says a cancelled order's clocks no longer apply, neither met nor missed, and runs them again once restored", () => {
    const cancelled = { kind: 'cancelled' as const, at: utc(11, 23, 9), data: { reason: 'x', fromStatus: 'new' } };
    const t = slaTimeline({ ...order, status: 'cancelled', updatedAt: utc(11, 23, 9) }, [cancelled]);
    for (const at of [utc(11, 23, 9, 30), utc(11, 23, 20)]) {
      const s = evaluateSla(order, t, policy, at);
      expect(s.respond).toMatchObject({ state: 'cancelled', stoppedAt: utc(11, 23, 9) });
      expect(s.resolve).toMatchObject({ state: 'cancelled', stoppedAt: utc(11, 23, 9) });
      expect(s.state).toBe('ok');
    }
    // Without its trail (not loaded yet), the status alone says the same.
    const bare = evaluateSla(
      order,
      slaTimeline({ ...order, status: 'cancelled', updatedAt: utc(11, 23, 9) }, []),
      policy,
      utc(11, 23, 9, 30),
    );
    expect([bare.respond.state, bare.resolve.state]).toEqual(['cancelled', 'cancelled']);
    // A response made before the cancellation was met; only the resolve clock is cancelled.
    const responded = slaTimeline({ ...order, status: 'cancelled', updatedAt: utc(11, 23, 11) }, [
      statusChange(utc(11, 23, 9, 50), 'dispatched', 'en_route'),
      { ...cancelled, at: utc(11, 23, 11), data: { reason: 'x', fromStatus: 'en_route' } },
    ]);
    const r = evaluateSla(order, responded, policy, utc(11, 23, 12));
    expect([r.respond.state, r.resolve.state]).toEqual(['met', 'cancelled']);
    // Restored (the cancellation undone): the clocks run again.
    const restored = slaTimeline({ ...order, status: 'new', updatedAt: utc(11, 23, 9, 10) }, [
      cancelled,
      statusChange(utc(11, 23, 9, 10), 'cancelled', 'new'),
    ]);
    expect(restored.cancelledAt).toBeNull();
    const again = evaluateSla(order, restored, policy, utc(11, 23, 9, 40));
    expect(again.respond).toMatchObject({ state: 'jeopardy', stoppedAt: null, remainingMin: 20 });
  });

  it('takes the response from the current status when the trail lacks it', () => {
    const t = slaTimeline({ ...order, status: 'on_site', updatedAt: utc(11, 23, 9) }, []);
    expect(t.respondedAt).toBe(utc(11, 23, 9));
  });

  it('counts only business time on hold with business hours: a hold overnight costs nothing', () => {
    const hours = weekdays('Asia/Shanghai', 9 * 60, 17 * 60);
    const p = policyWith(hours, 240, 480);
    // Mon 23 Nov 15:00 CST (07:00 UTC): respond within 4 business hours → Tue 11:00 CST (03:00 UTC).
    const created = utc(11, 23, 7);
    const o = { createdAt: created, sla: slaFor(p, 'P2', 'gold', created) };
    expect(o.sla.respondBy).toBe(utc(11, 24, 3));
    // On hold Mon 16:00 CST to Tue 10:00 CST: one business hour on Monday and one on Tuesday are paused.
    const t = slaTimeline({ id: 'wo-1', status: 'new', updatedAt: utc(11, 24, 2) }, [
      statusChange(utc(11, 23, 8), 'new', 'on_hold'),
      statusChange(utc(11, 24, 2), 'on_hold', 'new'),
    ]);
    const s = evaluateSla(o, t, p, utc(11, 24, 3));
    // Counted so far: Mon 15–16 and Tue 10–11 = 2 h of 4; due Tue 13:00 CST (05:00 UTC).
    expect(s.respond).toMatchObject({ remainingMin: 120, dueAt: utc(11, 24, 5), state: 'ok' });
  });
});

describe('SLA clocks after business hours are switched on', () => {
  it('keeps a promise made around the clock, even when it falls after closing time', () => {
    const hours = weekdays('Asia/Shanghai', 9 * 60, 18 * 60);
    const p = policyWith(hours, 120, 360);
    // Promised around the clock: created Mon 23 Nov 17:00 CST (09:00 UTC), respond by 19:00 CST (11:00 UTC).
    const o = { createdAt: utc(11, 23, 9), sla: { respondBy: utc(11, 23, 11), resolveBy: utc(11, 23, 15) } };
    const t = slaTimeline({ id: 'wo-1', status: 'new', updatedAt: o.createdAt }, []);
    // 18:30 CST: the office is closed, one counted hour is used up, the promise (19:00) still stands.
    const at1830 = evaluateSla(o, t, p, utc(11, 23, 10, 30));
    expect(at1830.respond).toMatchObject({ dueAt: utc(11, 23, 11), state: 'jeopardy', remainingMin: 0 });
    expect(evaluateSla(o, t, p, utc(11, 23, 11, 1)).respond.state).toBe('breached');
  });
});
