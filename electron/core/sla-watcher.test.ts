import { afterEach, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../shared/domain/index.js';
import { slaAlertId, type Principal } from '../../shared/sync/index.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';
import { ConsoleCore } from './console-core.js';
import type { SlaAlertView } from '../../shared/ipc/index.js';
import { claimsToken, HANG_MS, Harness, settled, until } from './harness.testing.js';

const M = 60_000;
let h: Harness;
afterEach(() => h?.close());

/** A new order whose respond clock still has more than an hour to run at the harness's time. */
function freshOrder(core: ConsoleCore, now: number): WorkOrder {
  const o = [...core.state.orders.values()]
    .filter((x) => x.status === 'new' && x.sla.respondBy > now + 60 * M)
    .sort((a, b) => a.sla.respondBy - b.sla.respondBy)[0];
  if (!o) throw new Error('no fresh order in the city');
  return o;
}

function serverEvents(id: string) {
  return h.server.log.filter((c) => c.entity === 'event' && (c.value as { id: string }).id === id);
}

async function onlineConsole(principal: Principal = PRINCIPALS.dispatcher) {
  const c = h.console(principal);
  c.core.start();
  await until(settled(c.core));
  return c;
}

describe('SLA watcher', () => {
  it('lists its escalations until dismissed; a dismissal reaches every window and stays', async () => {
    h = new Harness();
    const { core } = await onlineConsole();
    const order = freshOrder(core, h.now);
    const acked: string[][] = [];
    core.on('slaAlertsAcked', (ids) => acked.push(ids));
    h.now = order.sla.respondBy + M;
    const raised = core.checkSla().filter((a) => a.orderId === order.id);
    expect(core.slaAlerts().map((a) => a.id)).toEqual(expect.arrayContaining(raised.map((a) => a.id)));
    core.ackSlaAlerts(raised.map((a) => a.id));
    expect(acked).toEqual([raised.map((a) => a.id)]);
    expect(core.slaAlerts().filter((a) => a.orderId === order.id)).toEqual([]);
    // Not raised again later either: the breach was escalated once.
    h.now += 10 * M;
    core.checkSla();
    expect(core.slaAlerts().filter((a) => a.orderId === order.id)).toEqual([]);
  });

  it("keeps a dismissal on the server for its user: the same user's other console drops the alert, another user's keeps it", async () => {
    h = new Harness();
    const mine = (await onlineConsole()).core;
    const mineToo = (await onlineConsole()).core;
    const theirs = (await onlineConsole({ ...PRINCIPALS.dispatcher, id: 'u-disp-2', name: 'Li Na' })).core;
    const order = freshOrder(mine, h.now);
    h.now = order.sla.respondBy + M;
    const [raised] = mine.checkSla().filter((a) => a.orderId === order.id);
    expect(raised).toBeDefined();
    const id = raised!.id;
    // Raised on one console, listed on all three once it has synced.
    for (const core of [mine, mineToo, theirs])
      await until(() => core.slaAlerts().some((a) => a.id === id), HANG_MS, 'the alert everywhere');
    const gone: string[][] = [];
    mineToo.on('slaAlertsAcked', (ids) => gone.push(ids));

    // Dismissed offline on the second console: gone there at once, and nowhere else until it syncs.
    mineToo.setWorkOffline(true);
    mineToo.ackSlaAlerts([id]);
    expect(mineToo.slaAlerts().some((a) => a.id === id)).toBe(false);
    expect(gone).toEqual([[id]]);
    expect(mine.slaAlerts().some((a) => a.id === id)).toBe(true);
    mineToo.setWorkOffline(false);
    await until(settled(mineToo));
    await until(() => !mine.slaAlerts().some((a) => a.id === id), HANG_MS, 'the dismissal on the first console');
    expect(
      h.server.log.filter((c) => c.entity === 'event' && (c.value as { kind: string }).kind === 'alert_acknowledged'),
    ).toHaveLength(1);
    // Another user still has it; a console of the same user opened later never lists it.
    await until(settled(theirs));
    expect(theirs.slaAlerts().some((a) => a.id === id)).toBe(true);
    const later = (await onlineConsole()).core;
    expect(later.slaAlerts().some((a) => a.id === id)).toBe(false);
    // Dismissing it again records nothing more.
    mine.ackSlaAlerts([id]);
    await until(settled(mine));
    expect(
      h.server.log.filter((c) => c.entity === 'event' && (c.value as { kind: string }).kind === 'alert_acknowledged'),
    ).toHaveLength(1);
  });

  it('escalates a breach offline into the outbox and the audit trail, once, and the server gets it once', async () => {
    h = new Harness();
    const { core } = await onlineConsole();
    const order = freshOrder(core, h.now);
    const seen: SlaAlertView[] = [];
    core.on('slaAlert', (a) => seen.push(a));
    core.setWorkOffline(true);
    h.now = order.sla.respondBy - M;
    expect(core.checkSla().some((a) => a.orderId === order.id)).toBe(false);

    h.now = order.sla.respondBy + M;
    const raised = core.checkSla().filter((a) => a.orderId === order.id);
    expect(raised).toEqual([
      expect.objectContaining({ deadline: 'respond', dueAt: order.sla.respondBy, detectedAt: h.now, code: order.code }),
    ]);
    expect(seen.filter((a) => a.orderId === order.id)).toHaveLength(1);
    const id = slaAlertId(order.id, 'escalated', 'respond');
    expect(core.orderEvents(order.id).filter((e) => e.id === id)).toEqual([
      expect.objectContaining({ kind: 'escalated', pending: true, at: h.now }),
    ]);
    expect(core.cache.replayable().filter((e) => e.name === 'raiseSlaAlert').length).toBeGreaterThan(0);
    expect(core.history().undoLabel).toBeNull();

    // Every later reading finds it on record and raises nothing more.
    h.now += 15_000;
    expect(core.checkSla().filter((a) => a.orderId === order.id)).toEqual([]);
    expect(serverEvents(id)).toHaveLength(0);

    core.setWorkOffline(false);
    await until(settled(core));
    expect(serverEvents(id)).toHaveLength(1);
    expect(core.orderEvents(order.id).filter((e) => e.id === id)).toEqual([
      expect.objectContaining({ kind: 'escalated', pending: false }),
    ]);
  });

  it('raises nothing again after a restart on the same cache', async () => {
    h = new Harness();
    const { core, dir } = await onlineConsole();
    const order = freshOrder(core, h.now);
    h.now = order.sla.respondBy + M;
    expect(core.checkSla().some((a) => a.orderId === order.id)).toBe(true);
    core.close();
    const again = new ConsoleCore({
      dataDir: dir,
      token: claimsToken(PRINCIPALS.dispatcher),
      transport: null,
      clock: () => h.now,
    });
    try {
      h.now += 60 * M;
      expect(again.checkSla().some((a) => a.orderId === order.id && a.deadline === 'respond')).toBe(false);
      expect(again.status().pending).toBeGreaterThan(0);
    } finally {
      again.close();
    }
  });

  it('records one alert on the server when two offline consoles both escalate the same breach', async () => {
    h = new Harness();
    const a = (await onlineConsole()).core;
    const b = (await onlineConsole({ ...PRINCIPALS.dispatcher, id: 'u-disp-2', name: 'Li Na' })).core;
    const order = freshOrder(a, h.now);
    a.setWorkOffline(true);
    b.setWorkOffline(true);
    h.now = order.sla.respondBy + M;
    expect(a.checkSla().some((x) => x.orderId === order.id)).toBe(true);
    expect(b.checkSla().some((x) => x.orderId === order.id)).toBe(true);
    a.setWorkOffline(false);
    b.setWorkOffline(false);
    await until(() => settled(a)() && settled(b)());
    const id = slaAlertId(order.id, 'escalated', 'respond');
    expect(serverEvents(id)).toHaveLength(1);
    expect(b.orderEvents(order.id).filter((e) => e.id === id)).toHaveLength(1);
  });

  it('escalates a backlog in one write with one change notice, and skips only an action the rules refuse', async () => {
    h = new Harness();
    const { core } = await onlineConsole();
    core.setWorkOffline(true);
    const open = [...core.state.orders.values()].filter((o) => o.status !== 'completed' && o.status !== 'cancelled');
    h.now = Math.max(...open.map((o) => o.sla.resolveBy)) + M;
    let notices = 0;
    core.on('changes', () => notices++);
    const pendingBefore = core.status().pending;
    const raised = core.checkSla();
    // Every open order has breached both deadlines by now.
    expect(raised).toHaveLength(open.length * 2);
    expect(notices).toBe(1);
    expect(core.status().pending).toBe(pendingBefore + raised.length);

    // A batch with an action the rules refuse (an order that does not exist) keeps the others.
    const order = open[0]!;
    const results = core.recordAll([
      {
        name: 'raiseSlaAlert',
        args: { orderId: 'no-such-order', kind: 'jeopardy', deadline: 'respond', dueAt: h.now, detectedAt: h.now },
      },
      { name: 'addNote', args: { orderId: order.id, text: 'escalated to the duty manager' } },
    ]);
    expect(results[0]).toEqual({ error: expect.objectContaining({ code: expect.any(String) }) });
    expect(results[1]).toEqual({ mutationId: expect.any(Number) });
    expect(core.orderEvents(order.id).some((e) => e.kind === 'note_added' && e.pending)).toBe(true);
    expect(core.cache.replayable().some((e) => (e.args as { orderId?: string }).orderId === 'no-such-order')).toBe(
      false,
    );
  });

  it('does not escalate while an order is on hold: the hold extends the deadline by its length', async () => {
    h = new Harness();
    const { core } = await onlineConsole();
    const order = freshOrder(core, h.now);
    core.setWorkOffline(true);
    h.now = order.sla.respondBy - 30 * M;
    core.mutate('setOrderStatus', {
      orderId: order.id,
      base: { version: order.version, rev: order.rev },
      status: 'on_hold',
    });
    // Two hours on hold: the respond clock now runs out 30 minutes after the hold ends.
    h.now += 120 * M;
    expect(core.checkSla().some((a) => a.orderId === order.id)).toBe(false);
    const held = core.order(order.id)!;
    core.mutate('setOrderStatus', { orderId: order.id, base: { version: held.version, rev: held.rev }, status: 'new' });
    h.now += 29 * M;
    expect(core.checkSla().some((a) => a.orderId === order.id)).toBe(false);
    h.now += 2 * M;
    expect(core.checkSla().filter((a) => a.orderId === order.id)).toEqual([
      expect.objectContaining({ deadline: 'respond', dueAt: order.sla.respondBy + 120 * M }),
    ]);
  });

  it('leaves escalation to dispatchers and supervisors: a viewer console raises nothing', async () => {
    h = new Harness();
    const { core } = await onlineConsole(PRINCIPALS.viewer);
    const order = freshOrder(core, h.now);
    h.now = order.sla.resolveBy + M;
    expect(core.checkSla()).toEqual([]);
    expect(core.status().pending).toBe(0);
  });

  it('watches on its own: a change to the view triggers a reading, and the timer keeps reading', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher, undefined, { slaWatch: true });
    const seen: SlaAlertView[] = [];
    core.on('slaAlert', (a) => seen.push(a));
    core.start();
    await until(settled(core));
    const order = freshOrder(core, h.now);
    h.now = order.sla.respondBy + M;
    // Any change wakes the watcher; here a note on another order.
    const other = [...core.state.orders.values()].find((o) => o.id !== order.id)!;
    core.mutate('addNote', { orderId: other.id, text: 'customer called back' });
    await until(() => seen.some((a) => a.orderId === order.id), HANG_MS, 'the alert');
    expect(seen.filter((a) => a.orderId === order.id && a.deadline === 'respond')).toHaveLength(1);
  });

  it('reads the clocks once for a burst of changes, not once per change', async () => {
    h = new Harness();
    const { core } = h.console(PRINCIPALS.dispatcher, undefined, { slaWatch: true });
    core.start();
    await until(settled(core));
    let readings = 0;
    const check = core.checkSla.bind(core);
    const watcher = (core as unknown as { watcher: { check: () => unknown } }).watcher;
    const original = watcher.check.bind(watcher);
    watcher.check = () => {
      readings++;
      return original();
    };
    core.setWorkOffline(true);
    // A burst schedules its reading as a microtask: one turn of the event loop runs whatever was scheduled.
    await new Promise((r) => setImmediate(r));
    readings = 0;
    const orders = [...core.state.orders.values()].slice(0, 5);
    for (const o of orders) core.mutate('addNote', { orderId: o.id, text: 'called the customer' });
    expect(readings).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(readings).toBe(1);
    expect(check()).toEqual([]);
  });
});
