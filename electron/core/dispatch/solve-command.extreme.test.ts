// dispatch-solve on extreme but finite numbers: every input is solved with finite figures or refused (exit 2) with a
// message naming the field; never an internal error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VroomSolution } from '../../../shared/dispatch/vroom/index.js';
import { runSolve } from './run-solve.testing.js';

const run = runSolve;

/** Every number in a parsed JSON value, with its path. */
function numbers(value: unknown, path = '', out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (typeof value === 'number' || value === null) out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbers(v, `${path}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out);
  return out;
}

/** Solved with every figure finite, or refused with exit 2 and a message that starts with a field of the problem. */
function expectSolvedOrRefused(result: { code: number; out: string; err: string }): 'solved' | 'refused' {
  if (result.code === 2) {
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^dispatch-solve: (jobs|vehicles|matrices)(\[\d+\]|\.\w+)*: \S/);
    return 'refused';
  }
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const solution: unknown = JSON.parse(result.out);
  expect(VroomSolution.safeParse(solution).success).toBe(true);
  for (const [path, n] of numbers(solution)) {
    if (n === null) continue; // no null is a number: VroomSolution would have refused one where a number belongs
    expect(Number.isFinite(n), path).toBe(true);
  }
  return 'solved';
}

const HUGE = 1e308;

describe('dispatch-solve on extreme numbers', () => {
  it('refuses a matrix entry near 1e308 by naming it instead of crashing', async () => {
    const problem = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0 }],
      jobs: [{ id: 10, location_index: 1 }],
      matrices: {
        car: {
          durations: [
            [0, HUGE],
            [HUGE, 0],
          ],
        },
      },
    };
    const result = await run(['--iterations', '10'], JSON.stringify(problem));
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toMatch(/^dispatch-solve: matrices\.car\.durations\[0\]\[1\]: must be at most 4294967295/);
  });

  it('refuses a fixed cost near 1e308 by naming it', async () => {
    const problem = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, costs: { fixed: HUGE } }],
      jobs: [{ id: 10, location_index: 1 }],
      matrices: {
        car: {
          durations: [
            [0, 1],
            [1, 0],
          ],
        },
      },
    };
    const result = await run(['--iterations', '10'], JSON.stringify(problem));
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toMatch(/^dispatch-solve: vehicles\[0\]\.costs\.fixed: must be at most 4294967295/);
  });

  it('solves the largest values it accepts with finite figures', async () => {
    const top = 4294967295;
    const problem = {
      vehicles: [
        {
          id: 1,
          start_index: 0,
          end_index: 0,
          capacity: [Number.MAX_SAFE_INTEGER],
          costs: { fixed: top, per_hour: top },
          time_window: [0, top],
        },
        { id: 2, start_index: 1, capacity: [Number.MAX_SAFE_INTEGER], costs: { fixed: top, per_hour: top } },
      ],
      jobs: [0, 1, 2].map((i) => ({
        id: i,
        location_index: i,
        service: top,
        priority: 100,
        delivery: [Number.MAX_SAFE_INTEGER],
        time_windows: [[0, top]],
      })),
      matrices: {
        car: {
          durations: [
            [0, top, top],
            [top, 0, top],
            [top, top, 0],
          ],
        },
      },
    };
    expect(expectSolvedOrRefused(await run(['--iterations', '30'], JSON.stringify(problem)))).toBe('solved');
  });

  it('solves or refuses, naming the field, every problem with extreme but finite numbers', async () => {
    // Mostly values that are accepted (up to the limit), so that many problems are solved, not only refused.
    const extreme = fc.oneof(
      { arbitrary: fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }), weight: 1 },
      { arbitrary: fc.constantFrom(4294967296, 2 ** 53, 1e300, HUGE, Number.MAX_VALUE), weight: 1 },
      { arbitrary: fc.constantFrom(0, 5e-324, 1e9, 4294967295), weight: 8 },
      { arbitrary: fc.double({ min: 0, max: 4294967295, noNaN: true }), weight: 8 },
      { arbitrary: fc.integer({ min: 0, max: 1000 }), weight: 8 },
    );
    const amount = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 10 }), weight: 8 },
      { arbitrary: fc.constant(Number.MAX_SAFE_INTEGER), weight: 2 },
      { arbitrary: fc.constant(1e300), weight: 1 },
    );
    const problem = fc.integer({ min: 2, max: 4 }).chain((size) =>
      fc.record({
        vehicles: fc.array(
          fc.record({
            start_index: fc.integer({ min: 0, max: size - 1 }),
            end_index: fc.integer({ min: 0, max: size - 1 }),
            capacity: fc.tuple(amount),
            fixed: extreme,
            perHour: fc.option(extreme, { nil: undefined }),
            window: fc.option(fc.tuple(extreme, extreme), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        jobs: fc.array(
          fc.record({
            location_index: fc.integer({ min: 0, max: size - 1 }),
            service: extreme,
            delivery: fc.tuple(amount),
            priority: fc.integer({ min: 0, max: 100 }),
            window: fc.option(fc.tuple(extreme, extreme), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        durations: fc.array(fc.array(extreme, { minLength: size, maxLength: size }), {
          minLength: size,
          maxLength: size,
        }),
        costs: fc.option(
          fc.array(fc.array(extreme, { minLength: size, maxLength: size }), { minLength: size, maxLength: size }),
          { nil: undefined },
        ),
      }),
    );
    const seen = { solved: 0, refused: 0 };
    const sorted = ([a, b]: [number, number]): [number, number] => (a <= b ? [a, b] : [b, a]);
    await fc.assert(
      fc.asyncProperty(problem, async (p) => {
        const json = {
          vehicles: p.vehicles.map((v, i) => ({
            id: i,
            start_index: v.start_index,
            end_index: v.end_index,
            capacity: v.capacity,
            // One per_hour for all vehicles, and none beside a costs matrix: other rules, refused elsewhere.
            costs: {
              fixed: v.fixed,
              ...(p.costs || p.vehicles[0]!.perHour === undefined ? {} : { per_hour: p.vehicles[0]!.perHour }),
            },
            ...(v.window ? { time_window: sorted(v.window) } : {}),
          })),
          jobs: p.jobs.map((j, i) => ({
            id: i,
            location_index: j.location_index,
            service: j.service,
            delivery: j.delivery,
            priority: j.priority,
            ...(j.window ? { time_windows: [sorted(j.window)] } : {}),
          })),
          matrices: { car: { durations: p.durations, ...(p.costs ? { costs: p.costs } : {}) } },
        };
        const outcome = expectSolvedOrRefused(await run(['--iterations', '20'], JSON.stringify(json)));
        seen[outcome] += 1;
      }),
      { numRuns: 150 },
    );
    // Both outcomes were exercised.
    expect(seen.solved).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(20);
  });
});
