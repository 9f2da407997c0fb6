// 2-opt*: exchange the tails of two routes so that job u is followed by job v (and the rest of v's route), while
// v's former predecessor takes over the rest of u's route.
import { applyRoutes, IMPROVEMENT, pairDelta, spliced, type MoveContext } from './move.js';

/** Links u → v by exchanging route tails when that lowers the cost; returns whether it did. */
export function twoOptStar(ctx: MoveContext, u: number, v: number): boolean {
  const { plan, mid } = ctx;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const rv = plan.routes[plan.routeOf[v]!]!;
  if (ru === rv) return false;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  // New ru: ru[1..pu] ++ rv[pv..]; new rv: rv[1..pv-1] ++ ru[pu+1..].
  const delta = pairDelta(ctx, ru, pu, mid, 0, rv, pv, rv, pv - 1, mid, 0, ru, pu + 1, -IMPROVEMENT);
  if (!(delta < -IMPROVEMENT)) return false;
  applyRoutes(plan, [
    [ru.vehicle, spliced(ru, pu, mid, 0, rv, pv)],
    [rv.vehicle, spliced(rv, pv - 1, mid, 0, ru, pu + 1)],
  ]);
  return true;
}
