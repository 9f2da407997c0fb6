import { describe, expect, it } from 'vitest';
import { compileModel, type CompiledModel } from './compile.js';
import type { VrpModel } from './model.js';
import { Plan } from './plan.js';
import { Random } from '../../random/index.js';
import { newScore, scorePlan } from './priority.js';
import { recreateGreedy } from './recreate.js';

/**
 * Engineer A works near locations 1 and 2 until minute 100 and serves job 0 (90 min); engineer B lives 50 minutes
 * away with all day free and serves job 2. Job 1 (30 min, next to job 0) no longer fits beside job 0: only B can
 * take it. Its one nearest job is job 0, in A's route.
 */
const model: VrpModel = {
  matrix: {
    size: 4,
    durations: [0, 1, 1, 50, 1, 0, 1, 50, 1, 1, 0, 50, 50, 50, 50, 0],
  },
  vehicles: [
    { start: 0, end: 0, timeWindow: [0, 100] },
    { start: 3, end: 3, timeWindow: [0, 1000] },
  ],
  jobs: [
    { location: 1, service: 90 },
    { location: 2, service: 30 },
    { location: 3, service: 10 },
  ],
};

function planned(): { cm: CompiledModel; plan: Plan } {
  const compiled = compileModel(model);
  // One nearest job each (a real day has a hundred among thousands).
  const cm: CompiledModel = { ...compiled, adjCount: 1, adjacency: Int32Array.from([1, 0, 0]) };
  const plan = new Plan(cm);
  plan.insert(0, 1, 0);
  plan.insert(1, 1, 2);
  plan.collectUnassigned();
  plan.begin();
  return { cm, plan };
}

describe('recreateGreedy', () => {
  it('tries every route by default', () => {
    const { cm, plan } = planned();
    recreateGreedy(cm, plan, [1], new Random(1), 0);
    expect(plan.routeOf[1]).toBe(1);
  });

  it('with near routes, tries only the routes of the nearest jobs', () => {
    const { cm, plan } = planned();
    recreateGreedy(cm, plan, [1], new Random(1), 0, true);
    expect(plan.routeOf[1]).toBe(-1);
    expect(plan.unassigned).toContain(1);
  });

  it('with near routes, also tries the routes changed in this step', () => {
    const { cm, plan } = planned();
    plan.setRoute(1, [2], 1);
    recreateGreedy(cm, plan, [1], new Random(1), 0, true);
    expect(plan.routeOf[1]).toBe(1);
  });
});

describe('recreateGreedy with near routes, a job that fitted nowhere in a route', () => {
  // One engineer until minute 100. With jobs 0 (10 min) and 2 (70 min) job 1 (30 min) does not fit; with job 0 alone
  // it does. Job 1's one nearest job is job 0.
  const day: VrpModel = {
    matrix: { size: 3, durations: [0, 1, 1, 1, 0, 1, 1, 1, 0] },
    vehicles: [{ start: 0, end: 0, timeWindow: [0, 100] }],
    jobs: [
      { location: 1, service: 10 },
      { location: 1, service: 30 },
      { location: 2, service: 70 },
    ],
  };
  const start = (): { cm: CompiledModel; plan: Plan } => {
    const compiled = compileModel(day);
    const cm: CompiledModel = { ...compiled, adjCount: 1, adjacency: Int32Array.from([1, 0, 0]) };
    const plan = new Plan(cm);
    plan.setRoute(0, [0, 2], 2);
    plan.collectUnassigned();
    plan.unassigned = [];
    plan.begin();
    return { cm, plan };
  };

  it('is tried there again once the route has changed', () => {
    const { cm, plan } = start();
    recreateGreedy(cm, plan, [1], new Random(1), 0, true);
    expect(plan.unassigned).toEqual([1]);
    plan.commit();
    plan.begin();
    plan.unassigned = [];
    plan.removeRange(0, 2, 2);
    recreateGreedy(cm, plan, [1], new Random(1), 0, true);
    expect(plan.routes[0]!.toArray()).toContain(1);
  });

  it('is tried there again after a rollback gave the route back', () => {
    const { cm, plan } = start();
    plan.removeRange(0, 2, 2);
    plan.commit();
    // A step puts job 2 back and leaves job 1 out; it is refused.
    plan.begin();
    plan.insert(0, 2, 2);
    recreateGreedy(cm, plan, [1], new Random(1), 0, true);
    expect(plan.unassigned).toEqual([1]);
    plan.rollback();
    expect(plan.routes[0]!.toArray()).toEqual([0]);
    plan.begin();
    plan.unassigned = [];
    recreateGreedy(cm, plan, [1], new Random(1), 0, true);
    expect(plan.routes[0]!.toArray()).toContain(1);
  });
});

describe('recreateGreedy with a floor', () => {
  // One engineer, 100 minutes: the P1 (200 min) fits nowhere, the P4 (10 min) fits.
  const day: VrpModel = {
    matrix: { size: 2, durations: [0, 1, 1, 0] },
    vehicles: [{ start: 0, end: 0, timeWindow: [0, 100] }],
    jobs: [
      { location: 1, service: 200, priority: 3 },
      { location: 1, service: 10, priority: 0 },
    ],
    objective: { mode: 'priority-first' },
  };
  const recreate = (floor?: (cm: CompiledModel) => Float64Array) => {
    const cm = compileModel(day);
    const plan = new Plan(cm);
    plan.begin();
    plan.unassigned = [];
    recreateGreedy(cm, plan, [1, 0], new Random(1), 0, false, floor?.(cm));
    return plan;
  };

  it('gives up once a higher class is sure to score worse than the floor, leaving the rest out', () => {
    // The floor: the P1 served (nothing of class 0 left out).
    const plan = recreate((cm) => newScore(cm));
    expect(plan.routeOf[1]).toBe(-1);
    expect([...plan.unassigned].sort()).toEqual([0, 1]);
  });

  it('goes on when the higher classes are no worse than the floor', () => {
    // The floor: both left out.
    const plan = recreate((cm) => {
      const all = new Plan(cm);
      all.collectUnassigned();
      return scorePlan(cm, all, newScore(cm));
    });
    expect(plan.routeOf[1]).toBe(0);
    expect(plan.unassigned).toEqual([0]);
  });

  it('without a floor places every job it can', () => {
    expect(recreate().routeOf[1]).toBe(0);
  });
});

describe("recreateGreedy with a floor, a class's jobs in each other's way", () => {
  // Both P2s can go to A (next to them), only one at a time; B, 10 minutes away with a short shift, has room for the
  // short one (20 min) only. The short one is cheaper at A: placed first, it takes the only place the long one fits.
  const day: VrpModel = {
    matrix: { size: 3, durations: [0, 1, 10, 1, 0, 10, 10, 10, 0] },
    vehicles: [
      { start: 0, end: 0, timeWindow: [0, 70] },
      { start: 2, end: 2, timeWindow: [0, 45] },
    ],
    jobs: [
      { location: 1, service: 60, priority: 2 },
      { location: 1, service: 20, priority: 2 },
      // A lower class, so that the P2s are not the lowest (whose jobs are never placed again).
      { location: 2, service: 1000, priority: 0 },
    ],
    objective: { mode: 'priority-first' },
  };
  const recreate = (seed: number, withFloor: boolean) => {
    const cm = compileModel(day);
    const plan = new Plan(cm);
    plan.begin();
    plan.unassigned = [];
    // The floor: every P2 served.
    recreateGreedy(cm, plan, [1, 0], new Random(seed), 0, false, withFloor ? newScore(cm) : undefined);
    return plan;
  };
  const seeds = Array.from({ length: 20 }, (_, k) => k + 1);

  it('places the class again, the left-out job first, when the first order left one out', () => {
    for (const seed of seeds) {
      const plan = recreate(seed, true);
      expect(plan.unassigned).toEqual([]);
      expect([plan.routeOf[0], plan.routeOf[1]]).toEqual([0, 1]);
    }
  });

  it('goes on to the lower classes once the class placed again kept every job', () => {
    // B has 5 minutes more, for a P4 at its home: placed only if the step is not given up after the P2s.
    const withP4: VrpModel = {
      ...day,
      vehicles: [day.vehicles[0]!, { start: 2, end: 2, timeWindow: [0, 50] }],
      jobs: [day.jobs[0]!, day.jobs[1]!, { location: 2, service: 5, priority: 0 }],
    };
    const cm = compileModel(withP4);
    const run = (seed: number, withFloor: boolean): Plan => {
      const plan = new Plan(cm);
      plan.begin();
      plan.unassigned = [];
      recreateGreedy(cm, plan, [1, 0, 2], new Random(seed), 0, false, withFloor ? newScore(cm) : undefined);
      return plan;
    };
    // Orders drawn where the short P2 went first and left the long one out: there the P2s are placed again.
    expect(seeds.filter((seed) => run(seed, false).unassigned.includes(0)).length).toBeGreaterThan(0);
    for (const seed of seeds) {
      const plan = run(seed, true);
      expect(plan.unassigned).toEqual([]);
      expect([plan.routeOf[0], plan.routeOf[1], plan.routeOf[2]]).toEqual([0, 1, 1]);
    }
  });

  it('without a floor places them in the order drawn (the short one first leaves the long one out)', () => {
    const left = seeds.filter((seed) => recreate(seed, false).unassigned.includes(0));
    expect(left.length).toBeGreaterThan(0);
    for (const seed of left) expect(recreate(seed, false).routeOf[1]).toBe(0);
  });
});
