// Adjacent string removal (SISR, Christiaens & Vanden Berghe 2020): from a random seed job, walk its nearest
// neighbours and cut one string (or a string with a preserved middle, the "split string") out of each route met,
// until the drawn number of routes is ruined. Pinned jobs are never removed.
import type { CompiledModel } from './compile.js';
import type { Plan } from './plan.js';
import type { Random } from '../../random/index.js';
import { spliceCost } from './splice.js';

/** Tuning of the string removal. */
export interface RuinParams {
  /** Average number of jobs removed (c̄). */
  readonly avgRemoved: number;
  /** Longest string (L_max). */
  readonly maxString: number;
  /** Probability of a split string instead of a plain string. */
  readonly splitRate: number;
  /** Probability of preserving one more job in the middle of a split string. */
  readonly splitDepth: number;
}

let kept = new Int32Array(64);

/**
 * Removes strings of jobs from the plan and appends them to `removed`. Unassigned jobs flagged in `waiting` that
 * the walk meets (at most c̄) are appended too and unflagged: they get a try where room was just made.
 */
export function ruinStrings(
  cm: CompiledModel,
  plan: Plan,
  rng: Random,
  p: RuinParams,
  removed: number[],
  waiting?: Uint8Array,
): void {
  let routed = 0;
  let used = 0;
  for (const r of plan.routes) {
    if (r.len > 0) {
      routed += r.len;
      used++;
    }
  }
  if (routed === 0) return;
  const lsMax = Math.min(p.maxString, routed / used);
  const ksMax = (4 * p.avgRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(1 + rng.next() * ksMax);
  const seed = rng.below(cm.nJobs);
  const ruined: number[] = [];
  let met = 0;
  for (let k = -1; k < cm.adjCount && ruined.length < ks; k++) {
    const c = k < 0 ? seed : cm.adjacency[seed * cm.adjCount + k]!;
    if (waiting?.[c] && met < p.avgRemoved) {
      waiting[c] = 0;
      removed.push(c);
      met++;
    }
    const ri = plan.routeOf[c]!;
    if (ri < 0 || ruined.includes(ri)) continue;
    const r = plan.routes[ri]!;
    const ltMax = Math.min(r.len, lsMax);
    const lt = Math.floor(1 + rng.next() * ltMax);
    let m = 0;
    if (lt < r.len && rng.next() < p.splitRate) {
      m = 1;
      while (lt + m < r.len && rng.next() < p.splitDepth) m++;
    }
    const width = lt + m;
    if (kept.length < width) kept = new Int32Array(width * 2);
    const pc = plan.posOf[c]!;
    const lo = Math.max(1, pc - width + 1);
    const hi = Math.min(pc, r.len - width + 1);
    const first = lo + rng.below(hi - lo + 1);
    const keepAt = m > 0 ? first + rng.below(lt + 1) : -1;
    // Preserved middle part and pinned jobs stay in the route, in their order.
    let nKept = 0;
    for (let q = first; q < first + width; q++) {
      const j = r.jobs[q]!;
      if ((q >= keepAt && q < keepAt + m) || cm.pinnedVehicle[j]! >= 0) kept[nKept++] = j;
    }
    if (nKept === width) continue;
    if (spliceCost(cm, r, first - 1, kept, nKept, r, first + width) === Infinity) continue;
    ruined.push(ri);
    for (let q = first; q < first + width; q++) {
      const j = r.jobs[q]!;
      if (!(q >= keepAt && q < keepAt + m) && cm.pinnedVehicle[j]! < 0) removed.push(j);
    }
    plan.replaceRange(ri, first, first + width - 1, kept, nKept);
  }
}

/**
 * Route removal: takes every job but the pinned ones out of the smaller of two used routes drawn at random, appends
 * them to `removed`, and bounds the plan to the routes left in use (`plan.maxRoutes`; the caller lifts the bound
 * after recreate). False, with nothing changed, when fewer than two routes are in use or the route has pinned jobs.
 */
export function ruinRoute(cm: CompiledModel, plan: Plan, rng: Random, removed: number[]): boolean {
  const used: number[] = [];
  for (let ri = 0; ri < plan.routes.length; ri++) if (plan.routes[ri]!.len > 0) used.push(ri);
  if (used.length < 2) return false;
  const a = used[rng.below(used.length)]!;
  const b = used[rng.below(used.length)]!;
  const ri = plan.routes[b]!.len < plan.routes[a]!.len ? b : a;
  const r = plan.routes[ri]!;
  for (let q = 1; q <= r.len; q++) if (cm.pinnedVehicle[r.jobs[q]!]! >= 0) return false;
  for (let q = 1; q <= r.len; q++) removed.push(r.jobs[q]!);
  plan.replaceRange(ri, 1, r.len, kept, 0);
  plan.maxRoutes = used.length - 1;
  return true;
}
