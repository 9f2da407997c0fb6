// The 'priority-first' objective: plans compare lexicographically by the unassigned penalty (and lateness) of each
// priority class, highest first, then by the cost of the routes. Here: the score vector, its comparison, a ruin step
// that makes room for an unassigned job by taking lower-priority work out of the routes around it, and a final repair
// that swaps an unassigned job in for a lower-priority one wherever that is feasible.
import type { CompiledModel } from './compile.js';
import { bestInsertion, type InsertionChoice } from './insertion.js';
import type { Plan } from './plan.js';
import type { Random } from '../../random/index.js';
import { unassignedReason } from './report.js';
import { RouteState } from './route.js';
import type { RuinParams } from './ruin.js';
import { spliceCost } from './splice.js';

/**
 * A plan's score: in the weighted mode one entry, the total cost; with priority classes, for each class (highest
 * priority first) the unassigned penalty of its jobs plus the lateness cost of its served jobs (the lowest class's
 * lateness excepted, see CompiledModel.lateClass), and then the cost of the routes (lateness included).
 */
export type Score = Float64Array;

export function newScore(cm: CompiledModel): Score {
  return new Float64Array(cm.nClasses + 1);
}

/** Fills `out` with the plan's score and returns it. */
export function scorePlan(cm: CompiledModel, plan: Plan, out: Score): Score {
  if (cm.nClasses === 0) {
    out[0] = plan.cost();
    return out;
  }
  out.fill(0);
  let routes = 0;
  for (const r of plan.routes) {
    routes += r.cost;
    for (let c = 0; c < r.late.length; c++) out[c]! += r.late[c]!;
  }
  for (const j of plan.unassigned) out[cm.jobClass[j]!]! += cm.penalty[j]!;
  out[cm.nClasses] = routes;
  return out;
}

/** Sign of a − b over the class entries (all but the last); 0 when they tie (up to rounding). */
export function compareClasses(a: Score, b: Score): number {
  for (let i = 0; i < a.length - 1; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const tolerance = 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    if (x < y - tolerance) return -1;
    if (x > y + tolerance) return 1;
  }
  return 0;
}

/** The rest of the objective once the classes tie: the last entry. */
export function restOf(s: Score): number {
  return s[s.length - 1]!;
}

/**
 * Unassigned jobs worth making room for: a class above the lowest, a penalty, and some vehicle that could serve the
 * job on its own (a job no vehicle can ever take is not chased).
 */
export class PriorityTargets {
  private readonly servable: Int8Array;
  private readonly pool: number[] = [];

  constructor(private readonly cm: CompiledModel) {
    this.servable = new Int8Array(cm.nJobs);
  }

  private mayServe(j: number): boolean {
    if (this.servable[j] === 0) this.servable[j] = unassignedReason(this.cm, j).reason === 'no-room' ? 1 : -1;
    return this.servable[j] === 1;
  }

  /** A target, or -1: half the time one of the highest class left out, otherwise any. */
  pick(plan: Plan, rng: Random): number {
    const cm = this.cm;
    const pool = this.pool;
    pool.length = 0;
    let top = cm.nClasses - 1;
    for (const j of plan.unassigned) {
      const c = cm.jobClass[j]!;
      if (c >= cm.nClasses - 1 || c > top || cm.penalty[j]! <= 0 || !this.mayServe(j)) continue;
      if (c < top) {
        top = c;
      }
      pool.push(j);
    }
    if (pool.length === 0) return -1;
    if (rng.next() < 0.5) {
      let n = 0;
      for (const j of pool) if (cm.jobClass[j] === top) pool[n++] = j;
      pool.length = n;
    }
    return pool[rng.below(pool.length)]!;
  }
}

let kept = new Int32Array(64);

/**
 * Makes room for `target` (an unassigned job): in up to three routes of vehicles that may serve it, nearest first,
 * cuts a string around the job nearest to the target, taking out only work of a lower priority class (pinned jobs
 * stay). Appends the target and the removed jobs to `removed`; false when no route could be cut.
 */
export function ruinForPriority(
  cm: CompiledModel,
  plan: Plan,
  rng: Random,
  p: RuinParams,
  target: number,
  removed: number[],
): boolean {
  const c = cm.jobClass[target]!;
  const nV = cm.nVehicles;
  const wanted = 1 + rng.below(3);
  const cut: number[] = [];
  for (let k = 0; k < cm.adjCount && cut.length < wanted; k++) {
    const near = cm.adjacency[target * cm.adjCount + k]!;
    const ri = plan.routeOf[near]!;
    if (ri < 0 || cut.includes(ri) || !cm.compat[target * nV + ri]) continue;
    const r = plan.routes[ri]!;
    const width = 1 + rng.below(Math.min(p.maxString, r.len));
    const at = plan.posOf[near]!;
    const lo = Math.max(1, at - width + 1);
    const hi = Math.min(at, r.len - width + 1);
    const first = lo + rng.below(hi - lo + 1);
    if (kept.length < width) kept = new Int32Array(width * 2);
    let nKept = 0;
    for (let q = first; q < first + width; q++) {
      const j = r.jobs[q]!;
      if (cm.jobClass[j]! <= c || cm.pinnedVehicle[j]! >= 0) kept[nKept++] = j;
    }
    if (nKept === width) continue;
    if (spliceCost(cm, r, first - 1, kept, nKept, r, first + width) === Infinity) continue;
    cut.push(ri);
    const seq = r.toArray();
    const next: number[] = seq.slice(0, first - 1);
    for (let q = 0; q < nKept; q++) next.push(kept[q]!);
    for (let q = first; q < first + width; q++) {
      const j = r.jobs[q]!;
      if (cm.jobClass[j]! > c && cm.pinnedVehicle[j]! < 0) removed.push(j);
    }
    next.push(...seq.slice(first + width - 1));
    plan.setRoute(ri, next, next.length);
  }
  if (cut.length === 0) return false;
  removed.push(target);
  return true;
}

/** The most jobs in a row the repair takes out of a route to make room for one of a higher class. */
const MAX_EJECTED = 3;

/** Sign of a − b, entry by entry from the first. */
function compareKeys(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/**
 * Until nothing changes: each unassigned job above the lowest class (highest class first) is inserted where it
 * fits; where it fits nowhere, it takes the place of lower-priority work whose removal lets it in — one job, or else
 * two or three in a row, the least loss first — and what it displaced is inserted elsewhere if it fits or left out. Every step serves a higher class at
 * the expense of a lower one, so the plan only gets better and the loop ends. Afterwards no unassigned job could be
 * served by a vehicle in place of one lower-priority job of its route. Returns the number of jobs placed.
 */
export function serveHigherClasses(cm: CompiledModel, plan: Plan): number {
  if (cm.nClasses < 2) return 0;
  const nV = cm.nVehicles;
  const choice: InsertionChoice = { pos: 0, delta: 0 };
  const scratch = new Map<number, RouteState>();
  const key = new Float64Array(cm.nClasses);
  const bestKey = new Float64Array(cm.nClasses);
  /** Route ri without positions p..p+len-1, in a scratch route of that vehicle. */
  const without = (ri: number, p: number, len: number): RouteState => {
    let s = scratch.get(ri);
    if (!s) scratch.set(ri, (s = new RouteState(cm, ri)));
    const r = plan.routes[ri]!;
    s.reserve(r.len);
    let n = 0;
    for (let q = 1; q <= r.len; q++) if (q < p || q >= p + len) s.jobs[++n] = r.jobs[q]!;
    s.len = n;
    s.update();
    return s;
  };
  // The lowest class of a movable job in each route: routes without work below a target's class are skipped.
  const lowest = new Int32Array(nV);
  const updateLowest = (ri: number): void => {
    const r = plan.routes[ri]!;
    let low = -1;
    for (let q = 1; q <= r.len; q++) {
      const j = r.jobs[q]!;
      if (cm.pinnedVehicle[j]! < 0) low = Math.max(low, cm.jobClass[j]!);
    }
    lowest[ri] = low;
  };
  for (let ri = 0; ri < nV; ri++) updateLowest(ri);
  let placed = 0;
  let changed = true;
  while (changed) {
    changed = false;
    const targets = plan.unassigned
      .filter((j) => cm.penalty[j]! > 0 && cm.jobClass[j]! < cm.nClasses - 1)
      .sort((a, b) => cm.jobClass[a]! - cm.jobClass[b]! || cm.penalty[b]! - cm.penalty[a]! || a - b);
    for (const u of targets) {
      if (plan.routeOf[u]! >= 0) continue;
      const c = cm.jobClass[u]!;
      let bestRoute = -1;
      let bestPos = 0;
      let bestDelta = Infinity;
      for (let ri = 0; ri < nV; ri++) {
        if (!cm.compat[u * nV + ri]) continue;
        bestInsertion(cm, plan.routes[ri]!, u, choice, bestDelta);
        if (choice.pos > 0) [bestRoute, bestPos, bestDelta] = [ri, choice.pos, choice.delta];
      }
      let out = -1;
      let width = 0;
      // Where it fits nowhere: take out one job of a lower class, or else two or three in a row, choosing the
      // least loss (the taken-out penalties compared class by class, highest first), then the cheapest result.
      for (let len = 1; len <= MAX_EJECTED && bestRoute < 0; len++) {
        bestKey.fill(Infinity);
        let found: [number, number, number, number] | null = null;
        for (let ri = 0; ri < nV; ri++) {
          if (!cm.compat[u * nV + ri] || lowest[ri]! <= c) continue;
          const r = plan.routes[ri]!;
          for (let q = 1; q + len - 1 <= r.len; q++) {
            key.fill(0);
            let movable = true;
            for (let k = q; k < q + len && movable; k++) {
              const w = r.jobs[k]!;
              movable = cm.jobClass[w]! > c && cm.pinnedVehicle[w]! < 0;
              key[cm.jobClass[w]!]! += cm.penalty[w]!;
            }
            if (!movable) continue;
            const vsBest = compareKeys(key, bestKey);
            if (vsBest > 0) continue;
            const s = without(ri, q, len);
            const before = s.cost - r.cost;
            bestInsertion(cm, s, u, choice, vsBest === 0 && found ? found[2] - before : Infinity);
            if (choice.pos === 0) continue;
            found = [ri, choice.pos, before + choice.delta, q];
            bestKey.set(key);
          }
        }
        if (found) [bestRoute, bestPos, out, width] = [found[0], found[1], found[3], len];
      }
      if (bestRoute < 0) continue;
      if (out >= 0) {
        const r = plan.routes[bestRoute]!;
        const ejected = Array.from(r.jobs.subarray(out, out + width));
        plan.removeRange(bestRoute, out, out + width - 1);
        plan.insert(bestRoute, bestPos, u);
        plan.unassigned = plan.unassigned.filter((j) => j !== u);
        ejected.sort((a, b) => cm.jobClass[a]! - cm.jobClass[b]! || cm.penalty[b]! - cm.penalty[a]!);
        for (const w of ejected) {
          let wRoute = -1;
          let wPos = 0;
          let wDelta = Infinity;
          for (let ri = 0; ri < nV; ri++) {
            bestInsertion(cm, plan.routes[ri]!, w, choice, wDelta);
            if (choice.pos > 0) [wRoute, wPos, wDelta] = [ri, choice.pos, choice.delta];
          }
          if (wRoute >= 0) {
            plan.insert(wRoute, wPos, w);
            updateLowest(wRoute);
          } else {
            plan.unassigned.push(w);
          }
        }
      } else {
        plan.insert(bestRoute, bestPos, u);
        plan.unassigned = plan.unassigned.filter((j) => j !== u);
      }
      updateLowest(bestRoute);
      placed++;
      changed = true;
    }
  }
  return placed;
}
