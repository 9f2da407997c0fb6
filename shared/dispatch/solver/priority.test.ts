import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { evaluateRoute } from './evaluate.js';
import { Plan } from './plan.js';
import { compareClasses, newScore, scorePlan } from './priority.js';
import { recreateGreedy } from './recreate.js';
import { ruinStrings } from './ruin.js';
import { DEFAULT_TUNING } from './search.js';
import { Random } from '../../random/index.js';
import { RouteState } from './route.js';
import type { JobSpec, ObjectiveMode, VehicleSpec, VrpModel } from './model.js';
import { solve } from './solve.js';
import type { SolveResult } from './solution.js';

/** Priorities as the console maps them: P1 → 3 … P4 → 0. */
const P1 = 3;
const P2 = 2;
const P4 = 0;

function withMode(model: VrpModel, mode: ObjectiveMode): VrpModel {
  return { ...model, objective: { ...model.objective, mode } };
}

/**
 * One engineer, a 100-minute day: the P1 (60 min) or both P4s (30 min each), not both. Two P4s are worth more than
 * one P1 in the weighted sum (60 + 60 > 100).
 */
const overbooked: VrpModel = {
  matrix: {
    size: 3,
    durations: [0, 5, 5, 5, 0, 1, 5, 1, 0],
  },
  vehicles: [{ start: 0, end: 0, timeWindow: [0, 100] }],
  jobs: [
    { location: 1, service: 60, priority: P1, unassignedCost: 100 },
    { location: 2, service: 30, priority: P4, unassignedCost: 60 },
    { location: 2, service: 30, priority: P4, unassignedCost: 60 },
  ],
};

const unassignedJobs = (r: SolveResult) => r.unassigned.map((u) => u.job).sort((a, b) => a - b);

describe('priority-first objective', () => {
  it('serves the P1 where the weighted sum prefers two P4s', () => {
    const weighted = solve(withMode(overbooked, 'weighted'), { seed: 1, maxIterations: 200 });
    expect(unassignedJobs(weighted)).toEqual([0]);
    const first = solve(withMode(overbooked, 'priority-first'), { seed: 1, maxIterations: 200 });
    expect(unassignedJobs(first)).toEqual([1, 2]);
    expect(first.routes.flatMap((r) => r.jobs)).toEqual([0]);
  });

  it('takes a P4 out to serve a P1 even with no search at all', () => {
    // A shorter P1 that fits beside one P4 (not two), worth less than one P4 in the weighted sum.
    const model: VrpModel = {
      ...overbooked,
      jobs: [{ location: 1, service: 50, priority: P1, unassignedCost: 50 }, ...overbooked.jobs.slice(1)],
    };
    const options = { seed: 1, maxIterations: 0, initial: [{ vehicle: 0, jobs: [1, 2] }] };
    expect(unassignedJobs(solve(withMode(model, 'weighted'), options))).toEqual([0]);
    // Construction and the final repair alone: the P4s come first in the warm start.
    const first = solve(withMode(model, 'priority-first'), {
      seed: 1,
      maxIterations: 0,
      initial: [{ vehicle: 0, jobs: [1, 2] }],
    });
    expect(first.routes.flatMap((r) => r.jobs)).toContain(0);
    expect(unassignedJobs(first)).toHaveLength(1);
  });

  it('takes two P4s in a row out to serve a P1 with no search at all', () => {
    const first = solve(withMode(overbooked, 'priority-first'), {
      seed: 1,
      maxIterations: 0,
      initial: [{ vehicle: 0, jobs: [1, 2] }],
    });
    expect(first.routes.flatMap((r) => r.jobs)).toEqual([0]);
  });

  it('serves a late P1 as early as it can be served, even where that leaves a P4 out', () => {
    // One vehicle. The P1's deadline has passed (a cost a minute of lateness); the P4 must start by 10 and takes an
    // hour. P4 first puts the P1 65 minutes later: served both, cheaper in the weighted sum (65 × 20 < 4,000).
    const model: VrpModel = {
      matrix: { size: 3, durations: [0, 5, 5, 5, 0, 5, 5, 5, 0] },
      vehicles: [{ start: 0, end: 0, timeWindow: [0, 480] }],
      jobs: [
        { location: 1, service: 60, priority: P1, unassignedCost: 100_000, deadline: { at: -100, costPerUnit: 20 } },
        { location: 2, service: 60, priority: P4, unassignedCost: 4_000, timeWindows: [[0, 10]] },
      ],
      objective: { duration: 1 },
    };
    const weighted = solve(withMode(model, 'weighted'), { seed: 1, maxIterations: 100 });
    expect(weighted.routes.flatMap((r) => r.jobs)).toEqual([1, 0]);
    const first = solve(withMode(model, 'priority-first'), { seed: 1, maxIterations: 100 });
    expect(first.routes.flatMap((r) => r.jobs)).toEqual([0]);
    expect(first.routes[0]!.stops.find((s) => s.kind === 'job' && s.index === 0)?.start).toBe(5);
  });

  it("counts a route's lateness of the highest class with that class, the others' with the rest only", () => {
    // A P4, then a P2 and a P1 already late; a break that may come anywhere from 60 on (the schedule search keeps
    // several labels, each with its own lateness by class).
    const model: VrpModel = {
      matrix: { size: 4, durations: [0, 10, 10, 10, 10, 0, 10, 10, 10, 10, 0, 10, 10, 10, 10, 0] },
      vehicles: [{ start: 0, end: 0, timeWindow: [0, 1000], breaks: [{ timeWindows: [[60, 200]], service: 10 }] }],
      jobs: [
        { location: 1, service: 50, priority: P4, deadline: { at: 0, costPerUnit: 1 } },
        { location: 2, service: 20, priority: P2, deadline: { at: 30, costPerUnit: 2 } },
        { location: 3, service: 20, priority: P1, deadline: { at: 50, costPerUnit: 5 } },
      ],
      objective: { mode: 'priority-first', duration: 1 },
    };
    const cm = compileModel(model);
    const route = new RouteState(cm, 0);
    route.assign([0, 1, 2], 3);
    route.update();
    // Done at 60, 90 and 120 (the break after the last job): the P1 70 late at 5 counts with its class; the P2's 60
    // at 2 and the P4's 60 with the rest.
    expect(Array.from(route.late)).toEqual([350, 0, 0]);
    expect(route.cost).toBe(40 + 60 + 120 + 350);
  });

  it("keeps each route's lateness by class equal to the lateness of its schedule", () => {
    // Random routes of one vehicle with two breaks and late jobs of three priorities: the schedule search keeps
    // several labels, each carrying its own lateness by class, and the cheapest one's must add up.
    const route = fc.record({
      jobs: fc.array(
        fc.record({
          at: fc.integer({ min: 1, max: 3 }),
          service: fc.integer({ min: 5, max: 40 }),
          priority: fc.constantFrom(P1, P2, P4),
          deadline: fc.integer({ min: 0, max: 200 }),
          cost: fc.integer({ min: 1, max: 9 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      breaks: fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 })),
    });
    fc.assert(
      fc.property(route, ({ jobs, breaks }) => {
        const durations = [0, 7, 9, 4, 7, 0, 5, 8, 9, 5, 0, 6, 4, 8, 6, 0];
        const model: VrpModel = {
          matrix: { size: 4, durations },
          vehicles: [
            {
              start: 0,
              end: 0,
              timeWindow: [0, 2000],
              breaks: breaks.map((b) => ({ timeWindows: [[b, b + 60]], service: 15 })),
            },
          ],
          jobs: [
            ...jobs.map((j, i) => ({
              location: j.at,
              service: j.service,
              priority: j.priority,
              // Costs no two schedules tie on.
              deadline: { at: j.deadline, costPerUnit: j.cost + 0.0137 * (i + 1) },
            })),
            // Every class present, so the P1s are the highest one.
            { location: 1, service: 1, priority: P1 },
            { location: 1, service: 1, priority: P2 },
            { location: 1, service: 1, priority: P4 },
          ],
          objective: { mode: 'priority-first', duration: 1 },
        };
        const cm = compileModel(model);
        const r = new RouteState(cm, 0);
        const seq = jobs.map((_, i) => i);
        r.assign(seq, seq.length);
        r.update();
        const schedule = evaluateRoute(cm, 0, seq);
        expect(schedule.feasible).toBe(true);
        const byClass = [0, 0, 0];
        for (const stop of schedule.route!.stops) {
          if (stop.kind !== 'job') continue;
          const c = cm.jobClass[stop.index!]!;
          if (c === 0) byClass[c]! += stop.lateness * cm.lateCost[stop.index!]!;
        }
        // No late-able job of the highest class: nothing counted by class.
        const late = cm.lateClasses ? Array.from(r.late) : [0, 0, 0];
        late.forEach((l, c) => expect(l).toBeCloseTo(byClass[c]!, 6));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an unknown mode, naming the field', () => {
    const bad = { ...overbooked, objective: { mode: 'fastest' as ObjectiveMode } };
    expect(() => compileModel(bad)).toThrow(/^objective\.mode: /);
  });

  // An overloaded day: two or three engineers, short shifts, many jobs of every priority with windows and skills.
  const overloadedDay = fc
    .record({
      points: fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), {
        minLength: 4,
        maxLength: 10,
      }),
      vehicles: fc.array(
        fc.record({ shift: fc.integer({ min: 60, max: 200 }), skill: fc.option(fc.constantFrom(1, 2)) }),
        { minLength: 1, maxLength: 3 },
      ),
      jobs: fc.array(
        fc.record({
          at: fc.nat(),
          service: fc.integer({ min: 10, max: 50 }),
          priority: fc.constantFrom(P1, P2, 1, P4),
          open: fc.integer({ min: 0, max: 150 }),
          width: fc.option(fc.integer({ min: 10, max: 120 })),
          skill: fc.option(fc.constantFrom(1, 2), { freq: 4 }),
          // Penalties drawn apart from the priority: in the weighted sum a P4 may be worth more than a P1.
          penalty: fc.integer({ min: 50, max: 150 }),
        }),
        { minLength: 6, maxLength: 16 },
      ),
    })
    .map(({ points, vehicles, jobs }): VrpModel => {
      const size = points.length;
      const durations = new Float64Array(size * size);
      points.forEach(([x1, y1], i) =>
        points.forEach(([x2, y2], j) => (durations[i * size + j] = Math.round(Math.hypot(x1 - x2, y1 - y2)))),
      );
      const vehicleSpecs: VehicleSpec[] = vehicles.map((v) => ({
        start: 0,
        end: 0,
        timeWindow: [0, v.shift],
        skills: v.skill === null ? [1, 2] : [v.skill],
      }));
      const jobSpecs: JobSpec[] = jobs.map((j) => ({
        location: 1 + (j.at % (size - 1)),
        service: j.service,
        priority: j.priority,
        unassignedCost: j.penalty,
        ...(j.width === null ? {} : { timeWindows: [[j.open, j.open + j.width]] }),
        ...(j.skill === null ? {} : { skills: [j.skill] }),
      }));
      return { matrix: { size, durations }, vehicles: vehicleSpecs, jobs: jobSpecs, objective: { duration: 1 } };
    });

  /** Whether the vehicle could serve `job` in place of the job at index `out` of its route (at any position). */
  function couldSwap(model: VrpModel, vehicle: number, route: readonly number[], out: number, job: number): boolean {
    const cm = compileModel(model);
    const rest = route.filter((_, k) => k !== out);
    for (let p = 0; p <= rest.length; p++) {
      if (evaluateRoute(cm, vehicle, [...rest.slice(0, p), job, ...rest.slice(p)]).feasible) return true;
    }
    return false;
  }

  it('leaves no P1 or P2 unassigned while a P4 is served by an engineer who could have taken it instead', () => {
    fc.assert(
      fc.property(overloadedDay, fc.integer({ min: 1, max: 1000 }), (day, seed) => {
        const model = withMode(day, 'priority-first');
        const result = solve(model, { seed, maxIterations: 100 });
        for (const u of result.unassigned) {
          const priority = model.jobs[u.job]!.priority!;
          if (priority < P2) continue;
          for (const r of result.routes) {
            r.jobs.forEach((w, k) => {
              if (model.jobs[w]!.priority === P4) expect(couldSwap(model, r.vehicle, r.jobs, k, u.job)).toBe(false);
            });
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a recreate against its floor ends as without one, unless the step would be refused without it', () => {
    fc.assert(
      fc.property(overloadedDay, fc.integer({ min: 1, max: 1000 }), (day, seed) => {
        const cm = compileModel(withMode(day, 'priority-first'));
        const plan = new Plan(cm);
        const all = [...plan.unassigned];
        plan.unassigned = [];
        recreateGreedy(cm, plan, all, new Random(seed), 0);
        const floor = scorePlan(cm, plan, newScore(cm));
        const start = plan.snapshot();
        // One step's ruin and recreate, the same draws with and without the floor.
        const step = (withFloor: boolean) => {
          plan.restore(start);
          plan.begin();
          const rng = new Random(seed + 1);
          const removed: number[] = [];
          ruinStrings(cm, plan, rng, DEFAULT_TUNING, removed);
          recreateGreedy(cm, plan, removed, rng, DEFAULT_TUNING.blinkRate, false, withFloor ? floor : undefined);
          // Every job once: in one route at its recorded place, or left out.
          const seen = new Array<number>(cm.nJobs).fill(0);
          plan.routes.forEach((r, ri) => {
            for (let p = 1; p <= r.len; p++) {
              const j = r.jobs[p]!;
              seen[j]!++;
              expect([plan.routeOf[j], plan.posOf[j]]).toEqual([ri, p]);
            }
          });
          for (const j of plan.unassigned) {
            seen[j]!++;
            expect(plan.routeOf[j]).toBe(-1);
          }
          expect(seen.every((n) => n === 1)).toBe(true);
          return scorePlan(cm, plan, newScore(cm));
        };
        const full = step(false);
        const floored = step(true);
        // The floor changes a recreate only where a class placed in the drawn order scored worse than the floor (the
        // step refused without it): then it gives up, or places that class again and may rescue the step.
        if (compareClasses(full, floor) <= 0) expect(floored).toEqual(full);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same plan for the same seed and iteration count', () => {
    fc.assert(
      fc.property(overloadedDay, (day) => {
        const model = withMode(day, 'priority-first');
        const a = solve(model, { seed: 3, maxIterations: 150 });
        const b = solve(model, { seed: 3, maxIterations: 150 });
        expect(b.routes).toEqual(a.routes);
        expect(b.unassigned).toEqual(a.unassigned);
      }),
      { numRuns: 10 },
    );
  });
});
