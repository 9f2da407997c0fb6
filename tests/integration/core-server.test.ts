import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { SocketIoTransport } from '../../electron/core/sync/socketio-transport.js';
import { HANG_MS, settled, until } from '../../electron/core/harness.testing.js';
import { TestServer } from '../../server/src/test-server.testing.js';
import { slaAlertId } from '../../shared/sync/index.js';

const H = 3_600_000;
let t: TestServer | null = null;
const cores: ConsoleCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await t?.close();
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function consoleFor(
  server: TestServer,
  userId: string,
  url = server.server.url,
  options: { slaWatch?: boolean; clock?: () => number; tokenTtlSeconds?: number } = {},
): Promise<ConsoleCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-'));
  dirs.push(dataDir);
  const core = new ConsoleCore({
    dataDir,
    token: await server.token(userId, options.tokenTtlSeconds),
    transport: new SocketIoTransport(url, { reconnectDelayMs: 50, reconnectDelayMaxMs: 300 }),
    sync: { retryBaseMs: 20, retryMaxMs: 200, requestTimeoutMs: 3_000 },
    // These tests count their own mutations; the SLA test below turns the watcher on with its own clock.
    slaWatch: options.slaWatch ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  cores.push(core);
  core.start();
  await until(settled(core), HANG_MS, `${userId} first sync`);
  return core;
}

const startOfNextHour = () => Math.ceil(Date.now() / H) * H;

describe('desktop core against the live sync server', () => {
  it('assigns and reassigns; the server holds each booking and a second console shows it', async () => {
    t = await TestServer.start();
    const a = await consoleFor(t, 'dispatcher-1');
    const b = await consoleFor(t, 'dispatcher-2');
    expect(a.snapshot().orders).toHaveLength(60);
    const order = [...a.state.orders.values()].find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)!;
    const [e1, e2] = t.city.engineers;
    a.mutate('assignOrder', {
      orderId: order.id,
      base: { version: order.version, rev: order.rev },
      engineerId: e1!.id,
      start: startOfNextHour(),
    });
    await until(() => b.order(order.id)?.booking?.engineerId === e1!.id, HANG_MS, 'b sees the assignment');
    const now = a.order(order.id)!;
    a.mutate('moveBooking', {
      orderId: order.id,
      base: { version: now.version, rev: now.rev },
      engineerId: e2!.id,
      start: startOfNextHour() + H,
    });
    await until(() => b.order(order.id)?.booking?.engineerId === e2!.id, HANG_MS, 'b sees the reassignment');
    expect(await t.store.order(order.id)).toMatchObject({
      status: 'scheduled',
      booking: { engineerId: e2!.id, start: startOfNextHour() + H },
    });
    const kinds = (await t.store.eventsFor(order.id)).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['assigned', 'moved']);
  });

  it('resolves conflicting edits from two consoles: one wins, the other gets a readable conflict', async () => {
    t = await TestServer.start();
    const a = await consoleFor(t, 'dispatcher-1');
    const b = await consoleFor(t, 'dispatcher-2');
    const order = [...a.state.orders.values()].find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)!;
    const base = { version: order.version, rev: order.rev };
    a.setWorkOffline(true);
    b.setWorkOffline(true);
    a.mutate('assignOrder', { orderId: order.id, base, engineerId: t.city.engineers[0]!.id, start: startOfNextHour() });
    b.mutate('assignOrder', { orderId: order.id, base, engineerId: t.city.engineers[1]!.id, start: startOfNextHour() });
    a.setWorkOffline(false);
    await until(settled(a), HANG_MS, 'a syncs');
    b.setWorkOffline(false);
    await until(() => b.conflicts().length === 1, HANG_MS, 'b gets a conflict');
    expect(b.conflicts()[0]).toMatchObject({
      code: 'stale',
      message: expect.stringContaining(`${order.code} was changed by someone else`),
    });
    await until(
      () => b.order(order.id)?.booking?.engineerId === t!.city.engineers[0]!.id,
      HANG_MS,
      'b shows the winner',
    );
    expect((await t.store.order(order.id))?.booking?.engineerId).toBe(t.city.engineers[0]!.id);
  });

  it('applies edits made while the server was down exactly once after it comes back', async () => {
    t = await TestServer.start();
    const a = await consoleFor(t, 'dispatcher-1');
    const store = t.store;
    const city = t.city;
    const port = t.server.port;
    // Stop the server (keeping its database) and work on.
    await t.server.close();
    await until(() => a.status().state === 'offline', HANG_MS, 'console notices');
    const open = [...a.state.orders.values()]
      .filter((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)
      .slice(0, 3);
    open.forEach((o, i) =>
      a.mutate('assignOrder', {
        orderId: o.id,
        base: { version: o.version, rev: o.rev },
        engineerId: city.engineers[i]!.id,
        start: startOfNextHour() + i * H,
      }),
    );
    expect(a.status()).toMatchObject({ state: 'offline', pending: 3 });
    const restarted = await TestServer.start({ city, store, port });
    t = restarted;
    await until(settled(a), HANG_MS, 'drained after restart');
    for (const o of open) expect((await store.order(o.id))?.status).toBe('scheduled');
    const audit = await store.audit(100);
    expect(audit.filter((x) => x.name === 'assignOrder' && x.outcome === 'applied')).toHaveLength(3);
  });

  it('drains a multi-megabyte outbox made offline in pushes the server takes, each change once, back to synced', async () => {
    t = await TestServer.start();
    const a = await consoleFor(t, 'dispatcher-1');
    a.setWorkOffline(true);
    const made: number[] = [];
    // Plans accepted offline, as auto-dispatch makes them: several orders booked in one change each.
    const open = [...a.state.orders.values()]
      .filter((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)
      .slice(0, 12);
    for (let plan = 0; plan < 4; plan++) {
      const moves = open.slice(plan * 3, plan * 3 + 3).map((o, i) => ({
        orderId: o.id,
        base: { version: o.version, rev: o.rev },
        engineerId: t!.city.engineers[plan * 2 + (i % 2)]!.id,
        start: startOfNextHour() + i * 2 * H,
      }));
      made.push(a.mutate('applyPlan', { moves, label: `Plan ${plan + 1}` }).mutationId);
    }
    // And notes in Chinese, 6 kB each on the wire: about 2.7 MB waiting in all.
    const text = '压缩机异响，客户要求上午到场，请带备件'.repeat(106).slice(0, 2_000);
    const orders = [...a.state.orders.values()].slice(0, 20);
    for (let i = 0; i < 450; i++)
      made.push(a.mutate('addNote', { orderId: orders[i % orders.length]!.id, text }).mutationId);
    expect(a.status()).toMatchObject({ state: 'paused', pending: 454 });

    a.setWorkOffline(false);
    await until(settled(a), HANG_MS, 'the outbox drained');
    const audit = (await t.store.audit(10_000)).filter((x) => x.clientId === a.clientId);
    expect(audit.map((x) => x.mutationId).sort((x, y) => x - y)).toEqual(made);
    expect(audit.filter((x) => x.outcome !== 'applied')).toEqual([]);
    for (const o of open) expect((await t.store.order(o.id))?.status).toBe('scheduled');
    expect(a.status()).toMatchObject({ state: 'online', pending: 0, conflicts: 0, stuck: null });
  });

  it('withdraws a waiting change too large for any push: the server records it rejected, the later ones land', async () => {
    t = await TestServer.start();
    const a = await consoleFor(t, 'dispatcher-1');
    const order = [...a.state.orders.values()][0]!;
    a.setWorkOffline(true);
    const before = a.mutate('addNote', { orderId: order.id, text: 'before' }).mutationId;
    // An outbox carried over from a console that took changes of any size.
    const huge = before + 1;
    a.cache.appendOutbox(huge, 'addNote', { orderId: order.id, text: '修'.repeat(400_000) }, Date.now());
    const after = a.mutate('addNote', { orderId: order.id, text: 'after' }).mutationId;
    a.setWorkOffline(false);
    await until(settled(a), HANG_MS, 'the outbox drained');
    const audit = (await t.store.audit(100)).filter((x) => x.clientId === a.clientId);
    const settledOnce = audit.sort((x, y) => x.mutationId - y.mutationId).map((x) => [x.mutationId, x.outcome, x.code]);
    expect(settledOnce).toEqual([
      [before, 'applied', null],
      [huge, 'rejected', 'too_large'],
      [after, 'applied', null],
    ]);
    expect(a.conflicts()).toEqual([
      expect.objectContaining({ mutationId: huge, code: 'too_large', message: expect.stringMatching(/too large/) }),
    ]);
    expect(a.status()).toMatchObject({ pending: 0, conflicts: 1, stuck: null });
  });

  it('escalates a breach on two offline consoles and the server records it exactly once after they reconnect', async () => {
    t = await TestServer.start();
    // One clock for the consoles and the server, as in a real centre: the server believes a console's time only
    // within a week behind its own and two minutes ahead.
    // Signed for a week, as the test's clock jumps to the breach, however far ahead that is.
    const clock = t.clock;
    clock.now = t.city.meta.dayStart;
    const options = { slaWatch: true, clock: () => clock.now, tokenTtlSeconds: 7 * 24 * 3_600 };
    const a = await consoleFor(t, 'dispatcher-1', t.server.url, options);
    const b = await consoleFor(t, 'dispatcher-2', t.server.url, options);
    const order = [...a.state.orders.values()]
      .filter((o) => o.status === 'new' && o.sla.respondBy > clock.now + H)
      .sort((x, y) => x.sla.respondBy - y.sla.respondBy)[0]!;
    const id = slaAlertId(order.id, 'escalated', 'respond');
    const alerts: string[] = [];
    a.on('slaAlert', (x) => alerts.push(x.id));
    a.setWorkOffline(true);
    b.setWorkOffline(true);
    clock.now = order.sla.respondBy + 60_000;
    a.checkSla();
    b.checkSla();
    expect(alerts.filter((x) => x === id)).toHaveLength(1);
    expect(a.orderEvents(order.id).filter((e) => e.id === id)).toEqual([
      expect.objectContaining({ kind: 'escalated', pending: true }),
    ]);
    expect(a.status().pending).toBeGreaterThan(0);
    expect((await t.store.eventsFor(order.id)).filter((e) => e.id === id)).toHaveLength(0);

    a.setWorkOffline(false);
    b.setWorkOffline(false);
    await until(() => settled(a)() && settled(b)(), HANG_MS, 'both consoles synced');
    expect((await t.store.eventsFor(order.id)).filter((e) => e.id === id)).toEqual([
      expect.objectContaining({ kind: 'escalated', data: { deadline: 'respond', dueAt: order.sla.respondBy } }),
    ]);
    expect(a.conflicts()).toEqual([]);
    expect(b.conflicts()).toEqual([]);
    expect(b.orderEvents(order.id).filter((e) => e.id === id)).toHaveLength(1);
  });
});
