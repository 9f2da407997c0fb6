import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';
import { LocalRejection } from './cache/local-state.js';
import { ConsoleCore } from './console-core.js';
import type { WorkOrder } from '../../shared/domain/index.js';
import { claimsToken, HANG_MS, Harness, settled, until } from './harness.testing.js';
import { textLabel } from './labels.js';

const H = 3_600_000;
let h: Harness;
afterEach(() => h?.close());

function openOrder(core: ConsoleCore) {
  const o = [...core.state.orders.values()].find((x) => x.status === 'new' && x.excludedEngineerIds.length === 0);
  if (!o) throw new Error('no open order');
  return o;
}

/** A new harness with two dispatchers' consoles on it (the second is Li Na), both started and settled. */
async function twoDispatchers() {
  h = new Harness();
  const a = h.console(PRINCIPALS.dispatcher).core;
  const b = h.console({ ...PRINCIPALS.dispatcher, id: 'u-disp-2', name: 'Li Na' }).core;
  a.start();
  b.start();
  await until(() => settled(a)() && settled(b)());
  return { a, b };
}
describe('desktop core against the model server', () => {
  it('syncs the city on first connect and keeps it for the next start', async () => {
    h = new Harness();
    const { core, dir } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    expect(core.snapshot().orders).toHaveLength(40);
    expect(core.snapshot().engineers).toHaveLength(8);
    core.close();
    const again = new ConsoleCore({ dataDir: dir, token: claimsToken(PRINCIPALS.dispatcher), transport: null });
    expect(again.snapshot().orders).toHaveLength(40);
    again.close();
  });

  it('applies an assignment locally at once, marks it pending, and clears the mark once the server has it', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    const order = openOrder(core);
    const engineer = h.city.engineers[0]!;
    core.mutate('assignOrder', {
      orderId: order.id,
      base: { version: order.version, rev: order.rev },
      engineerId: engineer.id,
      start: h.now + H,
    });
    expect(core.order(order.id)).toMatchObject({ status: 'scheduled', booking: { engineerId: engineer.id } });
    expect(core.state.isPendingOrder(order.id)).toBe(true);
    expect(core.orderEvents(order.id).at(-1)).toMatchObject({ kind: 'assigned', pending: true });
    await until(settled(core));
    expect(core.state.isPendingOrder(order.id)).toBe(false);
    expect(h.server.reader.orders.get(order.id)).toMatchObject({
      status: 'scheduled',
      booking: { engineerId: engineer.id },
    });
    expect(core.orderEvents(order.id).at(-1)).toMatchObject({ kind: 'assigned', pending: false });
  });

  it('refuses a locally impossible action at once and stores nothing', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    const order = openOrder(core);
    expect(() =>
      core.mutate('unassignOrder', { orderId: order.id, base: { version: order.version, rev: order.rev } }),
    ).toThrow(LocalRejection);
    // The refusal comes as data too, for the console to word in its language.
    expect(() =>
      core.mutate('unassignOrder', { orderId: order.id, base: { version: order.version, rev: order.rev } }),
    ).toThrow(
      expect.objectContaining({
        message: `${order.code} is not booked`,
        say: [{ id: 'orderNotBooked', args: { order: order.code } }],
      }),
    );
    expect(core.status().pending).toBe(0);
    expect(core.history().canUndo).toBe(false);
  });

  it('refuses a change too large ever to reach the server when it is made, and stores nothing', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    const engineer = h.city.engineers[0]!;
    // A van stock of 30,000 part numbers: about 1.3 MB, over what one push may carry.
    const vanStock = Object.fromEntries(
      Array.from({ length: 30_000 }, (_, i) => [`part-${String(i).padStart(5, '0')}-compressor-valve-kit-r410a`, 1]),
    );
    const before = core.cache.maxOutboxId();
    let refusal: unknown;
    try {
      core.mutate('updateEngineer', {
        engineerId: engineer.id,
        base: { version: engineer.version, rev: engineer.rev },
        patch: { vanStock },
      });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(LocalRejection);
    expect(refusal).toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/too large to send to the server \(1\.\d MB; a change may be at most 1\.0 MB\)/),
    });
    expect(core.cache.maxOutboxId()).toBe(before);
    expect(core.state.engineers.get(engineer.id)).toEqual(engineer);
    expect(core.state.isPendingEngineer(engineer.id)).toBe(false);
    expect(core.history().canUndo).toBe(false);
  });

  it('gives the second of two conflicting dispatchers a readable conflict, and retry re-applies on top', async () => {
    const { a, b } = await twoDispatchers();
    const order = openOrder(a);
    const base = { version: order.version, rev: order.rev };
    const [e1, e2] = h.city.engineers;
    a.setWorkOffline(true);
    b.setWorkOffline(true);
    a.mutate('assignOrder', { orderId: order.id, base, engineerId: e1!.id, start: h.now + H });
    b.mutate('assignOrder', { orderId: order.id, base, engineerId: e2!.id, start: h.now + 2 * H });
    a.setWorkOffline(false);
    await until(settled(a));
    b.setWorkOffline(false);
    await until(() => b.status().conflicts === 1 && b.status().pending === 0, HANG_MS, 'conflict');
    const [conflict] = b.conflicts();
    // It names the order it would have changed, which the views mark as refused until it is settled.
    expect(conflict).toMatchObject({
      code: 'stale',
      label: { key: 'assignOrder', values: { order: order.code, engineer: e2!.name, engineerId: e2!.id } },
      orderIds: [order.id],
    });
    expect(conflict!.message).toContain(`${order.code} was changed by someone else`);
    // The refusal as data too, kept with the conflict, for the panel to word in the console's language.
    expect(conflict!.say).toEqual([{ id: 'staleOrder', args: { order: order.code, status: 'scheduled' } }]);
    // The rejected change leaves b's view: it shows the winner's booking.
    await until(() => b.order(order.id)?.booking?.engineerId === e1!.id, HANG_MS, 'rebase to winner');
    b.retryConflict(conflict!.mutationId);
    expect(b.conflicts()).toEqual([]);
    await until(() => h.server.reader.orders.get(order.id)?.booking?.engineerId === e2!.id, HANG_MS, 'retry applied');
    await until(() => settled(a)() && a.order(order.id)?.booking?.engineerId === e2!.id, HANG_MS, 'a sees retry');
  });

  it("says what a refused booking asked for and what the colleague's change made of the order, who and when", async () => {
    h = new Harness();
    const a = h.console({ ...PRINCIPALS.dispatcher, id: 'u-disp-2', name: 'Zhao Lei' }).core;
    const b = h.console(PRINCIPALS.dispatcher).core;
    a.start();
    b.start();
    await until(() => settled(a)() && settled(b)());
    const order = openOrder(a);
    const base = { version: order.version, rev: order.rev };
    const [e1, e2] = h.city.engineers;
    // B, offline, books the order on e2 and pins it: one intent, two changes, the second built on the first.
    b.setWorkOffline(true);
    const myStart = h.now + H;
    const booked = b.mutate('assignOrder', { orderId: order.id, base, engineerId: e2!.id, start: myStart });
    const mine = b.order(order.id)!;
    b.mutate('pinBooking', { orderId: order.id, base: { version: mine.version, rev: mine.rev } });
    // Meanwhile A, online, books it on e1 an hour later.
    h.now += 60_000;
    const changedAt = h.now;
    const theirStart = h.now + 2 * H;
    a.mutate('assignOrder', { orderId: order.id, base, engineerId: e1!.id, start: theirStart });
    await until(settled(a));
    b.setWorkOffline(false);
    await until(() => b.status().conflicts === 2 && b.status().pending === 0, HANG_MS, 'conflicts');
    await until(() => b.order(order.id)?.booking?.engineerId === e1!.id, HANG_MS, 'rebase to winner');
    const now = {
      orderId: order.id,
      code: order.code,
      status: 'scheduled',
      booking: { engineerId: e1!.id, engineer: e1!.name, start: theirStart },
      change: { record: order.code, by: 'Zhao Lei', mine: false, at: changedAt, what: 'assigned' },
    };
    const [assign, pin] = b.conflicts();
    expect(assign).toMatchObject({
      mutationId: booked.mutationId,
      bookings: [{ orderId: order.id, engineerId: e2!.id, start: myStart }],
      now: [now],
    });
    // The pin asked for no booking of its own; it meets the same colleague's change on the same order.
    expect(pin).toMatchObject({ orderIds: [order.id], bookings: [], now: [now] });
  });

  it('discards a conflict on request', async () => {
    h = new Harness();
    const a = h.console(PRINCIPALS.dispatcher).core;
    a.start();
    await until(settled(a));
    const order = openOrder(a);
    h.server.reader.orders.set(order.id, { ...order, rev: 'someone-else:1', version: order.version + 1 });
    a.mutate('updateOrder', {
      orderId: order.id,
      base: { version: order.version, rev: order.rev },
      patch: { summary: 'Leak worse' },
    });
    await until(() => a.status().conflicts === 1, HANG_MS, 'conflict');
    a.discardConflict(a.conflicts()[0]!.mutationId);
    expect(a.status().conflicts).toBe(0);
  });

  it('re-applies a refused booking with the overrides the dispatcher confirmed, and with none that no longer holds', async () => {
    const { a, b } = await twoDispatchers();
    const [o1, o2] = [...a.state.orders.values()].filter(
      (x) => x.status === 'new' && x.excludedEngineerIds.length === 0,
    );
    const [e1, e2] = h.city.engineers;
    const start = h.now + H;
    const old = { broken: [{ rule: 'window' as const, reason: 'starts 11:00, outside 08:00–09:00' }] };
    b.setWorkOffline(true);
    for (const o of [o1!, o2!]) {
      const base = { version: o.version, rev: o.rev };
      b.mutate('assignOrder', { orderId: o.id, base, engineerId: e1!.id, start, override: old });
      a.mutate('assignOrder', { orderId: o.id, base, engineerId: e2!.id, start: start + H });
    }
    await until(settled(a));
    b.setWorkOffline(false);
    await until(() => b.status().conflicts === 2 && b.status().pending === 0, HANG_MS, 'conflicts');
    await until(() => b.order(o2!.id)?.booking?.engineerId === e2!.id, HANG_MS, 'rebase to winner');
    const byOrder = (id: string) => b.conflicts().find((c) => c.orderIds.includes(id))!;
    // The booking each makes, for the console to judge against the rules before re-applying it.
    expect(byOrder(o1!.id).bookings).toEqual([{ orderId: o1!.id, engineerId: e1!.id, start }]);

    // Judged again, the first breaks another rule now, which the dispatcher confirmed: it goes with that override.
    const now = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }], reason: 'urgent' };
    const first = b.retryConflict(byOrder(o1!.id).mutationId, [{ orderId: o1!.id, override: now }]);
    expect(b.cache.outboxEntry(first.mutationId)?.args).toMatchObject({ orderId: o1!.id, override: now });
    expect(b.order(o1!.id)?.booking).toMatchObject({ engineerId: e1!.id, start, overridden: true });
    // The second breaks none now: it goes without the override it was first made with.
    const second = b.retryConflict(byOrder(o2!.id).mutationId, []);
    expect(b.cache.outboxEntry(second.mutationId)?.args).not.toHaveProperty('override');
    expect(b.order(o2!.id)?.booking).not.toHaveProperty('overridden');
    await until(
      () =>
        h.server.reader.orders.get(o1!.id)?.booking?.overridden === true &&
        h.server.reader.orders.get(o2!.id)?.booking?.engineerId === e1!.id,
      HANG_MS,
      'both on the server',
    );
    expect(h.server.reader.orders.get(o2!.id)?.booking).not.toHaveProperty('overridden');
  });

  it('keeps dispatching offline and applies every offline edit exactly once after reconnecting, even with lost acks', async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const open = [...core.state.orders.values()]
      .filter((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)
      .slice(0, 3);
    open.forEach((o, i) =>
      core.mutate('assignOrder', {
        orderId: o.id,
        base: { version: o.version, rev: o.rev },
        engineerId: h.city.engineers[i]!.id,
        start: h.now + (i + 1) * H,
      }),
    );
    expect(core.status()).toMatchObject({ state: 'offline', pending: 3 });
    link.dropReplies = 1; // the server applies the first push but the reply is lost
    link.setUp(true);
    await until(settled(core), HANG_MS, 'drained');
    const client = h.server.clients.get(core.clientId)!;
    expect(client.applied).toEqual([1, 2, 3]);
    for (const o of open) expect(h.server.reader.orders.get(o.id)?.status).toBe('scheduled');
    const assigned = h.server.log.filter((c) => c.entity === 'event' && c.value.kind === 'assigned');
    expect(assigned).toHaveLength(3);
  });

  it('undoes and redoes offline with new mutations that sync like any other', async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const order = openOrder(core);
    const e = h.city.engineers[1]!;
    core.mutate('assignOrder', {
      orderId: order.id,
      base: { version: order.version, rev: order.rev },
      engineerId: e.id,
      start: h.now + H,
    });
    const assigned = { key: 'assignOrder', values: { order: order.code, engineer: e.name, engineerId: e.id } };
    expect(core.history()).toMatchObject({ canUndo: true, undoLabel: assigned });
    expect(core.undo()).toEqual({ label: assigned, mutationId: expect.any(Number) });
    expect(core.order(order.id)).toMatchObject({ status: 'new', booking: null });
    expect(core.history()).toMatchObject({ canUndo: false, canRedo: true });
    core.redo();
    expect(core.order(order.id)).toMatchObject({ status: 'scheduled', booking: { engineerId: e.id } });
    link.setUp(true);
    await until(settled(core));
    expect(h.server.reader.orders.get(order.id)).toMatchObject({ status: 'scheduled', booking: { engineerId: e.id } });
    expect(h.server.clients.get(core.clientId)!.applied).toEqual([1, 2, 3]);
  });

  it('names a move by its new time when the engineer stays, and by the engineer when it changes', async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const order = openOrder(core);
    const [e0, e1] = [h.city.engineers[0]!, h.city.engineers[1]!];
    const base = () => ({ version: core.order(order.id)!.version, rev: core.order(order.id)!.rev });
    core.mutate('assignOrder', { orderId: order.id, base: base(), engineerId: e0.id, start: h.now + H });
    core.mutate('moveBooking', { orderId: order.id, base: base(), engineerId: e0.id, start: h.now + 2 * H });
    const retimed = { key: 'moveBookingTime', values: { order: order.code, start: h.now + 2 * H, from: h.now + H } };
    expect(core.history()).toMatchObject({ undoLabel: retimed });
    core.mutate('moveBooking', { orderId: order.id, base: base(), engineerId: e1.id, start: h.now + 3 * H });
    const reassigned = { key: 'moveBooking', values: { order: order.code, engineer: e1.name, engineerId: e1.id } };
    expect(core.history()).toMatchObject({ undoLabel: reassigned });
    expect(core.undo()).toEqual({ label: reassigned, mutationId: expect.any(Number) });
    expect(core.undo()).toEqual({ label: retimed, mutationId: expect.any(Number) });
    expect(core.history()).toMatchObject({ redoLabel: retimed });
  });

  it('stores a batch in one step: a refused action is reported alone, and one undo and one redo cover the rest', async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const open = [...core.state.orders.values()].filter(
      (x) => x.status === 'new' && x.excludedEngineerIds.length === 0,
    );
    const [x, y, z] = open as [(typeof open)[0], (typeof open)[0], (typeof open)[0]];
    const e = h.city.engineers[2]!;
    const assign = (o: typeof x, start: number, stale = false) => ({
      name: 'assignOrder' as const,
      args: {
        orderId: o.id,
        base: { version: stale ? o.version + 5 : o.version, rev: o.rev },
        engineerId: e.id,
        start,
      },
    });
    let notices = 0;
    core.on('changes', () => notices++);
    const results = core.mutateAll(
      [assign(x, h.now + H), assign(y, h.now + 3 * H, true), assign(z, h.now + 5 * H)],
      'Plan three',
    );
    expect(results.map((r) => 'mutationId' in r)).toEqual([true, false, true]);
    expect((results[1] as { error: LocalRejection }).error).toBeInstanceOf(LocalRejection);
    expect(notices).toBe(1);
    expect(core.order(y.id)).toMatchObject({ status: 'new', booking: null });
    expect(core.history()).toMatchObject({ canUndo: true, undoLabel: textLabel('Plan three') });

    expect(core.undo()).toEqual({ label: textLabel('Plan three') });
    for (const o of [x, z]) expect(core.order(o.id)).toMatchObject({ status: 'new', booking: null });
    expect(core.history()).toMatchObject({ canUndo: false, canRedo: true, redoLabel: textLabel('Plan three') });
    core.redo();
    for (const o of [x, z])
      expect(core.order(o.id)).toMatchObject({ status: 'scheduled', booking: { engineerId: e.id } });

    // Undo again after x has been cancelled meanwhile: z is unbooked, x is named as the part that no longer applies.
    const now = core.order(x.id)!;
    core.mutate('cancelOrder', {
      orderId: x.id,
      base: { version: now.version, rev: now.rev },
      reason: 'customer cancelled',
    });
    // The cancellation is a step of its own; dropped, the batch is the latest step again.
    core.dropStep('undo');
    const step = core.undo();
    expect(step).toMatchObject({ label: textLabel('Plan three'), notTaken: { count: 1, of: 2 } });
    expect(core.order(z.id)).toMatchObject({ status: 'new', booking: null });

    link.setUp(true);
    await until(settled(core));
    expect(h.server.reader.orders.get(z.id)).toMatchObject({ status: 'new', booking: null });
    expect(h.server.reader.orders.get(y.id)).toMatchObject({ status: 'new', booking: null });
    const applied = h.server.clients.get(core.clientId)!.applied;
    expect(new Set(applied).size).toBe(applied.length);
  });

  it('joins a batch sent in parts into one undo step, unless something else was done in between', async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const open = [...core.state.orders.values()].filter(
      (x) => x.status === 'new' && x.excludedEngineerIds.length === 0,
    );
    const e = h.city.engineers[3]!;
    const assign = (i: number) => {
      const o = core.order(open[i]!.id)!;
      return {
        name: 'assignOrder' as const,
        args: { orderId: o.id, base: { version: o.version, rev: o.rev }, engineerId: e.id, start: h.now + (i + 1) * H },
      };
    };
    core.mutateAll([assign(0), assign(1)], 'Import calls.csv');
    core.mutateAll([assign(2)], 'Import calls.csv', true);
    expect(core.cache.historyCount('undo')).toBe(1);
    core.undo();
    for (const i of [0, 1, 2]) expect(core.order(open[i]!.id)).toMatchObject({ status: 'new', booking: null });
    expect(core.history().canUndo).toBe(false);

    // The same file again: a first part that stores nothing does not let the next part join the earlier import.
    core.mutateAll([assign(4)], 'Import calls.csv');
    const stale = { ...assign(5), args: { ...assign(5).args, base: { version: 99, rev: 'x' } } };
    expect('error' in core.mutateAll([stale], 'Import calls.csv')[0]!).toBe(true);
    core.mutateAll([assign(5)], 'Import calls.csv', true);
    expect(core.cache.historyCount('undo')).toBe(2);
    core.undo();
    expect(core.order(open[5]!.id)).toMatchObject({ status: 'new' });
    expect(core.order(open[4]!.id)).toMatchObject({ status: 'scheduled' });
    core.undo();
    expect(core.history().canUndo).toBe(false);

    // A part that follows another undoable action (a pin) does not reach back over it.
    core.mutateAll([assign(0)], 'Import calls.csv');
    const booked = core.order(open[0]!.id)!;
    core.mutate('pinBooking', { orderId: booked.id, base: { version: booked.version, rev: booked.rev } });
    core.mutateAll([assign(3)], 'Import calls.csv', true);
    expect(core.cache.historyCount('undo')).toBe(3);
    core.undo();
    expect(core.order(open[3]!.id)).toMatchObject({ status: 'new' });
    expect(core.order(open[0]!.id)).toMatchObject({ status: 'scheduled', booking: { pinned: true } });
  });

  it("keeps an undo that meets a colleague's later change, says whose, and takes it anyway or drops it on request", async () => {
    const { a, b } = await twoDispatchers();
    const [order, other] = [...a.state.orders.values()].filter(
      (x) => x.status === 'new' && x.excludedEngineerIds.length === 0,
    ) as [WorkOrder, WorkOrder];
    for (const o of [order, other])
      a.mutate('assignOrder', {
        orderId: o.id,
        base: { version: o.version, rev: o.rev },
        engineerId: h.city.engineers[0]!.id,
        start: h.now + (o === order ? H : 4 * H),
      });
    await until(() => settled(a)() && b.order(order.id)?.status === 'scheduled', HANG_MS, 'b sees assign');
    h.now += 60_000;
    const seen = b.order(order.id)!;
    b.mutate('pinBooking', { orderId: order.id, base: { version: seen.version, rev: seen.rev } });
    await until(() => settled(b)() && a.order(order.id)?.booking?.pinned === true, HANG_MS, 'a sees pin');
    // The latest step (the other order) is undone as usual; the next one meets Li Na's pin.
    expect(a.undo()).toEqual({
      label: expect.objectContaining({ key: 'assignOrder' }),
      mutationId: expect.any(Number),
    });
    const step = a.undo();
    expect(step?.blocked).toMatchObject({
      stack: 'undo',
      canForce: true,
      changes: [{ record: order.code, by: 'Li Na', mine: false, at: h.now, what: 'pinned' }],
    });
    expect(step?.blocked?.message).toMatch(/^cannot undo "Assign .*": WO-\d+ was changed since by Li Na$/);
    expect(a.order(order.id)).toMatchObject({ status: 'scheduled', booking: { pinned: true } });
    expect(a.history()).toMatchObject({ canUndo: true, undoLabel: step?.label });
    expect(a.undo()?.blocked).toBeDefined();
    expect(a.forceStep('undo')).toEqual({ label: step?.label, mutationId: expect.any(Number) });
    expect(a.order(order.id)).toMatchObject({ status: 'new', booking: null });
    await until(settled(a));
    expect(h.server.reader.orders.get(order.id)).toMatchObject({ status: 'new', booking: null });
    // Redo meets nobody's change; dropping a step forgets it.
    a.redo();
    expect(a.order(order.id)).toMatchObject({ status: 'scheduled' });
    a.dropStep('undo');
    expect(a.history()).toMatchObject({ canUndo: false, canRedo: true });
  });

  it('rebases pending work on top of server changes from others', async () => {
    const { a, b } = await twoDispatchers();
    const [o1, o2] = [...a.state.orders.values()].filter(
      (x) => x.status === 'new' && x.excludedEngineerIds.length === 0,
    );
    a.setWorkOffline(true);
    a.mutate('assignOrder', {
      orderId: o1!.id,
      base: { version: o1!.version, rev: o1!.rev },
      engineerId: h.city.engineers[0]!.id,
      start: h.now + H,
    });
    b.mutate('assignOrder', {
      orderId: o2!.id,
      base: { version: o2!.version, rev: o2!.rev },
      engineerId: h.city.engineers[1]!.id,
      start: h.now + H,
    });
    await until(settled(b));
    a.setWorkOffline(false);
    await until(() => settled(a)() && a.order(o2!.id)?.status === 'scheduled');
    expect(a.order(o1!.id)?.status).toBe('scheduled');
    expect(a.state.isPendingOrder(o1!.id)).toBe(false);
  });

  it("starts a reset when the server's database changed, keeping the outbox", async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const order = openOrder(core);
    core.mutate('addNote', { orderId: order.id, text: 'Customer called back' });
    h.server.epoch = 'model-2';
    link.setUp(true);
    await until(settled(core));
    expect(core.snapshot().orders).toHaveLength(40);
    expect(h.server.log.some((c) => c.entity === 'event' && c.value.kind === 'note_added')).toBe(true);
  });
});

describe('working offline', () => {
  it('asks the server for nothing: the trail and a tracking link are refused as working offline, sent nowhere', async () => {
    // The server's HTTP side, counting what reaches it (tracking links are issued there).
    let httpRequests = 0;
    const http = createServer((_req, res) => {
      httpRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: 'http://x/t/1' }));
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      h = new Harness();
      const serverUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      const { core, link } = h.console(PRINCIPALS.dispatcher, undefined, { serverUrl });
      core.start();
      await until(settled(core));
      const order = openOrder(core);
      // Online both go to the server.
      await core.trackingLink(order.id);
      expect(httpRequests).toBe(1);

      core.setWorkOffline(true);
      const asked: string[] = [];
      const request = link.request.bind(link);
      link.request = (name, payload) => {
        asked.push(name);
        return request(name, payload);
      };
      await expect(core.trackingLink(order.id)).rejects.toThrow(/^working offline: /);
      await expect(core.breadcrumbs(h.city.engineers[0]!.id, h.now - H, h.now)).rejects.toThrow(/^working offline: /);
      expect(httpRequests).toBe(1);
      expect(asked).toEqual([]);
      expect(core.status().state).toBe('paused');
    } finally {
      await new Promise((r) => http.close(r));
    }
  });

  it('stays "working offline" when going offline cuts a sync round short, and retries nothing until back', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    // The dispatcher presses "Work offline" just as a round starts: its push fails on the closed link.
    let pressed = false;
    const stop = core.on('status', (s) => {
      if (s.state !== 'syncing' || pressed) return;
      pressed = true;
      core.setWorkOffline(true);
    });
    core.mutate('addNote', { orderId: openOrder(core).id, text: 'going offline' });
    // The round's failure lands once it is over: the link still reads as paused, not offline with a retry.
    const round = (core as unknown as { sync: { running: boolean } }).sync;
    await until(() => pressed && !round.running, HANG_MS, 'the round cut short');
    stop();
    expect(core.status()).toMatchObject({ state: 'paused', pending: 1, message: null });
    core.setWorkOffline(false);
    await until(settled(core));
    expect(core.status()).toMatchObject({ state: 'online', pending: 0 });
  });
});

describe('undo and redo across sync', () => {
  it('undoes two moves of one order, online and offline, and redoes them', async () => {
    for (const online of [true, false]) {
      h = new Harness();
      const { core, link } = h.console(PRINCIPALS.dispatcher);
      core.start();
      await until(settled(core));
      if (!online) link.setUp(false);
      const order = openOrder(core);
      const [e0, e1] = [h.city.engineers[0]!, h.city.engineers[1]!];
      const base = () => ({ version: core.order(order.id)!.version, rev: core.order(order.id)!.rev });
      core.mutate('assignOrder', { orderId: order.id, base: base(), engineerId: e0.id, start: h.now + H });
      if (online) await until(settled(core));
      core.mutate('moveBooking', { orderId: order.id, base: base(), engineerId: e1.id, start: h.now + 2 * H });
      if (online) await until(settled(core));
      core.mutate('moveBooking', { orderId: order.id, base: base(), engineerId: e0.id, start: h.now + 3 * H });
      if (online) await until(settled(core));
      for (const start of [2 * H, H]) {
        core.undo();
        expect(core.order(order.id)!.booking?.start).toBe(h.now + start);
        if (online) await until(settled(core));
      }
      core.undo();
      expect(core.order(order.id)).toMatchObject({ status: 'new', booking: null });
      for (const start of [H, 2 * H, 3 * H]) {
        core.redo();
        expect(core.order(order.id)!.booking?.start).toBe(h.now + start);
        if (online) await until(settled(core));
      }
      link.setUp(true);
      await until(settled(core));
      expect(h.server.reader.orders.get(order.id)).toEqual(core.order(order.id));
      h.close();
    }
  });
});

describe('undo of a change to a booking made against a rule on purpose', () => {
  it('puts the booking back with its override mark, here and on the server, and redo takes it off again', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    const order = openOrder(core);
    const [e0, e1] = [h.city.engineers[0]!, h.city.engineers[1]!];
    const base = () => ({ version: core.order(order.id)!.version, rev: core.order(order.id)!.rev });
    const override = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has none' }] };
    core.mutate('assignOrder', { orderId: order.id, base: base(), engineerId: e0.id, start: h.now + H, override });
    const marked = core.order(order.id)!.booking;
    expect(marked).toMatchObject({ engineerId: e0.id, overridden: true });
    await until(settled(core));
    core.mutate('moveBooking', { orderId: order.id, base: base(), engineerId: e1.id, start: h.now + 2 * H });
    expect(core.order(order.id)!.booking).not.toHaveProperty('overridden');
    await until(settled(core));
    // Undone: the booking is back as it was, mark included, so auto-dispatch leaves it where it was put.
    expect(core.undo()?.blocked).toBeUndefined();
    expect(core.order(order.id)!.booking).toEqual(marked);
    await until(settled(core));
    expect(h.server.reader.orders.get(order.id)?.booking).toEqual(marked);
    core.redo();
    expect(core.order(order.id)!.booking).toMatchObject({ engineerId: e1.id, start: h.now + 2 * H });
    expect(core.order(order.id)!.booking).not.toHaveProperty('overridden');
    core.undo();
    expect(core.order(order.id)!.booking).toEqual(marked);
    await until(settled(core));
    expect(h.server.reader.orders.get(order.id)).toEqual(core.order(order.id));
  });
});

describe('undo of a status change made from the details', () => {
  it('undoes a cancellation: the order is back with its status and booking, here and on the server, and redo cancels again', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    const order = openOrder(core);
    const e = h.city.engineers[0]!;
    const base = () => ({ version: core.order(order.id)!.version, rev: core.order(order.id)!.rev });
    core.mutate('assignOrder', { orderId: order.id, base: base(), engineerId: e.id, start: h.now + H });
    await until(settled(core));
    const booked = core.order(order.id)!;
    core.mutate('cancelOrder', { orderId: order.id, base: base(), reason: 'Customer fixed it' });
    const cancel = { key: 'cancelOrder', values: { order: order.code } };
    expect(core.history()).toMatchObject({ canUndo: true, undoLabel: cancel });
    await until(settled(core));
    expect(core.undo()).toEqual({ label: cancel, mutationId: expect.any(Number) });
    expect(core.order(order.id)).toMatchObject({ status: 'scheduled', booking: booked.booking });
    await until(settled(core));
    expect(h.server.reader.orders.get(order.id)).toMatchObject({ status: 'scheduled', booking: booked.booking });
    // The step before it (the assignment) is next, as it was before the cancellation.
    expect(core.history()).toMatchObject({ undoLabel: { key: 'assignOrder' }, redoLabel: cancel });
    core.redo();
    expect(core.order(order.id)).toMatchObject({ status: 'cancelled', booking: null });
    expect(core.orderEvents(order.id).at(-1)).toMatchObject({
      kind: 'cancelled',
      data: { reason: 'Customer fixed it' },
    });
    expect(core.undo()).toEqual({ label: cancel, mutationId: expect.any(Number) });
    expect(core.undo()).toEqual({
      label: { key: 'assignOrder', values: { order: order.code, engineer: e.name, engineerId: e.id } },
      mutationId: expect.any(Number),
    });
    expect(core.order(order.id)).toMatchObject({ status: 'new', booking: null });
    await until(settled(core));
    expect(h.server.reader.orders.get(order.id)).toEqual(core.order(order.id));
  });

  it('undoes a cancellation of a call just logged, and then the call itself', async () => {
    h = new Harness();
    const { core, link } = h.console(PRINCIPALS.dispatcher);
    core.start();
    await until(settled(core));
    link.setUp(false);
    const t = openOrder(core);
    const call = {
      id: 'wo-call-1',
      code: 'WO-CALL-1',
      customer: t.customer,
      site: t.site,
      type: 'repair' as const,
      priority: 'P1' as const,
      summary: 'Lift stuck between floors',
      requiredSkills: [],
      requiredParts: [],
      durationMin: 60,
      window: null,
    };
    core.mutate('createOrder', { order: call }, 'log WO-CALL-1');
    const logged = core.order(call.id)!;
    core.mutate('cancelOrder', { orderId: call.id, base: { version: logged.version, rev: logged.rev }, reason: 'x' });
    expect(core.history().undoLabel).toEqual({ key: 'cancelOrder', values: { order: 'WO-CALL-1' } });
    expect(core.undo()?.blocked).toBeUndefined();
    expect(core.order(call.id)).toMatchObject({ status: 'new', booking: null });
    expect(core.history().undoLabel).toEqual(textLabel('log WO-CALL-1'));
    expect(core.undo()?.blocked).toBeUndefined();
    expect(core.order(call.id)).toMatchObject({ status: 'cancelled' });
    link.setUp(true);
    await until(settled(core));
    expect(h.server.reader.orders.get(call.id)).toMatchObject({ status: 'cancelled' });
    expect(core.conflicts()).toEqual([]);
  });

  it("undoes a release and a hold; a colleague's release met by undo is named as a release", async () => {
    const { a, b } = await twoDispatchers();
    const order = openOrder(a);
    const base = (core: ConsoleCore) => ({ version: core.order(order.id)!.version, rev: core.order(order.id)!.rev });
    a.mutate('assignOrder', {
      orderId: order.id,
      base: base(a),
      engineerId: h.city.engineers[0]!.id,
      start: h.now + H,
    });
    a.mutate('setOrderStatus', { orderId: order.id, status: 'dispatched', base: base(a) });
    a.mutate('setOrderStatus', { orderId: order.id, status: 'on_hold', base: base(a) });
    a.mutate('setOrderStatus', { orderId: order.id, status: 'scheduled', base: base(a) });
    const release = { key: 'setOrderStatus', values: { order: order.code, status: 'scheduled' } };
    expect(a.history().undoLabel).toEqual(release);
    expect(a.undo()).toEqual({ label: release, mutationId: expect.any(Number) });
    expect(a.order(order.id)).toMatchObject({ status: 'on_hold' });
    // The hold of a dispatched order is undone too: dispatched again, with its booking.
    expect(a.undo()?.blocked).toBeUndefined();
    expect(a.order(order.id)).toMatchObject({ status: 'dispatched', booking: { engineerId: h.city.engineers[0]!.id } });
    a.redo();
    expect(a.order(order.id)).toMatchObject({ status: 'on_hold' });
    await until(() => settled(a)() && b.order(order.id)?.status === 'on_hold', HANG_MS, 'b sees the hold');
    h.now += 60_000;
    b.mutate('setOrderStatus', { orderId: order.id, status: 'scheduled', base: base(b) });
    await until(() => settled(b)() && a.order(order.id)?.status === 'scheduled', HANG_MS, 'a sees the release');
    const step = a.undo();
    expect(step?.blocked?.changes).toEqual([
      {
        record: order.code,
        by: 'Li Na',
        mine: false,
        at: h.now,
        what: 'status_changed',
        status: { from: 'on_hold', to: 'scheduled' },
      },
    ]);
  });
});
