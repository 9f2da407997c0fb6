import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_FEATURES, arbitraryModel } from './instances.testing.js';
import type { JobSpec, VrpModel } from './model.js';
import { referencePlanCost, referenceRoute } from './reference.testing.js';
import { compileModel } from './compile.js';
import type { SearchTuning } from './search.js';
import { baseTuning, solve, type SolveOptions } from './solve.js';
import type { SolveImprovement, SolveResult } from './solution.js';

/** Jobs on a line from a depot at 0: location i is at distance i·10. */
function lineModel(jobs: JobSpec[], vehicles: VrpModel['vehicles'], size = 8): VrpModel {
  const durations = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) durations[i * size + j] = Math.abs(i - j) * 10;
  return { matrix: { size, durations }, vehicles, jobs };
}

function planOf(model: VrpModel, result: SolveResult): number[][] {
  const routes = model.vehicles.map((): number[] => []);
  for (const r of result.routes) routes[r.vehicle] = [...r.jobs];
  return routes;
}

/** The cheapest plan by trying every assignment of jobs to vehicles (or none) and every order. */
function bruteForceOptimum(model: VrpModel): number {
  const n = model.jobs.length;
  const nV = model.vehicles.length;
  let best = Infinity;
  const permutations = (items: number[]): number[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
  const bestRoute = (v: number, jobs: number[]): { cost: number; order: number[] } => {
    let cost = Infinity;
    let order: number[] = [];
    for (const p of permutations(jobs)) {
      const c = referenceRoute(model, v, p).cost;
      if (c < cost) {
        cost = c;
        order = p;
      }
    }
    return { cost, order };
  };
  const assignment = new Array<number>(n).fill(0);
  for (let code = 0; code < (nV + 1) ** n; code++) {
    let c = code;
    for (let j = 0; j < n; j++) {
      assignment[j] = c % (nV + 1);
      c = Math.floor(c / (nV + 1));
    }
    const routes = model.vehicles.map(
      (_, v) =>
        bestRoute(
          v,
          assignment.flatMap((a, j) => (a === v ? [j] : [])),
        ).order,
    );
    best = Math.min(best, referencePlanCost(model, routes));
  }
  return best;
}

describe('solve', () => {
  it('finds the proven optimum of small rich instances (brute force over every plan)', () => {
    // Without pinned jobs: the brute force would also try plans that drop a pinned job, which the solver never does.
    fc.assert(
      fc.property(arbitraryModel({ ...ALL_FEATURES, pinned: false }), (model) => {
        fc.pre(model.jobs.length <= 5 && model.vehicles.length <= 2);
        const result = solve(model, { seed: 3, maxIterations: 1500 });
        const optimum = bruteForceOptimum(model);
        expect(referencePlanCost(model, planOf(model, result))).toBeCloseTo(optimum, 6);
        expect(result.cost.total).toBeCloseTo(optimum, 6);
      }),
      { numRuns: 40, seed: 7 },
    );
    // Forty searches of 1,500 iterations, each checked against every plan of up to five jobs on two vehicles: about
    // a second and a half on a quiet machine. The timeout only catches a hang, with room for a many times busier one.
  }, 60_000);

  it.each([
    ['', {}],
    [', with whole routes ruined in a third of the steps', { routeRemoval: 0.3 }],
  ])(
    'returns only feasible routes and reports every job exactly once%s',
    (_, tuning) => {
      fc.assert(
        fc.property(arbitraryModel(), fc.integer({ min: 1, max: 1000 }), (model, seed) => {
          const result = solve(model, { seed, maxIterations: 300, tuning });
          const seen = [...result.routes.flatMap((r) => r.jobs), ...result.unassigned.map((u) => u.job)].sort(
            (a, b) => a - b,
          );
          expect(seen).toEqual([...model.jobs.keys()]);
          for (const r of result.routes) expect(referenceRoute(model, r.vehicle, r.jobs).feasible).toBe(true);
          expect(result.cost.total).toBeCloseTo(referencePlanCost(model, planOf(model, result)), 6);
          // Pinned jobs stay on their vehicle at their fixed start; the others go only where they are allowed.
          for (const r of result.routes) {
            for (const s of r.stops) {
              if (s.kind !== 'job') continue;
              const job = model.jobs[s.index!]!;
              if (job.pinned) expect(r.vehicle).toBe(job.pinned.vehicle);
              if (job.pinned?.start !== undefined) expect(s.start).toBe(job.pinned.start);
              if (job.allowedVehicles) expect(job.allowedVehicles).toContain(r.vehicle);
            }
          }
        }),
        { numRuns: 60, seed: 11 },
      );
      // Sixty searches of 300 iterations: a quarter of a second on a quiet machine; the timeout only catches a hang.
    },
    60_000,
  );

  it('gives byte-identical results for the same seed and iteration limit', () => {
    fc.assert(
      fc.property(arbitraryModel(), (model) => {
        const a = solve(model, { seed: 5, maxIterations: 400 });
        const b = solve(model, { seed: 5, maxIterations: 400 });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 20, seed: 3 },
    );
    // Forty searches of 400 iterations: a quarter of a second on a quiet machine; the timeout only catches a hang.
  }, 60_000);

  it('stops when cancelled and still returns the best plan so far', () => {
    const model = lineModel(
      [1, 2, 3, 4, 5, 6, 7].map((location) => ({ location, service: 5 })),
      [{ start: 0, end: 0 }],
    );
    let polls = 0;
    const result = solve(model, { seed: 1, maxIterations: 1_000_000, shouldStop: () => ++polls > 3 });
    expect(result.cancelled).toBe(true);
    expect(result.iterations).toBeLessThan(100);
    expect(result.unassigned).toEqual([]);
    expect(result.cost.total).toBe(140);
  });

  it('reports progress at a bounded rate with the share of the budget used', () => {
    const model = lineModel(
      [1, 2, 3, 4, 5, 6, 7].map((location) => ({ location })),
      [{ start: 0, end: 0 }],
    );
    // A clock that moves 10 ms per read: the search then reads it at every step, a couple of hundred steps in all (at
    // 1 ms per read it ran up to 1,024 steps between reads, two million steps: half a minute on a busy machine).
    let now = 0;
    const clock = (): number => (now += 10);
    const reports: { fraction: number; bestCost: number }[] = [];
    solve(model, { seed: 1, timeLimitMs: 2000, clock, progressIntervalMs: 100, onProgress: (p) => reports.push(p) });
    expect(now).toBeGreaterThanOrEqual(2000);
    // One report per 100 ms of clock at most, plus the final one.
    expect(reports.length).toBeGreaterThan(3);
    expect(reports.length).toBeLessThanOrEqual(now / 100 + 2);
    expect(reports.map((r) => r.fraction)).toEqual([...reports.map((r) => r.fraction)].sort((a, b) => a - b));
    expect(reports.at(-1)?.fraction).toBe(1);
    expect(reports.at(-1)?.bestCost).toBe(140);
  });

  it('reads the clock of a time limit every few milliseconds of it, not every few steps', () => {
    const model = lineModel(
      [1, 2, 3, 4, 5, 6, 7].map((location) => ({ location })),
      [{ start: 0, end: 0 }],
    );
    // A clock that costs its reader 0.05 ms (a process CPU-time read under load can cost more) and moves only then:
    // steps themselves look free, so the search should take many between two reads.
    let reads = 0;
    const clock = (): number => 0.05 * reads++;
    const result = solve(model, { seed: 1, timeLimitMs: 5, clock });
    expect(0.05 * reads).toBeGreaterThanOrEqual(5);
    expect(result.iterations).toBeGreaterThan(16 * reads);
    expect(result.cost.total).toBe(140);
  });

  it('never moves a pinned job off its vehicle, nor away from its fixed start', () => {
    // Two vehicles at opposite ends; the pinned job sits next to vehicle 0's depot but belongs to vehicle 1.
    const model = lineModel(
      [
        { location: 1, service: 10, pinned: { vehicle: 1, start: 200 } },
        { location: 2, service: 10, pinned: { vehicle: 1 } },
        { location: 3, service: 10 },
        { location: 6, service: 10 },
      ],
      [
        { start: 0, end: 0, timeWindow: [0, 1000] },
        { start: 7, end: 7, timeWindow: [0, 1000] },
      ],
    );
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 500 });
      const onOne = result.routes.find((r) => r.vehicle === 1)!;
      expect(onOne.jobs).toContain(0);
      expect(onOne.jobs).toContain(1);
      expect(onOne.stops.find((s) => s.kind === 'job' && s.index === 0)?.start).toBe(200);
    }
  });

  it('places breaks inside their windows without overlapping any job', () => {
    const model = lineModel(
      [1, 2, 3, 4, 5].map((location) => ({ location, service: 30, timeWindows: [[0, 400]] as const })),
      [{ start: 0, end: 0, timeWindow: [0, 600], breaks: [{ service: 45, timeWindows: [[100, 130]] }] }],
    );
    const result = solve(model, { seed: 1, maxIterations: 500 });
    const stops = result.routes[0]!.stops;
    const brk = stops.find((s) => s.kind === 'break')!;
    expect(brk.start).toBeGreaterThanOrEqual(100);
    expect(brk.start).toBeLessThanOrEqual(130);
    expect(brk.departure - brk.start).toBe(45);
    for (let i = 1; i < stops.length; i++) expect(stops[i]!.start).toBeGreaterThanOrEqual(stops[i - 1]!.departure);
  });

  it('never gives a job to a vehicle without its skills, and says why a job fits nowhere', () => {
    const model = lineModel(
      [
        { location: 1, skills: [7] },
        { location: 2, skills: [8] },
        { location: 3 },
        { location: 4, skills: [9] },
        { location: 5, delivery: [50] },
        { location: 6, timeWindows: [[0, 5]] },
      ],
      [
        { start: 0, end: 0, skills: [7], capacity: [10] },
        { start: 0, end: 0, skills: [8], capacity: [10] },
      ],
    );
    const result = solve(model, { seed: 1, maxIterations: 300 });
    const vehicleOf = new Map(result.routes.flatMap((r) => r.jobs.map((j) => [j, r.vehicle] as const)));
    expect(vehicleOf.get(0)).toBe(0);
    expect(vehicleOf.get(1)).toBe(1);
    expect(result.unassigned.map((u) => [u.job, u.reason])).toEqual([
      [3, 'no-compatible-vehicle'],
      [4, 'capacity'],
      [5, 'time-window'],
    ]);
  });

  it('starts from a warm start, re-inserts what no longer fits there, and improves it', () => {
    const model = lineModel(
      [{ location: 1 }, { location: 2 }, { location: 3 }, { location: 4, timeWindows: [[0, 40]] }],
      [{ start: 0, end: 0 }],
    );
    // Job 3 cannot come last any more (it would start at 60); it is inserted again where it fits.
    const result = solve(model, { seed: 1, maxIterations: 0, initial: [{ vehicle: 0, jobs: [2, 0, 1, 3] }] });
    expect(result.unassigned).toEqual([]);
    expect(result.routes[0]!.jobs).toContain(3);
    expect(result.routes[0]!.stops.find((s) => s.index === 3)!.start).toBeLessThanOrEqual(40);
    expect(result.cost.total).toBe(80);
    expect(() => solve(model, { initial: [{ vehicle: 0, jobs: [0, 0] }] })).toThrow(
      'initial[0].jobs[1]: job 0 is planned twice',
    );
  });
});

describe('solve: the new-best trace', () => {
  /**
   * The depot at the centre of a 100 × 100 grid and `n` points on it (a fixed pseudo-random layout from `seed`), with
   * Euclidean durations; `next` goes on drawing from the same sequence.
   */
  function gridPoints(n: number, seed: number) {
    let x = seed;
    const next = (below: number): number => (x = (x * 48271) % 2147483647) % below;
    const points: [number, number][] = [[50, 50]];
    for (let i = 0; i < n; i++) points.push([next(100), next(100)]);
    const size = points.length;
    const durations = new Float64Array(size * size);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++)
        durations[i * size + j] = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
    return { points, size, durations, next };
  }

  /** 40 jobs on a 100 × 100 grid (a fixed pseudo-random layout) with windows, three vehicles from the centre. */
  function gridModel(): VrpModel {
    const { points, size, durations } = gridPoints(40, 7);
    const jobs: JobSpec[] = points.slice(1).map((_, i) => {
      const open = (i % 5) * 120;
      return { location: i + 1, service: 10, timeWindows: [[open, open + 300]] };
    });
    const vehicles = [0, 1, 2].map(() => ({ start: 0, end: 0, timeWindow: [0, 1200] as const }));
    return { matrix: { size, durations }, vehicles, jobs };
  }

  it('checks the time limit right after the local search of a new best plan, which can take long', () => {
    const model = gridModel();
    // Steps look nearly free to this clock, so the search reads it seldom; the local search of each new best found by
    // the search (reported just after it) takes 1 s, twice the budget: the search must stop at the next step.
    let now = 0;
    let firstInSearch = -1;
    const result = solve(model, {
      seed: 2,
      timeLimitMs: 500,
      // A short timed run polishes nothing by default (see defaultPolish).
      tuning: { polishBest: true },
      clock: () => (now += 0.001),
      onImproved: (imp) => {
        if (imp.iterations === 0 || firstInSearch >= 0) return;
        firstInSearch = imp.iterations;
        now += 1000;
      },
    });
    expect(firstInSearch).toBeGreaterThan(0);
    expect(result.iterations).toBe(firstInSearch);
  });

  it('gives the same plan for the same seed and iteration limit whatever the clock, when the time limit is far', () => {
    // 100 jobs with narrow windows and 25 vehicles of capacity 200: the search still finds new best plans at the end.
    const { points, size, durations, next } = gridPoints(100, 11);
    const jobs: JobSpec[] = points.slice(1).map((_, i) => {
      const open = next(180);
      return { location: i + 1, service: 10, delivery: [1 + next(30)], timeWindows: [[open, open + 15 + next(30)]] };
    });
    const vehicles = Array.from({ length: 25 }, () => ({
      start: 0,
      end: 0,
      timeWindow: [0, 230] as const,
      capacity: [200],
    }));
    const model: VrpModel = { matrix: { size, durations }, vehicles, jobs };
    // A long time limit turns on the genetic search and fleet minimisation, and the clock decides when it is read:
    // the steps must not depend on it while the iteration limit comes first.
    const run = (seed: number, clock: () => number): string => {
      const trace: string[] = [];
      const result = solve(model, {
        seed,
        maxIterations: 3000,
        timeLimitMs: 1e9,
        clock,
        onImproved: (imp) => trace.push(`${imp.iterations}:${imp.bestCost}`),
      });
      return JSON.stringify({ trace, result });
    };
    for (const seed of [1, 2, 3, 4]) {
      let steady = 0;
      let uneven = 0;
      let reads = 0;
      // Read every 64 steps, against every few steps at uneven times (a busy machine).
      const a = run(seed, () => (steady += 0.001));
      const b = run(seed, () => (uneven += ((reads++ * 7919) % 13) * 0.4));
      expect(b, `seed ${seed}`).toBe(a);
    }
  });

  it('starts cooler and ruins whole routes in short timed runs of the weighted mode only', () => {
    const weighted = compileModel(gridModel());
    const ranked = compileModel({ ...gridModel(), objective: { mode: 'priority-first' } });
    const knobs = (t: SearchTuning) => [t.startTemperature, t.routeRemoval];
    expect(knobs(baseTuning(weighted, { timeLimitMs: 1000 }))).toEqual([3, 0.01]);
    expect(knobs(baseTuning(weighted, { timeLimitMs: 10_000 }))).toEqual([10, 0]);
    expect(knobs(baseTuning(weighted, {}))).toEqual([10, 0]);
    expect(knobs(baseTuning(ranked, { timeLimitMs: 1000 }))).toEqual([10, 0]);
    expect(knobs(baseTuning(weighted, { timeLimitMs: 1000, tuning: { routeRemoval: 0 } }))).toEqual([3, 0]);
  });

  it('tries more left-out jobs again at random in each step of the priority-first mode', () => {
    const jobs = gridModel().jobs.map((j, i) => ({ ...j, priority: i % 2 }));
    const weighted = compileModel({ ...gridModel(), jobs });
    const ranked = compileModel({ ...gridModel(), jobs, objective: { mode: 'priority-first' } });
    expect(ranked.nClasses).toBe(2);
    expect(baseTuning(ranked, {}).unassignedRetries).toBe(6);
    expect(baseTuning(ranked, { timeLimitMs: 10_000 }).unassignedRetries).toBe(6);
    expect(baseTuning(weighted, {}).unassignedRetries).toBe(2);
    expect(baseTuning(ranked, { tuning: { unassignedRetries: 1 } }).unassignedRetries).toBe(1);
  });

  it('polishes the first plan by local search in long timed runs and iteration-bound ones, not in short timed ones', () => {
    const model = gridModel();
    const firstPlanCost = (options: SolveOptions): number => {
      let first = NaN;
      solve(model, {
        seed: 1,
        ...options,
        shouldStop: () => true,
        onImproved: (imp) => {
          if (imp.iterations === 0) first = imp.bestCost;
        },
      });
      return first;
    };
    const raw = firstPlanCost({ maxIterations: 0, tuning: { polishStart: false } });
    const polished = firstPlanCost({ maxIterations: 0 });
    expect(polished).toBeLessThan(raw);
    expect(firstPlanCost({ timeLimitMs: 1000, clock: () => 0 })).toBe(raw);
    expect(firstPlanCost({ timeLimitMs: 1000, clock: () => 0, tuning: { polishStart: true } })).toBe(polished);
    expect(firstPlanCost({ timeLimitMs: 10_000, clock: () => 0 })).toBe(polished);
  });

  it('reports every new best plan in order, ending with the plan returned, and changes nothing', () => {
    const model = gridModel();
    let ticks = 0;
    const clock = (): number => ticks++;
    const trace: { cost: number; elapsed: number; iterations: number; total: number }[] = [];
    let last: ReturnType<SolveImprovement['describe']> | undefined;
    // Seed 2 leaves the search something to improve after the first polished plan (6 new bests in 400 steps).
    const traced = solve(model, {
      seed: 2,
      maxIterations: 400,
      clock,
      onImproved: (imp) => {
        last = imp.describe();
        trace.push({ cost: imp.bestCost, elapsed: imp.elapsedMs, iterations: imp.iterations, total: last.cost.total });
      },
    });
    const plain = solve(model, { seed: 2, maxIterations: 400 });
    expect(traced.routes).toEqual(plain.routes);
    expect(traced.cost).toEqual(plain.cost);

    expect(trace.length).toBeGreaterThan(1);
    expect(trace[0]!.iterations).toBe(0);
    for (let i = 1; i < trace.length; i++) {
      expect(trace[i]!.cost).toBeLessThan(trace[i - 1]!.cost);
      expect(trace[i]!.iterations).toBeGreaterThan(trace[i - 1]!.iterations);
      expect(trace[i]!.elapsed).toBeGreaterThan(trace[i - 1]!.elapsed);
    }
    for (const t of trace) expect(t.total).toBeCloseTo(t.cost, 6);
    expect(last!.cost).toEqual(traced.cost);
    expect(last!.routes).toEqual(traced.routes);
  });
});
