import { describe, expect, it } from 'vitest';
import { solveVroom, VroomSolution, vroomToModel } from './index.js';

const matrix = [
  [0, 10, 20, 30],
  [10, 0, 10, 20],
  [20, 10, 0, 10],
  [30, 20, 10, 0],
];

function problem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vehicles: [{ id: 7, start_index: 0, end_index: 0, capacity: [4], time_window: [0, 1000] }],
    jobs: [
      { id: 101, location_index: 1, service: 5, delivery: [1], time_windows: [[0, 15]] },
      { id: 102, location_index: 2, service: 5, delivery: [1], time_windows: [[0, 30]] },
      { id: 103, location_index: 3, service: 5, delivery: [1] },
    ],
    matrices: { car: { durations: matrix } },
    ...overrides,
  };
}

function errorOf(input: unknown): string {
  try {
    vroomToModel(input);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('VROOM problems', () => {
  it('refuses a problem without jobs, as VROOM does', () => {
    expect(errorOf(problem({ jobs: [] }))).toBe(
      'jobs: at least one job is needed (VROOM refuses a problem without jobs too)',
    );
    const { jobs: _, ...noJobs } = problem();
    expect(errorOf(noJobs)).toBe('jobs: at least one job is needed (VROOM refuses a problem without jobs too)');
  });

  it('lists the keys it does not know with their path and the keys known there', () => {
    const input = problem();
    const jobs = input.jobs as Record<string, unknown>[];
    jobs[1]!.time_window = [0, 30];
    jobs[2]!.colour = 'red';
    const vehicles = input.vehicles as Record<string, unknown>[];
    vehicles[0]!.time_windows = [[0, 1000]];
    vehicles[0]!.costs = { fixed: 1, per_hours: 3600 };
    vehicles[0]!.breaks = [{ id: 1, service: 60, time_window: [10, 20] }];
    input.option = { g: true };
    const unknown = vroomToModel(input).unknownKeys;
    expect(unknown.map((u) => u.path)).toEqual([
      'vehicles[0].time_windows',
      'vehicles[0].costs.per_hours',
      'vehicles[0].breaks[0].time_window',
      'jobs[1].time_window',
      'jobs[2].colour',
      'option',
    ]);
    expect(unknown[3]).toMatchObject({
      key: 'time_window',
      known: expect.arrayContaining(['time_windows', 'service']),
    });
    expect(unknown[1]!.known).toContain('per_hour');
    expect(vroomToModel(problem()).unknownKeys).toEqual([]);
  });

  it('names the field of every bad value', () => {
    const bad = problem();
    (bad.jobs as Record<string, unknown>[])[2]!.time_windows = [[300, 120]];
    expect(errorOf(bad)).toBe('jobs[2].time_windows[0]: end 120 is before start 300');
    expect(errorOf({ ...problem(), vehicles: [{ id: 1, start_index: 9 }] })).toBe(
      'vehicles[0].start_index: index 9 is outside the 4×4 matrix',
    );
    expect(
      errorOf({
        ...problem(),
        jobs: [
          { id: 1, location_index: 0 },
          { id: 1, location_index: 1 },
        ],
      }),
    ).toBe('jobs[1].id: job id 1 is already used by jobs[0]');
    expect(errorOf({ ...problem(), jobs: [{ id: 1, location_index: 0, priority: 101 }] })).toMatch(
      /^jobs\[0\]\.priority: /,
    );
    expect(errorOf({ ...problem(), jobs: [{ id: 1, location_index: 0, delivery: [1, 2] }] })).toBe(
      'vehicles[0].capacity: has 1 dimensions, others have 2',
    );
    expect(errorOf({ ...problem(), matrices: { car: { durations: [[0, 1], [1]] } } })).toBe(
      'matrices.car.durations[1]: has 1 entries, expected 2',
    );
    expect(errorOf({ ...problem(), jobs: [{ id: 1, location: [2.3, 48.8] }] })).toBe(
      'jobs[0].location_index: is required with custom matrices',
    );
    expect(errorOf({ ...problem(), matrices: undefined })).toMatch(/^matrices: a "car" durations matrix is required/);
    expect(errorOf([])).toMatch(/^\(root\): /);
  });

  it('rejects what it does not support instead of ignoring it', () => {
    expect(errorOf({ ...problem(), shipments: [{ pickup: {}, delivery: {} }] })).toMatch(/^shipments: .*not supported/);
    expect(errorOf({ ...problem(), jobs: [{ id: 1, location_index: 1, setup: 5 }] })).toMatch(/^jobs\[0\]\.setup: /);
    expect(errorOf({ ...problem(), vehicles: [{ id: 1, start_index: 0, max_travel_time: 10 }] })).toMatch(
      /^vehicles\[0\]\.max_travel_time: max_travel_time is not supported/,
    );
    expect(
      errorOf({
        ...problem(),
        vehicles: [
          { id: 1, start_index: 0 },
          { id: 2, start_index: 0, profile: 'bike' },
        ],
      }),
    ).toMatch(/^vehicles\[1\]\.profile: /);
  });

  it('accepts floats in matrices and times, beyond what VROOM takes', () => {
    const floats = [
      [0, 1.5],
      [1.5, 0],
    ];
    const solution = solveVroom(
      {
        vehicles: [{ id: 1, start_index: 0, end_index: 0 }],
        jobs: [{ id: 1, location_index: 1, service: 0.25, time_windows: [[0.5, 2.5]] }],
        matrices: { car: { durations: floats, distances: floats } },
      },
      { maxIterations: 10 },
    );
    expect(solution.summary.distance).toBe(3);
    expect(solution.routes[0]!.steps.map((s) => s.arrival)).toEqual([0, 1.5, 3.25]);
  });
});

describe('VROOM solutions', () => {
  it('answers in VROOM terms: ids, steps with arrival times and loads, summary', () => {
    const solution = solveVroom(problem(), { seed: 1, maxIterations: 200 });
    expect(VroomSolution.parse(solution)).toEqual(solution);
    expect(solution.code).toBe(0);
    const route = solution.routes[0]!;
    expect(route.vehicle).toBe(7);
    expect(route.steps.map((s) => [s.type, s.id])).toEqual([
      ['start', undefined],
      ['job', 101],
      ['job', 102],
      ['job', 103],
      ['end', undefined],
    ]);
    expect(route.steps.map((s) => s.arrival)).toEqual([0, 10, 25, 40, 75]);
    expect(route.steps.map((s) => s.load)).toEqual([[3], [2], [1], [0], [0]]);
    expect(solution.summary).toMatchObject({ cost: 60, routes: 1, unassigned: 0, service: 15, duration: 60 });
  });

  it('keeps the higher-priority job when only one fits, and says why the other was left out', () => {
    const solution = solveVroom(
      problem({
        vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [1] }],
        jobs: [
          { id: 1, location_index: 1, delivery: [1], priority: 0 },
          { id: 2, location_index: 3, delivery: [1], priority: 10 },
        ],
      }),
      { seed: 1, maxIterations: 100 },
    );
    expect(solution.routes[0]!.steps.filter((s) => s.type === 'job').map((s) => s.id)).toEqual([2]);
    expect(solution.unassigned).toEqual([expect.objectContaining({ id: 1, type: 'job', reason: expect.any(String) })]);
  });

  it('reports breaks with their ids, inside their windows', () => {
    const solution = solveVroom(
      problem({
        vehicles: [
          {
            id: 3,
            start_index: 0,
            end_index: 0,
            time_window: [0, 1000],
            breaks: [{ id: 9, service: 30, time_windows: [[12, 20]] }],
          },
        ],
      }),
      { seed: 1, maxIterations: 100 },
    );
    const brk = solution.routes[0]!.steps.find((s) => s.type === 'break')!;
    expect(brk.id).toBe(9);
    expect(brk.arrival + brk.waiting_time).toBeGreaterThanOrEqual(12);
    expect(brk.arrival + brk.waiting_time).toBeLessThanOrEqual(20);
    expect(brk.service).toBe(30);
  });

  it("starts from the vehicles' steps and rejects steps naming unknown or repeated jobs", () => {
    const withSteps = problem();
    (withSteps.vehicles as Record<string, unknown>[])[0]!.steps = [{ type: 'job', id: 104 }];
    expect(errorOf(withSteps)).toBe('vehicles[0].steps[0].id: no job has id 104');
    (withSteps.vehicles as Record<string, unknown>[])[0]!.steps = [
      { type: 'start' },
      { type: 'job', id: 103 },
      { type: 'job', id: 101 },
    ];
    expect(vroomToModel(withSteps).initial).toEqual([{ vehicle: 0, jobs: [2, 0] }]);
  });
});
