// Relocate: move one job next to a neighbour (just before or just after it), in its own route or another one;
// or into an empty vehicle.
import type { Plan } from '../plan.js';
import { IMPROVEMENT, type MoveContext } from './move.js';
import { applySegmentMove, segmentMoveDelta } from './segment.js';

/** Moves job u next to job v when that lowers the cost; returns whether it did. */
export function relocate(ctx: MoveContext, u: number, v: number): boolean {
  const plan = ctx.plan;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const rv = plan.routes[plan.routeOf[v]!]!;
  const pu = plan.posOf[u]!;
  const pv = plan.posOf[v]!;
  let best = -IMPROVEMENT;
  let bestQ = -1;
  // After v (q = pv) or before v (q = pv - 1); within one route, skip the positions where u already is.
  for (const q of [pv, pv - 1]) {
    if (ru === rv && (q === pu || q === pu - 1)) continue;
    const delta = segmentMoveDelta(ctx, ru, pu, pu, rv, q, false, best);
    if (delta < best) {
      best = delta;
      bestQ = q;
    }
  }
  if (bestQ < 0) return false;
  applySegmentMove(ctx, ru, pu, pu, rv, bestQ, false);
  return true;
}

/** Moves job u alone into an empty vehicle (one per class) when that lowers the cost. */
export function relocateToEmpty(ctx: MoveContext, u: number, emptyRoutes: readonly number[]): boolean {
  const plan: Plan = ctx.plan;
  const ru = plan.routes[plan.routeOf[u]!]!;
  const pu = plan.posOf[u]!;
  let best = -IMPROVEMENT;
  let bestRoute = -1;
  for (const ri of emptyRoutes) {
    const rv = plan.routes[ri]!;
    if (rv === ru || rv.len > 0) continue;
    const delta = segmentMoveDelta(ctx, ru, pu, pu, rv, 0, false, best);
    if (delta < best) {
      best = delta;
      bestRoute = ri;
    }
  }
  if (bestRoute < 0) return false;
  applySegmentMove(ctx, ru, pu, pu, plan.routes[bestRoute]!, 0, false);
  return true;
}
