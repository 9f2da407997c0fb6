import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { solveVroom } from '../../../shared/dispatch/vroom/index.js';
import { readSolomon, solomonToVroom } from '../../../tests/bench/vrptw/solomon.js';
import { runSolve } from './run-solve.testing.js';
import { runSolveCommand } from './solve-command.js';

const fixtures = fileURLToPath(new URL('../../../tests/bench/vrptw/fixtures/', import.meta.url));
const problem = JSON.stringify(solomonToVroom(readSolomon('RC105', fixtures)));
const dir = mkdtempSync(join(tmpdir(), 'engine-cores-solve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.DISPATCH_SEARCH_WORKER;
});

interface Summary {
  summary: { unassigned: number; search: { workers: number; budget_clock: string; time_limit: number | null } };
}

describe('dispatch-solve on several cores', () => {
  it('with one worker, --iterations gives the same solution byte for byte, as the single-thread engine did', async () => {
    const a = await runSolve(['--iterations', '400', '--seed', '3', '--workers', '1'], problem);
    const b = await runSolve(['--iterations', '400', '--seed', '3', '--workers', '1'], problem);
    const plain = await runSolve(['--iterations', '400', '--seed', '3'], problem);
    expect(a.code).toBe(0);
    expect(a.err).toBe('');
    expect(b.out).toBe(a.out);
    expect(plain.out).toBe(a.out);
    const parsed = JSON.parse(a.out) as Summary;
    expect(parsed.summary.search).toMatchObject({ workers: 1, time_limit: null });
    // The same plan as the engine in this thread gives; only the summary's account of the search is added.
    const { search: _, ...summary } = parsed.summary;
    expect({ ...parsed, summary }).toEqual(solveVroom(JSON.parse(problem), { seed: 3, maxIterations: 400 }));
  }, 60_000);

  it('says which clock the time limit counted, on stderr and in the summary', async () => {
    const { code, out, err } = await runSolve(
      ['--time-limit', '0.2', '--budget-clock', 'cpu', '--workers', '1'],
      problem,
    );
    expect(code).toBe(0);
    expect(err).toMatch(
      /^dispatch-solve: 1 worker, time limit 0\.2 s of CPU time of each search thread; stopped at the budget after \d+ iterations in [\d.]+ s; cost [\d.]+, 0 unassigned\n$/,
    );
    expect((JSON.parse(out) as Summary).summary.search).toMatchObject({ budget_clock: 'cpu', time_limit: 0.2 });
  }, 60_000);

  it('runs two workers and reports both', async () => {
    const { code, out, err } = await runSolve(['--iterations', '200', '--workers', '2'], problem);
    expect(code).toBe(0);
    expect(err).toMatch(/^dispatch-solve: 2 workers, no time limit .* after 400 iterations \(200 \+ 200\)/);
    expect((JSON.parse(out) as Summary).summary).toMatchObject({ unassigned: 0, search: { workers: 2 } });
  }, 60_000);

  it('refuses a bad --workers or --budget-clock with exit code 2', async () => {
    expect(await runSolve(['--workers', '0'], problem)).toMatchObject({
      code: 2,
      err: 'dispatch-solve: --workers: expected 1 to 256, got 0\n',
    });
    expect(await runSolve(['--budget-clock', 'gpu'], problem)).toMatchObject({
      code: 2,
      err: 'dispatch-solve: --budget-clock: expected wall or cpu, got "gpu"\n',
    });
  });

  it('a crashed search worker ends the command with exit code 1 and a clear message, not a hang', async () => {
    const crash = join(dir, 'crash.mjs');
    writeFileSync(crash, "throw new Error('out of memory in the search');\n");
    process.env.DISPATCH_SEARCH_WORKER = crash;
    const { code, out, err } = await runSolve(['--time-limit', '600', '--workers', '2'], problem);
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toMatch(/^dispatch-solve: search worker [12] of 2 failed: out of memory in the search\n$/);
  }, 60_000);

  it('an interrupt stops the workers and the best plan so far is written', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    stdin.end(problem);
    const interrupt = new AbortController();
    let released = false;
    interrupt.abort(); // Ctrl-C pressed as the search starts
    const code = await runSolveCommand(['--time-limit', '600', '--workers', '2'], {
      stdin,
      stdout,
      stderr,
      watchInterrupt: () => ({ signal: interrupt.signal, release: () => (released = true) }),
    });
    expect(code).toBe(0);
    expect(released).toBe(true);
    expect(err).toMatch(/interrupted, the best plan so far/);
    expect(JSON.parse(out)).toMatchObject({ code: 0, summary: { search: { stopped: 'interrupted' } } });
  }, 60_000);
});
