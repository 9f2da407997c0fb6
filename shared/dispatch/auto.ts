import type { ObjectiveMode } from './solver/index.js';
import { buildModel, DEFAULT_OBJECTIVE, engineersInScope, type DispatchScope } from './model.js';
import { planFromResult, proposalFrom } from './outcome.js';
import type { Proposal } from './proposal.js';
import { runSearch, type EngineHooks } from './search-budget.js';
import type { DispatchState } from './state.js';

/**
 * Plans the open queue into the engineers' day within a budget: pinned, frozen and under-way bookings stay put, queued
 * orders are inserted, other bookings may move. Construction (regret insertion) and local search come first, then
 * ruin-and-recreate for an iteration count derived from the budget, so the same seed and budget give the same
 * proposal. Reports progress and honours cancel through `hooks`. By default no higher-priority order is left queued
 * to serve lower-priority work or to save travel ('priority-first'); 'weighted' trades them by the policy's weights.
 */
export function autoDispatch(
  scope: DispatchScope,
  budgetMs: number,
  seed: number,
  state: DispatchState,
  hooks: EngineHooks = {},
  objective: ObjectiveMode = DEFAULT_OBJECTIVE,
): Proposal {
  if (!Number.isFinite(budgetMs) || budgetMs < 0)
    throw new Error(`budget must be a number of milliseconds ≥ 0, got ${budgetMs}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const clock = hooks.clock ?? Date.now;
  const started = clock();
  const days = engineersInScope(state, scope);
  const dm = buildModel(state, scope, objective);
  const queued = dm.jobs.filter((j) => !j.from).map((j) => j.order);
  const wanted = scope.orderIds ? new Set(scope.orderIds) : null;
  const later = [...state.notToday.keys()].filter((id) => !wanted || wanted.has(id)).length;
  const { result, iterations, stoppedBy } = runSearch(dm, budgetMs, seed, hooks);
  const plan = planFromResult(state, dm, result, days);
  const proposal = proposalFrom(state, 'auto-dispatch', days, queued, plan, dm.vehicles, [...dm.notes], {
    seed,
    iterations,
    elapsedMs: Math.round(clock() - started),
    stoppedBy,
  });
  return later > 0 ? { ...proposal, otherDays: later } : proposal;
}
