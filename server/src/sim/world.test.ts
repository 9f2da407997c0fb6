import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../shared/domain/index.js';
import { generateScenario } from '../../../shared/scenario/index.js';
import { FieldWorld } from './world.js';

const city = generateScenario({ seed: 4, engineers: 6, orders: 30 });
const [e1, e2] = city.engineers;
const book = (
  o: WorkOrder,
  engineerId: string,
  start: number,
  status: WorkOrder['status'] = 'scheduled',
): WorkOrder => ({
  ...o,
  status,
  booking: { engineerId, start, end: start + o.durationMin * 60_000, pinned: false },
});

describe('FieldWorld', () => {
  it('lists each engineer’s booked jobs in planned order and follows moves, unassignments and completions', () => {
    const w = new FieldWorld();
    const [a, b, c] = city.orders.filter((o) => o.status === 'new');
    const t = city.meta.dayStart + 9 * 3_600_000;
    w.apply('reset', [
      ...city.engineers.map((value) => ({ entity: 'engineer' as const, value })),
      { entity: 'order', value: book(a!, e1!.id, t + 7_200_000) },
      { entity: 'order', value: book(b!, e1!.id, t) },
      { entity: 'policy', value: city.slaPolicy },
    ]);
    expect(w.jobsOf(e1!.id).map((o) => o.id)).toEqual([b!.id, a!.id]);
    expect(w.policy).toEqual(city.slaPolicy);

    w.apply('changes', [
      { entity: 'order', value: book(a!, e2!.id, t) }, // moved to another engineer
      { entity: 'order', value: { ...b!, status: 'new', booking: null } }, // unassigned
      { entity: 'order', value: book(c!, e1!.id, t, 'en_route') },
    ]);
    expect(w.jobsOf(e1!.id).map((o) => o.id)).toEqual([c!.id]);
    expect(w.jobsOf(e2!.id).map((o) => o.id)).toEqual([a!.id]);

    w.apply('changes', [{ entity: 'order', value: { ...book(c!, e1!.id, t), status: 'completed' } }]);
    expect(w.jobsOf(e1!.id)).toEqual([]);
    expect(w.order(c!.id)?.status).toBe('completed');
  });

  it('starts over on a reset', () => {
    const w = new FieldWorld();
    w.apply('reset', [{ entity: 'order', value: book(city.orders[0]!, e1!.id, 0) }]);
    w.apply('reset', [{ entity: 'engineer', value: e1! }]);
    expect(w.orders.size).toBe(0);
    expect(w.jobsOf(e1!.id)).toEqual([]);
    expect(w.engineer(e1!.id)?.name).toBe(e1!.name);
  });
});
