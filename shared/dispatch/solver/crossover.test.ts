import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { crossover } from './crossover.js';
import { ALL_FEATURES, arbitraryModel } from './instances.testing.js';
import type { VrpModel } from './model.js';
import { Plan, type PlanSnapshot } from './plan.js';
import { brokenPairs, individual, Population } from './population.js';
import { Random } from '../../random/index.js';
import { referenceRoute } from './reference.testing.js';
import { defaultPopulation, solve } from './solve.js';

/** A solved plan of `model` as a snapshot (vehicle order). */
function solved(model: VrpModel, seed: number): PlanSnapshot {
  const result = solve(model, { seed, maxIterations: 200 });
  const routes = model.vehicles.map(() => new Int32Array(0));
  for (const r of result.routes) routes[r.vehicle] = Int32Array.from(r.jobs);
  return { routes, unassigned: result.unassigned.map((u) => u.job) };
}

function child(model: VrpModel, a: PlanSnapshot, b: PlanSnapshot, seed: number): PlanSnapshot {
  const cm = compileModel(model);
  const plan = new Plan(cm);
  crossover(cm, plan, a, b, new Random(seed), 0.01);
  return plan.snapshot();
}

/** Ten jobs on a line, four identical vehicles at location 0; job j at location j + 1. */
const line: VrpModel = {
  matrix: {
    size: 11,
    durations: Array.from({ length: 121 }, (_, k) => Math.abs((k % 11) - Math.floor(k / 11)) * 10),
  },
  vehicles: Array.from({ length: 4 }, () => ({ start: 0, end: 0, timeWindow: [0, 1000] as const, capacity: [4] })),
  jobs: Array.from({ length: 10 }, (_, j) => ({ location: j + 1, service: 5, delivery: [1] })),
};
const snap = (routes: number[][], n = 10): PlanSnapshot => ({
  routes: routes.map((r) => Int32Array.from(r)),
  unassigned: [...Array(n).keys()].filter((j) => !routes.some((r) => r.includes(j))),
});

describe('route-exchange crossover', () => {
  it('gives a valid plan: every job once, in a feasible route or unassigned, pinned jobs on their vehicle', () => {
    fc.assert(
      fc.property(arbitraryModel(ALL_FEATURES), fc.integer({ min: 1, max: 1000 }), (model, seed) => {
        const a = solved(model, seed);
        const b = solved(model, seed + 1);
        const c = child(model, a, b, seed);
        const seen = [...c.routes.flatMap((r) => [...r]), ...c.unassigned].sort((x, y) => x - y);
        expect(seen).toEqual([...model.jobs.keys()]);
        c.routes.forEach((jobs, v) => {
          expect(referenceRoute(model, v, [...jobs]).feasible).toBe(true);
          for (const j of jobs) {
            const job = model.jobs[j]!;
            if (job.pinned) expect(v).toBe(job.pinned.vehicle);
            if (job.allowedVehicles) expect(job.allowedVehicles).toContain(v);
          }
        });
        // Pinned jobs the parents served are still served.
        for (const [j, job] of model.jobs.entries()) {
          if (job.pinned && !a.unassigned.includes(j) && !b.unassigned.includes(j)) {
            expect(c.unassigned).not.toContain(j);
          }
        }
      }),
      { numRuns: 80, seed: 5 },
    );
  });

  it('keeps a group of routes of the first parent whole and fills in from the second', () => {
    const a = snap([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
    const b = snap([[0, 3, 6], [1, 4, 7], [2, 5, 8], [9]]);
    for (let seed = 1; seed <= 20; seed++) {
      const c = child(line, a, b, seed);
      const whole = a.routes.filter((r) => c.routes.some((x) => x.join() === r.join()));
      expect(whole.length).toBeGreaterThanOrEqual(1);
      expect(c.unassigned).toEqual([]);
      expect(c.routes.flatMap((r) => [...r]).sort((x, y) => x - y)).toEqual([...line.jobs.keys()]);
    }
  });

  it('is the same child for the same parents and seed', () => {
    const a = snap([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
    const b = snap([
      [9, 8, 7],
      [6, 5, 4],
      [3, 2],
      [1, 0],
    ]);
    const children = [1, 2, 3].map((seed) => child(line, a, b, seed).routes.map((r) => [...r]));
    expect([1, 2, 3].map((seed) => child(line, a, b, seed).routes.map((r) => [...r]))).toEqual(children);
  });
});

describe('the population', () => {
  const cm = compileModel(line);
  const ind = (routes: number[][], cost: number) => individual(cm, snap(routes), Float64Array.of(cost));

  it('measures broken pairs: none for the same routes on other vehicles or reversed, all for unrelated plans', () => {
    const x = ind([[0, 1, 2], [3, 4], [], []], 1);
    expect(brokenPairs(x, ind([[], [4, 3], [0, 1, 2], []], 1))).toBe(0);
    expect(brokenPairs(x, ind([[2, 1, 0], [3, 4], [], []], 1))).toBe(0);
    // Job 2 ends the route in x and is followed by 3 in y; job 3 starts a route in x but sits inside y's route.
    expect(brokenPairs(x, ind([[0, 1, 2, 3, 4], [], [], []], 1))).toBeCloseTo(2 / 10, 9);
  });

  it('refuses clones and drops the plans that bring least when it outgrows its size', () => {
    const pop = new Population({ size: 3, generation: 2, elite: 1, close: 2 });
    expect(pop.add(ind([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [], [], []], 10))).toBe(true);
    expect(pop.add(ind([[], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [], []], 10))).toBe(false);
    const plans = [
      [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9], []],
      [[0, 2, 4, 6], [1, 3, 5, 7], [8, 9], []],
      [[9, 8, 7, 6], [5, 4, 3, 2], [1, 0], []],
      [
        [0, 5],
        [1, 6],
        [2, 7],
        [3, 4, 8, 9],
      ],
      [[0, 1, 2, 3], [4, 5, 6, 7], [9, 8], []],
    ];
    plans.forEach((p, i) => pop.add(ind(p, 20 + i)));
    expect(pop.length).toBe(3);
    // The best plan is elite: it stays whatever the others bring.
    expect(pop.best()!.score[0]).toBe(10);
    const rng = new Random(4);
    for (let k = 0; k < 20; k++) expect(pop.members).toContain(pop.select(rng));
  });
});

describe('solve with the genetic search', () => {
  it('returns feasible plans, every job once, and the same plan for the same seed and iteration limit', () => {
    const tuning = { population: 4, generation: 3, segment: 20, seedPlans: 2 };
    fc.assert(
      fc.property(arbitraryModel(), fc.integer({ min: 1, max: 1000 }), (model, seed) => {
        const result = solve(model, { seed, maxIterations: 300, tuning });
        const seen = [...result.routes.flatMap((r) => r.jobs), ...result.unassigned.map((u) => u.job)].sort(
          (x, y) => x - y,
        );
        expect(seen).toEqual([...model.jobs.keys()]);
        for (const r of result.routes) expect(referenceRoute(model, r.vehicle, r.jobs).feasible).toBe(true);
        expect(JSON.stringify(solve(model, { seed, maxIterations: 300, tuning }))).toBe(JSON.stringify(result));
      }),
      { numRuns: 40, seed: 13 },
    );
    // Eighty searches of 300 steps: under a second on a quiet machine; the timeout only catches a hang.
  }, 60_000);
});

describe('where the genetic search is on by default', () => {
  const weighted = compileModel(line);
  const jobsWithPriorities = line.jobs.map((job, j) => ({ ...job, priority: j % 3 }));
  const priorityFirst = compileModel({ ...line, jobs: jobsWithPriorities, objective: { mode: 'priority-first' } });

  it('is on in long runs of the weighted mode whose first plan serves every job', () => {
    expect(defaultPopulation(weighted, 0, { timeLimitMs: 10_000 })).toBeGreaterThan(0);
    expect(defaultPopulation(weighted, 0, { maxIterations: 100_000 })).toBeGreaterThan(0);
  });

  it('is off in short runs, on overbooked days and with priority classes (the field-service days)', () => {
    expect(defaultPopulation(weighted, 0, { timeLimitMs: 1000 })).toBe(0);
    expect(defaultPopulation(weighted, 0, {})).toBe(0);
    expect(defaultPopulation(weighted, 0, { maxIterations: 5000 })).toBe(0);
    expect(defaultPopulation(weighted, 3, { timeLimitMs: 10_000 })).toBe(0);
    expect(defaultPopulation(priorityFirst, 0, { timeLimitMs: 10_000 })).toBe(0);
  });
});
