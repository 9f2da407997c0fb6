import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, type CompiledModel } from '../compile.js';
import { regretInsertion } from '../construction.js';
import { ALL_FEATURES, arbitraryModel, type InstanceFeatures } from '../instances.testing.js';
import { OPERATORS, type Operator } from '../local-search.js';
import type { VrpModel } from '../model.js';
import { bestInsertion, type InsertionChoice } from '../insertion.js';
import { Plan } from '../plan.js';
import { Random } from '../../../random/index.js';
import { referencePlanCost, referenceRoute } from '../reference.testing.js';
import { crossExchange } from './cross-exchange.js';
import { moveContext } from './move.js';
import { orOpt } from './or-opt.js';
import { relocate } from './relocate.js';
import { swap } from './swap.js';
import { swapStar } from './swap-star.js';
import { twoOpt } from './two-opt.js';
import { twoOptStar } from './two-opt-star.js';

function routesOf(plan: Plan): number[][] {
  return plan.routes.map((r) => r.toArray());
}

/** A feasible but poor plan: jobs in random order, each on a random vehicle that can take it. */
function randomPlan(cm: CompiledModel, seed: number): Plan {
  const plan = new Plan(cm);
  const rng = new Random(seed);
  const jobs = [...Array(cm.nJobs).keys()];
  rng.shuffle(jobs);
  const choice: InsertionChoice = { pos: 0, delta: 0 };
  for (const job of jobs) {
    const options: [number, number][] = [];
    for (const r of plan.routes) {
      bestInsertion(cm, r, job, choice);
      if (choice.pos > 0) options.push([r.vehicle, choice.pos]);
    }
    if (options.length === 0) continue;
    const [vehicle, pos] = options[rng.below(options.length)]!;
    plan.insert(vehicle, pos, job);
  }
  plan.collectUnassigned();
  return plan;
}

/** Tries `op` on every ordered pair of routed jobs, checking each applied move against the reference evaluator. */
function checkOperator(model: VrpModel, op: Operator, seed: number): number {
  const cm = compileModel(model);
  const plan = seed % 2 === 0 ? randomPlan(cm, seed) : new Plan(cm);
  if (seed % 2 === 1) regretInsertion(cm, plan, [...Array(cm.nJobs).keys()]);
  const ctx = moveContext(cm, plan);
  let applied = 0;
  for (let u = 0; u < cm.nJobs; u++) {
    for (let v = 0; v < cm.nJobs; v++) {
      if (u === v || plan.routeOf[u]! < 0 || plan.routeOf[v]! < 0) continue;
      const before = referencePlanCost(model, routesOf(plan));
      expect(plan.cost()).toBeCloseTo(before, 6);
      const jobsBefore = routesOf(plan).flat().sort();
      if (!op(ctx, u, v)) continue;
      applied++;
      const after = routesOf(plan);
      after.forEach((jobs, vehicle) => expect(referenceRoute(model, vehicle, jobs).feasible).toBe(true));
      expect(after.flat().sort()).toEqual(jobsBefore);
      const afterCost = referencePlanCost(model, after);
      expect(afterCost).toBeLessThan(before - 1e-9);
      expect(plan.cost()).toBeCloseTo(afterCost, 6);
    }
  }
  return applied;
}

describe('local-search operators', () => {
  const operators: [string, Operator][] = [
    ['relocate', relocate],
    ['swap', swap],
    ['2-opt*', twoOptStar],
    ['or-opt', orOpt],
    ['cross-exchange', crossExchange],
    ['SWAP*', swapStar],
    ['2-opt', twoOpt],
  ];
  it('are all used by the local search', () => {
    expect(new Set(OPERATORS)).toEqual(new Set(operators.map(([, op]) => op)));
  });
  // Plain instances take the O(1) checks; rich ones (breaks, soft deadlines, overtime) the full simulation.
  const kinds: [string, InstanceFeatures][] = [
    ['plain', { pickups: true, skills: true, openEnds: true, assignments: true, pinned: true }],
    ['rich', ALL_FEATURES],
  ];
  for (const [name, op] of operators) {
    for (const [kind, features] of kinds) {
      it(`${name} keeps every route feasible and only applies moves that lower the true cost (${kind})`, () => {
        let total = 0;
        fc.assert(
          // SWAP* leaves vehicles with breaks or soft time costs alone, and soft deadlines make every vehicle such.
          fc.property(
            arbitraryModel(op === swapStar ? { ...features, soft: false } : features),
            fc.nat(),
            (model, seed) => {
              total += checkOperator(model, op, seed);
            },
          ),
          { numRuns: 300, seed: 42 },
        );
        // The property must have been exercised, not vacuously true.
        expect(total).toBeGreaterThan(0);
      });
    }
  }
});

describe('SWAP*', () => {
  /** The cheapest plan SWAP* can reach from u and v, by trying every pair of positions with the reference evaluator. */
  function bruteForce(model: VrpModel, routes: number[][], u: number, v: number): number {
    const iu = routes.findIndex((r) => r.includes(u));
    const iv = routes.findIndex((r) => r.includes(v));
    const restU = routes[iu]!.filter((j) => j !== u);
    const restV = routes[iv]!.filter((j) => j !== v);
    const cheapest = (vehicle: number, rest: number[], job: number): number => {
      let best = Infinity;
      for (let g = 0; g <= rest.length; g++) {
        const seq = [...rest.slice(0, g), job, ...rest.slice(g)];
        const r = referenceRoute(model, vehicle, seq);
        if (r.feasible) best = Math.min(best, r.cost);
      }
      return best;
    };
    const now = referenceRoute(model, iu, routes[iu]!).cost + referenceRoute(model, iv, routes[iv]!).cost;
    return referencePlanCost(model, routes) - now + cheapest(iu, restU, v) + cheapest(iv, restV, u);
  }

  for (const [kind, features] of [
    ['plain', { skills: true, openEnds: true, pinned: true }],
    ['with breaks', { ...ALL_FEATURES, soft: false }],
  ] as const) {
    it(`finds the cheapest pair of positions whenever one lowers the cost, and only then (${kind})`, () => {
      let applied = 0;
      let declined = 0;
      fc.assert(
        fc.property(arbitraryModel(features), fc.nat(), (model, seed) => {
          const cm = compileModel(model);
          const plan = randomPlan(cm, seed);
          const ctx = moveContext(cm, plan);
          for (let u = 0; u < cm.nJobs; u++) {
            for (let v = 0; v < cm.nJobs; v++) {
              const ru = plan.routeOf[u]!;
              const rv = plan.routeOf[v]!;
              // A pinned job never moves (the reference evaluator does not know pins).
              if (ru < 0 || rv < 0 || ru === rv || model.jobs[u]!.pinned || model.jobs[v]!.pinned) continue;
              // Vehicles with breaks or soft time costs are left to the other operators.
              if (cm.slow[plan.routes[ru]!.vehicle] || cm.slow[plan.routes[rv]!.vehicle]) {
                expect(swapStar(ctx, u, v)).toBe(false);
                continue;
              }
              const before = referencePlanCost(model, routesOf(plan));
              const target = bruteForce(model, routesOf(plan), u, v);
              const did = swapStar(ctx, u, v);
              if (target < before - 1e-6) {
                expect(did).toBe(true);
                expect(referencePlanCost(model, routesOf(plan))).toBeCloseTo(target, 6);
                applied++;
              } else if (target > before + 1e-6) {
                expect(did).toBe(false);
                declined++;
              }
            }
          }
        }),
        { numRuns: 200, seed: 7 },
      );
      expect(applied).toBeGreaterThan(0);
      expect(declined).toBeGreaterThan(0);
    });
  }
});
