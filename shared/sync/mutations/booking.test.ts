import { describe, expect, it } from 'vitest';
import { MutationWorld, PRINCIPALS, devicePrincipal } from '../mutation-world.testing.js';

const H = 3_600_000;

function setup() {
  const w = new MutationWorld();
  const order = w.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0);
  const [a, b] = [...w.reader.engineers.values()];
  return { w, order, a: a!, b: b! };
}

describe('assignOrder', () => {
  it('books a new order, schedules it, and writes the audit trail', () => {
    const { w, order, a } = setup();
    const start = w.now + 2 * H;
    const r = w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start });
    expect(r).toMatchObject({ ok: true });
    const after = w.order(order.id);
    expect(after).toMatchObject({
      status: 'scheduled',
      booking: { engineerId: a.id, start, end: start + order.durationMin * 60_000, pinned: false },
      version: order.version + 1,
      rev: 'client-a:1',
    });
    expect(r.ok && r.writes.events).toEqual([
      expect.objectContaining({
        id: 'client-a:1:0',
        kind: 'assigned',
        orderId: order.id,
        clientId: 'client-a',
        mutationId: 1,
        actor: { kind: 'user', id: 'u-disp-1', name: 'Zhou Min' },
        data: { engineerId: a.id, start, end: start + order.durationMin * 60_000, pinned: false },
      }),
    ]);
  });

  it('rejects a change built on a version someone else replaced', () => {
    const { w, order, a, b } = setup();
    const seen = w.base(order.id);
    expect(
      w.run(
        'assignOrder',
        { orderId: order.id, base: seen, engineerId: a.id, start: w.now + H },
        PRINCIPALS.dispatcher,
        'client-b',
      ).ok,
    ).toBe(true);
    const r = w.run('assignOrder', { orderId: order.id, base: seen, engineerId: b.id, start: w.now + 2 * H });
    expect(r).toMatchObject({
      ok: false,
      code: 'stale',
      message: `${order.code} was changed by someone else after you saw it (it is now scheduled); reload it and try again`,
      say: [{ id: 'staleOrder', args: { order: order.code, status: 'scheduled' } }],
    });
    expect(w.order(order.id).booking?.engineerId).toBe(a.id);
  });

  it('rejects a follow-up built on the revision of a rejected change, even when the version number matches', () => {
    const { w, order, a, b } = setup();
    const seen = w.base(order.id);
    w.run(
      'assignOrder',
      { orderId: order.id, base: seen, engineerId: a.id, start: w.now + H },
      PRINCIPALS.dispatcher,
      'client-b',
    );
    // client-a believed its own assign produced version+1 with its revision; the server's version+1 is client-b's.
    const r = w.run('moveBooking', {
      orderId: order.id,
      base: { version: seen.version + 1, rev: 'client-a:99' },
      engineerId: b.id,
      start: w.now + 3 * H,
    });
    expect(r).toMatchObject({ ok: false, code: 'stale' });
  });

  it('refuses viewers and devices, naming the role', () => {
    const { w, order, a } = setup();
    const args = { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + H };
    expect(w.run('assignOrder', args, PRINCIPALS.viewer)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'a viewer may not assign an order',
    });
    expect(w.run('assignOrder', args, devicePrincipal(a))).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: "an engineer's device may not assign an order",
    });
  });

  it('names the field of bad args and unknown engineers', () => {
    const { w, order, a } = setup();
    expect(
      w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + 30_000 }),
    ).toMatchObject({
      ok: false,
      code: 'bad_args',
      message: 'args.start: a start time is a whole minute',
    });
    expect(
      w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: 'eng-9999', start: w.now }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
      message: 'engineer eng-9999 does not exist',
    });
  });

  it('records a hard-rule override with the booking: the rules broken and the reason typed', () => {
    const { w, order, a } = setup();
    const start = w.now + 2 * H;
    const override = {
      broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }],
      reason: 'the customer only needs the unit switched off',
    };
    const r = w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start, override });
    expect(r.ok && r.writes.events).toEqual([
      expect.objectContaining({ kind: 'assigned', data: expect.objectContaining({ engineerId: a.id, override }) }),
    ]);
    const moved = w.run('moveBooking', {
      orderId: order.id,
      base: w.base(order.id),
      engineerId: a.id,
      start: start + H,
      override: { broken: [{ rule: 'window', reason: 'starts 11:00, outside 08:00–09:00' }] },
    });
    expect(moved.ok && moved.writes.events[0]?.data.override).toEqual({
      broken: [{ rule: 'window', reason: 'starts 11:00, outside 08:00–09:00' }],
    });
  });

  it('marks a booking made against a rule as overridden while it stands; pinning keeps the mark, a move without one clears it', () => {
    const { w, order, a, b } = setup();
    const start = w.now + 2 * H;
    const override = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }] };
    w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start, override });
    expect(w.order(order.id).booking).toMatchObject({ engineerId: a.id, overridden: true });
    w.run('pinBooking', { orderId: order.id, base: w.base(order.id) });
    expect(w.order(order.id).booking).toMatchObject({ pinned: true, overridden: true });
    w.run('moveBooking', { orderId: order.id, base: w.base(order.id), engineerId: b.id, start });
    expect(w.order(order.id).booking).toEqual({
      engineerId: b.id,
      start,
      end: start + order.durationMin * 60_000,
      pinned: true,
    });
  });

  it('says in the trail when a change takes the override mark off a booking (moved without the question, unassigned)', () => {
    const { w, order, a, b } = setup();
    const start = w.now + 2 * H;
    const override = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }] };
    w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start, override });
    const again = w.run('moveBooking', {
      orderId: order.id,
      base: w.base(order.id),
      engineerId: b.id,
      start,
      override,
    });
    expect(again.ok && again.writes.events[0]?.data).not.toHaveProperty('overrideCleared');
    const moved = w.run('moveBooking', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start });
    expect(moved.ok && moved.writes.events[0]?.data).toMatchObject({ overrideCleared: true });
    const plain = w.run('moveBooking', { orderId: order.id, base: w.base(order.id), engineerId: b.id, start });
    expect(plain.ok && plain.writes.events[0]?.data).not.toHaveProperty('overrideCleared');
    w.run('moveBooking', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start, override });
    const unassigned = w.run('unassignOrder', { orderId: order.id, base: w.base(order.id) });
    expect(unassigned.ok && unassigned.writes.events[0]).toMatchObject({
      kind: 'unassigned',
      data: { overrideCleared: true },
    });
  });

  it("keeps each overridden rule's reason as data in the trail, for a console to word in its language", () => {
    const { w, order, a } = setup();
    const override = {
      broken: [
        {
          rule: 'shift' as const,
          reason: 'back at base 16:53, past the shift end 15:30 plus 60 min overtime allowed',
          say: [{ id: 'backAtBasePastOvertime' as const, args: { time: '16:53', end: '15:30', min: 60 } }],
        },
      ],
    };
    const args = { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + 2 * H, override };
    const r = w.run('assignOrder', args);
    expect(r.ok && r.writes.events[0]?.data.override).toEqual(override);
  });

  it('refuses an override that names no hard rule', () => {
    const { w, order, a } = setup();
    const args = { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + H };
    expect(w.run('assignOrder', { ...args, override: { broken: [] } })).toMatchObject({
      ok: false,
      code: 'bad_args',
    });
    expect(
      w.run('assignOrder', { ...args, override: { broken: [{ rule: 'preferred', reason: 'prefers someone else' }] } }),
    ).toMatchObject({ ok: false, code: 'bad_args', message: expect.stringContaining('only a hard rule') as string });
    expect(w.order(order.id).booking).toBeNull();
  });

  it('refuses an engineer the customer excluded', () => {
    const { w, order, a } = setup();
    w.reader.orders.set(order.id, { ...order, excludedEngineerIds: [a.id] });
    const r = w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now });
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid',
      message: `the customer asked not to send ${a.name} to ${order.code}`,
    });
  });

  it('moves a dispatched order given to another engineer back to scheduled', () => {
    const { w, order, a, b } = setup();
    w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + H });
    w.run('setOrderStatus', { orderId: order.id, status: 'dispatched', base: w.base(order.id) });
    expect(w.order(order.id).status).toBe('dispatched');
    w.run('moveBooking', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + 2 * H });
    expect(w.order(order.id).status).toBe('dispatched');
    const r = w.run('moveBooking', {
      orderId: order.id,
      base: w.base(order.id),
      engineerId: b.id,
      start: w.now + 2 * H,
    });
    expect(r.ok && r.writes.events[0]).toMatchObject({
      kind: 'moved',
      data: { fromEngineerId: a.id, engineerId: b.id, status: 'scheduled' },
    });
    expect(w.order(order.id)).toMatchObject({ status: 'scheduled', booking: { engineerId: b.id } });
  });

  it('lets the field win: an order en route can no longer be moved or unassigned', () => {
    const { w, order, a, b } = setup();
    w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + H });
    expect(w.run('setOrderStatus', { orderId: order.id, status: 'en_route' }, devicePrincipal(a)).ok).toBe(true);
    const move = w.run('moveBooking', {
      orderId: order.id,
      base: w.base(order.id),
      engineerId: b.id,
      start: w.now + 2 * H,
    });
    expect(move).toMatchObject({
      ok: false,
      code: 'field_wins',
      message: `${order.code} is already en route with its engineer; it can no longer be re-planned`,
    });
    expect(w.run('unassignOrder', { orderId: order.id, base: w.base(order.id) })).toMatchObject({
      ok: false,
      code: 'field_wins',
    });
  });
});

describe('unassign, pin and unpin', () => {
  it('returns a booked order to the queue and keeps pinning idempotent', () => {
    const { w, order, a } = setup();
    w.run('assignOrder', {
      orderId: order.id,
      base: w.base(order.id),
      engineerId: a.id,
      start: w.now + H,
      pinned: false,
    });
    expect(w.run('pinBooking', { orderId: order.id, base: w.base(order.id) }).ok).toBe(true);
    expect(w.order(order.id).booking?.pinned).toBe(true);
    const v = w.order(order.id).version;
    const again = w.run('pinBooking', { orderId: order.id, base: w.base(order.id) });
    expect(again.ok && again.writes.orders.size).toBe(0);
    expect(w.order(order.id).version).toBe(v);
    expect(w.run('unpinBooking', { orderId: order.id, base: w.base(order.id) }).ok).toBe(true);
    expect(w.run('unassignOrder', { orderId: order.id, base: w.base(order.id) }).ok).toBe(true);
    expect(w.order(order.id)).toMatchObject({ status: 'new', booking: null });
    expect(w.run('unassignOrder', { orderId: order.id, base: w.base(order.id) })).toMatchObject({
      ok: false,
      code: 'illegal_transition',
      message: `${order.code} is not booked`,
    });
  });
});

describe('applyPlan', () => {
  it('applies every move or none', () => {
    const { w, a, b } = setup();
    const open = [...w.reader.orders.values()]
      .filter((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)
      .slice(0, 3);
    const moves = open.map((o, i) => ({
      orderId: o.id,
      base: w.base(o.id),
      engineerId: i === 0 ? a.id : b.id,
      start: w.now + (i + 1) * H,
    }));
    const bad = [
      ...moves,
      { orderId: 'wo-missing', base: { version: 0, rev: 'seed' }, engineerId: a.id, start: w.now },
    ];
    expect(w.run('applyPlan', { moves: bad })).toMatchObject({
      ok: false,
      code: 'not_found',
      message: 'order wo-missing does not exist — no move of the plan was applied',
      say: [{ id: 'planNotApplied', args: { why: [{ id: 'orderMissing', args: { id: 'wo-missing' } }] } }],
    });
    for (const o of open) expect(w.order(o.id).status).toBe('new');
    const r = w.run('applyPlan', { moves, label: 'auto-dispatch' });
    expect(r.ok).toBe(true);
    expect(open.map((o) => w.order(o.id).booking?.engineerId)).toEqual([a.id, b.id, b.id]);
    expect(r.ok && r.writes.events.map((e) => e.id)).toEqual([`client-a:2:0`, `client-a:2:1`, `client-a:2:2`]);
  });

  it("names the engine's proposal a plan was accepted from in each change's trail entry", () => {
    const { w, order, a } = setup();
    const move = { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now + H };
    const r = w.run('applyPlan', { moves: [move], label: 'Auto-dispatch', proposal: 'auto-dispatch' });
    expect(r.ok && r.writes.events).toEqual([
      expect.objectContaining({
        kind: 'assigned',
        actor: { kind: 'user', id: 'u-disp-1', name: 'Zhou Min' },
        data: expect.objectContaining({ engineerId: a.id, proposal: 'auto-dispatch' }),
      }),
    ]);
    const back = { orderId: order.id, base: w.base(order.id), engineerId: null, start: null };
    const undone = w.run('applyPlan', { moves: [back] });
    expect(undone.ok && undone.writes.events[0]?.data).not.toHaveProperty('proposal');
  });

  it('refuses a plan that moves one order twice', () => {
    const { w, order, a } = setup();
    const m = { orderId: order.id, base: w.base(order.id), engineerId: a.id, start: w.now };
    expect(w.run('applyPlan', { moves: [m, m] })).toMatchObject({
      ok: false,
      code: 'bad_args',
      message: 'args: a plan moves each order at most once',
    });
  });
});
