import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runSolve } from './run-solve.testing.js';

const problem = {
  vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [2] }],
  jobs: [
    { id: 10, location_index: 1, delivery: [1] },
    { id: 20, location_index: 2, delivery: [1] },
  ],
  matrices: {
    car: {
      durations: [
        [0, 5, 9],
        [5, 0, 4],
        [9, 4, 0],
      ],
    },
  },
};

const run = runSolve;

const dir = mkdtempSync(join(tmpdir(), 'dispatch-solve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dispatch-solve', () => {
  it('reads the problem on stdin and writes the solution on stdout', async () => {
    const { code, out, err } = await run(['--iterations', '50'], JSON.stringify(problem));
    expect(err).toBe('');
    expect(code).toBe(0);
    const solution = JSON.parse(out) as { summary: { cost: number }; routes: { steps: { id?: number }[] }[] };
    expect(solution.summary.cost).toBe(18);
    expect(solution.routes[0]!.steps.map((s) => s.id).filter(Boolean)).toHaveLength(2);
  });

  it('reads and writes files', async () => {
    const input = join(dir, 'problem.json');
    const output = join(dir, 'solution.json');
    writeFileSync(input, JSON.stringify(problem));
    const { code, out } = await run(['-i', input, '-o', output, '--seed', '4']);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8'))).toMatchObject({ code: 0, summary: { routes: 1, unassigned: 0 } });
  });

  it('exits with 2 and names the field when the problem is wrong', async () => {
    const bad = { ...problem, jobs: [{ id: 10, location_index: 1, time_windows: [[300, 120]] }] };
    const { code, out, err } = await run([], JSON.stringify(bad));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('dispatch-solve: jobs[0].time_windows[0]: end 120 is before start 300\n');
  });

  it('solves a problem with an unknown key and warns about it on stderr', async () => {
    const typo = {
      ...problem,
      jobs: [
        { ...problem.jobs[0], colour: 'red' },
        { ...problem.jobs[1], time_window: [0, 10] },
      ],
      vehicles: [{ ...problem.vehicles[0], cpacity: [3] }],
    };
    const { code, out, err } = await run(['--iterations', '20'], JSON.stringify(typo));
    expect(code).toBe(0);
    expect(err.split('\n')).toEqual([
      'dispatch-solve: warning: vehicles[0].cpacity: unknown key, ignored — did you mean capacity?',
      'dispatch-solve: warning: jobs[0].colour: unknown key, ignored',
      'dispatch-solve: warning: jobs[1].time_window: unknown key, ignored — did you mean time_windows?',
      '',
    ]);
    expect(JSON.parse(out)).toMatchObject({ code: 0, summary: { unassigned: 0 } });
  });

  it('exits with 2 when there is no job', async () => {
    const { code, out, err } = await run([], JSON.stringify({ ...problem, jobs: [] }));
    expect({ code, out, err }).toEqual({
      code: 2,
      out: '',
      err: 'dispatch-solve: jobs: at least one job is needed (VROOM refuses a problem without jobs too)\n',
    });
  });

  it('serves the higher priority first with --priority-first, where the weighted objective sums priorities', async () => {
    // One vehicle, 100 s: the priority-100 job (60 s) or both priority-60 jobs (30 s each), not all three.
    const overbooked = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 100] }],
      jobs: [
        { id: 1, location_index: 1, service: 60, priority: 100 },
        { id: 2, location_index: 2, service: 30, priority: 60 },
        { id: 3, location_index: 2, service: 30, priority: 60 },
      ],
      matrices: {
        car: {
          durations: [
            [0, 5, 5],
            [5, 0, 1],
            [5, 1, 0],
          ],
        },
      },
    };
    const left = (out: string) => (JSON.parse(out) as { unassigned: { id: number }[] }).unassigned.map((u) => u.id);
    const weighted = await run(['--iterations', '100'], JSON.stringify(overbooked));
    expect(left(weighted.out)).toEqual([1]);
    expect(
      left((await run(['--iterations', '100', '--objective', 'weighted'], JSON.stringify(overbooked))).out),
    ).toEqual([1]);
    for (const flags of [['--priority-first'], ['--objective', 'priority-first']]) {
      const first = await run(['--iterations', '100', ...flags], JSON.stringify(overbooked));
      expect(first.code).toBe(0);
      expect(left(first.out)).toEqual([2, 3]);
    }
    expect(await run(['--objective', 'fastest'], JSON.stringify(overbooked))).toMatchObject({
      code: 2,
      err: 'dispatch-solve: --objective: expected weighted or priority-first, got "fastest"\n',
    });
    expect(await run(['--objective', 'weighted', '--priority-first'], JSON.stringify(overbooked))).toMatchObject({
      code: 2,
      err: 'dispatch-solve: --priority-first: contradicts --objective weighted\n',
    });
  });

  it('exits with 2 on unreadable input and bad options', async () => {
    expect((await run([], '{"jobs": [')).err).toMatch(/^dispatch-solve: stdin: not valid JSON/);
    expect((await run(['-i', join(dir, 'missing.json')])).err).toMatch(/missing\.json: cannot be read \(ENOENT\)/);
    expect(await run(['--seed', 'x'], '{}')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--seed: expected a whole number/),
    });
    expect(await run(['--time-limit', '-1'], '{}')).toMatchObject({ code: 2 });
    expect(await run(['--frobnicate'], '{}')).toMatchObject({ code: 2, err: expect.stringMatching(/frobnicate/) });
  });

  it('runs as the package bin', () => {
    const bin = fileURLToPath(new URL('./dispatch-solve.mjs', import.meta.url));
    const ok = spawnSync(process.execPath, [bin, '--iterations', '20'], {
      input: JSON.stringify(problem),
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ code: 0, summary: { cost: 18 } });
    const bad = spawnSync(process.execPath, [bin], {
      input: '{"vehicles": [], "jobs": [{"id": 1, "location_index": 0}]}',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dispatch-solve: vehicles: at least one vehicle is needed\n');
  }, 30_000);
});
