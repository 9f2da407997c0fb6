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
  /** Best plan cost so far, in the policy's cost units; null until the first plan is built. */
  bestCost: number | null;
  /** Share of the budget used, 0..1. */
  fraction: number;
  iterations: number;
}

/** How a search ended. */
export type StoppedBy = 'budget' | 'cancelled' | 'time cap';

/**
 * What a budget buys, measured on the machines the console is built for (`npm run bench:engine` prints the figures):
 * in the weighted mode one ruin-and-recreate iteration costs about this many milliseconds per job and engineer in
 * the model, and building the first plan about CONSTRUCTION_MS_PER_JOB. They turn a budget into a fixed iteration
 * count, so the same seed and budget give the same plan on any machine; the wall clock only caps a run on a much
 * slower one.
 */
export const MS_PER_ITERATION_PER_JOB = 0.0006;
export const CONSTRUCTION_MS_PER_JOB = 1.0;
/**
 * With priority classes ('priority-first') recreate tries each job only in the routes near it (see solve), so a step
 * costs far less than a weighted one on a large day and a little more on a small one (the ruin that makes room for
 * a left-out job). In units of MS_PER_ITERATION_PER_JOB, for jobs + engineers = size: the smaller of
 * NEAR_SIZE_FACTOR × size and NEAR_FIXED + NEAR_PER_SIZE × size. Measured as CPU time per step against the weighted
 * mode on the same days (bench:engine's city, 20×200 to 200×2000: 1.2, 0.95, 0.54 and 0.21 times the weighted step
 * at 145, 299, 724 and 1487 jobs and engineers), rounded so that no size overruns its budget.
 */
const NEAR_SIZE_FACTOR = 1.5;
const NEAR_FIXED = 220;
const NEAR_PER_SIZE = 0.24;
/** Share of the budget planned for the search; the rest is margin for model building, explanations, a busy machine. */
const SEARCH_SHARE = 0.75;
const MAX_ITERATIONS = 200_000;
const PROGRESS_REPORTS = 40;

/**
 * Iterations a budget buys for a model: fixed by the model's size, its objective mode and the budget, never by the
 * clock.
 */
export function iterationsFor(budgetMs: number, cm: Pick<CompiledModel, 'nJobs' | 'nVehicles' | 'nClasses'>): number {
  const size = Math.max(1, cm.nJobs + cm.nVehicles);
  const searchMs = budgetMs * SEARCH_SHARE - CONSTRUCTION_MS_PER_JOB * cm.nJobs;
  if (searchMs <= 0) return 0;
  // The same test as solve's default for recreating near each job.
  const units = cm.nClasses > 1 ? Math.min(NEAR_SIZE_FACTOR * size, NEAR_FIXED + NEAR_PER_SIZE * size) : size;
  return Math.min(MAX_ITERATIONS, Math.floor(searchMs / (MS_PER_ITERATION_PER_JOB * units)));
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
 * Solves a dispatch model within a budget: construction (regret insertion from the current plan) and local search,
 * then ruin-and-recreate for an iteration count derived from the budget and the model's size. Cancel and the safety
 * cap stop it early with the best plan so far.
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
  const iterations = iterationsFor(budgetMs, cm);
  hooks.onProgress?.({ phase: 'construction', bestCost: null, fraction: 0, iterations: 0 });
  let capped = false;
  let cancelled = false;
  // The solver reads its clock every few iterations; counting those reads paces progress by work done, about
  // PROGRESS_REPORTS times a run, the same on any machine.
  let reads = 0;
  const result = solve(cm, {
    seed,
    maxIterations: iterations,
    initial: warmStart(cm, dm),
    clock: () => reads++,
    progressIntervalMs: Math.max(1, Math.floor(iterations / 8 / PROGRESS_REPORTS)),
    shouldStop: () => {
      cancelled = hooks.shouldStop?.() ?? false;
      capped = !cancelled && clock() - started > budgetMs * 0.9;
      return cancelled || capped;
    },
    onProgress: (p) => hooks.onProgress?.({ phase: 'search', ...p }),
  });
  const stoppedBy: StoppedBy = cancelled ? 'cancelled' : capped ? 'time cap' : 'budget';
  return { result, iterations: result.iterations, stoppedBy };
}
