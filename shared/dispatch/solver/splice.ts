// The one move evaluation every operator uses: the cost of a route built as
//   r[1..a] ++ mid ++ src[b..src.len]
// on r's vehicle. Insertion, removal, relocate, swap, 2-opt*, or-opt, cross-exchange and 2-opt are all splices.
// Vehicles without breaks or soft time costs get O(|mid|) checks from the prefix/suffix data; others are simulated.
import type { CompiledModel } from './compile.js';
import type { RouteState } from './route.js';
import { simulateRoute } from './schedule.js';
import { earliestStart } from './windows.js';

let scratch = new Int32Array(64);

/** Whether the loads of the spliced route stay within r's vehicle capacity in every dimension at every stop. */
export function spliceLoadsFit(
  cm: CompiledModel,
  r: RouteState,
  a: number,
  mid: Int32Array,
  midLen: number,
  src: RouteState,
  b: number,
): boolean {
  const dims = cm.dims;
  const cap = cm.vCapacity;
  const v = r.vehicle;
  for (let k = cm.loadDimOffset[v]!; k < cm.loadDimOffset[v + 1]!; k++) {
    const d = cm.loadDims[k]!;
    const capacity = cap[v * dims + d]!;
    let midDel = 0;
    for (let i = 0; i < midLen; i++) midDel += cm.delivery[mid[i]! * dims + d]!;
    const tailDel = src.del[src.len * dims + d]! - src.del[(b - 1) * dims + d]!;
    const total = r.del[a * dims + d]! + midDel + tailDel;
    if (total > capacity) return false;
    if (!cm.hasPickups) continue;
    if (total + r.fwdM[a * dims + d]! > capacity) return false;
    let load = total + r.pick[a * dims + d]! - r.del[a * dims + d]!;
    for (let i = 0; i < midLen; i++) {
      const job = mid[i]!;
      load += cm.pickup[job * dims + d]! - cm.delivery[job * dims + d]!;
      if (load > capacity) return false;
    }
    if (b <= src.len) {
      const base = src.pick[(b - 1) * dims + d]! - src.del[(b - 1) * dims + d]!;
      if (load - base + src.bwdM[b * dims + d]! > capacity) return false;
    }
  }
  return true;
}

/** Whether every job of the spliced route may be served by r's vehicle (only the parts coming from elsewhere). */
function spliceCompatible(
  cm: CompiledModel,
  r: RouteState,
  mid: Int32Array,
  midLen: number,
  src: RouteState,
  b: number,
): boolean {
  if (cm.allCompatible) return true;
  const nV = cm.nVehicles;
  const v = r.vehicle;
  for (let i = 0; i < midLen; i++) if (!cm.compat[mid[i]! * nV + v]) return false;
  if (src !== r) for (let p = b; p <= src.len; p++) if (!cm.compat[src.jobs[p]! * nV + v]) return false;
  return true;
}

/**
 * Travel cost of r[1..a] ++ mid ++ src[b..] on r's vehicle from the O(1) prefix/suffix data, or Infinity when the
 * time windows or the end of the day cannot be met. Exact for vehicles without breaks or soft time costs, a
 * relaxation (never rejects a feasible splice) for the others. The tail must come from r or a vehicle with the
 * same end (relaxedTail).
 */
function relaxedTravel(
  cm: CompiledModel,
  r: RouteState,
  a: number,
  mid: Int32Array,
  midLen: number,
  src: RouteState,
  b: number,
): number {
  const v = r.vehicle;
  const nL = cm.nLocs;
  let t = a === 0 ? r.es[0]! : r.es[a]! + cm.jobService[r.jobs[a]!]!;
  let prev = r.loc[a]!;
  let cost = r.cum[a]!;
  for (let i = 0; i < midLen; i++) {
    const job = mid[i]!;
    const loc = cm.jobLoc[job]!;
    const arrival = t + cm.dur[prev * nL + loc]!;
    const w = cm.twOffset[job]!;
    // One window (the common case) inline.
    let s: number;
    if (cm.twOffset[job + 1]! - w === 1) s = arrival > cm.twEnd[w]! ? Infinity : Math.max(arrival, cm.twStart[w]!);
    else s = earliestStart(cm, job, arrival);
    if (s === Infinity) return Infinity;
    t = s + cm.jobService[job]!;
    cost += cm.cost[prev * nL + loc]!;
    prev = loc;
  }
  if (b <= src.len) {
    const loc = src.loc[b]!;
    if (t + cm.dur[prev * nL + loc]! > src.ls[b]!) return Infinity;
    return cost + cm.cost[prev * nL + loc]! + src.cum[src.len + 1]! - src.cum[b]!;
  }
  const end = cm.vEndLoc[v]!;
  if (t + cm.dur[prev * nL + end]! > cm.vHardEnd[v]!) return Infinity;
  return cost + cm.cost[prev * nL + end]!;
}

/**
 * Cost of r's vehicle serving r[1..a] ++ mid[0..midLen) ++ src[b..src.len] (a in 0..r.len, b in 1..src.len+1),
 * or Infinity when any hard rule fails. An empty result costs 0. With `boundOnly`, vehicles that need a full
 * simulation get a cheap lower bound instead (travel and fixed costs, or -Infinity when none is at hand). With
 * `classLate`, it is filled with the result's lateness cost by priority class (see RouteState.late).
 */
export function spliceCost(
  cm: CompiledModel,
  r: RouteState,
  a: number,
  mid: Int32Array,
  midLen: number,
  src: RouteState,
  b: number,
  boundOnly = false,
  classLate?: Float64Array,
): number {
  classLate?.fill(0);
  const v = r.vehicle;
  const tailLen = src.len - b + 1;
  const count = a + midLen + tailLen;
  if (count === 0) return 0;
  if (count > cm.vMaxTasks[v]!) return Infinity;
  if (!spliceCompatible(cm, r, mid, midLen, src, b)) return Infinity;
  if (cm.loadDimOffset[v + 1]! > cm.loadDimOffset[v]! && !spliceLoadsFit(cm, r, a, mid, midLen, src, b)) {
    return Infinity;
  }
  let extra = cm.vFixed[v]!;
  if (cm.wBalance > 0) {
    let s = r.svc[a]! + src.svc[src.len]! - src.svc[b - 1]!;
    for (let i = 0; i < midLen; i++) s += cm.jobService[mid[i]!]!;
    extra += cm.wBalance * s * s;
  }
  const pair = v * cm.nVehicles + src.vehicle;
  if (src === r || cm.relaxedTail[pair]) {
    const travel = relaxedTravel(cm, r, a, mid, midLen, src, b);
    if (travel === Infinity) return Infinity;
    // Without breaks or soft time costs on this vehicle the relaxation is exact; with them, soft costs only add.
    if (!cm.slow[v] || boundOnly) return travel + extra;
  } else if (boundOnly) {
    return -Infinity;
  }
  if (scratch.length < count) scratch = new Int32Array(count * 2);
  scratch.set(r.jobs.subarray(1, a + 1), 0);
  scratch.set(mid.subarray(0, midLen), a);
  scratch.set(src.jobs.subarray(b, src.len + 1), a + midLen);
  return simulateRoute(cm, v, scratch, count, classLate) + extra;
}

/**
 * Whether lateness by priority class `next` is worse than `base` in the first `classes` classes: greater in the
 * highest class where they differ (beyond rounding). A change that makes it so makes the plan's score worse
 * whatever it saves in lower classes and travel (see scorePlan).
 */
export function laterInClasses(next: Float64Array, base: Float64Array, classes: number): boolean {
  for (let c = 0; c < classes; c++) {
    const x = next[c]!;
    const y = base[c]!;
    const tolerance = 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    if (x > y + tolerance) return true;
    if (x < y - tolerance) return false;
  }
  return false;
}

/** Whether `spliceCost` on r's vehicle with a tail from src is exact without simulation. */
export function spliceIsExact(cm: CompiledModel, r: RouteState, src: RouteState): boolean {
  return !cm.slow[r.vehicle] && (src === r || cm.relaxedTail[r.vehicle * cm.nVehicles + src.vehicle] === 1);
}
