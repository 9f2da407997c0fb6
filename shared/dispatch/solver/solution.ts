// The solver's output: scheduled routes, unassigned jobs with reasons, and the cost per objective term.

/** One step of a scheduled route. Times are in the model's unit; `distance` and `travel` are cumulative. */
export interface RouteStop {
  readonly kind: 'start' | 'job' | 'break' | 'end';
  /** Job index for `job`, break index (in the vehicle's `breaks`) for `break`. */
  readonly index?: number;
  /** Location index; absent for breaks and for a missing start/end. */
  readonly location?: number;
  readonly arrival: number;
  readonly waiting: number;
  /** Start of service (of the break for `break`). */
  readonly start: number;
  readonly service: number;
  readonly departure: number;
  /** Load on board after this step, per capacity dimension. */
  readonly load: readonly number[];
  readonly distance: number;
  readonly travel: number;
  /** Time past the job's soft deadline at the end of service (0 when on time or no deadline). */
  readonly lateness: number;
}

/** A used vehicle's route. */
export interface SolvedRoute {
  readonly vehicle: number;
  readonly jobs: readonly number[];
  readonly stops: readonly RouteStop[];
  readonly distance: number;
  /** Total travel time. */
  readonly travel: number;
  readonly service: number;
  readonly waiting: number;
  readonly lateness: number;
  readonly overtime: number;
  readonly cost: number;
}

/** Why a job could not be placed, checked against each vehicle alone. */
export type UnassignedReason =
  'no-compatible-vehicle' | 'capacity' | 'time-window' | 'max-tasks' | 'pinned-infeasible' | 'no-room';

/** A job left out of every route. */
export interface UnassignedJob {
  readonly job: number;
  readonly reason: UnassignedReason;
  /** The reason in a dispatcher's words. */
  readonly detail: string;
}

/** The objective split per term; `total` is their sum. */
export interface CostBreakdown {
  readonly total: number;
  readonly travel: number;
  readonly fixed: number;
  readonly unassigned: number;
  readonly lateness: number;
  readonly overtime: number;
  readonly loadBalance: number;
  /** Jobs served by a vehicle other than the ones the customer preferred. */
  readonly preference: number;
  /** Plain sums for reporting (not weighted). */
  readonly distance: number;
  readonly duration: number;
}

/** What `solve` returns. */
export interface SolveResult {
  readonly routes: readonly SolvedRoute[];
  readonly unassigned: readonly UnassignedJob[];
  readonly cost: CostBreakdown;
  readonly iterations: number;
  /** True when the search stopped because `shouldStop` said so. */
  readonly cancelled: boolean;
}

/** A new best plan, as reported to `SolveOptions.onImproved` the moment the search finds it. */
export interface SolveImprovement {
  readonly bestCost: number;
  /** Milliseconds of the solve's clock since solving began. */
  readonly elapsedMs: number;
  readonly iterations: number;
  /** Describes that plan; it stays valid after the callback returns (the plan is a copy the search never edits). */
  readonly describe: () => Pick<SolveResult, 'routes' | 'unassigned' | 'cost'>;
}

/** Progress reported during the search. */
export interface SolveProgress {
  readonly bestCost: number;
  /** Share of the budget used, 0..1. */
  readonly fraction: number;
  readonly iterations: number;
}
