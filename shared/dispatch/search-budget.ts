import type { DispatchModel } from './model.js';
import type { CompiledModel, RoutePlan, SolveResult } from './solver/index.js';
import { compileModel, evaluateRoute, solve } from './solver/index.js';

/** How a long engine run reports and is stopped: the worker host wires these to its messages and cancel flag. */
export interface EngineHooks {
  /** Called at a bounded rate with the best plan cost so far and the share of the budget used. */
  onProgress?: (progress: EngineProgress) => void;
  /** Polled during the search; true stops it with the best plan so far. */
  shouldStop?: () => boolean;
  /** Milliseconds of wall time, for the safety cap and progress pacing only (never for the plan itself). */
  clock?: () => number;
}

/** Progress of an engine run. */
export interface EngineProgress {
  phase: 'construction' | 'search';
  /** Best plan cost so far, in the solver's units (the policy's cost units). */
  bestCost: number;
  /** Share of the budget used, 0..1. */
  fraction: number;
  iterations: number;
}

/** How a search ended. */
export type StoppedBy = 'budget' | 'cancelled' | 'time cap';

/**
 * Milliseconds one ruin-and-recreate iteration takes per unit of work on the machines the console is built for,
 * measured with `npm run bench:engine`. It turns a budget into a fixed iteration count, so the same seed and budget
 * give the same plan on any machine; the wall clock only caps a run on a much slower one.
 */
export const MS_PER_WORK_UNIT = 6e-4;
/** Share of the budget planned for the search; the rest covers building the model, construction and explanations. */
const SEARCH_SHARE = 0.6;
const MAX_ITERATIONS = 200_000;
const PROGRESS_REPORTS = 40;

/**
 * The work of one iteration: every job left out is tried again in every route that could take it, each position
 * simulated, plus the removed strings and the bookkeeping per job and vehicle.
 */
export function iterationWork(cm: CompiledModel, unassigned: number, routed: number): number {
  let compatible = 0;
  for (let i = 0; i < cm.compat.length; i++) compatible += cm.compat[i] as number;
  const perJob = cm.nJobs > 0 ? compatible / cm.nJobs : 0;
  const routeLen = cm.nVehicles > 0 ? routed / cm.nVehicles : 0;
  const breaks = cm.breakService.length / Math.max(1, cm.nVehicles);
  return (unassigned + 10) * perJob * (routeLen + 1) * (1 + breaks) + cm.nJobs + cm.nVehicles;
}

/** Iterations a budget buys for a plan of this shape: fixed by the model and the budget, never by the clock. */
export function iterationsFor(budgetMs: number, work: number): number {
  if (budgetMs <= 0) return 0;
  return Math.min(MAX_ITERATIONS, Math.floor((budgetMs * SEARCH_SHARE) / (MS_PER_WORK_UNIT * Math.max(1, work))));
}

/**
 * The current plan as the search's starting point: each vehicle's fixed jobs, then its other bookings in time order
 * as long as the route stays feasible (a booking that no longer fits is planned again like a queued order).
 */
export function warmStart(cm: CompiledModel, dm: DispatchModel): RoutePlan[] {
  return dm.initial.map(({ vehicle, jobs }) => {
    const startOf = (j: number) => dm.jobs[j]?.from?.stop.start ?? 0;
    let seq = jobs.filter((j) => dm.jobs[j]?.fixed);
    for (const j of jobs) {
      if (dm.jobs[j]?.fixed) continue;
      const next = [...seq, j].sort((a, b) => startOf(a) - startOf(b));
      if (evaluateRoute(cm, vehicle, next).feasible) seq = next;
    }
    return { vehicle, jobs: seq };
  });
}

/**
 * Solves a dispatch model within a budget: construction and local search first, then ruin-and-recreate for an
 * iteration count derived from the budget and the constructed plan. Cancel and the safety cap stop it early with
 * the best plan so far.
 */
export function runSearch(
  dm: DispatchModel,
  budgetMs: number,
  seed: number,
  hooks: EngineHooks = {},
): { result: SolveResult; iterations: number; stoppedBy: StoppedBy } {
  const clock = hooks.clock ?? Date.now;
  const started = clock();
  const cm = compileModel(dm.model);
  const first = solve(cm, { seed, maxIterations: 0, initial: warmStart(cm, dm) });
  hooks.onProgress?.({ phase: 'construction', bestCost: first.cost.total, fraction: 0, iterations: 0 });
  let routed = 0;
  for (const r of first.routes) routed += r.jobs.length;
  const iterations = iterationsFor(budgetMs, iterationWork(cm, first.unassigned.length, routed));
  if (iterations === 0 || hooks.shouldStop?.()) {
    return { result: first, iterations: 0, stoppedBy: hooks.shouldStop?.() ? 'cancelled' : 'budget' };
  }
  let capped = false;
  // The solver reads its clock every few iterations; counting those reads paces progress by work done, about
  // PROGRESS_REPORTS times a run, the same on any machine.
  let reads = 0;
  const result = solve(cm, {
    seed,
    maxIterations: iterations,
    initial: first.routes.map((r) => ({ vehicle: r.vehicle, jobs: r.jobs })),
    clock: () => reads++,
    progressIntervalMs: Math.max(1, Math.floor(iterations / 8 / PROGRESS_REPORTS)),
    shouldStop: () => {
      if (hooks.shouldStop?.()) return true;
      capped = clock() - started > budgetMs * 0.85;
      return capped;
    },
    onProgress: (p) => hooks.onProgress?.({ phase: 'search', ...p }),
  });
  const stoppedBy: StoppedBy = !result.cancelled ? 'budget' : capped ? 'time cap' : 'cancelled';
  return { result, iterations: result.iterations, stoppedBy };
}
