// Granular local search: for every job u and each of its nearest neighbours v, try the operators in turn and apply
// the first improvement found, until a full pass improves nothing. Pairs of routes that did not change since u was
// last examined are skipped.
import type { CompiledModel } from './compile.js';
import { candidateRoutes } from './construction.js';
import { crossExchange } from './operators/cross-exchange.js';
import { moveContext, type MoveContext } from './operators/move.js';
import { orOpt } from './operators/or-opt.js';
import { relocate, relocateToEmpty } from './operators/relocate.js';
import { swap } from './operators/swap.js';
import { swapStar } from './operators/swap-star.js';
import { twoOpt } from './operators/two-opt.js';
import { twoOptStar } from './operators/two-opt-star.js';
import type { Plan } from './plan.js';
import type { Random } from '../../random/index.js';

/** A local-search move between job u and its neighbour v; applies itself when it improves the plan. */
export type Operator = (ctx: MoveContext, u: number, v: number) => boolean;

/** The operators in the order they are tried. */
export const OPERATORS: readonly Operator[] = [relocate, swap, twoOptStar, orOpt, crossExchange, swapStar, twoOpt];

/**
 * Runs the local search to a local optimum and returns the number of moves applied. With `focus` (route indices),
 * only jobs of those routes, and of routes changed on the way, are examined: after a ruin-and-recreate step the
 * rest of the plan was a local optimum already.
 */
export function improve(
  cm: CompiledModel,
  plan: Plan,
  rng: Random,
  operators: readonly Operator[] = OPERATORS,
  focus?: readonly number[],
): number {
  const ctx = moveContext(cm, plan);
  const nR = plan.routes.length;
  const focused = new Uint8Array(nR).fill(focus ? 0 : 1);
  for (const ri of focus ?? []) focused[ri] = 1;
  const order: number[] = [];
  for (let j = 0; j < cm.nJobs; j++) if (plan.routeOf[j]! >= 0) order.push(j);
  rng.shuffle(order);
  const modifiedAt = new Int32Array(nR);
  const testedAt = new Int32Array(cm.nJobs).fill(-1);
  const active = new Array<boolean>(nR).fill(false);
  const emptyRoutes: number[] = [];
  let clock = 1;
  let moves = 0;
  let improved = true;
  while (improved) {
    improved = false;
    for (const u of order) {
      if (plan.routeOf[u]! < 0 || !focused[plan.routeOf[u]!]) continue;
      const lastTested = testedAt[u]!;
      testedAt[u] = clock;
      for (let k = 0; k < cm.nbCount; k++) {
        const v = cm.neighbours[u * cm.nbCount + k]!;
        const rv = plan.routeOf[v]!;
        if (rv < 0) continue;
        const ru = plan.routeOf[u]!;
        if (Math.max(modifiedAt[ru]!, modifiedAt[rv]!) < lastTested) continue;
        for (const op of operators) {
          if (op(ctx, u, v)) {
            clock++;
            modifiedAt[ru] = clock;
            modifiedAt[rv] = clock;
            focused[ru] = 1;
            focused[rv] = 1;
            moves++;
            improved = true;
            break;
          }
        }
      }
      if (operators.includes(relocate)) {
        candidateRoutes(cm, plan, active);
        emptyRoutes.length = 0;
        for (let ri = 0; ri < nR; ri++) if (active[ri] && plan.routes[ri]!.len === 0) emptyRoutes.push(ri);
        const ru = plan.routeOf[u]!;
        if (emptyRoutes.length > 0 && relocateToEmpty(ctx, u, emptyRoutes)) {
          clock++;
          modifiedAt[ru] = clock;
          for (const ri of emptyRoutes) {
            modifiedAt[ri] = clock;
            focused[ri] = 1;
          }
          moves++;
          improved = true;
        }
      }
    }
  }
  return moves;
}
