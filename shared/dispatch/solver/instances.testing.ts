// Small random rich VRPTW instances for property tests: a few vehicles and jobs on a grid with time windows,
// capacities, pickups, skills, breaks, soft deadlines and overtime drawn at random.
import fc from 'fast-check';
import type { BreakSpec, JobSpec, VehicleSpec, VrpModel } from './model.js';

/** Which optional features an instance may use. */
export interface InstanceFeatures {
  readonly breaks?: boolean;
  readonly soft?: boolean;
  readonly pickups?: boolean;
  readonly skills?: boolean;
  readonly openEnds?: boolean;
  /** Jobs allowed on some vehicles only. */
  readonly assignments?: boolean;
  /** Jobs pinned to a vehicle, some at a fixed start. */
  readonly pinned?: boolean;
}

/** Every feature. */
export const ALL_FEATURES: InstanceFeatures = {
  breaks: true,
  soft: true,
  pickups: true,
  skills: true,
  openEnds: true,
  assignments: true,
  pinned: true,
};

/** An arbitrary model with 1–3 vehicles and 2–8 jobs. */
export function arbitraryModel(features: InstanceFeatures = ALL_FEATURES): fc.Arbitrary<VrpModel> {
  return fc
    .record({
      points: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), {
        minLength: 3,
        maxLength: 8,
      }),
      nVehicles: fc.integer({ min: 1, max: 3 }),
      nJobs: fc.integer({ min: 2, max: 8 }),
      seeds: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 80, maxLength: 80 }),
      asymmetric: fc.boolean(),
    })
    .map(({ points, nVehicles, nJobs, seeds, asymmetric }) => {
      let s = 0;
      const draw = (n: number): number => seeds[s++ % seeds.length]! % n;
      const chance = (pct: number): boolean => draw(100) < pct;
      const size = points.length;
      const durations = new Float64Array(size * size);
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const [xi, yi] = points[i]!;
          const [xj, yj] = points[j]!;
          const d = Math.hypot(xi - xj, yi - yj);
          durations[i * size + j] = asymmetric && i < j ? d * 1.3 : d;
        }
      }
      const horizon = 200 + draw(200);
      const vehicles: VehicleSpec[] = [];
      for (let v = 0; v < nVehicles; v++) {
        const breaks: BreakSpec[] = [];
        if (features.breaks && chance(40)) {
          const at = 40 + draw(80);
          breaks.push({ service: 5 + draw(20), timeWindows: [[at, at + draw(60)]] });
        }
        vehicles.push({
          ...(features.openEnds && chance(20) ? {} : { start: draw(size) }),
          ...(features.openEnds && chance(30) ? {} : { end: draw(size) }),
          timeWindow: [draw(30), horizon],
          ...(features.soft && chance(30) ? { maxOvertime: 20 + draw(60) } : {}),
          capacity: [10 + draw(20)],
          ...(chance(30) ? { maxTasks: 1 + draw(5) } : {}),
          ...(features.skills && chance(50) ? { skills: [1 + draw(2)] } : {}),
          ...(chance(30) ? { fixedCost: draw(50) } : {}),
          ...(breaks.length > 0 ? { breaks } : {}),
        });
        // Guarantee at least one vehicle has a start or an end.
        if (vehicles[v]!.start === undefined && vehicles[v]!.end === undefined) {
          vehicles[v] = { ...vehicles[v]!, start: 0 };
        }
      }
      const jobs: JobSpec[] = [];
      for (let j = 0; j < nJobs; j++) {
        const open = draw(horizon);
        const windows: [number, number][] = [[open, open + 10 + draw(120)]];
        if (chance(25)) {
          const second = open + 150 + draw(100);
          windows.push([second, second + 30]);
        }
        jobs.push({
          location: draw(size),
          service: draw(15),
          delivery: [draw(8)],
          ...(features.pickups && chance(30) ? { pickup: [draw(8)] } : {}),
          ...(features.skills && chance(30) ? { skills: [1 + draw(2)] } : {}),
          priority: draw(3),
          ...(chance(80) ? { timeWindows: windows } : {}),
          ...(features.soft && chance(40) ? { deadline: { at: open + draw(100), costPerUnit: 0.5 + draw(3) } } : {}),
          ...(features.assignments && chance(15) ? { allowedVehicles: [draw(nVehicles)] } : {}),
          ...(features.pinned && chance(12)
            ? {
                pinned: chance(50)
                  ? { vehicle: draw(nVehicles) }
                  : { vehicle: draw(nVehicles), start: open + draw(60) },
              }
            : {}),
        });
      }
      return {
        matrix: { size, durations },
        vehicles,
        jobs,
        objective: {
          duration: 1,
          unassigned: 10_000,
          unassignedPerPriority: 1000,
          ...(features.soft ? { overtime: 2, loadBalance: chance(30) ? 0.001 : 0 } : {}),
        },
      };
    });
}
