// Route-exchange crossover of two plans (after SREX, Nagata & Kobayashi, and the route-based crossovers of hybrid
// genetic searches for the VRPTW): the child keeps a group of parent A's routes that lie near one another whole, takes
// the rest of its routes from parent B with A's jobs left out of them, and puts every job still missing back by
// greedy insertion with blinks. Both parents' routes are feasible and dropping jobs from a route keeps it so, so the
// child is a valid plan at once; it serves every job once or leaves it unassigned.
import type { CompiledModel } from './compile.js';
import type { Plan, PlanSnapshot } from './plan.js';
import type { Random } from '../../random/index.js';
import { recreateGreedy } from './recreate.js';

/**
 * Builds the child of `a` and `b` in `plan` (its former content is dropped). From a random job, A's routes serving it
 * and its nearest jobs (`cm.adjacency`) are taken, between one route and half of A's routes. `near` is passed on to
 * the greedy insertion (see recreateGreedy).
 */
export function crossover(
  cm: CompiledModel,
  plan: Plan,
  a: PlanSnapshot,
  b: PlanSnapshot,
  rng: Random,
  blinkRate: number,
  near = false,
): void {
  const nV = cm.nVehicles;
  const routeOfA = new Int32Array(cm.nJobs).fill(-1);
  let used = 0;
  a.routes.forEach((jobs, v) => {
    if (jobs.length > 0) used++;
    for (const j of jobs) routeOfA[j] = v;
  });
  const child: Int32Array[] = Array.from({ length: nV }, () => new Int32Array(0));
  const fromA = new Uint8Array(nV);
  const taken = new Uint8Array(cm.nJobs);
  const want = used === 0 ? 0 : 1 + rng.below(Math.max(1, Math.floor(used / 2)));
  let got = 0;
  if (want > 0 && cm.nJobs > 0) {
    const seed = rng.below(cm.nJobs);
    for (let k = -1; k < cm.adjCount && got < want; k++) {
      const c = k < 0 ? seed : cm.adjacency[seed * cm.adjCount + k]!;
      const v = routeOfA[c]!;
      if (v < 0 || fromA[v]) continue;
      fromA[v] = 1;
      child[v] = a.routes[v]!.slice();
      for (const j of child[v]) taken[j] = 1;
      got++;
    }
  }
  // B's routes without A's jobs: on their own vehicle when it is free, else on a free interchangeable one.
  const displaced: number[] = [];
  const rest: Int32Array[] = b.routes.map((jobs) => jobs.filter((j) => !taken[j]));
  for (let w = 0; w < nV; w++) {
    if (rest[w]!.length === 0) continue;
    if (fromA[w]) displaced.push(w);
    else child[w] = rest[w]!;
  }
  const pool: number[] = [];
  for (const w of displaced) {
    let target = -1;
    for (let u = 0; u < nV && target < 0; u++) {
      if (cm.vClass[u] === cm.vClass[w] && !fromA[u] && child[u]!.length === 0) target = u;
    }
    if (target >= 0) {
      child[target] = rest[w]!;
      fromA[target] = 1; // taken now
    } else {
      for (const j of rest[w]!) pool.push(j);
    }
  }
  const placed = new Uint8Array(cm.nJobs);
  for (const jobs of child) for (const j of jobs) placed[j] = 1;
  plan.restore({ routes: child, unassigned: [] });
  // Leaving jobs out keeps a route feasible when travel times obey the triangle inequality; a matrix that does not
  // (road times) may break one, whose movable jobs are then inserted again like the rest.
  for (let v = 0; v < nV; v++) {
    const r = plan.routes[v]!;
    if (r.cost !== Infinity) continue;
    const keep = r.toArray().filter((j) => cm.pinnedVehicle[j] === v);
    for (const j of r.toArray()) if (cm.pinnedVehicle[j] !== v) placed[j] = 0;
    plan.setRoute(v, keep, keep.length);
  }
  for (const j of pool) placed[j] = 1;
  for (let j = 0; j < cm.nJobs; j++) if (!placed[j]) pool.push(j);
  plan.unassigned = [];
  recreateGreedy(cm, plan, pool, rng, blinkRate, near);
  plan.commit();
}
