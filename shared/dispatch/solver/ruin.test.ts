import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import type { VrpModel } from './model.js';
import { Plan } from './plan.js';
import { Random } from '../../random/index.js';
import { recreateGreedy } from './recreate.js';
import { ruinRoute } from './ruin.js';

/** Three vehicles at a depot (location 0), four jobs on a line; vehicle 0 serves jobs 0–1, 1 serves 2, 2 serves 3. */
function model(pinJob3 = false): VrpModel {
  const at = [0, 1, 2, 3, 4];
  const durations = at.flatMap((a) => at.map((b) => Math.abs(a - b)));
  return {
    matrix: { size: 5, durations },
    vehicles: [
      { start: 0, end: 0 },
      { start: 0, end: 0 },
      { start: 0, end: 0 },
    ],
    jobs: [
      { location: 1 },
      { location: 2 },
      { location: 3 },
      pinJob3 ? { location: 4, pinned: { vehicle: 2 } } : { location: 4 },
    ],
  };
}

function planned(pinJob3 = false): Plan {
  const plan = new Plan(compileModel(model(pinJob3)));
  plan.insert(0, 1, 0);
  plan.insert(0, 2, 1);
  plan.insert(1, 1, 2);
  plan.insert(2, 1, 3);
  plan.collectUnassigned();
  plan.begin();
  return plan;
}

describe('ruinRoute', () => {
  it('takes every job out of one route and lets recreate use only the routes left', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const plan = planned();
      const cm = plan.cm;
      const removed: number[] = [];
      expect(ruinRoute(cm, plan, new Random(seed), removed)).toBe(true);
      const emptied = plan.routes.findIndex((r) => r.len === 0);
      expect(emptied).toBeGreaterThanOrEqual(0);
      expect(removed.length).toBeGreaterThan(0);
      for (const j of removed) expect(plan.routeOf[j]).toBe(-1);
      expect(plan.maxRoutes).toBe(2);
      recreateGreedy(cm, plan, removed, new Random(seed), 0);
      // Every job is back, and still on two routes: the emptied route was not reopened.
      expect(plan.unassigned).toEqual([]);
      for (const j of [0, 1, 2, 3]) expect(plan.routeOf[j]).toBeGreaterThanOrEqual(0);
      expect(plan.routes.filter((r) => r.len > 0)).toHaveLength(2);
    }
  });

  it('takes the smaller of the two routes drawn', () => {
    // Over many draws the two-job route is emptied less often than either one-job route.
    let bigEmptied = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const plan = planned();
      ruinRoute(plan.cm, plan, new Random(seed), []);
      if (plan.routes[0]!.len === 0) bigEmptied++;
    }
    // Drawn twice and kept only when both draws fall on it: 1/9 of the time.
    expect(bigEmptied).toBeGreaterThan(5);
    expect(bigEmptied).toBeLessThan(45);
  });

  it('leaves a route with a pinned job, and a plan with one route, as they are', () => {
    let refused = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const plan = planned(true);
      const removed: number[] = [];
      if (!ruinRoute(plan.cm, plan, new Random(seed), removed)) {
        refused++;
        expect(removed).toEqual([]);
        expect(plan.maxRoutes).toBe(Infinity);
      }
      expect(plan.routes[2]!.toArray()).toEqual([3]);
    }
    expect(refused).toBeGreaterThan(0);

    const one = new Plan(compileModel(model()));
    for (const j of [0, 1, 2, 3]) one.insert(0, j + 1, j);
    one.collectUnassigned();
    one.begin();
    expect(ruinRoute(one.cm, one, new Random(1), [])).toBe(false);
    expect(one.routes[0]!.toArray()).toEqual([0, 1, 2, 3]);
    expect(one.maxRoutes).toBe(Infinity);
  });
});
