import { afterEach, describe, expect, it } from 'vitest';
import type { BreadcrumbsResult, PositionsBatch } from '../../../shared/sync/index.js';
import { generateScenario } from '../../../shared/scenario/index.js';
import { TestServer, next, request } from '../testing.js';

let t: TestServer;
afterEach(async () => t?.close());

function report(
  socket: { emit(e: 'position', p: unknown, ack: (r: unknown) => void): unknown },
  p: unknown,
): Promise<unknown> {
  return new Promise((resolve) => socket.emit('position', p, resolve));
}

describe('positions', () => {
  it('broadcast the latest position of each engineer in one batch, and keep a breadcrumb trail', async () => {
    // The interval never elapses during the test: the batch goes out when the test flushes, so how busy the machine
    // is cannot split the two devices' reports over two batches (the interval itself is tested in tracker.test.ts).
    t = await TestServer.start({ positionsIntervalMs: 3_600_000 });
    const [e1, e2] = t.city.engineers;
    const console_ = await t.connect({ userId: 'viewer' });
    const batches: PositionsBatch[] = [];
    const withE1 = new Promise<PositionsBatch>((resolve) =>
      console_.on('positions', (b) => {
        batches.push(b);
        if (b.positions.some((p) => p.engineerId === e1!.id)) resolve(b);
      }),
    );
    const d1 = await t.connect({ userId: `dev-${e1!.id}` });
    const d2 = await t.connect({ userId: `dev-${e2!.id}` });
    const at = t.clock.now;
    for (let i = 0; i < 5; i++)
      expect(await report(d1, { lat: 31.2 + i * 0.001, lon: 121.4, heading: 90, speed: 8, at: at + i * 1000 })).toEqual(
        { ok: true, value: { accepted: true } },
      );
    expect(await report(d2, { lat: 31.3, lon: 121.5, heading: 0, speed: 0, at })).toEqual({
      ok: true,
      value: { accepted: true },
    });
    await t.server.positions.flush();
    const batch = await withE1;
    expect(batch.positions.map((p) => p.engineerId).sort()).toEqual([e1!.id, e2!.id].sort());
    expect(batch.positions.find((p) => p.engineerId === e1!.id)).toMatchObject({ lat: 31.204, at: at + 4000 });
    const trail = await request<BreadcrumbsResult>(console_, 'breadcrumbs', {
      engineerId: e1!.id,
      from: at - 1,
      to: at + 60_000,
    });
    expect(trail.ok && trail.value.points.map((p) => p.at)).toEqual([at]);
    // The breadcrumbs request was answered after the batch went out on the same socket: nothing else was sent.
    expect(batches.filter((b) => b.positions.length > 0)).toEqual([batch]);
  });

  it('keep the latest position when reports arrive out of order, and refuse implausible ones', async () => {
    t = await TestServer.start();
    const e = t.city.engineers[0]!;
    const d = await t.connect({ userId: `dev-${e.id}` });
    const now = t.clock.now;
    expect(await report(d, { lat: 31.2, lon: 121.4, heading: 0, speed: 0, at: now })).toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(await report(d, { lat: 31.1, lon: 121.4, heading: 0, speed: 0, at: now - 5000 })).toEqual({
      ok: true,
      value: { accepted: false },
    });
    expect(await report(d, { lat: 31.1, lon: 121.4, heading: 0, speed: 0, at: now + 3_600_000 })).toEqual({
      ok: true,
      value: { accepted: false },
    });
    expect(await report(d, { lat: 391, lon: 121.4, heading: 0, speed: 0, at: now })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(t.server.positions.snapshot().find((p) => p.engineerId === e.id)).toMatchObject({ lat: 31.2 });
  });

  it('handle a report sent in the very moment the device connects', async () => {
    t = await TestServer.start();
    const e = t.city.engineers[3]!;
    const d = await t.connect({ userId: `dev-${e.id}` });
    // connect() resolved on the client's connect event; nothing has waited for the server's greeting.
    expect(await report(d, { lat: 31.25, lon: 121.45, heading: 0, speed: 0, at: t.clock.now })).toEqual({
      ok: true,
      value: { accepted: true },
    });
  });

  it('accept positions from devices only', async () => {
    t = await TestServer.start();
    const dispatcher = await t.connect({ userId: 'dispatcher-1' });
    expect(await report(dispatcher, { lat: 31.2, lon: 121.4, heading: 0, speed: 0, at: t.clock.now })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "only an engineer's device reports positions" },
    });
  });
});

describe('pokes', () => {
  it("reach consoles watching the affected team and the engineer's device, not other teams", async () => {
    t = await TestServer.start({ city: generateScenario({ seed: 4, engineers: 30, orders: 80 }) });
    const booked = t.city.orders.find((o) => o.status === 'scheduled')!;
    const engineer = t.city.engineers.find((e) => e.id === booked.booking!.engineerId)!;
    const otherTeam = t.city.teams.find((x) => x.id !== engineer.team)!;
    const mine = await t.connect({ userId: 'dispatcher-1' });
    const theirs = await t.connect({ userId: 'dispatcher-2' });
    const device = await t.connect({ userId: `dev-${engineer.id}` });
    expect(await request(mine, 'watch', { teams: [engineer.team] })).toMatchObject({ ok: true });
    expect(await request(theirs, 'watch', { teams: [otherTeam.id] })).toMatchObject({ ok: true });
    let theirPokes = 0;
    theirs.on('poke', () => (theirPokes += 1));
    const pokedMine = next(mine, 'poke');
    const pokedDevice = next(device, 'poke');
    const writer = await t.connect({ userId: 'dispatcher-3' });
    const reply = await request(writer, 'push', {
      mutations: [
        {
          id: 1,
          name: 'pinBooking',
          args: { orderId: booked.id, base: { version: booked.version, rev: booked.rev } },
          createdAt: Date.now(),
        },
      ],
    });
    expect(reply).toMatchObject({ ok: true, value: { results: [{ status: 'applied' }] } });
    await pokedMine;
    await pokedDevice;
    // One poke goes to every room it is meant for at once, and a socket's messages arrive in order: had the other
    // team's console been poked, that poke would reach it before the answer to a request it sends afterwards.
    expect(await request(theirs, 'watch', { teams: [otherTeam.id] })).toMatchObject({ ok: true });
    expect(theirPokes).toBe(0);
  });
});
