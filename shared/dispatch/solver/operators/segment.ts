// Moving a segment of one route to another place (same or other route), optionally reversed: the common core of
// relocate (one job) and or-opt (two or three jobs).
import type { RouteState } from '../route.js';
import { applyRoutes, copySegment, pairDelta, spliced, splicedDelta, type MoveContext } from './move.js';

/**
 * Cost change of moving positions s..e of route ru to just after position q of route rv (reversed if asked), or
 * Infinity if infeasible; any value ≥ `threshold` means "not better than that". Within one route q must lie
 * outside s-1..e.
 */
export function segmentMoveDelta(
  ctx: MoveContext,
  ru: RouteState,
  s: number,
  e: number,
  rv: RouteState,
  q: number,
  reversed: boolean,
  threshold: number,
): number {
  const { mid, mid2 } = ctx;
  if (ru === rv) {
    let n: number;
    if (q < s - 1) {
      n = copySegment(mid, 0, ru, s, e, reversed);
      n = copySegment(mid, n, ru, q + 1, s - 1);
      return splicedDelta(ctx, ru, q, mid, n, ru, e + 1, threshold);
    }
    n = copySegment(mid, 0, ru, e + 1, q);
    n = copySegment(mid, n, ru, s, e, reversed);
    return splicedDelta(ctx, ru, s - 1, mid, n, ru, q + 1, threshold);
  }
  const n = copySegment(mid, 0, ru, s, e, reversed);
  return pairDelta(ctx, rv, q, mid, n, rv, q + 1, ru, s - 1, mid2, 0, ru, e + 1, threshold);
}

/** Applies the move evaluated by `segmentMoveDelta`. */
export function applySegmentMove(
  ctx: MoveContext,
  ru: RouteState,
  s: number,
  e: number,
  rv: RouteState,
  q: number,
  reversed: boolean,
): void {
  const { plan, mid } = ctx;
  const iu = ru.vehicle;
  const iv = rv.vehicle;
  if (ru === rv) {
    let n: number;
    if (q < s - 1) {
      n = copySegment(mid, 0, ru, s, e, reversed);
      n = copySegment(mid, n, ru, q + 1, s - 1);
      applyRoutes(plan, [[iu, spliced(ru, q, mid, n, ru, e + 1)]]);
    } else {
      n = copySegment(mid, 0, ru, e + 1, q);
      n = copySegment(mid, n, ru, s, e, reversed);
      applyRoutes(plan, [[iu, spliced(ru, s - 1, mid, n, ru, q + 1)]]);
    }
    return;
  }
  const n = copySegment(mid, 0, ru, s, e, reversed);
  const into = spliced(rv, q, mid, n, rv, q + 1);
  const from = spliced(ru, s - 1, mid, 0, ru, e + 1);
  applyRoutes(plan, [
    [iv, into],
    [iu, from],
  ]);
}
