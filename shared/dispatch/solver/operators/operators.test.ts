import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../compile.js';
import { regretInsertion } from '../construction.js';
import { arbitraryModel, type InstanceFeatures } from '../instances.test-util.js';
import { OPERATORS, type Operator } from '../local-search.js';
import type { VrpModel } from '../model.js';
import { Plan } from '../plan.js';
import { referencePlanCost, referenceRoute } from '../reference.test-util.js';
import { crossExchange } from './cross-exchange.js';
import { moveContext } from './move.js';
import { orOpt } from './or-opt.js';
import { relocate } from './relocate.js';
import { swap } from './swap.js';
import { twoOpt } from './two-opt.js';
import { twoOptStar } from './two-opt-star.js';

function routesOf(plan: Plan): number[][] {
  return plan.routes.map((r) => r.toArray());
}

/** Tries `op` on every ordered pair of routed jobs, checking each applied move against the reference evaluator. */
function checkOperator(model: VrpModel, op: Operator): number {
  const cm = compileModel(model);
  const plan = new Plan(cm);
  regretInsertion(cm, plan, [...Array(cm.nJobs).keys()]);
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
    ['2-opt', twoOpt],
  ];
  it('are all used by the local search', () => {
    expect(new Set(OPERATORS)).toEqual(new Set(operators.map(([, op]) => op)));
  });
  // Plain instances take the O(1) checks; rich ones (breaks, soft deadlines, overtime) the full simulation.
  const kinds: [string, InstanceFeatures][] = [
    ['plain', { pickups: true, skills: true, openEnds: true }],
    ['rich', { breaks: true, soft: true, pickups: true, skills: true, openEnds: true }],
  ];
  for (const [name, op] of operators) {
    for (const [kind, features] of kinds) {
      it(`${name} keeps every route feasible and only applies moves that lower the true cost (${kind})`, () => {
        let total = 0;
        fc.assert(
          fc.property(arbitraryModel(features), (model) => {
            total += checkOperator(model, op);
          }),
          { numRuns: 150, seed: 42 },
        );
        // The property must have been exercised, not vacuously true.
        expect(total).toBeGreaterThan(0);
      });
    }
  }
});
