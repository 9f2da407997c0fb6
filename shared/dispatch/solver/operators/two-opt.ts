// Intra-route 2-opt: reverse the part of the route between u and v so that they become consecutive.
import { applyRoutes, copySegment, IMPROVEMENT, spliced, splicedDelta, type MoveContext } from './move.js';

/** Reverses the stretch between u and v (same route) when that lowers the cost; returns whether it did. */
export function twoOpt(ctx: MoveContext, u: number, v: number): boolean {
  const { plan, mid } = ctx;
  const ri = plan.routeOf[u]!;
  if (plan.routeOf[v] !== ri) return false;
  const r = plan.routes[ri]!;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  // u before v: reverse u+1..v so that u → v; v before u: reverse v..u-1 so that v → u.
  const from = pu < pv ? pu + 1 : pv;
  const to = pu < pv ? pv : pu - 1;
  if (to - from < 1) return false;
  const n = copySegment(mid, 0, r, from, to, true);
  const delta = splicedDelta(ctx, r, from - 1, mid, n, r, to + 1, -IMPROVEMENT);
  if (!(delta < -IMPROVEMENT)) return false;
  applyRoutes(plan, [[r.vehicle, spliced(r, from - 1, mid, n, r, to + 1)]]);
  return true;
}
