// A deliberately naive evaluator for tests: reads the VrpModel as given (no compiled arrays), tries every break
// placement, and shares no code with the solver's evaluation.
import type { JobSpec, VrpModel } from './model.js';

/** Route cost per the objective, or Infinity when a hard rule is broken. */
export interface ReferenceRoute {
  readonly feasible: boolean;
  readonly cost: number;
}

function at(m: ArrayLike<number> | undefined, size: number, i: number | undefined, j: number | undefined): number {
  if (i === undefined || j === undefined || !m) return 0;
  return m[i * size + j]!;
}

function windowsOf(job: JobSpec): (readonly [number, number])[] {
  if (job.pinned?.start !== undefined) return [[job.pinned.start, job.pinned.start]];
  return job.timeWindows && job.timeWindows.length > 0 ? [...job.timeWindows] : [[-Infinity, Infinity]];
}

function firstStart(windows: readonly (readonly [number, number])[], t: number): number {
  let best = Infinity;
  for (const [s, e] of windows) if (t <= e) best = Math.min(best, Math.max(s, t));
  return best;
}

/** Every way to spread `breaks` (in order) over `gaps` legs: counts per leg. */
function placements(breaks: number, gaps: number): number[][] {
  if (gaps === 1) return [[breaks]];
  const out: number[][] = [];
  for (let k = 0; k <= breaks; k++) for (const rest of placements(breaks - k, gaps - 1)) out.push([k, ...rest]);
  return out;
}

/** Evaluates vehicle `v` serving `jobs` in order, by brute force over break placements. */
export function referenceRoute(model: VrpModel, v: number, jobs: readonly number[]): ReferenceRoute {
  const infeasible = { feasible: false, cost: Infinity };
  if (jobs.length === 0) return { feasible: true, cost: 0 };
  const veh = model.vehicles[v]!;
  const w = model.objective ?? {};
  const size = model.matrix.size;
  const { durations, distances, costs } = model.matrix;
  const arc = (i: number | undefined, j: number | undefined): number =>
    costs
      ? at(costs, size, i, j)
      : (w.distance ?? 0) * at(distances ?? durations, size, i, j) + (w.duration ?? 1) * at(durations, size, i, j);
  if (veh.maxTasks !== undefined && jobs.length > veh.maxTasks) return infeasible;
  for (const j of jobs) {
    const job = model.jobs[j]!;
    if (!(job.skills ?? []).every((s) => (veh.skills ?? []).includes(s))) return infeasible;
    if (job.allowedVehicles && !job.allowedVehicles.includes(v)) return infeasible;
    if (job.pinned && job.pinned.vehicle !== v) return infeasible;
    if (model.compatible && !model.compatible(j, v)) return infeasible;
  }
  // Loads: deliveries on board from the start, pickups collected along the way.
  const dims = Math.max(veh.capacity?.length ?? 0, ...jobs.map((j) => model.jobs[j]!.delivery?.length ?? 0));
  for (let d = 0; d < dims; d++) {
    const cap = veh.capacity?.[d] ?? Infinity;
    let load = jobs.reduce((s, j) => s + (model.jobs[j]!.delivery?.[d] ?? 0), 0);
    if (load > cap) return infeasible;
    for (const j of jobs) {
      load += (model.jobs[j]!.pickup?.[d] ?? 0) - (model.jobs[j]!.delivery?.[d] ?? 0);
      if (load > cap) return infeasible;
    }
  }
  const locs = [veh.start, ...jobs.map((j) => model.jobs[j]!.location), veh.end];
  let travel = 0;
  for (let i = 0; i + 1 < locs.length; i++) travel += arc(locs[i], locs[i + 1]);
  const breaks = [...(veh.breaks ?? [])].sort(
    (a, b) => (a.timeWindows?.[0]?.[0] ?? -Infinity) - (b.timeWindows?.[0]?.[0] ?? -Infinity),
  );
  const [shiftStart, shiftEnd] = veh.timeWindow ?? [0, Infinity];
  const hardEnd = shiftEnd + (veh.maxOvertime ?? 0);
  let bestSoft = Infinity;
  for (const counts of placements(breaks.length, jobs.length + 1)) {
    let t = shiftStart;
    let b = 0;
    let late = 0;
    let ok = true;
    for (let leg = 0; leg <= jobs.length && ok; leg++) {
      let drive = at(durations, size, locs[leg], locs[leg + 1]);
      for (let k = 0; k < counts[leg]!; k++, b++) {
        const brk = breaks[b]!;
        const start = firstStart(
          brk.timeWindows && brk.timeWindows.length ? brk.timeWindows : [[-Infinity, Infinity]],
          t,
        );
        if (start === Infinity) ok = false;
        drive = Math.max(0, drive - (start - t));
        t = start + brk.service;
      }
      t += drive;
      if (leg === jobs.length) break;
      const job = model.jobs[jobs[leg]!]!;
      const start = firstStart(windowsOf(job), t);
      if (start === Infinity) ok = false;
      t = start + (job.service ?? 0);
      if (job.deadline && t > job.deadline.at)
        late += (t - job.deadline.at) * job.deadline.costPerUnit * (w.lateness ?? 1);
    }
    if (!ok || t > hardEnd) continue;
    const overtime = Math.max(0, t - shiftEnd) * (w.overtime ?? 0);
    bestSoft = Math.min(bestSoft, late + overtime);
  }
  if (bestSoft === Infinity) return infeasible;
  const service = jobs.reduce((s, j) => s + (model.jobs[j]!.service ?? 0), 0);
  const cost = travel + bestSoft + (veh.fixedCost ?? 0) + (w.loadBalance ?? 0) * service * service;
  return { feasible: true, cost };
}

/** Cost of a whole plan (routes indexed by vehicle) plus unassigned penalties, or Infinity if any route fails. */
export function referencePlanCost(model: VrpModel, routes: readonly (readonly number[])[]): number {
  const w = model.objective ?? {};
  const assigned = new Set<number>();
  let total = 0;
  routes.forEach((jobs, v) => {
    for (const j of jobs) assigned.add(j);
    total += referenceRoute(model, v, jobs).cost;
  });
  model.jobs.forEach((job, j) => {
    if (assigned.has(j)) return;
    total += job.unassignedCost ?? (w.unassigned ?? 1e6) + (w.unassignedPerPriority ?? 1e4) * (job.priority ?? 0);
  });
  return total;
}
