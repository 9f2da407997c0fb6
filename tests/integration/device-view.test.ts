import { afterEach, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../shared/domain/index.js';
import type { PushResult } from '../../shared/sync/index.js';
import { TestServer, request } from '../../server/src/test-server.testing.js';
import { DeviceClient } from '../support/device-client.testing.js';

let t: TestServer;
let devices: DeviceClient[] = [];
afterEach(async () => {
  for (const d of devices) d.close();
  devices = [];
  await t?.close();
});

async function serverOrders(t: TestServer): Promise<WorkOrder[]> {
  return (await Promise.all(t.city.orders.map((o) => t.store.order(o.id)))).filter((o): o is WorkOrder => o !== null);
}

/** The device's next poke; a poke that never comes fails the test instead of hanging it. */
function poked(device: DeviceClient, limitMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`device ${device.engineerId} was not poked`)), limitMs);
    device.socket.once('poke', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe("an engineer's device over Socket.IO", () => {
  it('sees only its own, and a job moved to another engineer leaves it with its customer’s contact', async () => {
    t = await TestServer.start();
    const moved = t.city.orders.find((o) => o.status === 'scheduled')!;
    const a = moved.booking!.engineerId;
    const b = t.city.engineers.find((e) => e.id !== a && !moved.excludedEngineerIds.includes(e.id))!.id;
    const connect = async (engineerId: string) => {
      const d = new DeviceClient(t.server.url, await t.token(`dev-${engineerId}`), `c-dev-${engineerId}`, engineerId);
      devices.push(d);
      await d.connected();
      await d.settle();
      return d;
    };
    const deviceA = await connect(a);
    const deviceB = await connect(b);
    expect(deviceA.view.engineer?.id).toBe(a);
    expect(deviceA.view.jobs.get(moved.id)?.customer.phone).toBe(moved.customer.phone);
    expect(deviceA.compare(await serverOrders(t), t.clock.now)).toEqual([]);
    expect(deviceB.view.jobs.has(moved.id)).toBe(false);

    // A dispatcher moves the job to B: both devices are poked and pull.
    const dispatcher = await t.connect({ userId: 'dispatcher-1' });
    const me = (await t.store.engineer(a))!;
    const pokedA = poked(deviceA);
    const pokedB = poked(deviceB);
    const pushed = await request<PushResult>(dispatcher, 'push', {
      mutations: [
        {
          id: 1,
          name: 'moveBooking',
          args: {
            orderId: moved.id,
            base: { version: moved.version, rev: moved.rev },
            engineerId: b,
            start: moved.booking!.start,
          },
          createdAt: t.clock.now,
        },
      ],
    });
    expect(pushed.ok && pushed.value.results.map((r) => r.status)).toEqual(['applied']);
    await Promise.all([pokedA, pokedB]);
    await deviceA.settle();
    await deviceB.settle();
    // A change to its own engineer's record pokes the device too.
    const renamed = poked(deviceA);
    const rename = await request<PushResult>(dispatcher, 'push', {
      mutations: [
        {
          id: 2,
          name: 'updateEngineer',
          args: { engineerId: a, base: { version: me.version, rev: me.rev }, patch: { name: 'Wu Lei (night)' } },
          createdAt: t.clock.now,
        },
      ],
    });
    expect(rename.ok && rename.value.results.map((r) => r.status)).toEqual(['applied']);
    await renamed;
    await deviceA.settle();

    expect(deviceA.view.jobs.has(moved.id)).toBe(false);
    const heldByA = JSON.stringify([...deviceA.view.jobs.values(), ...deviceA.view.events.values()]);
    for (const s of [moved.customer.name, moved.customer.phone, moved.site.address]) expect(heldByA).not.toContain(s);
    expect(deviceA.view.engineer?.name).toBe('Wu Lei (night)');
    expect(deviceB.view.jobs.get(moved.id)?.customer.phone).toBe(moved.customer.phone);
    const orders = await serverOrders(t);
    for (const d of devices) {
      expect(d.violations).toEqual([]);
      expect(d.compare(orders, t.clock.now)).toEqual([]);
    }
  });
});
