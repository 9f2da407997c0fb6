import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../../shared/scenario/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import { isMovable, nudge } from './drag.js';
import { KeyTargets } from './key-moves.js';
import { buildBoardModel } from './model.js';

const city = generateScenario({ seed: 5, engineers: 12, orders: 80 });
const engineers = new Map<string, EngineerView>(city.engineers.map((e) => [e.id, { ...e, pending: false }]));
const H = 3_600_000;
const STEP = 15 * 60_000;

describe('arrow-key moves made faster than the cache catches up', () => {
  const orders = new Map<string, OrderView>(city.orders.map((o) => [o.id, { ...o, pending: false }]));
  const model = buildBoardModel(engineers, orders, [], city.meta.dayStart, city.meta.dayStart + 24 * H);
  const order = city.orders.find((o) => o.booking && isMovable({ ...o, pending: false }))!;
  const start = order.booking!.start;

  it('moves a booking one step per press while the cache still shows it where it was', () => {
    const targets = new KeyTargets();
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const view = targets.view(orders, [order.id]);
      const moves = nudge([order.id], view, model, 'ArrowRight', 15);
      targets.record(moves, orders);
      starts.push(moves[0]!.start!);
    }
    expect(starts).toEqual([start + STEP, start + 2 * STEP, start + 3 * STEP]);
  });

  it('believes the cache once it shows the booking elsewhere, and forgets moves that were not made', () => {
    const targets = new KeyTargets();
    const view = targets.view(orders, [order.id]);
    targets.record(nudge([order.id], view, model, 'ArrowRight', 15), orders);
    // The move arrived.
    const arrived = new Map(orders);
    const b = order.booking!;
    arrived.set(order.id, { ...order, pending: false, booking: { ...b, start: b.start + STEP, end: b.end + STEP } });
    expect(targets.view(arrived, [order.id]).get(order.id)!.booking!.start).toBe(start + STEP);
    // A colleague moved it an hour back meanwhile: the next press starts from there.
    const again = new KeyTargets();
    again.record(nudge([order.id], again.view(orders, [order.id]), model, 'ArrowRight', 15), orders);
    const moved = new Map(orders);
    moved.set(order.id, { ...order, pending: false, booking: { ...b, start: b.start - H, end: b.end - H } });
    expect(again.view(moved, [order.id]).get(order.id)!.booking!.start).toBe(start - H);
    // A move refused or left waiting is forgotten: the next press starts from the cache.
    const refused = new KeyTargets();
    const moves = nudge([order.id], refused.view(orders, [order.id]), model, 'ArrowLeft', 15);
    refused.record(moves, orders);
    refused.forget(moves);
    expect(refused.view(orders, [order.id]).get(order.id)!.booking!.start).toBe(start);
  });
});
