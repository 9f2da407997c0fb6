// Full simulation of one route: the reference evaluation, used for vehicles with breaks or soft time costs and
// for the schedule reported to the caller.
//
// Breaks are placed by dynamic programming over "how many breaks taken so far": for each count we keep the
// earliest time the vehicle can leave the current stop. Waiting is allowed, so an earlier time never hurts and
// this finds a feasible break placement whenever one exists. As in VROOM, waiting for a break's window to open may
// be spent driving towards the next stop.
import type { CompiledModel } from './compile.js';
import { earliestBreakStart, earliestStart } from './windows.js';

let ready = new Float64Array(4);
let acc = new Float64Array(4);
let nextReady = new Float64Array(4);
let nextAcc = new Float64Array(4);

function ensureScratch(size: number): void {
  if (ready.length >= size) return;
  ready = new Float64Array(size * 2);
  acc = new Float64Array(size * 2);
  nextReady = new Float64Array(size * 2);
  nextAcc = new Float64Array(size * 2);
}

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

/**
 * Travel, lateness and overtime cost of vehicle `v` serving `seq[0..n)` in order, or Infinity when a hard rule
 * (time windows, shift end, breaks) cannot be met. Capacity, skills and task counts are checked elsewhere.
 */
export function simulateRoute(cm: CompiledModel, v: number, seq: ArrayLike<number>, n: number): number {
  const nL = cm.nLocs;
  const firstBreak = cm.breakOffset[v]!;
  const nBreaks = cm.breakOffset[v + 1]! - firstBreak;
  ensureScratch(nBreaks + 1);
  ready.fill(Infinity, 0, nBreaks + 1);
  acc.fill(0, 0, nBreaks + 1);
  ready[0] = cm.vStart[v]!;
  let prevLoc = cm.vStartLoc[v]!;
  let travelCost = 0;
  for (let i = 0; i < n; i++) {
    const job = seq[i]!;
    const loc = cm.jobLoc[job]!;
    const leg = cm.dur[prevLoc * nL + loc]!;
    travelCost += cm.cost[prevLoc * nL + loc]!;
    nextReady.fill(Infinity, 0, nBreaks + 1);
    let any = false;
    for (let k = 0; k <= nBreaks; k++) {
      if (ready[k] === Infinity) continue;
      for (let k2 = k; k2 <= nBreaks; k2++) {
        const arrival = crossLeg(cm, firstBreak, k, k2, ready[k]!, leg);
        if (arrival === Infinity) break;
        const start = earliestStart(cm, job, arrival);
        if (start === Infinity) continue;
        const done = start + cm.jobService[job]!;
        const late = done > cm.deadline[job]! ? (done - cm.deadline[job]!) * cm.lateCost[job]! : 0;
        if (done < nextReady[k2]! || (done === nextReady[k2] && acc[k]! + late < nextAcc[k2]!)) {
          nextReady[k2] = done;
          nextAcc[k2] = acc[k]! + late;
          any = true;
        }
      }
    }
    if (!any) return Infinity;
    const swapReady = ready;
    ready = nextReady;
    nextReady = swapReady;
    const swapAcc = acc;
    acc = nextAcc;
    nextAcc = swapAcc;
    prevLoc = loc;
  }
  const endLoc = cm.vEndLoc[v]!;
  const leg = cm.dur[prevLoc * nL + endLoc]!;
  travelCost += cm.cost[prevLoc * nL + endLoc]!;
  let best = Infinity;
  for (let k = 0; k <= nBreaks; k++) {
    if (ready[k] === Infinity) continue;
    const arrival = crossLeg(cm, firstBreak, k, nBreaks, ready[k]!, leg);
    if (arrival > cm.vHardEnd[v]!) continue;
    const overtime = arrival > cm.vShiftEnd[v]! ? (arrival - cm.vShiftEnd[v]!) * cm.wOvertime : 0;
    const total = acc[k]! + overtime;
    if (total < best) best = total;
  }
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

/**
 * The schedule of `seq` on vehicle `v` with every stop and break timed, or undefined if infeasible. Breaks are
 * placed as in `simulateRoute`; the vehicle leaves its start as late as it can without delaying the first job.
 */
export function scheduleRoute(cm: CompiledModel, v: number, seq: readonly number[]): TimedStop[] | undefined {
  const nL = cm.nLocs;
  const n = seq.length;
  const firstBreak = cm.breakOffset[v]!;
  const nBreaks = cm.breakOffset[v + 1]! - firstBreak;
  const width = nBreaks + 1;
  // times[i][k]: earliest departure from stop i (0 = start) with k breaks taken; from[i][k]: breaks count before.
  const times: number[][] = [Array.from({ length: width }, (_, k) => (k === 0 ? cm.vStart[v]! : Infinity))];
  const lates: number[][] = [new Array<number>(width).fill(0)];
  const from: number[][] = [new Array<number>(width).fill(-1)];
  let prevLoc = cm.vStartLoc[v]!;
  for (let i = 0; i < n; i++) {
    const job = seq[i]!;
    const loc = cm.jobLoc[job]!;
    const leg = cm.dur[prevLoc * nL + loc]!;
    const t = new Array<number>(width).fill(Infinity);
    const l = new Array<number>(width).fill(0);
    const f = new Array<number>(width).fill(-1);
    const prev = times[i]!;
    for (let k = 0; k < width; k++) {
      if (prev[k] === Infinity) continue;
      for (let k2 = k; k2 < width; k2++) {
        const arrival = crossLeg(cm, firstBreak, k, k2, prev[k]!, leg);
        if (arrival === Infinity) break;
        const start = earliestStart(cm, job, arrival);
        if (start === Infinity) continue;
        const done = start + cm.jobService[job]!;
        const late = lates[i]![k]! + (done > cm.deadline[job]! ? (done - cm.deadline[job]!) * cm.lateCost[job]! : 0);
        if (done < t[k2]! || (done === t[k2] && late < l[k2]!)) {
          t[k2] = done;
          l[k2] = late;
          f[k2] = k;
        }
      }
    }
    times.push(t);
    lates.push(l);
    from.push(f);
    prevLoc = loc;
  }
  const endLoc = cm.vEndLoc[v]!;
  const endLeg = cm.dur[prevLoc * nL + endLoc]!;
  let bestK = -1;
  let bestCost = Infinity;
  const last = times[n]!;
  for (let k = 0; k < width; k++) {
    if (last[k] === Infinity) continue;
    const arrival = crossLeg(cm, firstBreak, k, nBreaks, last[k]!, endLeg);
    if (arrival > cm.vHardEnd[v]!) continue;
    const total = lates[n]![k]! + (arrival > cm.vShiftEnd[v]! ? (arrival - cm.vShiftEnd[v]!) * cm.wOvertime : 0);
    if (total < bestCost) {
      bestCost = total;
      bestK = k;
    }
  }
  if (bestK < 0) return undefined;
  // Breaks taken on the leg into each stop (index n + 1 = the end).
  const taken = new Array<number>(n + 2).fill(0);
  taken[n + 1] = nBreaks - bestK;
  let k = bestK;
  for (let i = n; i >= 1; i--) {
    const before = from[i]![k]!;
    taken[i] = k - before;
    k = before;
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
