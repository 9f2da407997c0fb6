// Greedy insertion with blinks (SISR): jobs in one of a few orders, each at its cheapest position over all routes,
// skipping every position with a small probability so that repeated recreates explore different plans.
import type { CompiledModel } from './compile.js';
import { candidateRoutes } from './construction.js';
import { bestInsertion, type InsertionChoice } from './insertion.js';
import type { Plan } from './plan.js';
import { scorePlan, type Score } from './priority.js';
import { laterInClasses } from './splice.js';
import type { Random } from '../../random/index.js';

/** Orders in which removed jobs are reinserted, drawn with SISR's weights 4 : 4 : 2 : 1 (+ time windows). */
const ORDERS = ['random', 'demand', 'far', 'close', 'window'] as const;
const ORDER_WEIGHTS = [4, 4, 2, 1, 2];
const ORDER_TOTAL = ORDER_WEIGHTS.reduce((a, b) => a + b, 0);

function windowWidth(cm: CompiledModel, job: number): number {
  return Math.min(cm.jobLatest[job]! - cm.jobEarliest[job]!, Number.MAX_VALUE);
}

function sortJobs(cm: CompiledModel, jobs: number[], rng: Random): void {
  let x = rng.next() * ORDER_TOTAL;
  let order = 0;
  while (order < ORDERS.length - 1 && x >= ORDER_WEIGHTS[order]!) x -= ORDER_WEIGHTS[order++]!;
  rng.shuffle(jobs);
  switch (ORDERS[order]) {
    case 'demand':
      jobs.sort((a, b) => cm.totalDemand[b]! - cm.totalDemand[a]!);
      break;
    case 'far':
      jobs.sort((a, b) => cm.depotDistance[b]! - cm.depotDistance[a]!);
      break;
    case 'close':
      jobs.sort((a, b) => cm.depotDistance[a]! - cm.depotDistance[b]!);
      break;
    case 'window':
      jobs.sort((a, b) => windowWidth(cm, a) - windowWidth(cm, b));
      break;
    default:
      break;
  }
  // Higher penalties (priorities) go first whatever the order: they must not lose their place to cheaper work. The
  // sorts are stable, so they are skipped when they could change nothing (every job alike, as on the Solomon days).
  if (!alike(cm.penalty, jobs)) jobs.sort((a, b) => cm.penalty[b]! - cm.penalty[a]!);
  // With priority classes, the class decides first (a booked low-priority job may carry a larger penalty).
  if (cm.nClasses > 1 && !alike(cm.jobClass, jobs)) jobs.sort((a, b) => cm.jobClass[a]! - cm.jobClass[b]!);
}

/** Whether `values` is the same for every job of `jobs`. */
function alike(values: ArrayLike<number>, jobs: readonly number[]): boolean {
  for (let i = 1; i < jobs.length; i++) if (values[jobs[i]!] !== values[jobs[0]!]) return false;
  return true;
}

const choice: InsertionChoice = { pos: 0, delta: 0 };
// With a floor: the class entries of the plan's score (scorePlan's, without the routes' cost), kept up to date as
// jobs are placed, taken out or left out, instead of summed over every route and left-out job at each class.
let partialScore = new Float64Array(0);

function partial(cm: CompiledModel): Score {
  if (partialScore.length !== cm.nClasses + 1) partialScore = new Float64Array(cm.nClasses + 1);
  return partialScore;
}

/** Adds (sign 1) or takes out (sign -1) route ri's lateness by class in `score`. */
function addLate(plan: Plan, ri: number, score: Score, sign: number): void {
  const late = plan.routes[ri]!.late;
  for (let c = 0; c < late.length; c++) score[c]! += sign * late[c]!;
}

/**
 * With `near` (priority-first): for each job and route, the route's version (Plan.version) when the job was found to
 * fit nowhere in it, each position tried with no bound and no blink. On an overbooked day most of a step's insertion
 * scans are of left-out jobs into full routes, most of them unchanged since the job was last tried there. Kept per plan
 * for days of up to NO_ROOM_CELLS jobs × vehicles (32 MB).
 */
const noRoomByPlan = new WeakMap<Plan, Float64Array>();
const NO_ROOM_CELLS = 4_000_000;

function noRoomOf(cm: CompiledModel, plan: Plan): Float64Array | undefined {
  if (cm.nJobs * cm.nVehicles > NO_ROOM_CELLS) return undefined;
  let noRoom = noRoomByPlan.get(plan);
  if (!noRoom) noRoomByPlan.set(plan, (noRoom = new Float64Array(cm.nJobs * cm.nVehicles)));
  return noRoom;
}

let nearStamp = new Float64Array(0);
let stamp = 0;
// Reused from call to call: which routes are worth trying, and (with `near`) which changed since plan.begin().
let active: boolean[] = [];
let changed = new Uint8Array(0);
const changedList: number[] = [];
const emptyActive: number[] = [];
let visit = new Int32Array(0);
const placed: number[] = [];

/**
 * Inserts `jobs` greedily with blinks; jobs that fit nowhere are appended to `plan.unassigned`. With `near`, a job
 * is tried only in the routes serving one of its nearest jobs (`cm.adjacency`), the routes changed since
 * `plan.begin()` (where room was just made) and an empty route per vehicle class: on a day of hundreds of engineers
 * with short routes a job's cheapest position is almost always near it, and scanning every route for every job is
 * most of what a step costs.
 *
 * With `floor` (priority classes: the score of the plan the step started from), recreate gives up as soon as the plan
 * is sure to score worse than it: the jobs go in class by class, highest first, and once a class's jobs are placed
 * the entries of the score up to it are final (a lower-priority job never takes a place that makes higher-priority
 * work later, see bestInsertion). On an overbooked day a step often leaves out a job of a high class; the lower
 * classes' jobs would be placed only for the step to be refused. The rest go to `plan.unassigned` unplaced. Before
 * giving up on a class above the lowest that left a job out, recreate places that class's jobs once more, the
 * left-out ones first: most such losses are two jobs of one class where the first placed took the only place the
 * other fitted, and the step is then taken instead of refused.
 */
export function recreateGreedy(
  cm: CompiledModel,
  plan: Plan,
  jobs: number[],
  rng: Random,
  blinkRate: number,
  near = false,
  floor?: Score,
): void {
  sortJobs(cm, jobs, rng);
  const nR = plan.routes.length;
  if (active.length !== nR) active = new Array<boolean>(nR).fill(false);
  if (near && nearStamp.length < nR) nearStamp = new Float64Array(nR);
  if (near && changed.length < nR) changed = new Uint8Array(nR);
  if (near && visit.length < nR) visit = new Int32Array(nR);
  activeRoutes(cm, plan, near);
  if (near) {
    changed.fill(0);
    changedList.length = 0;
    for (const ri of plan.changedRoutes()) {
      if (changed[ri]) continue;
      changed[ri] = 1;
      changedList.push(ri);
    }
  }
  // With a floor: the class being placed, where its jobs begin in `jobs`, its jobs placed so far (in order), where
  // its left-out jobs begin in plan.unassigned, and whether it was placed again already.
  let placing = -1;
  let classFrom = 0;
  let leftFrom = plan.unassigned.length;
  let retried = false;
  placed.length = 0;
  const score = floor ? scorePlan(cm, plan, partial(cm)) : undefined;
  const noRoom = near ? noRoomOf(cm, plan) : undefined;
  const leaveOut = (job: number): void => {
    plan.unassigned.push(job);
    if (score) score[cm.jobClass[job]!]! += cm.penalty[job]!;
  };
  for (let i = 0; i <= jobs.length; i++) {
    if (floor && (i === jobs.length || cm.jobClass[jobs[i]!] !== placing)) {
      // The score's entries of the classes placed so far against the floor's, highest first (as lateness by class is).
      const upTo = i === jobs.length ? placing + 1 : cm.jobClass[jobs[i]!]!;
      if (placing >= 0 && laterInClasses(score!, floor, upTo)) {
        if (!retried && placing < cm.nClasses - 1 && plan.unassigned.length > leftFrom) {
          // Jobs of one class often compete for the same room: one went first into the only place another fitted.
          // A class above the lowest that left a job out is placed once more, the left-out jobs first.
          retried = true;
          for (let k = placed.length - 1; k >= 0; k--) {
            const j = placed[k]!;
            const ri = plan.routeOf[j]!;
            addLate(plan, ri, score!, -1);
            plan.removeRange(ri, plan.posOf[j]!, plan.posOf[j]!);
            addLate(plan, ri, score!, 1);
          }
          const left = plan.unassigned.splice(leftFrom);
          for (const j of left) score![cm.jobClass[j]!]! -= cm.penalty[j]!;
          for (let k = 0; k < left.length; k++) jobs[classFrom + k] = left[k]!;
          for (let k = 0; k < placed.length; k++) jobs[classFrom + left.length + k] = placed[k]!;
          placed.length = 0;
          activeRoutes(cm, plan, near);
          i = classFrom - 1;
          continue;
        }
        for (let k = i; k < jobs.length; k++) plan.unassigned.push(jobs[k]!);
        return;
      }
      if (i === jobs.length) return;
      if (cm.jobClass[jobs[i]!] !== placing) {
        placing = cm.jobClass[jobs[i]!]!;
        classFrom = i;
        leftFrom = plan.unassigned.length;
        retried = false;
        placed.length = 0;
      }
    }
    if (i === jobs.length) return;
    const job = jobs[i]!;
    let bestRoute = -1;
    let bestPos = 0;
    let bestDelta = Infinity;
    // The routes to try, in their order: every active one, or with `near` the active ones near the job, changed in
    // this step or empty (listed once, sorted: the blinks draw in route order, as in a scan of every route).
    let nVisit = nR;
    if (near) {
      stamp++;
      nVisit = 0;
      for (let k = 0; k < cm.adjCount; k++) {
        const ri = plan.routeOf[cm.adjacency[job * cm.adjCount + k]!]!;
        if (ri >= 0 && nearStamp[ri] !== stamp) {
          nearStamp[ri] = stamp;
          visit[nVisit++] = ri;
        }
      }
      for (const ri of changedList) {
        if (nearStamp[ri] !== stamp) {
          nearStamp[ri] = stamp;
          visit[nVisit++] = ri;
        }
      }
      for (const ri of emptyActive) {
        if (nearStamp[ri] !== stamp && plan.routes[ri]!.len === 0) {
          nearStamp[ri] = stamp;
          visit[nVisit++] = ri;
        }
      }
      sortAscending(visit, nVisit);
    }
    for (let q = 0; q < nVisit; q++) {
      const ri = near ? visit[q]! : q;
      if (!active[ri]) continue;
      const cell = job * nR + ri;
      if (noRoom && noRoom[cell] === plan.version(ri)) continue;
      bestInsertion(cm, plan.routes[ri]!, job, choice, bestDelta, blinkRate, rng);
      if (choice.pos > 0) {
        bestRoute = ri;
        bestPos = choice.pos;
        bestDelta = choice.delta;
      } else if (noRoom && bestDelta === Infinity && !choice.blinked) noRoom[cell] = plan.version(ri);
    }
    if (bestRoute < 0) {
      leaveOut(job);
      continue;
    }
    const wasEmpty = plan.routes[bestRoute]!.len === 0;
    if (score) addLate(plan, bestRoute, score, -1);
    plan.insert(bestRoute, bestPos, job);
    if (score) addLate(plan, bestRoute, score, 1);
    if (floor) placed.push(job);
    if (near && !changed[bestRoute]) {
      changed[bestRoute] = 1;
      changedList.push(bestRoute);
    }
    if (wasEmpty) activeRoutes(cm, plan, near);
  }
}

/** candidateRoutes into `active`, and with `near` the empty routes among them into `emptyActive`. */
function activeRoutes(cm: CompiledModel, plan: Plan, near: boolean): void {
  candidateRoutes(cm, plan, active);
  if (!near) return;
  emptyActive.length = 0;
  for (let ri = 0; ri < plan.routes.length; ri++) if (active[ri] && plan.routes[ri]!.len === 0) emptyActive.push(ri);
}

/** Sorts a[0..n) in ascending order (a few dozen routes: insertion sort). */
function sortAscending(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let k = i;
    while (k > 0 && a[k - 1]! > x) {
      a[k] = a[k - 1]!;
      k--;
    }
    a[k] = x;
  }
}
