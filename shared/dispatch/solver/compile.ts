// Turns a VrpModel into flat typed arrays the search reads in its inner loops, and checks every index on the way.
import type { BreakSpec, JobSpec, TimeWindow, VehicleSpec, VrpModel } from './model.js';
import { nearestJobs } from './neighbours.js';

/** A model that cannot be solved as given; `path` names the offending field (e.g. `jobs[3].location`). */
export class ModelError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ModelError';
  }
}

/** The compiled, read-only form of a VrpModel shared by every part of the solver. */
export interface CompiledModel {
  readonly model: VrpModel;
  readonly nJobs: number;
  readonly nVehicles: number;
  /** Locations including the "nowhere" location used for a missing start or end (zero travel both ways). */
  readonly nLocs: number;
  readonly nowhere: number;
  readonly dims: number;
  readonly dur: Float64Array;
  readonly dist: Float64Array;
  /** Arc cost used by the objective. */
  readonly cost: Float64Array;

  readonly jobLoc: Int32Array;
  readonly jobService: Float64Array;
  readonly twOffset: Int32Array;
  readonly twStart: Float64Array;
  readonly twEnd: Float64Array;
  /** Earliest possible start and latest possible start over all windows. */
  readonly jobEarliest: Float64Array;
  readonly jobLatest: Float64Array;
  readonly delivery: Float64Array;
  readonly pickup: Float64Array;
  readonly penalty: Float64Array;
  /**
   * 'priority-first' only: the priority class of each job, 0 for the highest priority value present, and the
   * number of classes. With nClasses 0 (the weighted mode) every term is summed.
   */
  readonly jobClass: Int32Array;
  readonly nClasses: number;
  /**
   * 'priority-first' only: the class whose entry of the score a job's lateness cost counts in (its own, when it is
   * the highest class and has a soft deadline), or -1 when its lateness counts with the rest only; `lateClasses`
   * is whether any job's does.
   */
  readonly lateClass: Int32Array;
  readonly lateClasses: boolean;
  readonly deadline: Float64Array;
  readonly lateCost: Float64Array;
  readonly pinnedVehicle: Int32Array;
  /** compat[job * nVehicles + vehicle] = 1 when the vehicle may serve the job. */
  readonly compat: Uint8Array;
  readonly allCompatible: boolean;

  readonly vStartLoc: Int32Array;
  readonly vEndLoc: Int32Array;
  readonly vStart: Float64Array;
  readonly vShiftEnd: Float64Array;
  readonly vHardEnd: Float64Array;
  readonly vCapacity: Float64Array;
  /**
   * Capacity dimensions that can ever bind on each vehicle (all it could carry exceeds its capacity):
   * loadDims[loadDimOffset[v] .. loadDimOffset[v + 1]). Others are never checked.
   */
  readonly loadDimOffset: Int32Array;
  readonly loadDims: Int32Array;
  /** Dimensions that bind on some vehicle: the only ones routes keep load sums for. */
  readonly anyLoadDims: Int32Array;
  readonly vMaxTasks: Float64Array;
  readonly vFixed: Float64Array;
  readonly breakOffset: Int32Array;
  readonly breakService: Float64Array;
  /** Index of each compiled break in its vehicle's `breaks` (they are sorted by earliest start). */
  readonly breakSource: Int32Array;
  readonly breakTwOffset: Int32Array;
  readonly breakTwStart: Float64Array;
  readonly breakTwEnd: Float64Array;
  /** Vehicles with breaks (or any soft time term) are evaluated by full simulation instead of O(1) checks. */
  readonly slow: Uint8Array;
  /** Interchangeable vehicles share a class; an empty route is tried once per class. */
  readonly vClass: Int32Array;
  /** sameTail[a * nVehicles + b] = 1 when a suffix checked for vehicle b stays valid on vehicle a. */
  readonly sameTail: Uint8Array;
  /** Like sameTail, for the relaxed checks that ignore breaks and soft costs (used to reject early). */
  readonly relaxedTail: Uint8Array;

  readonly hasPickups: boolean;
  readonly hasSoftTime: boolean;
  readonly wOvertime: number;
  readonly wBalance: number;
  /** offPreferred[job * nVehicles + vehicle] = 1 when the job names preferred vehicles and this is not one; empty when no job does. */
  readonly offPreferred: Uint8Array;
  readonly wNotPreferred: number;
  /** Granular neighbours of each job, nearest first: neighbours[job * nbCount + k]. */
  readonly neighbours: Int32Array;
  readonly nbCount: number;
  /** Nearest other jobs by plain travel cost, for string removal. */
  readonly adjacency: Int32Array;
  readonly adjCount: number;
  /** Travel cost from the nearest vehicle start, to order insertions "far" or "close". */
  readonly depotDistance: Float64Array;
  readonly totalDemand: Float64Array;
}

const NEIGHBOURS = 40;
const ADJACENCY = 100;

function finiteOrThrow(value: number, path: string, allowNegative = false): number {
  if (!Number.isFinite(value)) throw new ModelError(path, `must be a finite number, got ${String(value)}`);
  if (!allowNegative && value < 0) throw new ModelError(path, `must not be negative, got ${value}`);
  return value;
}

function checkIndex(value: number, size: number, path: string): number {
  if (!Number.isInteger(value) || value < 0 || value >= size) {
    throw new ModelError(path, `index ${String(value)} is out of range 0..${size - 1}`);
  }
  return value;
}

function sortedWindows(windows: readonly TimeWindow[] | undefined, path: string): TimeWindow[] {
  if (!windows || windows.length === 0) return [[-Infinity, Infinity]];
  windows.forEach(([start, end], w) => {
    if (Number.isNaN(start) || Number.isNaN(end)) throw new ModelError(`${path}[${w}]`, 'is not a number');
    if (end < start) throw new ModelError(`${path}[${w}]`, `end ${end} is before start ${start}`);
  });
  return [...windows].sort((a, b) => a[0] - b[0]);
}

function amounts(values: readonly number[] | undefined, dims: number, path: string): number[] {
  const out = new Array<number>(dims).fill(0);
  (values ?? []).forEach((v, d) => (out[d] = finiteOrThrow(v, `${path}[${d}]`)));
  return out;
}

/** Checks and flattens a model; throws ModelError naming the field when something is wrong. */
export function compileModel(model: VrpModel): CompiledModel {
  const { matrix, vehicles, jobs } = model;
  const w = model.objective ?? {};
  const size = matrix.size;
  if (!Number.isInteger(size) || size < 0) throw new ModelError('matrix.size', 'must be a non-negative integer');
  for (const key of ['durations', 'distances', 'costs'] as const) {
    const m = matrix[key];
    if (m && m.length !== size * size) {
      throw new ModelError(`matrix.${key}`, `has ${m.length} entries, expected ${size}×${size}`);
    }
  }
  const nLocs = size + 1;
  const nowhere = size;
  const dur = new Float64Array(nLocs * nLocs);
  const dist = new Float64Array(nLocs * nLocs);
  const cost = new Float64Array(nLocs * nLocs);
  const wDist = w.distance ?? 0;
  const wDur = w.duration ?? 1;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const k = i * size + j;
      const d = finiteOrThrow(matrix.durations[k] ?? NaN, `matrix.durations[${i}][${j}]`);
      const x = matrix.distances ? finiteOrThrow(matrix.distances[k] ?? NaN, `matrix.distances[${i}][${j}]`) : d;
      const c = matrix.costs ? finiteOrThrow(matrix.costs[k] ?? NaN, `matrix.costs[${i}][${j}]`) : wDist * x + wDur * d;
      dur[i * nLocs + j] = d;
      dist[i * nLocs + j] = x;
      cost[i * nLocs + j] = c;
    }
  }

  const nJobs = jobs.length;
  const nVehicles = vehicles.length;
  let dims = 0;
  for (const v of vehicles) dims = Math.max(dims, v.capacity?.length ?? 0);
  for (const j of jobs) dims = Math.max(dims, j.delivery?.length ?? 0, j.pickup?.length ?? 0);

  const jobLoc = new Int32Array(nJobs);
  const jobService = new Float64Array(nJobs);
  const twOffset = new Int32Array(nJobs + 1);
  const twS: number[] = [];
  const twE: number[] = [];
  const jobEarliest = new Float64Array(nJobs);
  const jobLatest = new Float64Array(nJobs);
  const delivery = new Float64Array(nJobs * dims);
  const pickup = new Float64Array(nJobs * dims);
  const penalty = new Float64Array(nJobs);
  const deadline = new Float64Array(nJobs).fill(Infinity);
  const lateCost = new Float64Array(nJobs);
  const pinnedVehicle = new Int32Array(nJobs).fill(-1);
  const wLate = w.lateness ?? 1;
  let hasPickups = false;
  let hasLateness = false;

  jobs.forEach((job: JobSpec, j) => {
    const p = `jobs[${j}]`;
    jobLoc[j] = checkIndex(job.location, size, `${p}.location`);
    jobService[j] = finiteOrThrow(job.service ?? 0, `${p}.service`);
    let windows = sortedWindows(job.timeWindows, `${p}.timeWindows`);
    if (job.pinned) {
      pinnedVehicle[j] = checkIndex(job.pinned.vehicle, nVehicles, `${p}.pinned.vehicle`);
      if (job.pinned.start !== undefined) {
        const at = finiteOrThrow(job.pinned.start, `${p}.pinned.start`, true);
        windows = [[at, at]];
      }
    }
    twOffset[j] = twS.length;
    for (const [s, e] of windows) {
      twS.push(s);
      twE.push(e);
    }
    jobEarliest[j] = windows[0]?.[0] ?? -Infinity;
    jobLatest[j] = windows[windows.length - 1]?.[1] ?? Infinity;
    amounts(job.delivery, dims, `${p}.delivery`).forEach((v, d) => (delivery[j * dims + d] = v));
    amounts(job.pickup, dims, `${p}.pickup`).forEach((v, d) => {
      pickup[j * dims + d] = v;
      if (v > 0) hasPickups = true;
    });
    const priority = finiteOrThrow(job.priority ?? 0, `${p}.priority`);
    penalty[j] =
      job.unassignedCost !== undefined
        ? finiteOrThrow(job.unassignedCost, `${p}.unassignedCost`)
        : (w.unassigned ?? 1e6) + (w.unassignedPerPriority ?? 1e4) * priority;
    if (job.deadline) {
      deadline[j] = finiteOrThrow(job.deadline.at, `${p}.deadline.at`, true);
      lateCost[j] = finiteOrThrow(job.deadline.costPerUnit, `${p}.deadline.costPerUnit`) * wLate;
      if (lateCost[j]! > 0) hasLateness = true;
    }
  });
  twOffset[nJobs] = twS.length;

  const jobClass = new Int32Array(nJobs);
  let nClasses = 0;
  if (w.mode === 'priority-first') {
    const priorities = [...new Set(jobs.map((job) => job.priority ?? 0))].sort((a, b) => b - a);
    const rank = new Map(priorities.map((p, i) => [p, i]));
    jobs.forEach((job, j) => (jobClass[j] = rank.get(job.priority ?? 0)!));
    nClasses = priorities.length;
  } else if (w.mode !== undefined && w.mode !== 'weighted') {
    throw new ModelError('objective.mode', `must be 'weighted' or 'priority-first', got ${String(w.mode)}`);
  }

  // A served job of the highest class (the P1 emergencies of a field day) counts its lateness with its class: no
  // lower-priority work and no travel buys making it later past its deadline. The other classes' lateness is traded
  // with travel and each other by the weights, as in the weighted mode: making P2 and P3 lateness strict as well left
  // about 3 % more unassigned penalty on bench:fs's 200 × 2,000 day (more P3s queued to keep P2s on time).
  const lateClass = new Int32Array(nJobs).fill(-1);
  let lateClasses = false;
  for (let j = 0; j < nJobs && nClasses > 1; j++) {
    if (jobClass[j]! === 0 && lateCost[j]! > 0 && deadline[j]! < Infinity) {
      lateClass[j] = jobClass[j]!;
      lateClasses = true;
    }
  }

  const vStartLoc = new Int32Array(nVehicles);
  const vEndLoc = new Int32Array(nVehicles);
  const vStart = new Float64Array(nVehicles);
  const vShiftEnd = new Float64Array(nVehicles);
  const vHardEnd = new Float64Array(nVehicles);
  const vCapacity = new Float64Array(nVehicles * dims).fill(Infinity);
  const vMaxTasks = new Float64Array(nVehicles).fill(Infinity);
  const vFixed = new Float64Array(nVehicles);
  const breakOffset = new Int32Array(nVehicles + 1);
  const breakService: number[] = [];
  const breakSource: number[] = [];
  const breakTwOffset: number[] = [];
  const bS: number[] = [];
  const bE: number[] = [];
  const wOvertime = w.overtime ?? 0;
  let hasOvertime = false;

  vehicles.forEach((v: VehicleSpec, i) => {
    const p = `vehicles[${i}]`;
    vStartLoc[i] = v.start === undefined ? nowhere : checkIndex(v.start, size, `${p}.start`);
    vEndLoc[i] = v.end === undefined ? nowhere : checkIndex(v.end, size, `${p}.end`);
    const [s, e] = v.timeWindow ?? [0, Infinity];
    if (Number.isNaN(s) || Number.isNaN(e)) throw new ModelError(`${p}.timeWindow`, 'is not a number');
    if (e < s) throw new ModelError(`${p}.timeWindow`, `end ${e} is before start ${s}`);
    vStart[i] = s;
    vShiftEnd[i] = e;
    const overtime = finiteOrThrow(v.maxOvertime ?? 0, `${p}.maxOvertime`);
    vHardEnd[i] = e + overtime;
    if (overtime > 0 && wOvertime > 0) hasOvertime = true;
    (v.capacity ?? []).forEach((c, d) => (vCapacity[i * dims + d] = finiteOrThrow(c, `${p}.capacity[${d}]`)));
    if (v.maxTasks !== undefined) {
      if (!Number.isInteger(v.maxTasks) || v.maxTasks < 0) {
        throw new ModelError(`${p}.maxTasks`, 'must be a non-negative integer');
      }
      vMaxTasks[i] = v.maxTasks;
    }
    vFixed[i] = finiteOrThrow(v.fixedCost ?? 0, `${p}.fixedCost`);
    breakOffset[i] = breakService.length;
    const breaks = [...(v.breaks ?? [])].map((b: BreakSpec, k) => ({
      service: finiteOrThrow(b.service, `${p}.breaks[${k}].service`),
      windows: sortedWindows(b.timeWindows, `${p}.breaks[${k}].timeWindows`),
      source: k,
    }));
    breaks.sort((a, b) => (a.windows[0]?.[0] ?? 0) - (b.windows[0]?.[0] ?? 0));
    for (const b of breaks) {
      breakService.push(b.service);
      breakSource.push(b.source);
      breakTwOffset.push(bS.length);
      for (const [ws, we] of b.windows) {
        bS.push(ws);
        bE.push(we);
      }
    }
  });
  breakOffset[nVehicles] = breakService.length;
  breakTwOffset.push(bS.length);

  const compat = new Uint8Array(nJobs * nVehicles);
  let allCompatible = true;
  const vehicleSkills = vehicles.map((v) => new Set(v.skills ?? []));
  jobs.forEach((job, j) => {
    const allowed = job.allowedVehicles ? new Set(job.allowedVehicles) : undefined;
    job.allowedVehicles?.forEach((v, k) => checkIndex(v, nVehicles, `jobs[${j}].allowedVehicles[${k}]`));
    for (let v = 0; v < nVehicles; v++) {
      let ok = (job.skills ?? []).every((s) => vehicleSkills[v]!.has(s));
      if (ok && allowed && !allowed.has(v)) ok = false;
      if (ok && pinnedVehicle[j]! >= 0 && pinnedVehicle[j] !== v) ok = false;
      if (ok && model.compatible && !model.compatible(j, v)) ok = false;
      compat[j * nVehicles + v] = ok ? 1 : 0;
      if (!ok) allCompatible = false;
    }
  });

  // Preferences cost per (job, vehicle): only the simulated evaluation adds them, so they make every vehicle slow.
  const wNotPreferred = finiteOrThrow(w.notPreferred ?? 0, 'objective.notPreferred');
  const hasPreferences =
    wNotPreferred > 0 && jobs.some((job) => job.preferredVehicles && job.preferredVehicles.length > 0);
  const offPreferred = new Uint8Array(hasPreferences ? nJobs * nVehicles : 0);
  if (hasPreferences) {
    jobs.forEach((job, j) => {
      if (!job.preferredVehicles || job.preferredVehicles.length === 0) return;
      const preferred = new Set(
        job.preferredVehicles.map((v, k) => checkIndex(v, nVehicles, `jobs[${j}].preferredVehicles[${k}]`)),
      );
      for (let v = 0; v < nVehicles; v++) offPreferred[j * nVehicles + v] = preferred.has(v) ? 0 : 1;
    });
  }

  // A dimension binds on a vehicle only if the jobs it may serve could together exceed its capacity.
  const loadDimOffset = new Int32Array(nVehicles + 1);
  const loadDimList: number[] = [];
  const anyLoad = new Set<number>();
  for (let v = 0; v < nVehicles; v++) {
    loadDimOffset[v] = loadDimList.length;
    for (let d = 0; d < dims; d++) {
      let most = 0;
      for (let j = 0; j < nJobs; j++) {
        if (compat[j * nVehicles + v]) most += delivery[j * dims + d]! + pickup[j * dims + d]!;
      }
      if (most > vCapacity[v * dims + d]!) {
        loadDimList.push(d);
        anyLoad.add(d);
      }
    }
  }
  loadDimOffset[nVehicles] = loadDimList.length;

  const hasSoftTime = hasLateness || hasOvertime || hasPreferences;
  const slow = new Uint8Array(nVehicles);
  for (let v = 0; v < nVehicles; v++) {
    slow[v] = hasSoftTime || breakOffset[v + 1]! > breakOffset[v]! ? 1 : 0;
  }

  const vClass = new Int32Array(nVehicles);
  const classKeys = new Map<string, number>();
  for (let v = 0; v < nVehicles; v++) {
    const spec = vehicles[v]!;
    const parts: unknown[] = [vStartLoc[v], vEndLoc[v], vStart[v], vShiftEnd[v], vHardEnd[v], vMaxTasks[v]];
    parts.push(vFixed[v], Array.from(vCapacity.subarray(v * dims, v * dims + dims)), spec.breaks ?? []);
    if (!allCompatible) {
      let column = '';
      for (let j = 0; j < nJobs; j++) column += compat[j * nVehicles + v] ? '1' : '0';
      parts.push(column);
    }
    if (hasPreferences) {
      let column = '';
      for (let j = 0; j < nJobs; j++) column += offPreferred[j * nVehicles + v] ? '1' : '0';
      parts.push(column);
    }
    const key = JSON.stringify(parts);
    const known = classKeys.get(key);
    if (known === undefined) classKeys.set(key, v);
    vClass[v] = known ?? v;
  }
  const sameTail = new Uint8Array(nVehicles * nVehicles);
  const relaxedTail = new Uint8Array(nVehicles * nVehicles);
  for (let a = 0; a < nVehicles; a++) {
    for (let b = 0; b < nVehicles; b++) {
      const relaxed = vEndLoc[a] === vEndLoc[b] && vHardEnd[a] === vHardEnd[b];
      relaxedTail[a * nVehicles + b] = relaxed ? 1 : 0;
      sameTail[a * nVehicles + b] = relaxed && !slow[a] && !slow[b] ? 1 : 0;
    }
  }

  const depotDistance = new Float64Array(nJobs).fill(Infinity);
  const totalDemand = new Float64Array(nJobs);
  for (let j = 0; j < nJobs; j++) {
    for (let v = 0; v < nVehicles; v++) {
      const c = cost[vStartLoc[v]! * nLocs + jobLoc[j]!]!;
      if (c < depotDistance[j]!) depotDistance[j] = c;
    }
    for (let d = 0; d < dims; d++) totalDemand[j]! += delivery[j * dims + d]! + pickup[j * dims + d]!;
  }

  const compiled = {
    model,
    nJobs,
    nVehicles,
    nLocs,
    nowhere,
    dims,
    dur,
    dist,
    cost,
    jobLoc,
    jobService,
    twOffset,
    twStart: Float64Array.from(twS),
    twEnd: Float64Array.from(twE),
    jobEarliest,
    jobLatest,
    delivery,
    pickup,
    penalty,
    jobClass,
    nClasses,
    lateClass,
    lateClasses,
    deadline,
    lateCost,
    pinnedVehicle,
    compat,
    allCompatible,
    vStartLoc,
    vEndLoc,
    vStart,
    vShiftEnd,
    vHardEnd,
    vCapacity,
    loadDimOffset,
    loadDims: Int32Array.from(loadDimList),
    anyLoadDims: Int32Array.from([...anyLoad].sort((a, b) => a - b)),
    vMaxTasks,
    vFixed,
    breakOffset,
    breakService: Float64Array.from(breakService),
    breakSource: Int32Array.from(breakSource),
    breakTwOffset: Int32Array.from(breakTwOffset),
    breakTwStart: Float64Array.from(bS),
    breakTwEnd: Float64Array.from(bE),
    slow,
    vClass,
    sameTail,
    relaxedTail,
    hasPickups,
    hasSoftTime,
    wOvertime,
    wBalance: w.loadBalance ?? 0,
    offPreferred,
    wNotPreferred,
    depotDistance,
    totalDemand,
  };
  const nbCount = Math.min(NEIGHBOURS, Math.max(0, nJobs - 1));
  const adjCount = Math.min(ADJACENCY, Math.max(0, nJobs - 1));
  return {
    ...compiled,
    neighbours: nearestJobs(compiled, nbCount, true),
    nbCount,
    adjacency: nearestJobs(compiled, adjCount, false),
    adjCount,
  };
}
