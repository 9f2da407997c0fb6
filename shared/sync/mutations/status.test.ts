import { describe, expect, it } from 'vitest';
import { MutationWorld, PRINCIPALS, devicePrincipal } from '../mutation-world.testing.js';

const H = 3_600_000;

function booked() {
  const w = new MutationWorld();
  const order = w.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0);
  const [a, b] = [...w.reader.engineers.values()];
  w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a!.id, start: w.now + H });
  return { w, order: w.order(order.id), a: a!, b: b! };
}

describe('setOrderStatus', () => {
  it("plays a job through the engineer's device and keeps the engineer's state in step", () => {
    const { w, order, a } = booked();
    const device = devicePrincipal(a);
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'dispatched', base: w.base(order.id) }).ok).toBe(true);
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'en_route' }, device).ok).toBe(true);
    expect(w.engineer(a.id).state).toBe('en_route');
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'on_site' }, device).ok).toBe(true);
    expect(w.engineer(a.id).state).toBe('on_site');
    const done = w.run(
      'setOrderStatus',
      { orderId: order.id, status: 'completed', note: 'Replaced capacitor' },
      device,
    );
    expect(done.ok && done.writes.events.map((e) => e.kind)).toEqual(['status_changed', 'note_added']);
    expect(w.order(order.id)).toMatchObject({ status: 'completed', firstTimeFix: true });
    expect(w.engineer(a.id).state).toBe('available');
  });

  it('creates a linked follow-up order when the job needs a revisit', () => {
    const { w, order, a } = booked();
    const device = devicePrincipal(a);
    w.run('setOrderStatus', { orderId: order.id, status: 'en_route' }, device);
    w.run('setOrderStatus', { orderId: order.id, status: 'on_site' }, device);
    const r = w.run(
      'setOrderStatus',
      { orderId: order.id, status: 'completed', revisit: { id: 'wo-rv-1', code: 'WO-RV-0001', durationMin: 60 } },
      device,
    );
    expect(r.ok).toBe(true);
    expect(w.order(order.id).firstTimeFix).toBe(false);
    expect(w.order('wo-rv-1')).toMatchObject({
      parentOrderId: order.id,
      status: 'new',
      durationMin: 60,
      customer: order.customer,
      createdAt: w.now,
      version: 1,
    });
    expect(r.ok && r.writes.events.map((e) => [e.orderId, e.kind])).toEqual([
      [order.id, 'status_changed'],
      ['wo-rv-1', 'created'],
      [order.id, 'revisit_created'],
    ]);
  });

  it("accepts field statuses only from the booked engineer's own device", () => {
    const { w, order, b } = booked();
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'en_route' }, devicePrincipal(b))).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: `${order.code} is not booked to this device's engineer`,
    });
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'en_route', base: w.base(order.id) })).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: "only the engineer's device can report an order en route",
    });
  });

  it('follows the status machine and explains refusals', () => {
    const { w, order, a } = booked();
    const device = devicePrincipal(a);
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'completed' }, device)).toMatchObject({
      ok: false,
      code: 'illegal_transition',
      message: `${order.code}: an order cannot go from scheduled to completed`,
    });
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'dispatched' })).toMatchObject({
      ok: false,
      code: 'bad_args',
    });
  });

  it('lets a device report progress even after a dispatcher changed the order: the field wins', () => {
    const { w, order, a } = booked();
    w.run('setOrderStatus', { orderId: order.id, status: 'dispatched', base: w.base(order.id) });
    w.run('pinBooking', { orderId: order.id, base: w.base(order.id) });
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'en_route' }, devicePrincipal(a)).ok).toBe(true);
  });

  it('puts an order on hold and resumes it with its booking', () => {
    const { w, order } = booked();
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'on_hold', base: w.base(order.id) }).ok).toBe(true);
    expect(w.order(order.id).booking).not.toBeNull();
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'scheduled', base: w.base(order.id) }).ok).toBe(true);
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'on_hold', base: w.base(order.id) }).ok).toBe(true);
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'new', base: w.base(order.id) }).ok).toBe(true);
    expect(w.order(order.id)).toMatchObject({ status: 'new', booking: null });
  });

  it('says in the trail when a held order sent to the queue takes a booking made against a rule on purpose with it', () => {
    const { w, order, a } = booked();
    const override = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }] };
    const start = order.booking!.start;
    w.run('moveBooking', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start, override });
    w.run('setOrderStatus', { orderId: order.id, status: 'on_hold', base: w.base(order.id) });
    expect(w.order(order.id).booking).toMatchObject({ overridden: true });
    const queued = w.run('setOrderStatus', { orderId: order.id, status: 'new', base: w.base(order.id) });
    expect(queued.ok && queued.writes.events[0]).toMatchObject({
      kind: 'status_changed',
      data: { from: 'on_hold', to: 'new', overrideCleared: true },
    });
  });
});

describe('setEngineerState', () => {
  it('lets a device report only its own engineer', () => {
    const { w, a, b } = booked();
    expect(w.run('setEngineerState', { engineerId: a.id, state: 'available' }, devicePrincipal(a)).ok).toBe(true);
    expect(w.engineer(a.id).state).toBe('available');
    expect(w.run('setEngineerState', { engineerId: b.id, state: 'available' }, devicePrincipal(a))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(w.run('setEngineerState', { engineerId: b.id, state: 'off' }, PRINCIPALS.supervisor).ok).toBe(true);
  });
});
