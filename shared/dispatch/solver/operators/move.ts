// What every local-search operator shares: scratch buffers, the improvement threshold and applying a splice.
import type { CompiledModel } from '../compile.js';
import type { Plan } from '../plan.js';
import type { RouteState } from '../route.js';
import { laterInClasses, spliceCost, spliceIsExact } from '../splice.js';

/** Scratch space and the plan an operator works on. */
export interface MoveContext {
  readonly cm: CompiledModel;
  readonly plan: Plan;
  /** Two buffers for the middle parts of splices, each long enough for any route. */
  mid: Int32Array;
  mid2: Int32Array;
}

/** A move must gain more than this to count, so rounding noise never loops the search. */
export const IMPROVEMENT = 1e-7;

/** Creates a context with buffers sized for the model. */
export function moveContext(cm: CompiledModel, plan: Plan): MoveContext {
  return { cm, plan, mid: new Int32Array(cm.nJobs + 1), mid2: new Int32Array(cm.nJobs + 1) };
}

/** Copies positions from..to of route r into `out` at `at` (reversed if asked); returns the next free index. */
export function copySegment(
  out: Int32Array,
  at: number,
  r: RouteState,
  from: number,
  to: number,
  reversed = false,
): number {
  if (reversed) for (let p = to; p >= from; p--) out[at++] = r.jobs[p]!;
  else for (let p = from; p <= to; p++) out[at++] = r.jobs[p]!;
  return at;
}

/** The sequence r[1..a] ++ mid[0..midLen) ++ src[b..src.len] as a new array. */
export function spliced(
  r: RouteState,
  a: number,
  mid: Int32Array,
  midLen: number,
  src: RouteState,
  b: number,
): number[] {
  const seq: number[] = [];
  for (let p = 1; p <= a; p++) seq.push(r.jobs[p]!);
  for (let i = 0; i < midLen; i++) seq.push(mid[i]!);
  for (let p = b; p <= src.len; p++) seq.push(src.jobs[p]!);
  return seq;
}

/** Replaces routes with new sequences (computed beforehand, since they may read each other). */
export function applyRoutes(plan: Plan, changes: readonly (readonly [route: number, seq: number[]])[]): void {
  for (const [ri, seq] of changes) plan.setRoute(ri, seq, seq.length);
}

/**
 * Cost change of replacing route r by the splice r[1..a] ++ mid ++ src[b..], or a value ≥ `threshold` when the
 * change cannot go below it (then the exact simulation is skipped). Infinity when infeasible.
 */
export function splicedDelta(
  ctx: MoveContext,
  r: RouteState,
  a: number,
  mid: Int32Array,
  midLen: number,
  src: RouteState,
  b: number,
  threshold: number,
): number {
  const cm = ctx.cm;
  const bound = spliceCost(cm, r, a, mid, midLen, src, b, true);
  if (bound === Infinity || spliceIsExact(cm, r, src) || bound - r.cost >= threshold) return bound - r.cost;
  const exact = spliceCost(cm, r, a, mid, midLen, src, b) - r.cost;
  if (!cm.lateClasses || exact >= threshold) return exact;
  // Where lateness counts by priority class, a move that makes a higher class later is never an improvement: a move
  // that would be taken is simulated again with the class split.
  const after = lateScratch(cm, 0);
  spliceCost(cm, r, a, mid, midLen, src, b, false, after);
  return laterInClasses(after, r.late, cm.nClasses) ? Infinity : exact;
}

// Lateness by priority class of the routes a move would make, and their sum.
const late: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0), new Float64Array(0)];

function lateScratch(cm: CompiledModel, k: number): Float64Array {
  if (late[k]!.length < cm.nClasses) late[k] = new Float64Array(cm.nClasses);
  return late[k]!;
}

/**
 * Cost change of replacing two routes by two splices (see `splicedDelta`); lower bounds of both are compared with
 * `threshold` before either is simulated.
 */
export function pairDelta(
  ctx: MoveContext,
  r1: RouteState,
  a1: number,
  mid1: Int32Array,
  n1: number,
  src1: RouteState,
  b1: number,
  r2: RouteState,
  a2: number,
  mid2: Int32Array,
  n2: number,
  src2: RouteState,
  b2: number,
  threshold: number,
): number {
  const cm = ctx.cm;
  const bound1 = spliceCost(cm, r1, a1, mid1, n1, src1, b1, true);
  if (bound1 === Infinity) return Infinity;
  const bound2 = spliceCost(cm, r2, a2, mid2, n2, src2, b2, true);
  if (bound2 === Infinity) return Infinity;
  const base = r1.cost + r2.cost;
  if (bound1 + bound2 - base >= threshold) return bound1 + bound2 - base;
  const exact1 = spliceIsExact(cm, r1, src1) ? bound1 : spliceCost(cm, r1, a1, mid1, n1, src1, b1);
  if (exact1 === Infinity) return Infinity;
  const exact2 = spliceIsExact(cm, r2, src2) ? bound2 : spliceCost(cm, r2, a2, mid2, n2, src2, b2);
  if (cm.lateClasses && exact2 !== Infinity && exact1 + exact2 - base < threshold) {
    // Where lateness counts by priority class, a move that makes a higher class later is never an improvement: a move
    // that would be taken is simulated again with the class split.
    const late1 = lateScratch(cm, 0).fill(0);
    const late2 = lateScratch(cm, 1).fill(0);
    if (!spliceIsExact(cm, r1, src1)) spliceCost(cm, r1, a1, mid1, n1, src1, b1, false, late1);
    if (!spliceIsExact(cm, r2, src2)) spliceCost(cm, r2, a2, mid2, n2, src2, b2, false, late2);
    const after = lateScratch(cm, 2);
    const before = lateScratch(cm, 3);
    for (let c = 0; c < cm.nClasses; c++) {
      after[c] = late1[c]! + late2[c]!;
      before[c] = r1.late[c]! + r2.late[c]!;
    }
    if (laterInClasses(after, before, cm.nClasses)) return Infinity;
  }
  return exact1 + exact2 - base;
}
