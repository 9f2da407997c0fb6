// Entry point: compile, build a first plan (pinned jobs, the warm start, regret insertion), polish it by local
// search, then ruin-and-recreate until the budget is spent.
import { compileModel, ModelError, type CompiledModel } from './compile.js';
import { regretInsertion } from './construction.js';
import { bestInsertion, type InsertionChoice } from './insertion.js';
import { improve } from './local-search.js';
import type { RoutePlan, VrpModel } from './model.js';
import { Plan } from './plan.js';
import { serveHigherClasses } from './priority.js';
import { Random } from '../../random/index.js';
import { describePlan } from './report.js';
import { DEFAULT_TUNING, search, type SearchControl, type SearchExchange, type SearchTuning } from './search.js';
import type { SolveImprovement, SolveProgress, SolveResult } from './solution.js';
import { spliceCost } from './splice.js';

/** How long to search and how to report; the same seed and iteration limit give the same result. */
export interface SolveOptions {
  readonly seed?: number;
  /** Iteration budget; defaults to 20,000 when no time limit is given either. */
  readonly maxIterations?: number;
  readonly timeLimitMs?: number;
  /** Milliseconds for the time limit (e.g. CPU time); defaults to Date.now. */
  readonly clock?: () => number;
  /** Polled during the search; returning true stops it with the best plan so far. */
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (progress: SolveProgress) => void;
  /** Called with each new best plan the moment it is found (a time-to-quality trace); costs nothing when unset. */
  readonly onImproved?: (improvement: SolveImprovement) => void;
  /** Least time between two progress reports (default 200 ms of `clock`). */
  readonly progressIntervalMs?: number;
  /** A plan to start from (jobs that no longer fit are inserted again like any other). */
  readonly initial?: readonly RoutePlan[];
  readonly tuning?: Partial<SearchTuning>;
  /** Best-plan sharing with searches running alongside (see SearchExchange); none by default. */
  readonly exchange?: SearchExchange;
}

const DEFAULT_ITERATIONS = 20_000;
/** Plans kept by the genetic search where it is on by default (see below). */
const GENETIC_POPULATION = 10;
/** Least budget for the genetic search to be on by default: a time limit, or steps when there is none. */
const GENETIC_MIN_MS = 5000;
const GENETIC_MIN_ITERATIONS = 50_000;

/**
 * Plans kept by the genetic search unless the tuning says otherwise: it is on where it was measured to pay, in long
 * runs of the weighted mode whose first plan serves every job (the Solomon instances at 10 s). A 1 s run has too few
 * steps for it (it was no better there), and on an overbooked day, where which jobs are left out decides, random
 * restarts and crossovers lose that; the priority-first days of the console were not measured with it.
 */
export function defaultPopulation(
  cm: CompiledModel,
  unassigned: number,
  options: Pick<SolveOptions, 'timeLimitMs' | 'maxIterations'>,
): number {
  const longRun =
    options.timeLimitMs !== undefined
      ? options.timeLimitMs >= GENETIC_MIN_MS
      : (options.maxIterations ?? DEFAULT_ITERATIONS) >= GENETIC_MIN_ITERATIONS;
  return longRun && cm.nClasses === 0 && unassigned === 0 ? GENETIC_POPULATION : 0;
}

/** Share of the search given to fleet minimisation, and until when its routes are kept, where it is on (below). */
const FLEET_SHARE = 0.1;
const FLEET_HOLD = 0.4;

/**
 * Fleet minimisation (SearchTuning.fleetShare) unless the tuning says otherwise: on where the genetic search is (long
 * runs of the weighted mode whose first plan serves every job) and every vehicle is alike, with no breaks or soft time
 * costs (the Solomon instances). There the search ended in plans with one route more than the best known ones (RC101
 * 16 against 15, RC103 12 against 11); field-service days, with their breaks, shifts and skills, were not measured
 * with it and keep the search as it was.
 */
export function defaultFleet(cm: CompiledModel, population: number): Pick<SearchTuning, 'fleetShare' | 'fleetHold'> {
  let alike = population > 0;
  for (let v = 0; alike && v < cm.nVehicles; v++) alike = cm.vClass[v] === cm.vClass[0] && !cm.slow[v];
  return alike ? { fleetShare: FLEET_SHARE, fleetHold: FLEET_HOLD } : { fleetShare: 0, fleetHold: 0 };
}

/** Least time limit for the local search of the first plan and of new best plans to be on by default (see below). */
const POLISH_MIN_MS = 5000;

/**
 * Whether the local search polishes the first plan and each new best plan unless the tuning says otherwise. It is
 * off in short time-limited runs of the weighted mode: in a fresh process the first local searches run before the
 * code is optimised (on R206 the first one cost 400 ms of CPU where a warm one costs 56 ms), so at 1 s they took a
 * third of the budget and more, and the ruin-and-recreate steps they displaced were worth more (Solomon, 2 per
 * class at 1 s of CPU, seeds 1–3 and 5–7 side by side: 0.66 % average gap with the polish, 0.51 % without; a C2 day
 * can stay far from its best known plan without, C205 at 6.4 % in one run of nine). Runs bounded by iterations
 * only, the console's, are unchanged.
 */
export function defaultPolish(cm: CompiledModel, options: Pick<SolveOptions, 'timeLimitMs'>): boolean {
  return !(cm.nClasses === 0 && options.timeLimitMs !== undefined && options.timeLimitMs < POLISH_MIN_MS);
}

/**
 * Search settings of the short runs defaultPolish leaves unpolished: a cooler start (3 times the first plan's average
 * arc cost instead of 10) and whole routes ruined in 1 % of the steps. The cooler start alone left C2 days on a fourth
 * route (C205, C206 6.4 % at 1 s in three seeds of six); with the route ruins, all 56 Solomon instances at 1 s
 * averaged 0.51 % against 0.56 % over five seeds, better in four (README, "Whole routes ruined in short runs").
 */
const SHORT_RUN: Partial<SearchTuning> = { startTemperature: 3, routeRemoval: 0.01 };

/** Left-out jobs tried again at random in each priority-first step (SearchTuning.unassignedRetries; 2 otherwise). */
const PRIORITY_RETRIES = 6;

/**
 * The search's settings before the genetic search and fleet minimisation are decided (see solve), `options.tuning`
 * applied last. Priority-first: recreate tries each job only near it (twice the steps per second on bench:fs's
 * overbooked field days), and each step tries PRIORITY_RETRIES left-out jobs at random again (on the 200 × 2,000
 * field day at 10 s, S = 1–8: 6,616,750 against 6,642,250 with 2); the weighted mode keeps the full scan and the 2
 * retries its tuning on the Solomon instances was done with.
 */
export function baseTuning(cm: CompiledModel, options: Pick<SolveOptions, 'timeLimitMs' | 'tuning'>): SearchTuning {
  const polish = defaultPolish(cm, options);
  return {
    ...DEFAULT_TUNING,
    nearRoutes: cm.nClasses > 1,
    unassignedRetries: cm.nClasses > 1 ? PRIORITY_RETRIES : DEFAULT_TUNING.unassignedRetries,
    polishStart: polish,
    polishBest: polish,
    ...(polish ? {} : SHORT_RUN),
    ...options.tuning,
  };
}

/** Places the warm start: each route's jobs in the given order, skipping any that would break a hard rule. */
function placeInitial(cm: CompiledModel, plan: Plan, initial: readonly RoutePlan[]): void {
  const seen = new Set<number>();
  const one = new Int32Array(1);
  initial.forEach((route, i) => {
    const v = route.vehicle;
    if (!Number.isInteger(v) || v < 0 || v >= cm.nVehicles) {
      throw new ModelError(`initial[${i}].vehicle`, `index ${String(v)} is out of range 0..${cm.nVehicles - 1}`);
    }
    const r = plan.routes[v]!;
    if (r.len > 0) throw new ModelError(`initial[${i}].vehicle`, `vehicle ${v} appears in two routes`);
    route.jobs.forEach((j, k) => {
      if (!Number.isInteger(j) || j < 0 || j >= cm.nJobs) {
        throw new ModelError(`initial[${i}].jobs[${k}]`, `index ${String(j)} is out of range 0..${cm.nJobs - 1}`);
      }
      if (seen.has(j)) throw new ModelError(`initial[${i}].jobs[${k}]`, `job ${j} is planned twice`);
      seen.add(j);
      one[0] = j;
      if (spliceCost(cm, r, r.len, one, 1, r, r.len + 1) !== Infinity) plan.insert(v, r.len + 1, j);
    });
  });
}

/** Puts every pinned job that is not placed yet on its vehicle, at its cheapest position. */
function placePinned(cm: CompiledModel, plan: Plan): void {
  const choice: InsertionChoice = { pos: 0, delta: 0 };
  for (let j = 0; j < cm.nJobs; j++) {
    const v = cm.pinnedVehicle[j]!;
    if (v < 0 || plan.routeOf[j]! >= 0) continue;
    bestInsertion(cm, plan.routes[v]!, j, choice);
    if (choice.pos > 0) plan.insert(v, choice.pos, j);
  }
}

/** Adapts the search's new-best calls to `SolveOptions.onImproved`: the time is read only when someone listens. */
function improvementReporter(
  cm: CompiledModel,
  clock: () => number,
  startedAt: number,
  onImproved: (improvement: SolveImprovement) => void,
): NonNullable<SearchControl['onImproved']> {
  return (best, bestCost, iterations) =>
    onImproved({ bestCost, elapsedMs: clock() - startedAt, iterations, describe: () => describePlan(cm, best) });
}

/** Solves a model: the best routes found within the budget, unassigned jobs with reasons, and the cost split. */
export function solve(model: VrpModel | CompiledModel, options: SolveOptions = {}): SolveResult {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const cm = 'nJobs' in model ? model : compileModel(model);
  const base = baseTuning(cm, options);
  const rng = new Random(options.seed ?? 1);
  const plan = new Plan(cm);
  if (options.initial) placeInitial(cm, plan, options.initial);
  placePinned(cm, plan);
  plan.collectUnassigned();
  if (cm.nClasses > 1) {
    // Priority classes are built in one after the other, highest first, and each takes what room it can.
    const byClass: number[][] = Array.from({ length: cm.nClasses }, () => []);
    for (const j of plan.unassigned) byClass[cm.jobClass[j]!]!.push(j);
    for (const jobs of byClass) regretInsertion(cm, plan, jobs);
    serveHigherClasses(cm, plan);
  } else {
    regretInsertion(cm, plan, plan.unassigned.slice());
  }
  if (base.polishStart) improve(cm, plan, rng);
  const population = options.tuning?.population ?? defaultPopulation(cm, plan.unassigned.length, options);
  const tuning: SearchTuning = { ...base, ...defaultFleet(cm, population), ...options.tuning, population };
  const noLimit = options.maxIterations === undefined && options.timeLimitMs === undefined;
  const outcome = search(cm, plan, rng, tuning, {
    maxIterations: options.maxIterations ?? (noLimit ? DEFAULT_ITERATIONS : Infinity),
    timeLimitMs: options.timeLimitMs ?? Infinity,
    clock,
    startedAt,
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    progressIntervalMs: options.progressIntervalMs ?? 200,
    ...(options.exchange ? { exchange: options.exchange } : {}),
    ...(options.onImproved ? { onImproved: improvementReporter(cm, clock, startedAt, options.onImproved) } : {}),
  });
  let best = outcome.best;
  if (cm.nClasses > 1 && best.unassigned.length > 0) {
    // The search may end short of it: no unassigned job is left that could take a lower-priority job's place.
    plan.restore(best);
    if (serveHigherClasses(cm, plan) > 0) best = plan.snapshot();
  }
  const described = describePlan(cm, best);
  return { ...described, iterations: outcome.iterations, cancelled: outcome.cancelled };
}
