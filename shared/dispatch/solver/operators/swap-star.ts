// SWAP* (Vidal 2022): exchange jobs u and v between their routes, each going to its cheapest feasible position in
// the other route rather than into the other's place. Once u and v have traded routes the two insertions are
// independent, so each side is the best insertion of one job into the other route without the job it gives up.
// Positions are tried cheapest travel first: travel is exact for plain vehicles, so the scan stops as soon as no
// remaining position can beat the best one found. Vehicles with breaks or soft time costs are left to the other
// operators.
import type { CompiledModel } from '../compile.js';
import type { RouteState } from '../route.js';
import { spliceCost } from '../splice.js';
import { applyRoutes, IMPROVEMENT, spliced, type MoveContext } from './move.js';

let gapDelta = new Float64Array(64);
let gapDone = new Uint8Array(64);

/** Where the best insertion of one side goes: gap g of the route without position p (0 = first), and its cost. */
interface SideChoice {
  gap: number;
  cost: number;
}
const sideU: SideChoice = { gap: -1, cost: Infinity };
const sideV: SideChoice = { gap: -1, cost: Infinity };

/** Travel cost of r's jobs without position p (start and end included). */
function travelWithout(cm: CompiledModel, r: RouteState, p: number): number {
  const nL = cm.nLocs;
  const { loc, cum } = r;
  return (
    cum[r.len + 1]! -
    cm.cost[loc[p - 1]! * nL + loc[p]!]! -
    cm.cost[loc[p]! * nL + loc[p + 1]!]! +
    cm.cost[loc[p - 1]! * nL + loc[p + 1]!]!
  );
}

/**
 * Fills `gapDelta[0..len)` with the travel added by inserting `job` into gap g of r without position p (gap g lies
 * after the g-th remaining job) and returns the smallest.
 */
function gapDeltas(cm: CompiledModel, r: RouteState, p: number, job: number): number {
  const n = r.len;
  if (gapDelta.length < n) {
    gapDelta = new Float64Array(2 * n);
    gapDone = new Uint8Array(2 * n);
  }
  const nL = cm.nLocs;
  const lj = cm.jobLoc[job]!;
  const loc = r.loc;
  let least = Infinity;
  for (let g = 0; g < n; g++) {
    // Remaining job i sits at position i of r before p and i + 1 from p on; 0 is the start, n the end.
    const a = loc[g < p ? g : g + 1]!;
    const b = loc[g + 1 < p ? g + 1 : g + 2]!;
    const d = cm.cost[a * nL + lj]! + cm.cost[lj * nL + b]! - cm.cost[a * nL + b]!;
    gapDelta[g] = d;
    gapDone[g] = 0;
    if (d < least) least = d;
  }
  return least;
}

/** Writes the splice putting `job` into gap g of r without position p into `mid`; returns [a, midLen, b]. */
function gapSplice(r: RouteState, p: number, job: number, g: number, mid: Int32Array): [number, number, number] {
  let n = 0;
  if (g < p) {
    // r[1..g] ++ job ++ r[g+1..p-1] ++ r[p+1..]
    mid[n++] = job;
    for (let q = g + 1; q <= p - 1; q++) mid[n++] = r.jobs[q]!;
    return [g, n, p + 1];
  }
  // r[1..p-1] ++ r[p+1..g+1] ++ job ++ r[g+2..]
  for (let q = p + 1; q <= g + 1; q++) mid[n++] = r.jobs[q]!;
  mid[n++] = job;
  return [p - 1, n, g + 2];
}

/**
 * Cheapest feasible cost of route r with `job` in place of position p, at any position, if below `limit`; the gap
 * deltas must have been filled by `gapDeltas` for the same arguments. `base` is the travel of r without p and
 * `extra` the fixed and balance cost of the new route (neither depends on the position).
 */
function bestSide(
  cm: CompiledModel,
  r: RouteState,
  p: number,
  job: number,
  base: number,
  extra: number,
  limit: number,
  mid: Int32Array,
  out: SideChoice,
): void {
  out.gap = -1;
  out.cost = limit;
  const n = r.len;
  for (;;) {
    let g = -1;
    let d = Infinity;
    for (let k = 0; k < n; k++) {
      if (!gapDone[k] && gapDelta[k]! < d) {
        d = gapDelta[k]!;
        g = k;
      }
    }
    if (g < 0 || base + d + extra >= out.cost) return;
    gapDone[g] = 1;
    const [a, midLen, b] = gapSplice(r, p, job, g, mid);
    const cost = spliceCost(cm, r, a, mid, midLen, r, b);
    if (cost < out.cost) {
      out.cost = cost;
      out.gap = g;
    }
  }
}

/** Fixed and load-balance cost of r's vehicle serving r's jobs with `out` replaced by `in`. */
function extraCost(cm: CompiledModel, r: RouteState, out: number, into: number): number {
  let extra = cm.vFixed[r.vehicle]!;
  if (cm.wBalance > 0) {
    const s = r.svc[r.len]! - cm.jobService[out]! + cm.jobService[into]!;
    extra += cm.wBalance * s * s;
  }
  return extra;
}

/** Exchanges u and v (different routes), each at its best position in the other route, when that lowers the cost. */
export function swapStar(ctx: MoveContext, u: number, v: number): boolean {
  const { cm, plan, mid, mid2 } = ctx;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const rv = plan.routes[plan.routeOf[v]!]!;
  if (ru === rv) return false;
  // With breaks or soft time costs every position tried costs a full simulation: on a field-service day that made
  // the first local search several times slower (half the iterations at a 1 s budget) for no gain at 10 s.
  if (cm.slow[ru.vehicle] || cm.slow[rv.vehicle]) return false;
  const nV = cm.nVehicles;
  if (!cm.compat[u * nV + rv.vehicle] || !cm.compat[v * nV + ru.vehicle]) return false;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  const target = ru.cost + rv.cost - IMPROVEMENT;
  // v into ru without u, and u into rv without v: a lower bound on travel first.
  const baseU = travelWithout(cm, ru, pu);
  const baseV = travelWithout(cm, rv, pv);
  const extraU = extraCost(cm, ru, u, v);
  const extraV = extraCost(cm, rv, v, u);
  const leastInV = gapDeltas(cm, rv, pv, u);
  const boundV = baseV + leastInV + extraV;
  // gapDeltas shares its buffers, so the side filled last is searched first.
  const leastInU = gapDeltas(cm, ru, pu, v);
  const boundU = baseU + leastInU + extraU;
  if (boundU + boundV >= target) return false;
  bestSide(cm, ru, pu, v, baseU, extraU, target - boundV, mid, sideU);
  if (sideU.gap < 0) return false;
  gapDeltas(cm, rv, pv, u);
  bestSide(cm, rv, pv, u, baseV, extraV, target - sideU.cost, mid2, sideV);
  if (sideV.gap < 0) return false;
  const [aU, nU, bU] = gapSplice(ru, pu, v, sideU.gap, mid);
  const [aV, nV2, bV] = gapSplice(rv, pv, u, sideV.gap, mid2);
  applyRoutes(plan, [
    [ru.vehicle, spliced(ru, aU, mid, nU, ru, bU)],
    [rv.vehicle, spliced(rv, aV, mid2, nV2, rv, bV)],
  ]);
  return true;
}
