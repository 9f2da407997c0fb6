// Cross-exchange: swap the string of 1–3 jobs after u with the string of 1–3 jobs starting at v (another route),
// so that u is followed by v. Swapping two single jobs is left to `swap`.
import { applyRoutes, copySegment, IMPROVEMENT, pairDelta, spliced, type MoveContext } from './move.js';

const MAX_STRING = 3;

/** Exchanges the strings after u and from v between their routes when that lowers the cost. */
export function crossExchange(ctx: MoveContext, u: number, v: number): boolean {
  const { plan, mid, mid2 } = ctx;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const rv = plan.routes[plan.routeOf[v]!]!;
  if (ru === rv) return false;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  let best = -IMPROVEMENT;
  let bestK1 = 0;
  let bestK2 = 0;
  for (let k1 = 1; k1 <= MAX_STRING && pu + k1 <= ru.len; k1++) {
    for (let k2 = 1; k2 <= MAX_STRING && pv + k2 - 1 <= rv.len; k2++) {
      if (k1 + k2 < 3) continue;
      // ru: ru[1..pu] ++ rv[pv..pv+k2-1] ++ ru[pu+k1+1..]; rv: rv[1..pv-1] ++ ru[pu+1..pu+k1] ++ rv[pv+k2..].
      const n2 = copySegment(mid2, 0, rv, pv, pv + k2 - 1);
      const n1 = copySegment(mid, 0, ru, pu + 1, pu + k1);
      const delta = pairDelta(ctx, ru, pu, mid2, n2, ru, pu + k1 + 1, rv, pv - 1, mid, n1, rv, pv + k2, best);
      if (delta < best) {
        best = delta;
        bestK1 = k1;
        bestK2 = k2;
      }
    }
  }
  if (bestK1 === 0) return false;
  const n2 = copySegment(mid2, 0, rv, pv, pv + bestK2 - 1);
  const n1 = copySegment(mid, 0, ru, pu + 1, pu + bestK1);
  applyRoutes(plan, [
    [ru.vehicle, spliced(ru, pu, mid2, n2, ru, pu + bestK1 + 1)],
    [rv.vehicle, spliced(rv, pv - 1, mid, n1, rv, pv + bestK2)],
  ]);
  return true;
}
