import { describe, expect, it } from 'vitest';
import { slaFor } from '../../../shared/domain/index.js';
import { AREAS, generateScenario, type CityArea } from '../../../shared/scenario/index.js';
import { createOrder, type NewOrder } from '../../../shared/sync/index.js';
import { OrderIntake, restOfCityDay } from './intake.js';
import { FieldWorld } from './world.js';

const H = 3_600_000;
const shanghai = AREAS.shanghai as CityArea;
const city = generateScenario({ seed: 7, engineers: 20, orders: 200, area: 'shanghai', date: '2026-03-02' });
const morning = city.meta.dayStart + 8 * H;

/** The server's view at 08:00: everything created by then, as the server seeds it. */
function worldAt(t: number): FieldWorld {
  const w = new FieldWorld();
  w.apply('reset', [
    ...city.engineers.map((value) => ({ entity: 'engineer' as const, value })),
    ...city.orders.filter((o) => o.createdAt <= t).map((value) => ({ entity: 'order' as const, value })),
    { entity: 'policy', value: city.slaPolicy },
  ]);
  return w;
}

function intake(options: Partial<ConstructorParameters<typeof OrderIntake>[0]>, world = worldAt(morning)) {
  const created: NewOrder[] = [];
  const i = new OrderIntake(
    { ordersPerHour: 0, p1Share: 0, seed: 3, runTag: 'k3f9a', area: shanghai, start: morning, replay: [], ...options },
    world,
    (order, settled) => {
      created.push(order);
      settled(true, '');
    },
  );
  return { i, created };
}

describe('OrderIntake', () => {
  it('lets calls arrive at the configured rate, P1 emergencies at their share, each a valid new order', () => {
    const { i, created } = intake({ ordersPerHour: 100, p1Share: 0.2 });
    for (let h = 0; h <= 10; h += 0.25) i.tick(morning + h * H, morning);
    expect(created.length).toBeGreaterThan(1000 - 130);
    expect(created.length).toBeLessThan(1000 + 130);
    const p1 = created.filter((o) => o.priority === 'P1');
    expect(p1.length / created.length).toBeGreaterThan(0.15);
    expect(p1.length / created.length).toBeLessThan(0.25);
    expect(p1.every((o) => o.type === 'repair' && o.window === null)).toBe(true);
    for (const order of created) expect(createOrder.args.safeParse({ order }).success).toBe(true);
    expect(new Set(created.map((o) => o.id)).size).toBe(created.length);
    expect(new Set(created.map((o) => o.code)).size).toBe(created.length);
    expect(created[0]).toMatchObject({ id: 'wo-k3f9a-1', code: 'WO-K3F9A-0001' });
    expect(i.counts).toMatchObject({ created: created.length, applied: created.length, p1: p1.length });
  });

  it('offers appointments two hours out or later that still meet the SLA', () => {
    const { i, created } = intake({ ordersPerHour: 200, p1Share: 0 });
    i.tick(morning + 2 * H, morning);
    const booked = created.filter((o) => o.window);
    expect(booked.length).toBeGreaterThan(20);
    for (const o of booked) {
      const sla = slaFor(city.slaPolicy, o.priority, o.customer.tier, morning);
      expect(o.window!.start).toBeGreaterThanOrEqual(morning + 2 * H);
      expect(o.window!.end + o.durationMin * 60_000).toBeLessThanOrEqual(sla.resolveBy);
    }
  });

  it('mostly hears from customers the control centre already serves', () => {
    const world = worldAt(morning);
    const known = new Set([...world.orders.values()].map((o) => o.customer.id));
    const { i, created } = intake({ ordersPerHour: 200 }, world);
    i.tick(morning + 2 * H, morning);
    const repeat = created.filter((o) => known.has(o.customer.id)).length / created.length;
    expect(repeat).toBeGreaterThan(0.55);
    expect(repeat).toBeLessThan(0.85);
    expect(created.filter((o) => !known.has(o.customer.id)).every((o) => o.customer.id.startsWith('cus-k3f9a-'))).toBe(
      true,
    );
  });

  it('brings the rest of the seeded city’s day at the times the city says', () => {
    const world = worldAt(morning);
    const rest = restOfCityDay(world, shanghai, morning, { seed: 7, orders: 200 })!;
    const expected = city.orders.filter((o) => o.createdAt > morning);
    expect(rest.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    const { i, created } = intake({ replay: rest }, world);
    i.tick(morning + 4 * H, morning);
    const due = expected.filter((o) => o.createdAt <= morning + 4 * H);
    expect(created.map((o) => o.id).sort()).toEqual(due.map((o) => o.id).sort());
    const first = created[0]!;
    const original = city.orders.find((o) => o.id === first.id)!;
    expect(first).toMatchObject({ code: original.code, priority: original.priority, window: original.window });
    expect(i.counts.replayed).toBe(due.length);
  });

  it('replays nothing when the server runs another city', () => {
    expect(restOfCityDay(worldAt(morning), shanghai, morning, { seed: 8, orders: 200 })).toBeNull();
    expect(restOfCityDay(new FieldWorld(), shanghai, morning, { seed: 7, orders: 200 })).toBeNull();
    // Same engineers (they do not depend on the order count), other orders.
    expect(restOfCityDay(worldAt(morning), shanghai, morning, { seed: 7, orders: 150 })).toBeNull();
  });

  it('counts what the server refused, with the reason', () => {
    const created: NewOrder[] = [];
    const i = new OrderIntake(
      { ordersPerHour: 10, p1Share: 0, seed: 1, runTag: 'x', area: shanghai, start: morning, replay: [] },
      worldAt(morning),
      (order, settled) => (created.push(order), settled(false, 'order code is already in use')),
    );
    i.tick(morning + 3 * H, morning);
    expect(i.counts.rejected).toBe(created.length);
    expect(i.lastRejection).toMatch(/already in use/);
  });
});
