// VROOM problem → solver model. Every rejection names the field: `jobs[3].time_windows[0]: end 120 is before
// start 300`. The travel data must come as matrices (we do not call a routing engine).
import { z } from 'zod';
import type { JobSpec, ObjectiveMode, RoutePlan, VehicleSpec, VrpModel } from '../solver/model.js';
import { VroomProblem } from './schema.js';

/** A problem file that cannot be solved as given; the message starts with the offending field. */
export class VroomInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VroomInputError';
  }
}

/** The model plus what is needed to write the answer back in VROOM's terms. */
export interface VroomModel {
  readonly problem: VroomProblem;
  readonly model: VrpModel;
  /** Warm start from the vehicles' `steps`. */
  readonly initial: RoutePlan[];
  /** Keys we do not know, in the order met: accepted and ignored, but worth telling (a typo would go unnoticed). */
  readonly unknownKeys: UnknownKey[];
}

/** `jobs[3].time_windows[0]` from a zod path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** A key the schema does not know: where (`jobs[3].time_window`) and the keys that object may have. */
export interface UnknownKey {
  readonly path: string;
  readonly key: string;
  readonly known: readonly string[];
}

/** Keys of `input` that `schema` does not know, at any depth, in the order met. */
export function unknownKeys(
  schema: z.ZodType,
  input: unknown,
  path: PropertyKey[] = [],
  out: UnknownKey[] = [],
): UnknownKey[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return unknownKeys(schema.unwrap() as z.ZodType, input, path, out);
  }
  if (schema instanceof z.ZodArray && Array.isArray(input)) {
    input.forEach((item, i) => unknownKeys(schema.element as z.ZodType, item, [...path, i], out));
  } else if (schema instanceof z.ZodRecord && isRecord(input)) {
    for (const [key, value] of Object.entries(input))
      unknownKeys(schema.valueType as z.ZodType, value, [...path, key], out);
  } else if (schema instanceof z.ZodObject && isRecord(input)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const known = Object.keys(shape);
    for (const [key, value] of Object.entries(input)) {
      const field = shape[key];
      if (field) {
        unknownKeys(field, value, [...path, key], out);
        continue;
      }
      out.push({ path: fieldPath([...path, key]), key, known });
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`).join('\n');
}

function fail(path: string, message: string): never {
  throw new VroomInputError(`${path}: ${message}`);
}

function squareMatrix(rows: readonly (readonly number[])[], path: string, size: number): Float64Array {
  if (rows.length !== size) fail(path, `has ${rows.length} rows, expected ${size}`);
  const out = new Float64Array(size * size);
  rows.forEach((row, i) => {
    if (row.length !== size) fail(`${path}[${i}]`, `has ${row.length} entries, expected ${size}`);
    row.forEach((value, j) => (out[i * size + j] = value));
  });
  return out;
}

function checkUnique(ids: readonly number[], path: string, what: string): void {
  const seen = new Map<number, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) fail(`${path}[${i}].id`, `${what} id ${id} is already used by ${path}[${first}]`);
    seen.set(id, i);
  });
}

/**
 * Reads an untrusted VROOM problem object and builds the solver model; throws VroomInputError when invalid. The
 * 'weighted' objective is VROOM's (the summed priority of what is served counts); 'priority-first' serves each
 * priority value before any lower one.
 */
export function vroomToModel(input: unknown, mode: ObjectiveMode = 'weighted'): VroomModel {
  const parsed = VroomProblem.safeParse(input);
  if (!parsed.success) throw new VroomInputError(formatIssues(parsed.error));
  const problem = parsed.data;
  const unknown = unknownKeys(VroomProblem, input);
  const { jobs, vehicles } = problem;
  checkUnique(
    jobs.map((j) => j.id),
    'jobs',
    'job',
  );
  checkUnique(
    vehicles.map((v) => v.id),
    'vehicles',
    'vehicle',
  );
  vehicles.forEach((v, i) =>
    checkUnique(
      (v.breaks ?? []).map((b) => b.id),
      `vehicles[${i}].breaks`,
      'break',
    ),
  );

  const profile = vehicles[0]!.profile ?? 'car';
  vehicles.forEach((v, i) => {
    if ((v.profile ?? 'car') !== profile) {
      fail(
        `vehicles[${i}].profile`,
        `"${v.profile ?? 'car'}" differs from "${profile}": one profile only is supported`,
      );
    }
  });
  const matrices = problem.matrices?.[profile];
  if (!matrices?.durations) {
    fail('matrices', `a "${profile}" durations matrix is required: dispatch-solve does not call a routing engine`);
  }
  const size = matrices.durations.length;
  const durations = squareMatrix(matrices.durations, `matrices.${profile}.durations`, size);
  const distances = matrices.distances && squareMatrix(matrices.distances, `matrices.${profile}.distances`, size);
  const costMatrix = matrices.costs && squareMatrix(matrices.costs, `matrices.${profile}.costs`, size);

  const location = (value: number | undefined, path: string): number | undefined => {
    if (value === undefined) return undefined;
    if (value >= size) fail(path, `index ${value} is outside the ${size}×${size} matrix`);
    return value;
  };

  const perHour = vehicles[0]!.costs?.per_hour ?? 3600;
  const perKm = vehicles[0]!.costs?.per_km ?? 0;
  vehicles.forEach((v, i) => {
    if ((v.costs?.per_hour ?? 3600) !== perHour || (v.costs?.per_km ?? 0) !== perKm) {
      fail(`vehicles[${i}].costs`, 'per_hour and per_km must be the same for every vehicle');
    }
    if (costMatrix && v.costs?.per_hour !== undefined) {
      fail(`vehicles[${i}].costs.per_hour`, 'cannot be combined with a custom costs matrix');
    }
  });

  let dims = 0;
  for (const v of vehicles) dims = Math.max(dims, v.capacity?.length ?? 0);
  for (const j of jobs) dims = Math.max(dims, j.delivery?.length ?? 0, j.pickup?.length ?? 0);
  const checkDims = (values: readonly number[] | undefined, path: string): void => {
    if (values && values.length !== dims) fail(path, `has ${values.length} dimensions, others have ${dims}`);
  };

  const vehicleIndex = new Map(vehicles.map((v, i) => [v.id, i]));
  const vehicleSpecs: VehicleSpec[] = vehicles.map((v, i) => {
    const p = `vehicles[${i}]`;
    const start = location(v.start_index, `${p}.start_index`);
    const end = location(v.end_index, `${p}.end_index`);
    if (start === undefined && end === undefined) {
      if (v.start || v.end) fail(p, 'start_index/end_index are required with custom matrices');
      fail(p, 'a vehicle needs a start or an end');
    }
    checkDims(v.capacity, `${p}.capacity`);
    return {
      ...(start === undefined ? {} : { start }),
      ...(end === undefined ? {} : { end }),
      ...(v.time_window ? { timeWindow: v.time_window } : {}),
      ...(v.breaks
        ? {
            breaks: v.breaks.map((b) => ({
              service: b.service ?? 0,
              ...(b.time_windows ? { timeWindows: b.time_windows } : {}),
            })),
          }
        : {}),
      ...(v.skills ? { skills: v.skills } : {}),
      ...(v.capacity ? { capacity: v.capacity } : {}),
      ...(v.max_tasks === undefined ? {} : { maxTasks: v.max_tasks }),
      ...(v.costs?.fixed ? { fixedCost: v.costs.fixed } : {}),
    };
  });

  const jobSpecs: JobSpec[] = jobs.map((j, i) => {
    const p = `jobs[${i}]`;
    const loc = location(j.location_index, `${p}.location_index`);
    if (loc === undefined) fail(`${p}.location_index`, 'is required with custom matrices');
    checkDims(j.delivery, `${p}.delivery`);
    checkDims(j.pickup, `${p}.pickup`);
    return {
      location: loc,
      service: j.service ?? 0,
      ...(j.delivery ? { delivery: j.delivery } : {}),
      ...(j.pickup ? { pickup: j.pickup } : {}),
      ...(j.skills ? { skills: j.skills } : {}),
      priority: j.priority ?? 0,
      ...(j.time_windows ? { timeWindows: j.time_windows } : {}),
    };
  });

  // VROOM first maximises the priority of what is assigned, then minimises cost. A penalty larger than any
  // plan's travel cost, scaled by (1 + priority), reproduces that for all practical purposes.
  let maxArc = 0;
  const arcs = costMatrix ?? durations;
  for (const value of arcs) if (value > maxArc) maxArc = value;
  const costScale = costMatrix ? 1 : Math.max(perHour / 3600, perKm / 1000);
  let fixedTotal = 0;
  for (const v of vehicleSpecs) fixedTotal += v.fixedCost ?? 0;
  const base = 1 + 2 * maxArc * costScale * (jobs.length + vehicles.length) + fixedTotal;
  const jobsWithPenalty = jobSpecs.map((j) => ({ ...j, unassignedCost: base * (1 + (j.priority ?? 0)) }));

  if (perKm > 0 && !distances) fail(`matrices.${profile}.distances`, 'is required when vehicles have a per_km cost');

  const jobIndex = new Map(jobs.map((j, i) => [j.id, i]));
  const plannedOn = new Map<number, string>();
  const initial: RoutePlan[] = [];
  vehicles.forEach((v, i) => {
    if (!v.steps) return;
    const planned: number[] = [];
    v.steps.forEach((s, k) => {
      if (s.type === 'pickup' || s.type === 'delivery')
        fail(`vehicles[${i}].steps[${k}].type`, 'shipments are not supported');
      if (s.type !== 'job') return;
      const j = s.id === undefined ? undefined : jobIndex.get(s.id);
      const path = `vehicles[${i}].steps[${k}].id`;
      if (j === undefined) fail(path, `no job has id ${String(s.id)}`);
      const other = plannedOn.get(j);
      if (other !== undefined) fail(path, `job ${String(s.id)} is already planned at ${other}`);
      plannedOn.set(j, path);
      planned.push(j);
    });
    initial.push({ vehicle: vehicleIndex.get(v.id)!, jobs: planned });
  });

  const model: VrpModel = {
    matrix: {
      size,
      durations,
      ...(distances ? { distances } : {}),
      ...(costMatrix ? { costs: costMatrix } : {}),
    },
    vehicles: vehicleSpecs,
    jobs: jobsWithPenalty,
    objective: { mode, duration: perHour / 3600, distance: perKm / 1000 },
  };
  return { problem, model, initial, unknownKeys: unknown };
}
