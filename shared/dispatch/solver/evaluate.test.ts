import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { evaluateRoute, RouteSet } from './evaluate.js';
import { arbitraryModel } from './instances.testing.js';
import type { VrpModel } from './model.js';
import { referenceRoute } from './reference.testing.js';

// Depot at 0, jobs along a line; vehicle 1 lacks skill 5, vehicle 2 carries 1 unit only.
const size = 6;
const durations = new Float64Array(size * size);
for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) durations[i * size + j] = Math.abs(i - j) * 10;
const model: VrpModel = {
  matrix: { size, durations },
  vehicles: [
    { start: 0, end: 0, skills: [5], capacity: [9], timeWindow: [0, 500] },
    { start: 0, end: 0, capacity: [9], timeWindow: [0, 500] },
    { start: 0, end: 0, skills: [5], capacity: [1], timeWindow: [0, 500] },
  ],
  jobs: [
    { location: 1, service: 10, delivery: [1] },
    { location: 3, service: 10, delivery: [1] },
    { location: 2, service: 10, delivery: [1], skills: [5], timeWindows: [[0, 100]] },
    { location: 5, service: 10, delivery: [1], timeWindows: [[0, 20]] },
  ],
};

describe('RouteSet', () => {
  const cm = compileModel(model);
  const set = new RouteSet(cm, [
    { vehicle: 0, jobs: [0, 1] },
    { vehicle: 2, jobs: [0] },
  ]);

  it('gives the cheapest position and cost of a job on every vehicle, or the rule that rules it out', () => {
    expect(set.insertionOptions(2)).toEqual([
      { vehicle: 0, feasible: true, index: 1, costDelta: 0 },
      { vehicle: 1, feasible: false, index: -1, costDelta: Infinity, failure: 'incompatible' },
      { vehicle: 2, feasible: false, index: -1, costDelta: Infinity, failure: 'capacity' },
    ]);
    expect(set.insertion(3, 0)).toMatchObject({ feasible: false, failure: 'time' });
    expect(set.insertion(3, 1)).toMatchObject({ feasible: false, failure: 'time' });
    expect(set.routeCost(0)).toBe(60);
  });

  it("says so when a vehicle's current route already breaks a rule", () => {
    const late = new RouteSet(cm, [{ vehicle: 1, jobs: [1, 3] }]);
    expect(late.routeCost(1)).toBe(Infinity);
    expect(late.insertion(0, 1)).toMatchObject({ feasible: false, failure: 'route-infeasible' });
  });

  it('agrees with a brute-force check of every position on random instances', () => {
    fc.assert(
      fc.property(arbitraryModel(), fc.nat(), (m, pick) => {
        const c = compileModel(m);
        const job = pick % m.jobs.length;
        const others = [...m.jobs.keys()].filter((j) => j !== job);
        const routes = m.vehicles.map((_, v) => ({
          vehicle: v,
          jobs: others.filter((j) => j % m.vehicles.length === v),
        }));
        const feasibleRoutes = routes.filter((r) => referenceRoute(m, r.vehicle, r.jobs).feasible);
        const rs = new RouteSet(c, feasibleRoutes);
        for (const r of feasibleRoutes) {
          const base = referenceRoute(m, r.vehicle, r.jobs).cost;
          let best = Infinity;
          for (let i = 0; i <= r.jobs.length; i++) {
            const cost = referenceRoute(m, r.vehicle, [...r.jobs.slice(0, i), job, ...r.jobs.slice(i)]).cost - base;
            best = Math.min(best, cost);
          }
          const option = rs.insertion(job, r.vehicle);
          expect(option.feasible).toBe(best < Infinity);
          if (option.feasible) expect(option.costDelta).toBeCloseTo(best, 6);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('evaluateRoute', () => {
  const cm = compileModel(model);
  it('schedules a given order and reports its cost', () => {
    const result = evaluateRoute(cm, 0, [2, 0, 1]);
    expect(result.feasible).toBe(true);
    expect(result.cost).toBe(80);
    expect(result.route!.stops.map((s) => [s.kind, s.index, s.start])).toEqual([
      ['start', undefined, 0],
      ['job', 2, 20],
      ['job', 0, 40],
      ['job', 1, 70],
      ['end', undefined, 110],
    ]);
  });

  it('names the rule a given order breaks', () => {
    expect(evaluateRoute(cm, 1, [2])).toMatchObject({ feasible: false, failure: 'incompatible' });
    expect(evaluateRoute(cm, 2, [0, 1])).toMatchObject({ feasible: false, failure: 'capacity' });
    expect(evaluateRoute(cm, 0, [0, 1, 3])).toMatchObject({ feasible: false, failure: 'time' });
    expect(() => evaluateRoute(cm, 0, [9])).toThrow('jobs[0]: index 9 is out of range 0..3');
  });
});
