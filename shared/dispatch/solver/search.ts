// The search loop: ruin and recreate with simulated-annealing acceptance (SISR), improving new best plans by local
// search. Budget, cancel and progress are all checked here and nowhere else.
import type { CompiledModel } from './compile.js';
import { crossover } from './crossover.js';
import { improve, OPERATORS } from './local-search.js';
import type { Plan, PlanSnapshot } from './plan.js';
import { individual, Population } from './population.js';
import { compareClasses, newScore, PriorityTargets, restOf, ruinForPriority, scorePlan } from './priority.js';
import type { Random } from '../../random/index.js';
import { recreateGreedy } from './recreate.js';
import { ruinRoute, ruinStrings, type RuinParams } from './ruin.js';
import type { SolveProgress } from './solution.js';

/**
 * Sharing of best plans between searches running side by side (the island model): every `intervalMs` of the clock
 * the search offers its best plan and score, and takes the plan handed back (a better one found elsewhere) as its
 * current and best plan. Without it the search is exactly the single-thread one.
 */
export interface SearchExchange {
  readonly intervalMs: number;
  share(bestScore: Float64Array, best: PlanSnapshot): PlanSnapshot | null;
}

/** Knobs of the search; the defaults are tuned on the Solomon benchmark. */
export interface SearchTuning extends RuinParams {
  /** Start and final temperatures, as multiples of the average arc cost of the first plan. */
  readonly startTemperature: number;
  readonly finalTemperature: number;
  readonly blinkRate: number;
  /** Run the local search on every new best plan. */
  readonly polishBest: boolean;
  /** Run the local search on the first plan, before the search. */
  readonly polishStart: boolean;
  /** Recreate tries each job only in the routes near it and where room was just made (see recreateGreedy). */
  readonly nearRoutes: boolean;
  /**
   * Plans kept in the population of the genetic search (0: none, the plain ruin-and-recreate search). With a
   * population, the search runs in segments of `segment` steps: each segment's best plan joins the population, and
   * the next segment starts from the child of two plans drawn from it (see crossover.ts), polished by local search.
   * The first `seedPlans` segments start from random greedy plans instead, to make the population diverse (with none,
   * the search goes on from its current plan until two plans are kept).
   */
  readonly population: number;
  readonly generation: number;
  readonly segment: number;
  readonly seedPlans: number;
  /**
   * Fleet minimisation (after SISR's): during this share of the search, whenever the current plan serves every job,
   * its smallest route (if it has at most `fleetShort` jobs) is taken out and the plan may use one route fewer until
   * every job is served again; then the next one. When the share is spent, the search goes on from the last plan
   * that served every job, with the fewest routes reached, allowed to use them until `fleetHold` of the search and
   * any number of routes after. 0: off.
   */
  readonly fleetShare: number;
  readonly fleetShort: number;
  readonly fleetHold: number;
  /**
   * Share of the steps that ruin a whole route instead of strings (the smaller of two drawn at random) and recreate
   * its jobs in the other routes only: the annealing then weighs a plan with one route fewer as a single step, where
   * string removals have to empty the route a few jobs at a time. 0: off.
   */
  readonly routeRemoval: number;
  /**
   * With priority classes, the share of the steps that make room for a left-out job of a class above the lowest by
   * taking lower-priority work out around it (ruinForPriority) instead of removing strings.
   */
  readonly targetRate: number;
  /**
   * Left-out jobs drawn at random in each step to try again, besides those near the ruined strings: every left-out
   * job each step would cost more than the rest of the step on an overbooked day.
   */
  readonly unassignedRetries: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  avgRemoved: 10,
  maxString: 10,
  splitRate: 0.5,
  splitDepth: 0.5,
  startTemperature: 10,
  finalTemperature: 0.1,
  blinkRate: 0.01,
  polishBest: true,
  polishStart: true,
  nearRoutes: false,
  population: 0,
  generation: 20,
  segment: 1000,
  seedPlans: 4,
  fleetShare: 0,
  fleetShort: 1000,
  fleetHold: 0,
  routeRemoval: 0,
  targetRate: 0.5,
  unassignedRetries: 2,
};

/** Budget and callbacks of one search. */
export interface SearchControl {
  readonly maxIterations: number;
  readonly timeLimitMs: number;
  readonly clock: () => number;
  /** Clock reading when solving began: the budget covers construction too. */
  readonly startedAt: number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (p: SolveProgress) => void;
  readonly progressIntervalMs: number;
  readonly exchange?: SearchExchange;
  /** Called with each new best plan (the first plan included), for time-to-quality traces. */
  readonly onImproved?: (best: PlanSnapshot, bestCost: number, iterations: number) => void;
}

/** What the search hands back: the best plan found and how it ended. */
export interface SearchOutcome {
  readonly best: PlanSnapshot;
  readonly bestCost: number;
  readonly iterations: number;
  readonly cancelled: boolean;
}

function averageArcCost(plan: Plan): number {
  let travel = 0;
  let arcs = 0;
  for (const r of plan.routes) {
    if (r.len === 0) continue;
    travel += r.cum[r.len + 1]!;
    arcs += r.len + 1;
  }
  return arcs > 0 && travel > 0 ? travel / arcs : 1;
}

/**
 * How far the annealing has cooled at clock reading `at`, 0..1: the share of the time left for the search when it
 * began (`searchFrom`) that is spent, not the share of the whole budget (from `started`) that includes the first plan.
 */
export function coolingShare(at: number, started: number, searchFrom: number, limitMs: number): number {
  if (limitMs === Infinity) return 0;
  const searchMs = limitMs - (searchFrom - started);
  if (searchMs <= 0) return 1;
  return Math.min(1, Math.max(0, (at - searchFrom) / searchMs));
}

// The temperature follows the budget every few iterations. The clock is read as often without a time limit (a
// counting clock then paces progress by work done), but with one it is read about every CLOCK_READ_MS only: a
// process CPU-time read costs up to a tenth of a millisecond under load, a tenth of a 1 s budget at every 8 steps.
const CHECK_EVERY = 8;
const CLOCK_READ_MS = 5;
// The stride grows (at most doubling per read) to what CLOCK_READ_MS allows: a cap of 64 steps would have a Solomon
// day at 20 µs a step read the clock every 1.3 ms, about 940 reads in a 1 s run instead of about 200.
const MAX_STRIDE = 1024;
/** The annealing cools in this many steps of a timed search (1 ms apart in a 1 s budget). */
const COOLING_STEPS = 1024;

/** Improves `plan` in place until the budget is spent or the caller cancels; returns the best plan seen. */
export function search(
  cm: CompiledModel,
  plan: Plan,
  rng: Random,
  tuning: SearchTuning,
  control: SearchControl,
): SearchOutcome {
  const started = control.startedAt;
  let lastProgress = control.clock();
  const exchange = control.exchange;
  let nextExchange = exchange ? lastProgress + exchange.intervalMs : Infinity;
  // Scores (see priority.ts): one entry in the weighted mode, the classes and then the routes in 'priority-first'.
  const current = scorePlan(cm, plan, newScore(cm));
  const candidate = newScore(cm);
  const bestScore = current.slice();
  let bestCost = plan.cost();
  let best = plan.snapshot();
  control.onImproved?.(best, bestCost, 0);
  const targets = cm.nClasses > 1 ? new PriorityTargets(cm) : null;
  const scale = averageArcCost(plan);
  const t0 = tuning.startTemperature * scale;
  const tf = tuning.finalTemperature * scale;
  let temperature = t0;
  let fraction = 0;
  let iterations = 0;
  let cancelled = false;
  const removed: number[] = [];
  const waiting = new Uint8Array(cm.nJobs);
  const report = (): void => control.onProgress?.({ bestCost, fraction: Math.min(1, fraction), iterations });
  const improves = (a: Float64Array, b: Float64Array): boolean => {
    const byClass = compareClasses(a, b);
    return byClass < 0 || (byClass === 0 && restOf(a) < restOf(b) - 1e-9);
  };
  // The genetic side (see SearchTuning.population): the best plan of the running segment, and the plans kept.
  const population =
    tuning.population > 0
      ? new Population({ size: tuning.population, generation: tuning.generation, elite: 4, close: 5 })
      : null;
  const segmentBest = current.slice();
  let segmentPlan = best;
  let segmentStart = 0;
  let segments = 0;
  const startSegment = (): void => {
    segments++;
    if (segments > tuning.seedPlans && population!.length < 2) {
      // Too few plans to cross yet: the segment goes on from the current plan.
    } else if (segments <= tuning.seedPlans) {
      // A random greedy plan: every job but the pinned ones taken out and inserted again in a random order.
      const out: number[] = [];
      for (let v = 0; v < plan.routes.length; v++) {
        const seq = plan.routes[v]!.toArray();
        const keep = seq.filter((j) => cm.pinnedVehicle[j] === v);
        for (const j of seq) if (cm.pinnedVehicle[j] !== v) out.push(j);
        if (keep.length < seq.length) plan.setRoute(v, keep, keep.length);
      }
      out.push(...plan.unassigned);
      plan.unassigned = [];
      recreateGreedy(cm, plan, out, rng, tuning.blinkRate, tuning.nearRoutes);
    } else {
      const a = population!.select(rng);
      let b = population!.select(rng);
      if (b === a) b = population!.select(rng);
      crossover(cm, plan, a.plan, b.plan, rng, tuning.blinkRate, tuning.nearRoutes);
    }
    improve(cm, plan, rng);
    scorePlan(cm, plan, current);
    segmentBest.set(current);
    segmentPlan = plan.snapshot();
    if (improves(current, bestScore)) {
      bestScore.set(current);
      bestCost = plan.cost();
      best = segmentPlan;
      control.onImproved?.(best, bestCost, iterations);
    }
  };

  // Nothing to move: no job, or no vehicle to put one on.
  const idle = cm.nJobs === 0 || cm.nVehicles === 0;
  const limit = control.timeLimitMs;
  let nextRead = 0;
  let stride = CHECK_EVERY;
  let readAt = started;
  let readIteration = 0;
  let msPerIteration = 0;
  // The temperature falls over the time left for the search, not over the whole budget: on a short budget the first
  // plan can take a third of it, and cooling from the start of solving would skip the hot phase that reshapes the
  // routes (R206 at 1 s stayed on the three routes of the first plan, 8 % above the best known).
  const searchFrom = lastProgress;
  let cooled = 0;
  // The temperature is a function of the step count while the iteration limit leads: the steps counted at the last
  // multiple of CHECK_EVERY (a clock read falls on any step, wherever the machine's pace puts it), and the time spent
  // in steps of 1/COOLING_STEPS of the search (below the iteration share unless the time limit is the nearer one).
  // Without both, a run of N iterations changed with the load (R202, 100,000 steps: one run in four another plan).
  const cool = (at: number): void => {
    const counted = iterations - (iterations % CHECK_EVERY);
    const iterationShare = control.maxIterations === Infinity ? 0 : counted / control.maxIterations;
    fraction = Math.max(limit === Infinity ? 0 : (at - started) / limit, iterationShare);
    const timeShare = Math.floor(coolingShare(at, started, searchFrom, limit) * COOLING_STEPS) / COOLING_STEPS;
    cooled = Math.max(timeShare, iterationShare);
    temperature = t0 * Math.pow(tf / t0, cooled);
  };
  // Fleet minimisation (see SearchTuning.fleetShare): the last plan that served every job with the fewest routes.
  let fleetOn = tuning.fleetShare > 0 && !idle;
  let fleetPlan: PlanSnapshot | null = null;
  let fleetRoutes = 0;
  let fleetHeld = false;
  // Whether a route is to be taken out as soon as every job is served.
  let fleetPending = true;
  const usedRoutes = (): number => {
    let used = 0;
    for (const r of plan.routes) if (r.len > 0) used++;
    return used;
  };
  const fleetStep = (): void => {
    if (cooled >= tuning.fleetShare) {
      fleetOn = false;
      if (plan.maxRoutes === Infinity) return;
      if (plan.unassigned.length > 0) {
        plan.restore(fleetPlan!);
        scorePlan(cm, plan, current);
      } else {
        fleetRoutes = usedRoutes();
      }
      fleetHeld = tuning.fleetHold > cooled;
      plan.maxRoutes = fleetHeld ? fleetRoutes : Infinity;
      if (population) {
        segmentStart = iterations;
        segmentBest.set(current);
        segmentPlan = plan.snapshot();
      }
      return;
    }
    if (!fleetPending || plan.unassigned.length > 0) return;
    // Every job served: keep this plan, and try it with its smallest route taken out.
    fleetPlan = plan.snapshot();
    fleetRoutes = usedRoutes();
    let smallest = -1;
    for (let v = 0; v < plan.routes.length; v++) {
      const r = plan.routes[v]!;
      if (r.len === 0 || r.len > tuning.fleetShort) continue;
      if (smallest >= 0 && r.len >= plan.routes[smallest]!.len) continue;
      let pinned = false;
      for (let p = 1; p <= r.len; p++) if (cm.pinnedVehicle[r.jobs[p]!]! >= 0) pinned = true;
      if (!pinned) smallest = v;
    }
    if (smallest < 0 || fleetRoutes <= 1) {
      // Nothing more to take out: the routes reached so far are kept until the share is spent.
      fleetPending = false;
      if (plan.maxRoutes !== Infinity) plan.maxRoutes = fleetRoutes;
      return;
    }
    plan.maxRoutes = fleetRoutes - 1;
    const out = plan.routes[smallest]!.toArray();
    plan.setRoute(smallest, out, 0);
    recreateGreedy(cm, plan, out, rng, tuning.blinkRate, tuning.nearRoutes);
    scorePlan(cm, plan, current);
  };
  while (iterations < control.maxIterations && !idle) {
    if (iterations % CHECK_EVERY === 0 && iterations < nextRead) {
      // Between clock reads the time spent is estimated from the pace since the last one.
      cool(readAt + (iterations - readIteration) * msPerIteration);
    } else if (iterations >= nextRead) {
      if (control.shouldStop?.()) {
        cancelled = true;
        break;
      }
      const now = control.clock();
      const timeShare = limit === Infinity ? 0 : (now - started) / limit;
      if (timeShare >= 1) break;
      if (limit !== Infinity && iterations > readIteration) {
        msPerIteration = Math.max(0, (now - readAt) / (iterations - readIteration));
        // Read again after about CLOCK_READ_MS, never later than halfway to the end of the budget.
        const wanted = Math.min(CLOCK_READ_MS, (started + limit - now) / 2);
        const fits = msPerIteration > 0 ? Math.floor(wanted / msPerIteration) : MAX_STRIDE;
        stride = Math.max(1, Math.min(fits, 2 * stride, MAX_STRIDE));
      }
      readAt = now;
      readIteration = iterations;
      nextRead = iterations + stride;
      cool(now);
      if (control.onProgress && now - lastProgress >= control.progressIntervalMs) {
        lastProgress = now;
        report();
      }
      if (exchange && now >= nextExchange) {
        nextExchange = now + exchange.intervalMs;
        const better = exchange.share(bestScore, best);
        if (better) {
          fleetOn = false;
          fleetHeld = false;
          plan.maxRoutes = Infinity;
          plan.restore(better);
          scorePlan(cm, plan, current);
          bestScore.set(current);
          bestCost = plan.cost();
          best = plan.snapshot();
          segmentBest.set(current);
          segmentPlan = best;
          control.onImproved?.(best, bestCost, iterations);
        }
      }
    }
    if (fleetOn) fleetStep();
    else if (fleetHeld && cooled >= tuning.fleetHold) {
      fleetHeld = false;
      plan.maxRoutes = Infinity;
      if (population) segmentStart = iterations;
    }
    // A segment's plan would not keep to the routes allowed: the genetic side waits while they are bounded.
    if (population && plan.maxRoutes === Infinity && iterations - segmentStart >= tuning.segment) {
      population.add(individual(cm, segmentPlan, segmentBest));
      startSegment();
      segmentStart = iterations;
      // The crossover and the local search of the child take many steps' worth of time: check the limit at once.
      if (limit !== Infinity) nextRead = iterations;
    }
    iterations++;
    plan.begin();
    removed.length = 0;
    // Unassigned jobs are retried near the ruined strings, plus a few at random (unassignedRetries): retrying all of
    // them every iteration would cost more than the rest of the step when the day is overbooked.
    for (const j of plan.unassigned) waiting[j] = 1;
    // With priority classes, some steps make room for a left-out job by taking lower-priority work out around it.
    const target = targets && rng.next() < tuning.targetRate ? targets.pick(plan, rng) : -1;
    let routeRuined = false;
    if (target >= 0 && ruinForPriority(cm, plan, rng, tuning, target, removed)) waiting[target] = 0;
    else if (tuning.routeRemoval > 0 && plan.maxRoutes === Infinity && rng.next() < tuning.routeRemoval) {
      routeRuined = ruinRoute(cm, plan, rng, removed);
      if (!routeRuined) ruinStrings(cm, plan, rng, tuning, removed, waiting);
    } else ruinStrings(cm, plan, rng, tuning, removed, waiting);
    for (let k = 0; k < tuning.unassignedRetries && plan.unassigned.length > 0; k++) {
      const j = plan.unassigned[rng.below(plan.unassigned.length)]!;
      if (!waiting[j]) continue;
      waiting[j] = 0;
      removed.push(j);
    }
    const stillWaiting: number[] = [];
    for (const j of plan.unassigned) {
      if (waiting[j]) stillWaiting.push(j);
      waiting[j] = 0;
    }
    plan.unassigned = stillWaiting;
    recreateGreedy(cm, plan, removed, rng, tuning.blinkRate, tuning.nearRoutes, targets ? current : undefined);
    if (routeRuined) plan.maxRoutes = Infinity;
    scorePlan(cm, plan, candidate);
    // A better class score is taken, a worse one never; on a tie (and always in the weighted mode), simulated
    // annealing on the rest: accept worse plans by up to T·ln(1/U).
    const byClass = compareClasses(candidate, current);
    if (
      byClass < 0 ||
      (byClass === 0 && restOf(candidate) < restOf(current) - temperature * Math.log(rng.next() + Number.MIN_VALUE))
    ) {
      const changed = plan.changedRoutes();
      plan.commit();
      current.set(candidate);
      const vsBest = compareClasses(current, bestScore);
      if (vsBest < 0 || (vsBest === 0 && restOf(current) < restOf(bestScore) - 1e-9)) {
        if (tuning.polishBest) {
          improve(cm, plan, rng, OPERATORS, changed);
          scorePlan(cm, plan, current);
          // A local search can cost many steps' worth of time (on a large day, more than the whole read stride):
          // check the time limit at once, as often as every 8 steps did.
          if (limit !== Infinity) nextRead = iterations;
        }
        bestScore.set(current);
        bestCost = plan.cost();
        best = plan.snapshot();
        control.onImproved?.(best, bestCost, iterations);
      }
      if (population && improves(current, segmentBest)) {
        segmentBest.set(current);
        segmentPlan = plan.snapshot();
      }
    } else {
      plan.rollback();
    }
  }
  plan.maxRoutes = Infinity;
  fraction = cancelled ? fraction : 1;
  report();
  return { best, bestCost, iterations, cancelled };
}
