// Turns the best plan into the caller's SolveResult: timed stops, loads, per-route totals, the cost per objective
// term, and a reason for every unassigned job.
import type { CompiledModel } from './compile.js';
import type { PlanSnapshot } from './plan.js';
import { RouteState } from './route.js';
import { scheduleRoute, simulateRoute } from './schedule.js';
import type { CostBreakdown, RouteStop, SolvedRoute, UnassignedJob, UnassignedReason } from './solution.js';

/** Schedules one route and adds loads and running distance; undefined when the sequence is infeasible. */
export function describeRoute(cm: CompiledModel, vehicle: number, jobs: readonly number[]): SolvedRoute | undefined {
  const timed = scheduleRoute(cm, vehicle, jobs);
  if (!timed) return undefined;
  const dims = cm.dims;
  const nL = cm.nLocs;
  const load = new Array<number>(dims).fill(0);
  for (const j of jobs) for (let d = 0; d < dims; d++) load[d]! += cm.delivery[j * dims + d]!;
  const stops: RouteStop[] = [];
  let prevLoc = cm.vStartLoc[vehicle]!;
  let distance = 0;
  let travel = 0;
  let service = 0;
  let waiting = 0;
  let lateness = 0;
  for (const s of timed) {
    let location: number | undefined;
    let stopLateness = 0;
    if (s.kind === 'job') {
      location = cm.jobLoc[s.index]!;
      for (let d = 0; d < dims; d++) load[d]! += cm.pickup[s.index * dims + d]! - cm.delivery[s.index * dims + d]!;
      service += cm.jobService[s.index]!;
      stopLateness = Math.max(0, s.departure - cm.deadline[s.index]!);
      lateness += stopLateness;
    } else if (s.kind === 'start') {
      location = cm.vStartLoc[vehicle] === cm.nowhere ? undefined : cm.vStartLoc[vehicle];
    } else if (s.kind === 'end') {
      location = cm.vEndLoc[vehicle] === cm.nowhere ? undefined : cm.vEndLoc[vehicle];
    }
    if (s.kind === 'job' || s.kind === 'end') {
      const loc = s.kind === 'job' ? cm.jobLoc[s.index]! : cm.vEndLoc[vehicle]!;
      distance += cm.dist[prevLoc * nL + loc]!;
      travel += cm.dur[prevLoc * nL + loc]!;
      prevLoc = loc;
    }
    waiting += s.start - s.arrival;
    stops.push({
      kind: s.kind,
      ...(s.kind === 'job' ? { index: s.index } : {}),
      ...(s.kind === 'break' ? { index: cm.breakSource[cm.breakOffset[vehicle]! + s.index]! } : {}),
      ...(location === undefined ? {} : { location }),
      arrival: s.arrival,
      waiting: s.start - s.arrival,
      start: s.start,
      service: s.departure - s.start,
      departure: s.departure,
      load: load.slice(),
      distance,
      travel,
      lateness: stopLateness,
    });
  }
  const end = timed[timed.length - 1]!.arrival;
  const state = new RouteState(cm, vehicle, jobs.length);
  state.assign(jobs, jobs.length);
  state.update();
  return {
    vehicle,
    jobs: jobs.slice(),
    stops,
    distance,
    travel,
    service,
    waiting,
    lateness,
    overtime: Math.max(0, end - cm.vShiftEnd[vehicle]!),
    cost: state.cost,
  };
}

/** Why `job` fits on no vehicle, checking each compatible vehicle with the job alone. */
export function unassignedReason(cm: CompiledModel, job: number): { reason: UnassignedReason; detail: string } {
  if (cm.pinnedVehicle[job]! >= 0) {
    return {
      reason: 'pinned-infeasible',
      detail: `its pinned booking on vehicle ${cm.pinnedVehicle[job]} cannot be kept`,
    };
  }
  const nV = cm.nVehicles;
  const dims = cm.dims;
  let vehicles: number[] = [];
  for (let v = 0; v < nV; v++) if (cm.compat[job * nV + v]) vehicles.push(v);
  if (vehicles.length === 0) {
    const detail = nV === 0 ? 'there is no vehicle' : 'no vehicle has the skills, parts or permission it needs';
    return { reason: 'no-compatible-vehicle', detail };
  }
  vehicles = vehicles.filter((v) => cm.vMaxTasks[v]! >= 1);
  if (vehicles.length === 0) return { reason: 'max-tasks', detail: 'every vehicle that may take it takes no tasks' };
  vehicles = vehicles.filter((v) => {
    for (let d = 0; d < dims; d++) {
      const cap = cm.vCapacity[v * dims + d]!;
      if (cm.delivery[job * dims + d]! > cap || cm.pickup[job * dims + d]! > cap) return false;
    }
    return true;
  });
  if (vehicles.length === 0) return { reason: 'capacity', detail: 'it is larger than the capacity of every vehicle' };
  vehicles = vehicles.filter((v) => simulateRoute(cm, v, [job], 1) !== Infinity);
  if (vehicles.length === 0) {
    return { reason: 'time-window', detail: 'its time windows cannot be reached within any working time' };
  }
  return { reason: 'no-room', detail: 'every vehicle that could take it is full with work that costs less to keep' };
}

/** Builds the routes, unassigned list and cost breakdown of a plan snapshot. */
export function describePlan(
  cm: CompiledModel,
  best: PlanSnapshot,
): { routes: SolvedRoute[]; unassigned: UnassignedJob[]; cost: CostBreakdown } {
  const routes: SolvedRoute[] = [];
  let travelCost = 0;
  let fixed = 0;
  let latenessCost = 0;
  let overtimeCost = 0;
  let balance = 0;
  let preference = 0;
  let distance = 0;
  let duration = 0;
  best.routes.forEach((seq, v) => {
    if (seq.length === 0) return;
    const route = describeRoute(cm, v, Array.from(seq));
    if (!route) throw new Error(`internal error: the best route of vehicle ${v} is infeasible`);
    routes.push(route);
    fixed += cm.vFixed[v]!;
    balance += cm.wBalance * route.service * route.service;
    distance += route.distance;
    duration += route.travel;
    overtimeCost += route.overtime * cm.wOvertime;
    for (const s of route.stops) if (s.kind === 'job') latenessCost += s.lateness * cm.lateCost[s.index!]!;
    let prev = cm.vStartLoc[v]!;
    for (const j of seq) {
      travelCost += cm.cost[prev * cm.nLocs + cm.jobLoc[j]!]!;
      prev = cm.jobLoc[j]!;
    }
    travelCost += cm.cost[prev * cm.nLocs + cm.vEndLoc[v]!]!;
    if (cm.offPreferred.length > 0)
      for (const j of seq) if (cm.offPreferred[j * cm.nVehicles + v]) preference += cm.wNotPreferred;
  });
  const unassigned = [...best.unassigned].sort((a, b) => a - b).map((job) => ({ job, ...unassignedReason(cm, job) }));
  const unassignedCost = unassigned.reduce((sum, u) => sum + cm.penalty[u.job]!, 0);
  return {
    routes,
    unassigned,
    cost: {
      total: travelCost + fixed + unassignedCost + latenessCost + overtimeCost + balance + preference,
      travel: travelCost,
      fixed,
      unassigned: unassignedCost,
      lateness: latenessCost,
      overtime: overtimeCost,
      loadBalance: balance,
      preference,
      distance,
      duration,
    },
  };
}
