// VROOM's JSON problem and solution formats (docs/API.md of VROOM-Project/vroom), as zod schemas.
// Where we accept more than VROOM: non-integer numbers in matrices, service times and time windows (the Solomon
// benchmark needs unrounded Euclidean distances). What we do not support is rejected with a message, never ignored.
import { z } from 'zod';

/**
 * The largest duration, distance or cost accepted: VROOM's own limit (its user-facing values are 32-bit unsigned).
 * With every value at most this, and amounts safe integers, the sums the solver forms (route costs, loads, the
 * penalty of an unassigned job) stay finite and exact enough for any problem that fits in memory.
 */
export const MAX_VALUE = 4_294_967_295;
const nonNegative = z
  .number()
  .nonnegative()
  .max(MAX_VALUE, { error: `must be at most ${MAX_VALUE}` });
const id = z.number().int().nonnegative();
const amount = z.array(z.number().int({ error: 'must be a whole number up to 2^53 - 1' }).nonnegative());
const coordinates = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const index = z.number().int().nonnegative();

/** `[start, end]`, both inclusive. */
export const VroomTimeWindow = z
  .tuple([nonNegative, nonNegative])
  .refine(([start, end]) => end >= start, { error: (iss) => windowMessage(iss.input) });

function windowMessage(input: unknown): string {
  const [start, end] = Array.isArray(input) ? input : [];
  return `end ${String(end)} is before start ${String(start)}`;
}

const unsupported = (what: string) => z.never({ error: `${what} is not supported by dispatch-solve` }).optional();

/** A job: a place to visit with service time, amounts, skills, priority and time windows. */
export const VroomJob = z.object({
  id,
  description: z.string().optional(),
  location: coordinates.optional(),
  location_index: index.optional(),
  setup: z
    .number()
    .refine((v) => v === 0, { error: 'setup times are not supported by dispatch-solve (fold them into service)' })
    .optional(),
  service: nonNegative.optional(),
  delivery: amount.optional(),
  pickup: amount.optional(),
  amount: unsupported('the deprecated "amount" key (use "delivery")'),
  skills: z.array(id).optional(),
  priority: z.number().int().min(0).max(100).optional(),
  time_windows: z.array(VroomTimeWindow).min(1).optional(),
  setup_per_type: unsupported('setup_per_type'),
  service_per_type: unsupported('service_per_type'),
});
export type VroomJob = z.infer<typeof VroomJob>;

/** A break: when it may start and how long it lasts. */
export const VroomBreak = z.object({
  id,
  time_windows: z.array(VroomTimeWindow).optional(),
  service: nonNegative.optional(),
  description: z.string().optional(),
  max_load: unsupported('break max_load'),
});
export type VroomBreak = z.infer<typeof VroomBreak>;

/** Vehicle cost factors. */
export const VroomCosts = z.object({
  fixed: nonNegative.optional(),
  per_hour: nonNegative.optional(),
  per_km: nonNegative.optional(),
  per_task_hour: z
    .number()
    .refine((v) => v === 0, { error: 'per_task_hour is not supported by dispatch-solve' })
    .optional(),
});

/** A step of a vehicle's suggested route (used as the warm start). */
export const VroomVehicleStep = z.object({
  type: z.enum(['start', 'job', 'pickup', 'delivery', 'break', 'end']),
  id: id.optional(),
  service_at: nonNegative.optional(),
  service_after: nonNegative.optional(),
  service_before: nonNegative.optional(),
});

/** A vehicle: where it starts and ends, working hours, breaks, capacity, skills. */
export const VroomVehicle = z.object({
  id,
  profile: z.string().optional(),
  description: z.string().optional(),
  start: coordinates.optional(),
  start_index: index.optional(),
  end: coordinates.optional(),
  end_index: index.optional(),
  capacity: amount.optional(),
  costs: VroomCosts.optional(),
  skills: z.array(id).optional(),
  type: z.string().optional(),
  time_window: VroomTimeWindow.optional(),
  breaks: z.array(VroomBreak).optional(),
  speed_factor: z
    .number()
    .refine((v) => v === 1, { error: 'speed_factor other than 1 is not supported by dispatch-solve' })
    .optional(),
  max_tasks: id.optional(),
  max_travel_time: unsupported('max_travel_time'),
  max_distance: unsupported('max_distance'),
  steps: z.array(VroomVehicleStep).optional(),
});
export type VroomVehicle = z.infer<typeof VroomVehicle>;

const matrixRows = z.array(z.array(nonNegative));

/** Custom matrices of one routing profile. */
export const VroomProfileMatrices = z.object({
  durations: matrixRows.optional(),
  distances: matrixRows.optional(),
  costs: matrixRows.optional(),
});

const NO_JOBS = 'at least one job is needed (VROOM refuses a problem without jobs too)';

/** The whole problem file. */
export const VroomProblem = z.object({
  jobs: z.array(VroomJob, { error: (iss) => (iss.input === undefined ? NO_JOBS : undefined) }).min(1, NO_JOBS),
  shipments: z
    .array(z.unknown())
    .max(0, { error: 'shipments (paired pickup and delivery) are not supported by dispatch-solve; use jobs' })
    .optional(),
  vehicles: z.array(VroomVehicle).min(1, { error: 'at least one vehicle is needed' }),
  matrices: z.record(z.string(), VroomProfileMatrices).optional(),
  matrix: unsupported('the deprecated "matrix" key (use "matrices")'),
});
export type VroomProblem = z.infer<typeof VroomProblem>;

/** A step of a solved route. */
export const VroomStep = z.object({
  type: z.enum(['start', 'job', 'break', 'end']),
  id: id.optional(),
  description: z.string().optional(),
  location: coordinates.optional(),
  location_index: index.optional(),
  arrival: z.number(),
  duration: z.number(),
  setup: z.number(),
  service: z.number(),
  waiting_time: z.number(),
  violations: z.array(z.unknown()),
  load: z.array(z.number()).optional(),
  distance: z.number().optional(),
});
export type VroomStep = z.infer<typeof VroomStep>;

/** A solved route. */
export const VroomRoute = z.object({
  vehicle: id,
  description: z.string().optional(),
  steps: z.array(VroomStep),
  cost: z.number(),
  setup: z.number(),
  service: z.number(),
  duration: z.number(),
  waiting_time: z.number(),
  priority: z.number(),
  violations: z.array(z.unknown()),
  delivery: z.array(z.number()).optional(),
  pickup: z.array(z.number()).optional(),
  distance: z.number().optional(),
});
export type VroomRoute = z.infer<typeof VroomRoute>;

/** An unassigned task; `reason` is our addition (why no vehicle could take it). */
export const VroomUnassigned = z.object({
  id,
  type: z.literal('job'),
  description: z.string().optional(),
  location: coordinates.optional(),
  location_index: index.optional(),
  reason: z.string().optional(),
});

/** The solution file. */
export const VroomSolution = z.object({
  code: z.number().int(),
  error: z.string().optional(),
  summary: z.object({
    cost: z.number(),
    routes: z.number().int(),
    unassigned: z.number().int(),
    setup: z.number(),
    service: z.number(),
    duration: z.number(),
    waiting_time: z.number(),
    priority: z.number(),
    violations: z.array(z.unknown()),
    delivery: z.array(z.number()).optional(),
    pickup: z.array(z.number()).optional(),
    distance: z.number().optional(),
    /** Our addition: how the search ran (worker threads, what its time budget counted, iterations). */
    search: z
      .object({
        workers: z.number().int().positive(),
        budget_clock: z.enum(['wall', 'cpu']),
        time_limit: z.number().positive().nullable(),
        iterations: z.number().int().nonnegative(),
        stopped: z.enum(['budget', 'interrupted']),
      })
      .optional(),
  }),
  unassigned: z.array(VroomUnassigned),
  routes: z.array(VroomRoute),
});
export type VroomSolution = z.infer<typeof VroomSolution>;
