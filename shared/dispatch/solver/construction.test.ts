import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, type CompiledModel } from './compile.js';
import { candidateRoutes, regretInsertion } from './construction.js';
import { bestInsertion, type InsertionChoice } from './insertion.js';
import { ALL_FEATURES, arbitraryModel } from './instances.testing.js';
import { Plan } from './plan.js';

/**
 * Regret-k insertion as defined: at every pick, each job's cost on every route worth trying is weighed afresh, and
 * the job with the largest regret (then the cheapest) goes to the first of its cheapest routes.
 */
function naiveRegret(cm: CompiledModel, plan: Plan, jobs: readonly number[], k = 3): void {
  const pending = new Set(jobs);
  const active = new Array<boolean>(plan.routes.length).fill(false);
  const choice: InsertionChoice = { pos: 0, delta: 0 };
  for (;;) {
    candidateRoutes(cm, plan, active);
    let pick: { job: number; route: number; pos: number; regret: number; cost: number } | undefined;
    for (const job of jobs) {
      if (!pending.has(job)) continue;
      const costs: { route: number; pos: number; delta: number }[] = [];
      plan.routes.forEach((r, ri) => {
        if (!active[ri]) return;
        bestInsertion(cm, r, job, choice);
        if (choice.pos > 0) costs.push({ route: ri, pos: choice.pos, delta: choice.delta });
      });
      if (costs.length === 0) continue;
      // Stable: among equal costs the first route stays first.
      costs.sort((a, b) => a.delta - b.delta);
      let regret = 0;
      for (let q = 1; q < k; q++) regret += (costs[q]?.delta ?? cm.penalty[job]!) - costs[0]!.delta;
      if (!pick || regret > pick.regret || (regret === pick.regret && costs[0]!.delta < pick.cost)) {
        pick = { job, route: costs[0]!.route, pos: costs[0]!.pos, regret, cost: costs[0]!.delta };
      }
    }
    if (!pick) break;
    plan.insert(pick.route, pick.pos, pick.job);
    pending.delete(pick.job);
  }
  plan.collectUnassigned();
}

describe('regretInsertion', () => {
  it('makes the picks of a regret insertion that weighs every job on every route at every pick', () => {
    fc.assert(
      fc.property(arbitraryModel(ALL_FEATURES), fc.integer({ min: 2, max: 4 }), (model, k) => {
        const cm = compileModel(model);
        const jobs = Array.from({ length: cm.nJobs }, (_, j) => j).filter((j) => cm.pinnedVehicle[j]! < 0);
        const fast = new Plan(cm);
        regretInsertion(cm, fast, jobs, k);
        const naive = new Plan(cm);
        naiveRegret(cm, naive, jobs, k);
        expect(fast.snapshot()).toEqual(naive.snapshot());
      }),
      { numRuns: 300 },
    );
  });
});
