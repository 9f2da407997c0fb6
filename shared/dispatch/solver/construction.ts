// Regret insertion: repeatedly place the job that would lose most by waiting (the sum of the gaps between its
// best and next-best routes), at its cheapest position. Jobs that fit nowhere stay unassigned.
import type { CompiledModel } from './compile.js';
import { bestInsertion, type InsertionChoice } from './insertion.js';
import type { Plan } from './plan.js';

// Classes (vehicle indices, see compile) that already have an empty route in the list: marked with the call's stamp.
let seenEmptyClass = new Float64Array(0);
let seenStamp = 0;

/**
 * Which routes are worth trying: every used route, and one empty route per class of interchangeable vehicles (none
 * once the plan uses `plan.maxRoutes` routes).
 */
export function candidateRoutes(cm: CompiledModel, plan: Plan, out: boolean[]): void {
  if (seenEmptyClass.length < cm.nVehicles) seenEmptyClass = new Float64Array(cm.nVehicles);
  const stamp = ++seenStamp;
  let full = false;
  if (plan.maxRoutes !== Infinity) {
    let used = 0;
    for (const r of plan.routes) if (r.len > 0) used++;
    full = used >= plan.maxRoutes;
  }
  for (const r of plan.routes) {
    if (r.len > 0) {
      out[r.vehicle] = true;
    } else if (full) {
      out[r.vehicle] = false;
    } else {
      const c = cm.vClass[r.vehicle]!;
      out[r.vehicle] = seenEmptyClass[c] !== stamp;
      seenEmptyClass[c] = stamp;
    }
  }
}

/** Inserts `jobs` (none of which is routed) into the plan by regret-k insertion; the rest stay unassigned. */
export function regretInsertion(cm: CompiledModel, plan: Plan, jobs: readonly number[], k = 3): void {
  const nR = plan.routes.length;
  const pending = jobs.slice();
  const delta = new Float64Array(pending.length * nR);
  const pos = new Int32Array(pending.length * nR);
  const active = new Array<boolean>(nR).fill(false);
  const choice: InsertionChoice = { pos: 0, delta: 0 };
  const fill = (i: number, ri: number): void => {
    if (active[ri]) {
      bestInsertion(cm, plan.routes[ri]!, pending[i]!, choice);
      delta[i * nR + ri] = choice.pos > 0 ? choice.delta : Infinity;
      pos[i * nR + ri] = choice.pos;
    } else {
      delta[i * nR + ri] = Infinity;
    }
  };
  candidateRoutes(cm, plan, active);
  for (let i = 0; i < pending.length; i++) for (let ri = 0; ri < nR; ri++) fill(i, ri);
  const alive = pending.map(() => true);
  let left = pending.length;
  const top = new Float64Array(k);
  while (left > 0) {
    let pick = -1;
    let pickRoute = -1;
    let pickRegret = -Infinity;
    let pickCost = Infinity;
    for (let i = 0; i < pending.length; i++) {
      if (!alive[i]) continue;
      top.fill(Infinity);
      let bestRoute = -1;
      for (let ri = 0; ri < nR; ri++) {
        const d = delta[i * nR + ri]!;
        if (d >= top[k - 1]!) continue;
        let q = k - 1;
        while (q > 0 && top[q - 1]! > d) {
          top[q] = top[q - 1]!;
          q--;
        }
        top[q] = d;
        if (q === 0) bestRoute = ri;
      }
      if (bestRoute < 0) continue;
      const job = pending[i]!;
      let regret = 0;
      // A missing alternative is as bad as leaving the job out.
      for (let q = 1; q < k; q++) regret += (top[q] === Infinity ? cm.penalty[job]! : top[q]!) - top[0]!;
      if (regret > pickRegret || (regret === pickRegret && top[0]! < pickCost)) {
        pick = i;
        pickRoute = bestRoute;
        pickRegret = regret;
        pickCost = top[0]!;
      }
    }
    if (pick < 0) break;
    const job = pending[pick]!;
    plan.insert(pickRoute, pos[pick * nR + pickRoute]!, job);
    alive[pick] = false;
    left--;
    const wasActive = active.slice();
    candidateRoutes(cm, plan, active);
    for (let ri = 0; ri < nR; ri++) {
      if (ri !== pickRoute && active[ri] === wasActive[ri]) continue;
      for (let i = 0; i < pending.length; i++) if (alive[i]) fill(i, ri);
    }
  }
  plan.collectUnassigned();
}
