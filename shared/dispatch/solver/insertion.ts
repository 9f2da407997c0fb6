// Cheapest feasible position of one job in one route: the innermost loop of construction and recreate.
import type { CompiledModel } from './compile.js';
import type { Random } from '../../random/index.js';
import type { RouteState } from './route.js';
import { laterInClasses, spliceCost, spliceLoadsFit } from './splice.js';
import { earliestStart } from './windows.js';

/** Result of `bestInsertion`: position 0 means no feasible position. */
export interface InsertionChoice {
  /** Position the job would take (1..len+1). */
  pos: number;
  /** Increase of the route cost. */
  delta: number;
  /** Whether a blink skipped a position (then no position found does not mean the job fits nowhere in the route). */
  blinked?: boolean;
}

const single = new Int32Array(1);
let candidatePos = new Int32Array(64);
let candidateBound = new Float64Array(64);
let classLate = new Float64Array(0);

/**
 * Fills `out` with the cheapest position for `job` in route `r` whose delta is below `bound` (pass Infinity for
 * any). With a blink rate > 0 each position is skipped with that probability (SISR's "greedy with blinks").
 */
export function bestInsertion(
  cm: CompiledModel,
  r: RouteState,
  job: number,
  out: InsertionChoice,
  bound = Infinity,
  blinkRate = 0,
  rng?: Random,
): void {
  out.pos = 0;
  out.delta = bound;
  out.blinked = false;
  const v = r.vehicle;
  const n = r.len;
  if (!cm.compat[job * cm.nVehicles + v]) return;
  if (n + 1 > cm.vMaxTasks[v]!) return;
  let extra = 0;
  if (n === 0) extra += cm.vFixed[v]!;
  if (cm.wBalance > 0) {
    const s = r.svc[n]!;
    const s2 = s + cm.jobService[job]!;
    extra += cm.wBalance * (s2 * s2 - s * s);
  }
  single[0] = job;
  const slow = cm.slow[v] === 1;
  let nCandidates = 0;
  if (slow && candidatePos.length < n + 1) {
    candidatePos = new Int32Array(2 * n + 2);
    candidateBound = new Float64Array(2 * n + 2);
  }
  const dims = cm.dims;
  const loadChecks = cm.loadDimOffset[v + 1]! > cm.loadDimOffset[v]!;
  if (loadChecks && !cm.hasPickups) {
    for (let k = cm.loadDimOffset[v]!; k < cm.loadDimOffset[v + 1]!; k++) {
      const d = cm.loadDims[k]!;
      if (r.del[n * dims + d]! + cm.delivery[job * dims + d]! > cm.vCapacity[v * dims + d]!) return;
    }
  }
  const nL = cm.nLocs;
  const loc = r.loc;
  const es = r.es;
  const ls = r.ls;
  const lj = cm.jobLoc[job]!;
  const sj = cm.jobService[job]!;
  const cost = cm.cost;
  const dur = cm.dur;
  const earliestPossible = cm.jobEarliest[job]!;
  const latestPossible = cm.jobLatest[job]!;
  // With one window, an arrival inside it is the start (the scan stops once arrivals pass its end).
  const oneWindow = cm.twOffset[job + 1]! - cm.twOffset[job]! === 1;
  const jobService = cm.jobService;
  const jobs = r.jobs;
  const blinks = blinkRate > 0;
  let best = out.delta;
  let depart = es[0]!;
  let la = loc[0]!;
  for (let a = 0; a <= n; a++) {
    const lb = loc[a + 1]!;
    const arrive = depart + dur[la * nL + lj]!;
    // Departures only grow along the route: once the job's last window has closed, no later position works.
    if (arrive > latestPossible) break;
    const delta = cost[la * nL + lj]! + cost[lj * nL + lb]! - cost[la * nL + lb]! + extra;
    // The next position departs after the job at a + 1.
    la = lb;
    if (a < n) depart = es[a + 1]! + jobService[jobs[a + 1]!]!;
    if (delta >= best) continue;
    if (blinks && rng!.next() < blinkRate) {
      out.blinked = true;
      continue;
    }
    const start = oneWindow && arrive >= earliestPossible ? arrive : earliestStart(cm, job, arrive);
    if (start === Infinity) continue;
    if (start + sj + dur[lj * nL + lb]! > ls[a + 1]!) continue;
    if (loadChecks && cm.hasPickups && !spliceLoadsFit(cm, r, a, single, 1, r, a + 1)) continue;
    if (slow) {
      // Keep the candidates sorted by their lower bound; the exact simulation comes after the scan.
      let k = nCandidates++;
      while (k > 0 && candidateBound[k - 1]! > delta) {
        candidateBound[k] = candidateBound[k - 1]!;
        candidatePos[k] = candidatePos[k - 1]!;
        k--;
      }
      candidateBound[k] = delta;
      candidatePos[k] = a;
      continue;
    }
    best = delta;
    out.delta = delta;
    out.pos = a + 1;
  }
  // Travel delta is a lower bound of the exact delta (soft costs only grow when a job is added): simulate the
  // candidates cheapest bound first and stop as soon as no bound can beat the best exact value. Where lateness counts
  // by priority class, a position that makes a job of a higher class than this one later is no place for it: the
  // plan would be worse than with this job left out (see scorePlan).
  const above = cm.lateClasses ? cm.jobClass[job]! : 0;
  if (above > 0 && classLate.length < cm.nClasses) classLate = new Float64Array(cm.nClasses);
  // Before a job of a higher class that is late even at its earliest start (breaks left out), this job would almost
  // always delay it: those positions are not simulated (a shortcut of the search; scores stay exact).
  // Only a route holding a job of a higher class whose lateness counts needs the class split of a candidate, and only
  // for a candidate that would be taken: it is simulated again then, with the split.
  const guarded = above > 0 && r.lateTop < above;
  const frontier = guarded ? r.lateFrontier[above]! : 0;
  for (let k = 0; k < nCandidates && candidateBound[k]! < out.delta; k++) {
    const a = candidatePos[k]!;
    if (a < frontier) continue;
    const exact = spliceCost(cm, r, a, single, 1, r, a + 1) - r.cost;
    if (exact < out.delta) {
      if (guarded) {
        spliceCost(cm, r, a, single, 1, r, a + 1, false, classLate);
        if (laterInClasses(classLate, r.late, above)) continue;
      }
      out.delta = exact;
      out.pos = a + 1;
    }
  }
}
