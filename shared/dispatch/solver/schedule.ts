// Full simulation of one route: the reference evaluation, used for vehicles with breaks or soft time costs and
// for the schedule reported to the caller.
//
// Breaks are placed by dynamic programming over "how many breaks taken so far". For each count we keep the
// labels (time ready to leave the stop, lateness cost so far) that no other label beats on both: waiting is
// allowed, so an earlier time never hurts, and this finds the cheapest break placement whenever one exists. As in
// VROOM, waiting for a break's window to open may be spent driving towards the next stop.
import type { CompiledModel } from './compile.js';
import { earliestBreakStart, earliestStart } from './windows.js';

// Labels per break count; more than this many non-dominated labels never occur in practice.
const MAX_LABELS = 16;

let times = new Float64Array(4 * MAX_LABELS);
let costs = new Float64Array(4 * MAX_LABELS);
let counts = new Int32Array(4);
let nextTimes = new Float64Array(4 * MAX_LABELS);
let nextCosts = new Float64Array(4 * MAX_LABELS);
let nextCounts = new Int32Array(4);
// With the lateness of each priority class asked for (see simulateRoute): `width` entries per label.
let lates = new Float64Array(0);
let nextLates = new Float64Array(0);

function ensureScratch(states: number): void {
  if (counts.length >= states) return;
  times = new Float64Array(states * 2 * MAX_LABELS);
  costs = new Float64Array(states * 2 * MAX_LABELS);
  counts = new Int32Array(states * 2);
  nextTimes = new Float64Array(states * 2 * MAX_LABELS);
  nextCosts = new Float64Array(states * 2 * MAX_LABELS);
  nextCounts = new Int32Array(states * 2);
}

function ensureLates(states: number, width: number): void {
  const size = states * MAX_LABELS * width;
  if (lates.length >= size) return;
  lates = new Float64Array(2 * size);
  nextLates = new Float64Array(2 * size);
}

/**
 * Adds label (t, c) to state k of the given label set unless another label is at least as early and as cheap;
 * drops the labels it beats. Labels stay sorted by time, so their costs strictly decrease.
 */
function addLabel(ts: Float64Array, cs: Float64Array, ns: Int32Array, k: number, t: number, c: number): number {
  const base = k * MAX_LABELS;
  let n = ns[k]!;
  let i = 0;
  while (i < n && ts[base + i]! <= t) {
    if (cs[base + i]! <= c) return -1;
    i++;
  }
  // Labels from i on are later than t; drop those that are not cheaper than c.
  let keep = i;
  for (let q = i; q < n; q++) {
    if (cs[base + q]! < c) {
      ts[base + keep] = ts[base + q]!;
      cs[base + keep] = cs[base + q]!;
      if (width > 0 && keep !== q) {
        for (let x = 0; x < width; x++) nextLates[(base + keep) * width + x] = nextLates[(base + q) * width + x]!;
      }
      keep++;
    }
  }
  n = keep;
  if (n === MAX_LABELS) {
    if (i === MAX_LABELS) return -1;
    n--;
  }
  for (let q = n; q > i; q--) {
    ts[base + q] = ts[base + q - 1]!;
    cs[base + q] = cs[base + q - 1]!;
    for (let x = 0; x < width; x++) nextLates[(base + q) * width + x] = nextLates[(base + q - 1) * width + x]!;
  }
  ts[base + i] = t;
  cs[base + i] = c;
  ns[k] = n + 1;
  return base + i;
}

/** Entries per label of the class lateness carried by simulateRoute's labels: 0 when not asked for. */
let width = 0;

/**
 * Advances from a stop left at `leave` with breaks `from..to-1` of the vehicle taken on the way, over a leg of
 * travel time `travel`. Returns the arrival time at the next stop, or Infinity if a break window was missed.
 */
export function crossLeg(
  cm: CompiledModel,
  firstBreak: number,
  from: number,
  to: number,
  leave: number,
  travel: number,
): number {
  let t = leave;
  let remaining = travel;
  for (let k = from; k < to; k++) {
    const b = firstBreak + k;
    const start = earliestBreakStart(cm, b, t);
    if (start === Infinity) return Infinity;
    if (start > t) remaining = remaining > start - t ? remaining - (start - t) : 0;
    t = start + cm.breakService[b]!;
  }
  return t + remaining;
}

function lateness(cm: CompiledModel, job: number, done: number): number {
  return done > cm.deadline[job]! ? (done - cm.deadline[job]!) * cm.lateCost[job]! : 0;
}

function overtime(cm: CompiledModel, v: number, arrival: number): number {
  return arrival > cm.vShiftEnd[v]! ? (arrival - cm.vShiftEnd[v]!) * cm.wOvertime : 0;
}

/**
 * Travel, lateness, overtime and preference cost of vehicle `v` serving `seq[0..n)` in order, or Infinity when a hard rule
 * (time windows, shift end, breaks) cannot be met. Capacity, skills and task counts are checked elsewhere. With
 * `classLate` (priority-first models whose jobs' lateness counts by class, see CompiledModel.lateClass), it is filled
 * with the lateness cost of each class in the cheapest schedule.
 */
export function simulateRoute(
  cm: CompiledModel,
  v: number,
  seq: ArrayLike<number>,
  n: number,
  classLate?: Float64Array,
): number {
  const nL = cm.nLocs;
  const firstBreak = cm.breakOffset[v]!;
  const nBreaks = cm.breakOffset[v + 1]! - firstBreak;
  ensureScratch(nBreaks + 1);
  width = classLate && cm.lateClasses ? cm.nClasses : 0;
  if (width > 0) {
    ensureLates(nBreaks + 1, width);
    lates.fill(0, 0, width);
  }
  classLate?.fill(0);
  counts.fill(0, 0, nBreaks + 1);
  counts[0] = 1;
  times[0] = cm.vStart[v]!;
  costs[0] = 0;
  let prevLoc = cm.vStartLoc[v]!;
  let travelCost = 0;
  const preferences = cm.offPreferred.length > 0;
  for (let i = 0; i < n; i++) {
    const job = seq[i]!;
    const loc = cm.jobLoc[job]!;
    const leg = cm.dur[prevLoc * nL + loc]!;
    travelCost += cm.cost[prevLoc * nL + loc]!;
    if (preferences && cm.offPreferred[job * cm.nVehicles + v]) travelCost += cm.wNotPreferred;
    nextCounts.fill(0, 0, nBreaks + 1);
    let any = false;
    for (let k = 0; k <= nBreaks; k++) {
      for (let l = 0; l < counts[k]!; l++) {
        const leave = times[k * MAX_LABELS + l]!;
        const paid = costs[k * MAX_LABELS + l]!;
        for (let k2 = k; k2 <= nBreaks; k2++) {
          const arrival = crossLeg(cm, firstBreak, k, k2, leave, leg);
          if (arrival === Infinity) break;
          const start = earliestStart(cm, job, arrival);
          if (start === Infinity) continue;
          const done = start + cm.jobService[job]!;
          const late = lateness(cm, job, done);
          const at = addLabel(nextTimes, nextCosts, nextCounts, k2, done, paid + late);
          if (at >= 0 && width > 0) {
            const from = (k * MAX_LABELS + l) * width;
            for (let c = 0; c < width; c++) nextLates[at * width + c] = lates[from + c]!;
            const c = cm.lateClass[job]!;
            if (c >= 0) nextLates[at * width + c]! += late;
          }
          any = true;
        }
      }
    }
    if (!any) return Infinity;
    [times, nextTimes] = [nextTimes, times];
    [costs, nextCosts] = [nextCosts, costs];
    [counts, nextCounts] = [nextCounts, counts];
    if (width > 0) [lates, nextLates] = [nextLates, lates];
    prevLoc = loc;
  }
  const endLoc = cm.vEndLoc[v]!;
  const leg = cm.dur[prevLoc * nL + endLoc]!;
  travelCost += cm.cost[prevLoc * nL + endLoc]!;
  let best = Infinity;
  let bestLabel = -1;
  for (let k = 0; k <= nBreaks; k++) {
    for (let l = 0; l < counts[k]!; l++) {
      const arrival = crossLeg(cm, firstBreak, k, nBreaks, times[k * MAX_LABELS + l]!, leg);
      if (arrival > cm.vHardEnd[v]!) continue;
      const total = costs[k * MAX_LABELS + l]! + overtime(cm, v, arrival);
      if (total < best) {
        best = total;
        bestLabel = k * MAX_LABELS + l;
      }
    }
  }
  if (width > 0 && bestLabel >= 0) for (let c = 0; c < width; c++) classLate![c] = lates[bestLabel * width + c]!;
  return best === Infinity ? Infinity : travelCost + best;
}

/** A stop of a simulated schedule, before loads and distances are added for reporting. */
export interface TimedStop {
  kind: 'start' | 'job' | 'break' | 'end';
  index: number;
  arrival: number;
  start: number;
  departure: number;
}

/** A label of the schedule search, linked to the label it came from. */
interface Label {
  readonly time: number;
  readonly cost: number;
  readonly breaks: number;
  readonly prev: Label | undefined;
}

function keepLabel(list: Label[], label: Label): void {
  if (list.some((o) => o.time <= label.time && o.cost <= label.cost)) return;
  const kept = list.filter((o) => !(label.time <= o.time && label.cost <= o.cost));
  kept.push(label);
  kept.sort((a, b) => a.time - b.time);
  list.splice(0, list.length, ...kept.slice(0, MAX_LABELS));
}

/**
 * The schedule of `seq` on vehicle `v` with every stop and break timed, or undefined if infeasible. Breaks are
 * placed as in `simulateRoute`; the vehicle leaves its start as late as it can without delaying the first job.
 */
export function scheduleRoute(cm: CompiledModel, v: number, seq: readonly number[]): TimedStop[] | undefined {
  const nL = cm.nLocs;
  const firstBreak = cm.breakOffset[v]!;
  const nBreaks = cm.breakOffset[v + 1]! - firstBreak;
  let states: Label[][] = Array.from({ length: nBreaks + 1 }, () => []);
  states[0]!.push({ time: cm.vStart[v]!, cost: 0, breaks: 0, prev: undefined });
  let prevLoc = cm.vStartLoc[v]!;
  for (const job of seq) {
    const loc = cm.jobLoc[job]!;
    const leg = cm.dur[prevLoc * nL + loc]!;
    const next: Label[][] = Array.from({ length: nBreaks + 1 }, () => []);
    states.forEach((labels, k) => {
      for (const label of labels) {
        for (let k2 = k; k2 <= nBreaks; k2++) {
          const arrival = crossLeg(cm, firstBreak, k, k2, label.time, leg);
          if (arrival === Infinity) break;
          const start = earliestStart(cm, job, arrival);
          if (start === Infinity) continue;
          const done = start + cm.jobService[job]!;
          keepLabel(next[k2]!, { time: done, cost: label.cost + lateness(cm, job, done), breaks: k2, prev: label });
        }
      }
    });
    states = next;
    prevLoc = loc;
  }
  const endLeg = cm.dur[prevLoc * nL + cm.vEndLoc[v]!]!;
  let best: Label | undefined;
  let bestCost = Infinity;
  for (const labels of states) {
    for (const label of labels) {
      const arrival = crossLeg(cm, firstBreak, label.breaks, nBreaks, label.time, endLeg);
      if (arrival > cm.vHardEnd[v]!) continue;
      const total = label.cost + overtime(cm, v, arrival);
      if (total < bestCost) {
        bestCost = total;
        best = label;
      }
    }
  }
  if (!best) return undefined;
  // Breaks taken on the leg into each stop (index n + 1 = the end), read back along the chosen labels.
  const n = seq.length;
  const taken = new Array<number>(n + 2).fill(0);
  taken[n + 1] = nBreaks - best.breaks;
  let label: Label = best;
  for (let i = n; i >= 1; i--) {
    const prev = label.prev!;
    taken[i] = label.breaks - prev.breaks;
    label = prev;
  }
  return replay(cm, v, seq, taken);
}

/** Replays a route with a known number of breaks per leg and records every stop. */
function replay(cm: CompiledModel, v: number, seq: readonly number[], taken: number[]): TimedStop[] {
  const nL = cm.nLocs;
  const firstBreak = cm.breakOffset[v]!;
  const stops: TimedStop[] = [];
  let depart = cm.vStart[v]!;
  // Leave as late as possible when the first leg has no break and the first job would otherwise wait.
  if (seq.length > 0 && taken[1] === 0) {
    const job = seq[0]!;
    const leg = cm.dur[cm.vStartLoc[v]! * nL + cm.jobLoc[job]!]!;
    const start = earliestStart(cm, job, depart + leg);
    if (start - leg > depart) depart = start - leg;
  }
  stops.push({ kind: 'start', index: -1, arrival: depart, start: depart, departure: depart });
  let prevLoc = cm.vStartLoc[v]!;
  let t = depart;
  let breakIndex = 0;
  for (let i = 0; i <= seq.length; i++) {
    const isEnd = i === seq.length;
    const loc = isEnd ? cm.vEndLoc[v]! : cm.jobLoc[seq[i]!]!;
    let remaining = cm.dur[prevLoc * nL + loc]!;
    for (let b = 0; b < taken[i + 1]!; b++, breakIndex++) {
      const g = firstBreak + breakIndex;
      const start = earliestBreakStart(cm, g, t);
      if (start > t) remaining = remaining > start - t ? remaining - (start - t) : 0;
      const done = start + cm.breakService[g]!;
      stops.push({ kind: 'break', index: breakIndex, arrival: t, start, departure: done });
      t = done;
    }
    const arrival = t + remaining;
    if (isEnd) {
      stops.push({ kind: 'end', index: -1, arrival, start: arrival, departure: arrival });
    } else {
      const job = seq[i]!;
      const start = earliestStart(cm, job, arrival);
      t = start + cm.jobService[job]!;
      stops.push({ kind: 'job', index: job, arrival, start, departure: t });
    }
    prevLoc = loc;
  }
  return stops;
}
