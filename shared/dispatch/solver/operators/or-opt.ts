// Or-opt: move a string of two or three consecutive jobs starting at u next to a neighbour v, keeping or reversing
// its direction, within the route or into another one.
import { IMPROVEMENT, type MoveContext } from './move.js';
import { applySegmentMove, segmentMoveDelta } from './segment.js';

const MAX_STRING = 3;

/** Moves the string u.. (2–3 jobs) next to v when that lowers the cost; returns whether it did. */
export function orOpt(ctx: MoveContext, u: number, v: number): boolean {
  const plan = ctx.plan;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const rv = plan.routes[plan.routeOf[v]!]!;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  let best = -IMPROVEMENT;
  let bestE = -1;
  let bestQ = -1;
  let bestRev = false;
  for (let k = 2; k <= MAX_STRING; k++) {
    const e = pu + k - 1;
    if (e > ru.len) break;
    for (const q of [pv, pv - 1]) {
      if (ru === rv && q >= pu - 1 && q <= e) continue;
      for (const reversed of [false, true]) {
        const delta = segmentMoveDelta(ctx, ru, pu, e, rv, q, reversed, best);
        if (delta < best) {
          best = delta;
          bestE = e;
          bestQ = q;
          bestRev = reversed;
        }
      }
    }
  }
  if (bestE < 0) return false;
  applySegmentMove(ctx, ru, pu, bestE, rv, bestQ, bestRev);
  return true;
}
