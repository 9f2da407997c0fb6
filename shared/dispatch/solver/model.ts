// The solver's input: a rich VRPTW on integer indices. Locations, jobs and vehicles are referred to by their index
// in the arrays below; times, durations and costs are plain numbers in one unit chosen by the caller (seconds for
// VROOM files, minutes or seconds for a dispatch day, unitless for Solomon).

/** An inclusive interval [start, end] of times; service (or a break) must start inside it. */
export type TimeWindow = readonly [start: number, end: number];

/** Travel between locations as row-major n×n matrices: entry [from * size + to]. Floats are allowed. */
export interface TravelMatrix {
  /** Number of locations (rows and columns). */
  readonly size: number;
  /** Travel time; drives every time-window check. */
  readonly durations: ArrayLike<number>;
  /** Travel distance; defaults to the durations when absent. */
  readonly distances?: ArrayLike<number>;
  /** A custom arc cost that replaces the objective's distance/duration weights when given. */
  readonly costs?: ArrayLike<number>;
}

/** A break the vehicle must take during its route (VROOM style: no location, taken between two stops). */
export interface BreakSpec {
  /** When the break may start; empty or absent means any time. */
  readonly timeWindows?: readonly TimeWindow[];
  /** Break duration. */
  readonly service: number;
}

/** A vehicle (an engineer's day): where it starts and ends, when it works, what it can do and carry. */
export interface VehicleSpec {
  /** Start location index; absent means the route starts at its first job. */
  readonly start?: number;
  /** End location index; absent means the route ends at its last job. */
  readonly end?: number;
  /** Working hours: earliest departure and the end of the shift; absent means unbounded. */
  readonly timeWindow?: TimeWindow;
  /** Soft overtime allowed after the shift end (hard limit = end + maxOvertime); costs `objective.overtime`. */
  readonly maxOvertime?: number;
  /** Breaks taken in the order given (sorted by their earliest start when compiled). */
  readonly breaks?: readonly BreakSpec[];
  /** Skills held; a job needs all of its skills on the vehicle. */
  readonly skills?: readonly number[];
  /** Multi-dimensional capacity; absent dimensions are unbounded. */
  readonly capacity?: readonly number[];
  /** Maximum number of jobs in the route. */
  readonly maxTasks?: number;
  /** Cost paid once when the vehicle is used. */
  readonly fixedCost?: number;
}

/** A soft deadline on the end of service (an SLA resolve-by): lateness costs `costPerUnit` per time unit. */
export interface SoftDeadline {
  readonly at: number;
  readonly costPerUnit: number;
}

/** A job pinned to a vehicle; with `start` its service starts exactly then. The search never moves it elsewhere. */
export interface PinnedAssignment {
  readonly vehicle: number;
  readonly start?: number;
}

/** A job (a work order visit): where, how long, what it needs and when it may be served. */
export interface JobSpec {
  readonly location: number;
  readonly service?: number;
  /** Amount loaded at the vehicle start and dropped here (VROOM `delivery`). */
  readonly delivery?: readonly number[];
  /** Amount picked up here and brought to the vehicle end (VROOM `pickup`). */
  readonly pickup?: readonly number[];
  /** Skills the vehicle must hold. */
  readonly skills?: readonly number[];
  /** 0..100; a higher priority costs more when left unassigned, and is a class of its own in 'priority-first'. */
  readonly priority?: number;
  /** Hard windows for the start of service; absent means any time. */
  readonly timeWindows?: readonly TimeWindow[];
  readonly deadline?: SoftDeadline;
  /** Only these vehicles may serve the job (skills with levels, parts and preferences are expressed this way). */
  readonly allowedVehicles?: readonly number[];
  readonly pinned?: PinnedAssignment;
  /** Cost of leaving the job unassigned; overrides `unassigned + unassignedPerPriority × priority`. */
  readonly unassignedCost?: number;
  /** Soft: the vehicles the customer asked for; serving the job with any other costs `objective.notPreferred`. */
  readonly preferredVehicles?: readonly number[];
}

/**
 * How unassigned jobs weigh against the rest. 'weighted': every term is summed, so enough travel saved or enough
 * lower-priority work served can pay for leaving a higher-priority job out. 'priority-first': lexicographic by
 * priority class — first the unassigned penalty of the highest `priority` value, then of the next, and so on, and
 * only then the rest (travel, lateness, overtime, ...): nothing buys leaving a higher-priority job unassigned.
 */
export type ObjectiveMode = 'weighted' | 'priority-first';

/** Weights of the objective. Terms with weight 0 (or without data) cost nothing at run time. */
export interface ObjectiveWeights {
  /** 'weighted' (default) or 'priority-first'; see ObjectiveMode. */
  readonly mode?: ObjectiveMode;
  /** Cost per unit of travel distance (default 0). */
  readonly distance?: number;
  /** Cost per unit of travel time (default 1). */
  readonly duration?: number;
  /** Base cost of an unassigned job (default 1e6). */
  readonly unassigned?: number;
  /** Added per priority point of an unassigned job (default 1e4). */
  readonly unassignedPerPriority?: number;
  /** Multiplier of every job's soft-deadline cost (default 1). */
  readonly lateness?: number;
  /** Cost per time unit of overtime after a vehicle's shift end (default 0). */
  readonly overtime?: number;
  /** Cost per squared time unit of each route's total service time: balanced days cost less (default 0). */
  readonly loadBalance?: number;
  /** Cost of serving a job that names preferred vehicles with another one (default 0). */
  readonly notPreferred?: number;
}

/** The whole problem handed to `solve`. */
export interface VrpModel {
  readonly matrix: TravelMatrix;
  readonly vehicles: readonly VehicleSpec[];
  readonly jobs: readonly JobSpec[];
  readonly objective?: ObjectiveWeights;
  /** Extra compatibility rule computed by the caller (combined with skills and allowedVehicles). */
  readonly compatible?: (job: number, vehicle: number) => boolean;
}

/** One vehicle's ordered jobs: the shape of a warm start and of a route handed to `evaluateRoute`. */
export interface RoutePlan {
  readonly vehicle: number;
  readonly jobs: readonly number[];
}
