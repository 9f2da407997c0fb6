// Swap: exchange two jobs, in the same route or between two routes.
import { applyRoutes, copySegment, IMPROVEMENT, pairDelta, spliced, splicedDelta, type MoveContext } from './move.js';

/** Exchanges jobs u and v when that lowers the cost; returns whether it did. */
export function swap(ctx: MoveContext, u: number, v: number): boolean {
  const { plan, mid, mid2 } = ctx;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const rv = plan.routes[plan.routeOf[v]!]!;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  if (ru === rv) {
    const lo = Math.min(pu, pv);
    const hi = Math.max(pu, pv);
    let n = 0;
    mid[n++] = ru.jobs[hi]!;
    n = copySegment(mid, n, ru, lo + 1, hi - 1);
    mid[n++] = ru.jobs[lo]!;
    const delta = splicedDelta(ctx, ru, lo - 1, mid, n, ru, hi + 1, -IMPROVEMENT);
    if (!(delta < -IMPROVEMENT)) return false;
    applyRoutes(plan, [[ru.vehicle, spliced(ru, lo - 1, mid, n, ru, hi + 1)]]);
    return true;
  }
  mid[0] = v;
  mid2[0] = u;
  const delta = pairDelta(ctx, ru, pu - 1, mid, 1, ru, pu + 1, rv, pv - 1, mid2, 1, rv, pv + 1, -IMPROVEMENT);
  if (!(delta < -IMPROVEMENT)) return false;
  applyRoutes(plan, [
    [ru.vehicle, spliced(ru, pu - 1, mid, 1, ru, pu + 1)],
    [rv.vehicle, spliced(rv, pv - 1, mid2, 1, rv, pv + 1)],
  ]);
  return true;
}
