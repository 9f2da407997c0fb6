import { generateScenario } from '../../shared/scenario/index.js';
import type { Snapshot } from '../src/services/index.js';

/**
 * A benchmark day: a generated city with every order booked, engineers' days filled back to back, so the board has
 * exactly `orders` bars over `engineers` rows.
 */
export function benchSnapshot(engineers: number, orders: number): Snapshot {
  const city = generateScenario({ seed: 11, engineers, orders });
  const day = city.meta.dayStart;
  const cursor = new Map<string, number>();
  const list = city.orders.map((o, i) => {
    const e = city.engineers[i % city.engineers.length]!;
    const start = cursor.get(e.id) ?? day + 7 * 3_600_000;
    const end = start + o.durationMin * 60_000;
    cursor.set(e.id, end + 20 * 60_000);
    return {
      ...o,
      status: 'scheduled' as const,
      booking: { engineerId: e.id, start, end, pinned: i % 9 === 0 },
      pending: i % 23 === 0,
    };
  });
  return {
    orders: list,
    engineers: city.engineers.map((e) => ({ ...e, pending: false })),
    policy: city.slaPolicy,
    positions: [],
    status: { state: 'online', pending: 0, conflicts: 0, lastSyncAt: day, message: null, stuck: null },
    principal: { kind: 'user', id: 'bench', name: 'Bench', role: 'dispatcher', engineerId: null },
    clientId: 'bench',
  };
}
