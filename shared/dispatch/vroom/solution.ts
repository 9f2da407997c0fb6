// Solver result → VROOM solution JSON. Numbers are written as computed (not rounded), so float inputs give float
// outputs. `unassigned[].reason` is our addition.
import type { SolveResult } from '../solver/solution.js';
import type { VroomModel } from './problem.js';
import type { VroomRoute, VroomSolution, VroomStep } from './schema.js';

function sum(values: readonly number[][], dims: number): number[] {
  const out = new Array<number>(dims).fill(0);
  for (const v of values) v.forEach((x, d) => (out[d]! += x));
  return out;
}

/** Writes a SolveResult in VROOM's solution format, with the ids of the original problem. */
export function modelToVroomSolution(vm: VroomModel, result: SolveResult): VroomSolution {
  const { problem, model } = vm;
  const withDistance = model.matrix.distances !== undefined;
  const dims = Math.max(
    0,
    ...problem.vehicles.map((v) => v.capacity?.length ?? 0),
    ...problem.jobs.map((j) => Math.max(j.delivery?.length ?? 0, j.pickup?.length ?? 0)),
  );
  const amountOf = (values: readonly number[] | undefined): number[] =>
    Array.from({ length: dims }, (_, d) => values?.[d] ?? 0);

  const routes: VroomRoute[] = result.routes.map((route) => {
    const vehicle = problem.vehicles[route.vehicle]!;
    const steps: VroomStep[] = route.stops.map((stop) => {
      let extra: Partial<VroomStep> = {};
      if (stop.kind === 'job') {
        const job = problem.jobs[stop.index!]!;
        extra = {
          id: job.id,
          ...(job.description === undefined ? {} : { description: job.description }),
          ...(job.location ? { location: job.location } : {}),
        };
      } else if (stop.kind === 'break') {
        const brk = vehicle.breaks![stop.index!]!;
        extra = { id: brk.id, ...(brk.description === undefined ? {} : { description: brk.description }) };
      } else {
        const coordinates = stop.kind === 'start' ? vehicle.start : vehicle.end;
        if (coordinates) extra = { location: coordinates };
      }
      return {
        type: stop.kind,
        ...extra,
        ...(stop.location === undefined ? {} : { location_index: stop.location }),
        arrival: stop.arrival,
        duration: stop.travel,
        setup: 0,
        service: stop.service,
        waiting_time: stop.waiting,
        violations: [],
        ...(dims > 0 ? { load: stop.load.slice() } : {}),
        ...(withDistance ? { distance: stop.distance } : {}),
      };
    });
    const jobs = route.jobs.map((j) => problem.jobs[j]!);
    return {
      vehicle: vehicle.id,
      ...(vehicle.description === undefined ? {} : { description: vehicle.description }),
      steps,
      cost: route.cost,
      setup: 0,
      service: route.service,
      duration: route.travel,
      waiting_time: route.waiting,
      priority: jobs.reduce((s, j) => s + (j.priority ?? 0), 0),
      violations: [],
      ...(dims > 0
        ? {
            delivery: sum(
              jobs.map((j) => amountOf(j.delivery)),
              dims,
            ),
            pickup: sum(
              jobs.map((j) => amountOf(j.pickup)),
              dims,
            ),
          }
        : {}),
      ...(withDistance ? { distance: route.distance } : {}),
    };
  });

  return {
    code: 0,
    summary: {
      cost: routes.reduce((s, r) => s + r.cost, 0),
      routes: routes.length,
      unassigned: result.unassigned.length,
      setup: 0,
      service: routes.reduce((s, r) => s + r.service, 0),
      duration: routes.reduce((s, r) => s + r.duration, 0),
      waiting_time: routes.reduce((s, r) => s + r.waiting_time, 0),
      priority: routes.reduce((s, r) => s + r.priority, 0),
      violations: [],
      ...(dims > 0
        ? {
            delivery: sum(
              routes.map((r) => r.delivery ?? []),
              dims,
            ),
            pickup: sum(
              routes.map((r) => r.pickup ?? []),
              dims,
            ),
          }
        : {}),
      ...(withDistance ? { distance: routes.reduce((s, r) => s + (r.distance ?? 0), 0) } : {}),
    },
    unassigned: result.unassigned.map((u) => {
      const job = problem.jobs[u.job]!;
      return {
        id: job.id,
        type: 'job' as const,
        ...(job.description === undefined ? {} : { description: job.description }),
        ...(job.location ? { location: job.location } : {}),
        ...(job.location_index === undefined ? {} : { location_index: job.location_index }),
        reason: u.detail,
      };
    }),
    routes,
  };
}
