import { afterEach, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../../shared/domain/index.js';
import { haversineKm } from '../../../shared/geo/index.js';
import { generateScenario } from '../../../shared/scenario/index.js';
import type { EngineerPosition, PushResult } from '../../../shared/sync/index.js';
import { TEST_SECRET, TestServer, request, type ClientSocket } from '../test-server.testing.js';
import { credentialsFromSecret } from './credentials.js';
import { FieldSimulator, type SimulatorOptions } from './simulator.js';

const H = 3_600_000;
// A small city with engineers to spare: some have nothing booked from yesterday's planning.
const city = generateScenario({ seed: 4, engineers: 20, orders: 60 });
let t: TestServer | null = null;
let sim: FieldSimulator | null = null;

afterEach(async () => {
  await sim?.stop(500);
  sim = null;
  await t?.close();
  t = null;
});

/**
 * How long a wait may last before it counts as a hang. The field runs thousands of times faster than real time, so
 * what these tests wait for takes a second or two on a quiet machine; a busy one only makes it slower.
 */
const HANG_MS = 45_000;

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + HANG_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function options(server: TestServer, o: Partial<SimulatorOptions> = {}): SimulatorOptions {
  return {
    url: server.server.url,
    credentials: credentialsFromSecret(TEST_SECRET, 'test'),
    speed: 2_400,
    start: server.city.meta.dayStart + 8.25 * H,
    engineers: null,
    ordersPerHour: 0,
    p1Share: 0,
    behaviour: { revisitShare: 0, holdShare: 0, noteShare: 0 },
    replayCity: null,
    area: null,
    seed: 1,
    positionEverySec: 0.2,
    idlePositionEverySec: 0.2,
    tickMs: 25,
    log: () => {},
    ...o,
  };
}

/** An engineer of the test city on shift from 08:00 to at least 13:00 that day, with nothing booked yet. */
function onShift(server: TestServer): Engineer {
  const day = server.city.meta.dayStart;
  const booked = new Set(server.city.orders.map((o) => o.booking?.engineerId));
  const e = server.city.engineers.find(
    (x) =>
      !booked.has(x.id) &&
      !x.absences.some((a) => a.start < day + 24 * H && a.end > day) &&
      x.shifts.some((s) => s.start <= day + 8 * H && s.end >= day + 13 * H),
  );
  if (!e) throw new Error('no engineer on the day shift');
  return e;
}

let nextMutation = 1;
/** Books an open order to an engineer as a dispatcher would. */
async function assign(
  desk: ClientSocket,
  server: TestServer,
  engineer: Engineer,
  start: number,
  far = false,
): Promise<WorkOrder> {
  // The nearest open order, so the drive takes minutes (or the farthest, for a long drive).
  const open = server.city.orders
    .filter((o) => o.status === 'new' && !o.excludedEngineerIds.includes(engineer.id))
    .sort((a, b) => haversineKm(a.site, engineer.homeBase) - haversineKm(b.site, engineer.homeBase));
  if (far) open.reverse();
  for (const candidate of open) {
    const order = (await server.store.order(candidate.id))!;
    if (order.status !== 'new') continue;
    const reply = await request<PushResult>(desk, 'push', {
      mutations: [
        {
          id: nextMutation++,
          name: 'assignOrder',
          args: { orderId: order.id, base: { version: order.version, rev: order.rev }, engineerId: engineer.id, start },
          createdAt: Date.now(),
        },
      ],
    });
    if (!reply.ok || reply.value.results[0]?.status !== 'applied') throw new Error(JSON.stringify(reply));
    return (await server.store.order(order.id))!;
  }
  throw new Error('no open order left');
}

async function dispatcher(server: TestServer): Promise<ClientSocket> {
  nextMutation = 1;
  const socket = await server.connect({ userId: 'dispatcher-2' });
  await request(socket, 'watch', { teams: 'all' });
  return socket;
}

describe('the field simulator against a live server', () => {
  it('works the jobs dispatchers book: sets off, arrives, completes, reports positions; never books anything', async () => {
    t = await TestServer.start({ city });
    const desk = await dispatcher(t);
    const seen = new Map<string, EngineerPosition>();
    desk.on('positions', (batch) => batch.positions.forEach((p) => seen.set(p.engineerId, p)));
    const e = onShift(t);
    const day = t.city.meta.dayStart;
    const first = await assign(desk, t, e, day + 8.5 * H);
    const second = await assign(desk, t, e, day + 10 * H);

    sim = await FieldSimulator.start(options(t, { speed: 4_800, ordersPerHour: 20, p1Share: 0.5, surveyShare: 1 }));
    const server = t;
    await until(async () => (await server.store.order(second.id))?.status === 'completed', 'both jobs done');
    // Every customer answers here (share 1), through their tracking link, once each.
    const surveyed = async (id: string) =>
      (await server.store.eventsFor(id)).filter((x) => x.kind === 'survey_answered').length;
    await until(async () => (await surveyed(first.id)) === 1 && (await surveyed(second.id)) === 1, 'both surveys');

    for (const order of [first, second]) {
      const events = await t.store.eventsFor(order.id);
      const field = events.filter((x) => x.kind === 'status_changed' && x.actor.kind === 'device');
      expect(field.map((x) => x.data.to)).toEqual(['en_route', 'on_site', 'completed']);
      expect(field.every((x) => x.actor.id === `dev-${e.id}` && x.clientId === `sim-${e.id}`)).toBe(true);
      expect((await t.store.order(order.id))?.firstTimeFix).toBe(true);
    }
    // Consoles saw the engineer move on the map, near the city.
    const p = seen.get(e.id)!;
    expect(p).toBeDefined();
    expect(Math.abs(p.lat - e.homeBase.lat)).toBeLessThan(0.5);
    expect(Math.abs(p.lon - e.homeBase.lon)).toBeLessThan(0.5);

    // Calls came in through the intake desk as new orders, P1s among them.
    await until(() => (sim?.stats().intake.applied ?? 0) >= 3, 'calls');
    const stats = await sim.stop(2_000);
    sim = null;
    expect(stats.intake.p1).toBeGreaterThan(0);
    expect(stats.devices).toMatchObject({ total: 20, refused: 0 });
    expect(stats.mutations).toMatchObject({ rejected: 0, lost: 0, queued: 0 });

    // Everything the simulator's clients did is a field report or a new call, applied once each, in order.
    const audit = (await t.store.audit(100_000)).filter((a) => a.clientId.startsWith('sim-'));
    const fieldNames = ['createOrder', 'setOrderStatus', 'setEngineerState', 'addNote', 'submitServiceReport'];
    expect(audit.filter((a) => !fieldNames.includes(a.name)).map((a) => a.name)).toEqual([]);
    // Each completion comes with its signed (or marked unsigned) service report, on the order.
    const completed = audit.filter(
      (a) => a.name === 'setOrderStatus' && (a.args as { status?: string }).status === 'completed',
    );
    for (const c of completed) {
      const orderId = (c.args as { orderId: string }).orderId;
      expect((await t.store.order(orderId))?.report, orderId).toBeDefined();
    }
    const byClient = new Map<string, number[]>();
    for (const a of audit) byClient.set(a.clientId, [...(byClient.get(a.clientId) ?? []), a.mutationId]);
    for (const ids of byClient.values()) {
      const sorted = [...ids].sort((a, b) => a - b);
      expect(sorted).toEqual(sorted.map((_, i) => i + 1));
    }
    const created = audit.filter((a) => a.name === 'createOrder').length;
    expect(created).toBe(stats.intake.applied);
  }, 120_000);

  it('turns back when a dispatcher cancels the job on the way', async () => {
    t = await TestServer.start({ city });
    const desk = await dispatcher(t);
    const e = onShift(t);
    const order = await assign(desk, t, e, t.city.meta.dayStart + 9 * H, true);
    sim = await FieldSimulator.start(options(t));
    const server = t;
    await until(async () => (await server.store.order(order.id))?.status === 'en_route', 'en route');
    const now = (await t.store.order(order.id))!;
    const reply = await request<PushResult>(desk, 'push', {
      mutations: [
        {
          id: nextMutation++,
          name: 'cancelOrder',
          args: {
            orderId: order.id,
            base: { version: now.version, rev: now.rev },
            reason: 'Customer called to cancel',
          },
          createdAt: Date.now(),
        },
      ],
    });
    expect(reply.ok && reply.value.results[0]?.status).toBe('applied');
    await until(async () => (await server.store.engineer(e.id))?.state === 'available', 'engineer free again');
    const events = await t.store.eventsFor(order.id);
    expect(events.some((x) => x.kind === 'status_changed' && x.data.to === 'on_site')).toBe(false);
    expect(sim.stats().field.abandoned).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('carries on after the server drops every connection, applying each report exactly once', async () => {
    t = await TestServer.start({ city });
    const e = onShift(t);
    sim = await FieldSimulator.start(options(t, { speed: 4_800, ordersPerHour: 15 }));
    await until(() => (sim?.stats().intake.applied ?? 0) >= 2, 'first calls');
    t.server.io.disconnectSockets(true);
    await until(() => sim!.stats().devices.connected === 0, 'devices cut off');
    // Every device, not a count passed on the way: they come back within milliseconds of each other.
    await until(() => {
      const { connected, total, refused } = sim!.stats().devices;
      return connected === total - refused;
    }, 'devices back');
    const desk = await dispatcher(t); // connected after the cut, which dropped consoles too
    const order = await assign(desk, t, e, t.city.meta.dayStart + 9 * H);
    const server = t;
    await until(async () => (await server.store.order(order.id))?.status === 'completed', 'job done');
    const stats = await sim.stop(2_000);
    sim = null;
    expect(stats.mutations).toMatchObject({ rejected: 0, lost: 0, queued: 0 });
    const audit = (await t.store.audit(100_000)).filter((a) => a.clientId.startsWith('sim-'));
    const keys = audit.map((a) => `${a.clientId}#${a.mutationId}`);
    expect(new Set(keys).size).toBe(keys.length);
  }, 120_000);

  it('refuses to start, saying why, when its tokens are not the server’s', async () => {
    t = await TestServer.start({ city });
    const bad = options(t, { credentials: credentialsFromSecret('another-secret-that-is-long-enough-000000', 'x') });
    await expect(FieldSimulator.start(bad)).rejects.toThrow(/not valid for this server/);
  });
});
