// The solver's evaluation, offered to the dispatcher-facing layer so it never re-implements the rules: the cost and
// feasibility of inserting one job into each vehicle's route, and of a given route order.
import type { CompiledModel } from './compile.js';
import { ModelError } from './compile.js';
import { bestInsertion, type InsertionChoice } from './insertion.js';
import type { RoutePlan } from './model.js';
import { Plan } from './plan.js';
import { describeRoute } from './report.js';
import { RouteState } from './route.js';
import type { SolvedRoute } from './solution.js';
import { spliceLoadsFit } from './splice.js';

/** Which hard rule rules a vehicle out ('route-infeasible': its current route already breaks one). */
export type RuleFailure = 'incompatible' | 'max-tasks' | 'capacity' | 'time' | 'route-infeasible';

/** The best place for a job on one vehicle, or why there is none. */
export interface InsertionOption {
  readonly vehicle: number;
  readonly feasible: boolean;
  /** Index in the route's job list where the job would go (0 = first). */
  readonly index: number;
  /** Increase of the route cost (Infinity when infeasible). */
  readonly costDelta: number;
  readonly failure?: RuleFailure;
}

/** A route checked as given: feasibility, the failed rule, cost and (when feasible) its schedule. */
export interface RouteEvaluation {
  readonly feasible: boolean;
  readonly failure?: RuleFailure;
  readonly cost: number;
  readonly route?: SolvedRoute;
}

function checkJob(cm: CompiledModel, job: number, path: string): void {
  if (!Number.isInteger(job) || job < 0 || job >= cm.nJobs) {
    throw new ModelError(path, `index ${String(job)} is out of range 0..${cm.nJobs - 1}`);
  }
}

/** Current routes of the vehicles, kept with their O(1) check data, for repeated what-if questions. */
export class RouteSet {
  private readonly plan: Plan;
  private readonly choice: InsertionChoice = { pos: 0, delta: 0 };
  private readonly one = new Int32Array(1);

  /** `routes` may name any subset of the vehicles; the others are empty. Routes are taken as given. */
  constructor(
    readonly cm: CompiledModel,
    routes: readonly RoutePlan[],
  ) {
    this.plan = new Plan(cm);
    routes.forEach((route, i) => {
      if (!Number.isInteger(route.vehicle) || route.vehicle < 0 || route.vehicle >= cm.nVehicles) {
        throw new ModelError(`routes[${i}].vehicle`, `index ${String(route.vehicle)} is out of range`);
      }
      route.jobs.forEach((j, k) => checkJob(cm, j, `routes[${i}].jobs[${k}]`));
      this.plan.setRoute(route.vehicle, route.jobs, route.jobs.length);
    });
  }

  /** Route cost of a vehicle as it stands (Infinity if its current route already breaks a hard rule). */
  routeCost(vehicle: number): number {
    return this.plan.routes[vehicle]!.cost;
  }

  /** The cheapest feasible insertion of `job` into `vehicle`'s route, or the rule that rules it out. */
  insertion(job: number, vehicle: number): InsertionOption {
    const cm = this.cm;
    checkJob(cm, job, 'job');
    const r = this.plan.routes[vehicle]!;
    const fail = (failure: RuleFailure): InsertionOption => ({
      vehicle,
      feasible: false,
      index: -1,
      costDelta: Infinity,
      failure,
    });
    if (!cm.compat[job * cm.nVehicles + vehicle]) return fail('incompatible');
    if (r.cost === Infinity) return fail('route-infeasible');
    if (r.len + 1 > cm.vMaxTasks[vehicle]!) return fail('max-tasks');
    this.one[0] = job;
    if (!cm.hasPickups && !spliceLoadsFit(cm, r, r.len, this.one, 1, r, r.len + 1)) {
      return fail('capacity');
    }
    bestInsertion(cm, r, job, this.choice);
    if (this.choice.pos === 0) return fail(cm.hasPickups ? 'capacity' : 'time');
    return { vehicle, feasible: true, index: this.choice.pos - 1, costDelta: this.choice.delta };
  }

  /** `insertion` for every vehicle, in vehicle order. */
  insertionOptions(job: number): InsertionOption[] {
    const out: InsertionOption[] = [];
    for (let v = 0; v < this.cm.nVehicles; v++) out.push(this.insertion(job, v));
    return out;
  }
}

/** Checks a vehicle's jobs in the given order (re-sequencing one engineer's day) and schedules them. */
export function evaluateRoute(cm: CompiledModel, vehicle: number, jobs: readonly number[]): RouteEvaluation {
  if (!Number.isInteger(vehicle) || vehicle < 0 || vehicle >= cm.nVehicles) {
    throw new ModelError('vehicle', `index ${String(vehicle)} is out of range 0..${cm.nVehicles - 1}`);
  }
  jobs.forEach((j, k) => checkJob(cm, j, `jobs[${k}]`));
  const infeasible = (failure: RuleFailure): RouteEvaluation => ({ feasible: false, failure, cost: Infinity });
  if (jobs.some((j) => !cm.compat[j * cm.nVehicles + vehicle])) return infeasible('incompatible');
  if (jobs.length > cm.vMaxTasks[vehicle]!) return infeasible('max-tasks');
  const r = new RouteState(cm, vehicle);
  const all = Int32Array.from(jobs);
  if (!spliceLoadsFit(cm, r, 0, all, all.length, r, 1)) return infeasible('capacity');
  const route = describeRoute(cm, vehicle, jobs);
  if (!route) return infeasible('time');
  return { feasible: true, cost: route.cost, route };
}
