import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../domain/index.js';
import { MutationWorld, PRINCIPALS } from '../mutation-world.testing.js';

const H = 3_600_000;

/** What a dispatcher sees of an order: undo must restore exactly this. */
function planOf(o: WorkOrder) {
  return {
    status: o.status,
    booking: o.booking,
    window: o.window,
    priority: o.priority,
    durationMin: o.durationMin,
    sla: o.sla,
    summary: o.summary,
  };
}

function undoRoundTrip(
  w: MutationWorld,
  orderIds: string[],
  name: string,
  args: unknown,
  actor = PRINCIPALS.dispatcher,
) {
  const before = orderIds.map((id) => planOf(w.order(id)));
  const { outcome, inverse } = w.runUndoable(name, args, actor);
  expect(outcome.ok).toBe(true);
  expect(inverse).not.toBeNull();
  expect(orderIds.map((id) => planOf(w.order(id)))).not.toEqual(before);
  const undone = w.run(inverse!.name, inverse!.args, actor);
  expect(undone).toMatchObject({ ok: true });
  expect(orderIds.map((id) => planOf(w.order(id)))).toEqual(before);
}

describe('every planning action can be undone by a new mutation', () => {
  it('assign ↔ unassign', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'new' && x.excludedEngineerIds.length === 0);
    const e = [...w.reader.engineers.values()][0]!;
    undoRoundTrip(w, [o.id], 'assignOrder', { orderId: o.id, base: w.base(o.id), engineerId: e.id, start: w.now + H });
    const booked = w.find((x) => x.status === 'scheduled');
    undoRoundTrip(w, [booked.id], 'unassignOrder', { orderId: booked.id, base: w.base(booked.id) });
  });

  it('a booking that promises a window, and its undo, which takes the window back too', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'new' && x.excludedEngineerIds.length === 0);
    const e = [...w.reader.engineers.values()][0]!;
    const window = { start: w.now + 2 * H, end: w.now + 4 * H };
    const args = { orderId: o.id, base: w.base(o.id), engineerId: e.id, start: w.now + 2 * H, window };
    const before = planOf(w.order(o.id));
    const { outcome, inverse } = w.runUndoable('assignOrder', args);
    expect(outcome.ok).toBe(true);
    expect(w.order(o.id)).toMatchObject({ status: 'scheduled', window, booking: { engineerId: e.id } });
    expect(inverse).toMatchObject({ name: 'unassignOrder', args: { window: before.window } });
    // Undone and redone: the window goes and comes back with the booking.
    const undone = w.runUndoable(inverse!.name, inverse!.args);
    expect(planOf(w.order(o.id))).toEqual(before);
    expect(undone.inverse).toMatchObject({ name: 'assignOrder', args: { window } });
    expect(w.run(undone.inverse!.name, undone.inverse!.args)).toMatchObject({ ok: true });
    expect(w.order(o.id)).toMatchObject({ window, booking: { engineerId: e.id, start: w.now + 2 * H } });
  });

  it('a call logged and booked at once is undone by one cancel', () => {
    const w = new MutationWorld();
    const template = w.find(() => true);
    const e = [...w.reader.engineers.values()][0]!;
    const order = {
      id: 'wo-slot-1',
      code: 'WO-S-0001',
      customer: template.customer,
      site: template.site,
      type: 'repair' as const,
      priority: 'P3' as const,
      summary: 'Boiler pressure low',
      requiredSkills: [],
      requiredParts: [],
      durationMin: 60,
      window: { start: w.now + 2 * H, end: w.now + 4 * H },
    };
    const { outcome, inverse } = w.runUndoable('createOrder', {
      order,
      booking: { engineerId: e.id, start: w.now + 2 * H + 600_000 },
    });
    expect(outcome.ok).toBe(true);
    expect(w.order(order.id)).toMatchObject({
      status: 'scheduled',
      window: order.window,
      booking: { engineerId: e.id, start: w.now + 2 * H + 600_000, end: w.now + 3 * H + 600_000 },
      version: 2,
    });
    expect(w.run(inverse!.name, inverse!.args)).toMatchObject({ ok: true });
    expect(w.order(order.id)).toMatchObject({ status: 'cancelled', booking: null });
  });

  it('move, pin and unpin', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled' && !x.booking!.pinned && x.excludedEngineerIds.length === 0);
    const other = [...w.reader.engineers.values()].find((e) => e.id !== o.booking!.engineerId)!;
    undoRoundTrip(w, [o.id], 'moveBooking', {
      orderId: o.id,
      base: w.base(o.id),
      engineerId: other.id,
      start: o.booking!.start + H,
    });
    undoRoundTrip(w, [o.id], 'pinBooking', { orderId: o.id, base: w.base(o.id) });
  });

  it('a change to a booking made against a rule on purpose: undo puts it back with its override mark, redo takes it off', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled' && !x.booking!.pinned && x.excludedEngineerIds.length === 0);
    const other = [...w.reader.engineers.values()].find((e) => e.id !== o.booking!.engineerId)!;
    const override = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }] };
    const { engineerId, start } = o.booking!;
    w.run('moveBooking', { orderId: o.id, base: w.base(o.id), engineerId, start: start + H, override });
    expect(w.order(o.id).booking).toMatchObject({ overridden: true });
    // Moved, unassigned, or moved in a plan without the question: each undo brings the mark back with the booking.
    undoRoundTrip(w, [o.id], 'moveBooking', { orderId: o.id, base: w.base(o.id), engineerId: other.id, start });
    undoRoundTrip(w, [o.id], 'unassignOrder', { orderId: o.id, base: w.base(o.id) });
    const moves = [{ orderId: o.id, base: w.base(o.id), engineerId: other.id, start }];
    undoRoundTrip(w, [o.id], 'applyPlan', { moves });
    expect(w.order(o.id).booking).toMatchObject({ engineerId, start: start + H, overridden: true });

    // Redo is the undo's own reverse: the move again, and the mark off again.
    const moved = w.runUndoable('moveBooking', { orderId: o.id, base: w.base(o.id), engineerId: other.id, start });
    expect(w.order(o.id).booking).not.toHaveProperty('overridden');
    const undo = w.runUndoable(moved.inverse!.name, moved.inverse!.args);
    expect(w.order(o.id).booking).toMatchObject({ engineerId, overridden: true });
    expect(undo.outcome.ok && undo.outcome.writes.events[0]?.data).toMatchObject({ overridden: true });
    expect(w.run(undo.inverse!.name, undo.inverse!.args)).toMatchObject({ ok: true });
    expect(w.order(o.id).booking).toMatchObject({ engineerId: other.id, start });
    expect(w.order(o.id).booking).not.toHaveProperty('overridden');
  });

  it('a booking made within the rules is put back without a mark, though the change it undoes carried one', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled' && !x.booking!.pinned && x.excludedEngineerIds.length === 0);
    const override = { broken: [{ rule: 'window' as const, reason: 'starts 11:00, outside 08:00–09:00' }] };
    const { inverse } = w.runUndoable('moveBooking', {
      orderId: o.id,
      base: w.base(o.id),
      engineerId: o.booking!.engineerId,
      start: o.booking!.start + H,
      override,
    });
    expect(inverse!.args).not.toHaveProperty('overridden');
    expect(w.run(inverse!.name, inverse!.args)).toMatchObject({ ok: true });
    expect(w.order(o.id).booking).not.toHaveProperty('overridden');
  });

  it('dispatch and hold', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled');
    undoRoundTrip(w, [o.id], 'setOrderStatus', { orderId: o.id, status: 'dispatched', base: w.base(o.id) });
    undoRoundTrip(w, [o.id], 'setOrderStatus', { orderId: o.id, status: 'on_hold', base: w.base(o.id) });
  });

  it('cancel, of a booked order and of one in the queue: undo brings back its status and booking', () => {
    const w = new MutationWorld();
    for (const o of [w.find((x) => x.status === 'scheduled'), w.find((x) => x.status === 'new')])
      undoRoundTrip(w, [o.id], 'cancelOrder', { orderId: o.id, base: w.base(o.id), reason: 'Customer fixed it' });
  });

  it('release from hold, with a booking and without', () => {
    const w = new MutationWorld();
    const booked = w.find((x) => x.status === 'scheduled');
    const queued = w.find((x) => x.status === 'new');
    for (const o of [booked, queued]) {
      w.run('setOrderStatus', { orderId: o.id, status: 'on_hold', base: w.base(o.id) });
      const release = o.booking ? 'scheduled' : 'new';
      undoRoundTrip(w, [o.id], 'setOrderStatus', { orderId: o.id, status: release, base: w.base(o.id) });
    }
  });

  it('hold of a dispatched order, which undo dispatches again with its booking, and redo holds again', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled');
    w.run('setOrderStatus', { orderId: o.id, status: 'dispatched', base: w.base(o.id) });
    undoRoundTrip(w, [o.id], 'setOrderStatus', { orderId: o.id, status: 'on_hold', base: w.base(o.id) });
    expect(w.order(o.id).status).toBe('dispatched');
  });

  it('a restore that meets a later change is refused as stale, and a restore of an open order as illegal', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'new');
    const { inverse } = w.runUndoable('cancelOrder', { orderId: o.id, base: w.base(o.id), reason: 'x' });
    w.run('addNote', { orderId: o.id, text: 'a note changes no version' });
    expect(w.run(inverse!.name, { ...(inverse!.args as object), base: { version: 99, rev: 'x' } })).toMatchObject({
      ok: false,
      code: 'stale',
    });
    const open = w.find((x) => x.status === 'new' && x.id !== o.id);
    expect(
      w.run('restoreOrder', { orderId: open.id, base: w.base(open.id), status: 'new', booking: null }),
    ).toMatchObject({ ok: false, code: 'illegal_transition' });
  });

  it('order changes', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled' && x.priority !== 'P1');
    undoRoundTrip(w, [o.id], 'updateOrder', {
      orderId: o.id,
      base: w.base(o.id),
      patch: { priority: 'P1', durationMin: o.durationMin + 30 },
    });
  });

  it('a whole plan', () => {
    const w = new MutationWorld();
    const open = [...w.reader.orders.values()]
      .filter((x) => x.status === 'new' && x.excludedEngineerIds.length === 0)
      .slice(0, 3);
    const booked = w.find((x) => x.status === 'scheduled');
    const e = [...w.reader.engineers.values()][1]!;
    const moves = [
      ...open.map((o, i) => ({ orderId: o.id, base: w.base(o.id), engineerId: e.id, start: w.now + i * H })),
      { orderId: booked.id, base: w.base(booked.id), engineerId: null, start: null },
    ];
    undoRoundTrip(w, [...open.map((o) => o.id), booked.id], 'applyPlan', { moves });
  });

  it('creating an order is undone by cancelling it', () => {
    const w = new MutationWorld();
    const t = w.find(() => true);
    const order = {
      id: 'wo-u-1',
      code: 'WO-U-1',
      customer: t.customer,
      site: t.site,
      type: 'repair',
      priority: 'P3',
      summary: 'x',
      requiredSkills: [],
      requiredParts: [],
      durationMin: 30,
      window: null,
    };
    const { inverse } = w.runUndoable('createOrder', { order });
    expect(w.run(inverse!.name, inverse!.args)).toMatchObject({ ok: true });
    expect(w.order('wo-u-1').status).toBe('cancelled');
  });

  it('an undo is refused, not forced, when someone changed the order in between', () => {
    const w = new MutationWorld();
    const o = w.find((x) => x.status === 'scheduled');
    const { inverse } = w.runUndoable('pinBooking', { orderId: o.id, base: w.base(o.id) });
    w.run(
      'updateOrder',
      { orderId: o.id, base: w.base(o.id), patch: { summary: 'Changed by a colleague' } },
      PRINCIPALS.dispatcher,
      'client-b',
    );
    expect(w.run(inverse!.name, inverse!.args)).toMatchObject({ ok: false, code: 'stale' });
  });
});
