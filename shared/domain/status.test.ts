import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, type ActorKind } from './primitives.js';
import { ORDER_STATUSES, checkTransition, legalTransitions, nextStatuses, type OrderStatus } from './status.js';

// The status machine of DESIGN §3, written out independently of the implementation's table.
const D: ActorKind[] = ['user', 'system'];
const F: ActorKind[] = ['device'];
const SPEC: Record<string, ActorKind[]> = {
  'new>scheduled': D,
  'new>on_hold': D,
  'new>cancelled': D,
  'scheduled>new': D,
  'scheduled>dispatched': D,
  'scheduled>en_route': F,
  'scheduled>on_hold': D,
  'scheduled>cancelled': D,
  'dispatched>new': D,
  'dispatched>scheduled': D,
  'dispatched>en_route': F,
  'dispatched>on_hold': D,
  'dispatched>cancelled': D,
  'en_route>on_site': F,
  'en_route>cancelled': D,
  'on_site>completed': F,
  'on_site>on_hold': F,
  'on_hold>new': D,
  'on_hold>scheduled': D,
  'on_hold>cancelled': D,
};

describe('order status machine', () => {
  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));

  it.each(pairs.flatMap(([from, to]) => ACTOR_KINDS.map((actor) => [from, to, actor] as const)))(
    '%s → %s by %s follows the specification',
    (from, to, actor) => {
      const allowed = SPEC[`${from}>${to}`]?.includes(actor) ?? false;
      const verdict = checkTransition(from, to, actor);
      expect(verdict.ok).toBe(allowed);
      if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(10);
    },
  );

  it('lists exactly the specified transitions', () => {
    const listed = legalTransitions()
      .map((t) => `${t.from}>${t.to}`)
      .sort();
    expect(listed).toEqual(Object.keys(SPEC).sort());
  });

  it('lets only devices report field progress, so a dispatcher cannot mark work done', () => {
    expect(checkTransition('on_site', 'completed', 'user')).toMatchObject({
      ok: false,
      reason: "only the engineer's device can move an order from on site to completed",
    });
    expect(checkTransition('dispatched', 'en_route', 'device').ok).toBe(true);
  });

  it('keeps completed and cancelled orders final', () => {
    for (const actor of ACTOR_KINDS) {
      expect(nextStatuses('completed', actor)).toEqual([]);
      expect(nextStatuses('cancelled', actor)).toEqual([]);
    }
    expect(checkTransition('completed', 'new', 'user')).toMatchObject({
      ok: false,
      reason: 'the order is completed and can no longer change',
    });
  });

  it('rejects a move to the same status with a readable reason', () => {
    expect(checkTransition('scheduled', 'scheduled', 'user')).toMatchObject({
      ok: false,
      reason: 'the order is already scheduled',
    });
  });

  it('offers a device the next field steps only', () => {
    expect(nextStatuses('dispatched', 'device')).toEqual(['en_route']);
    expect(nextStatuses('on_site', 'device')).toEqual(['completed', 'on_hold']);
    expect(nextStatuses('new', 'device')).toEqual([]);
  });
});
