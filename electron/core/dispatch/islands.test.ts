import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../shared/dispatch/solver/compile.js';
import { evaluateRoute } from '../../../shared/dispatch/solver/evaluate.js';
import { vroomToModel } from '../../../shared/dispatch/vroom/index.js';
import { readSolomon, solomonToVroom } from '../../../tests/bench/vrptw/solomon.js';
import { SearchWorkerError, solveOnIslands } from './islands.js';

const fixtures = fileURLToPath(new URL('../../../tests/bench/vrptw/fixtures/', import.meta.url));
const cm = compileModel(vroomToModel(solomonToVroom(readSolomon('RC105', fixtures))).model);
const script = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);

describe('searches on worker threads (island model)', () => {
  it('runs each worker for the iterations asked and answers with the best feasible plan', async () => {
    const result = await solveOnIslands(cm, { workers: 2, seed: 1, maxIterations: 300, clock: 'wall' });
    expect(result.workers).toBe(2);
    expect(result.workerIterations).toEqual([300, 300]);
    expect(result.iterations).toBe(600);
    expect(result.cancelled).toBe(false);
    expect(result.unassigned).toEqual([]);
    for (const r of result.routes) expect(evaluateRoute(cm, r.vehicle, r.jobs).feasible).toBe(true);
    expect(new Set(result.routes.flatMap((r) => r.jobs)).size).toBe(cm.nJobs);
  }, 60_000);

  it('stops every search when aborted and answers with the best plan so far', async () => {
    const abort = new AbortController();
    abort.abort();
    const result = await solveOnIslands(cm, {
      workers: 2,
      seed: 1,
      timeLimitMs: 600_000,
      clock: 'cpu',
      signal: abort.signal,
    });
    expect(result.cancelled).toBe(true);
    expect(result.workerIterations).toEqual([0, 0]);
    expect(result.routes.length).toBeGreaterThan(0);
  }, 60_000);

  it.each([
    [
      'throws as it starts',
      "throw new Error('no memory for the search')",
      /worker \d of 2 failed: no memory for the search/,
    ],
    ['exits without answering', 'process.exit(3)', /worker \d of 2 failed: it exited \(code 3\) without an answer/],
    [
      'answers nonsense',
      "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'done', score: 'low' });",
      /worker \d of 2 failed: malformed answer/,
    ],
  ])(
    'a worker that %s fails the run with a clear error, and the others are stopped',
    async (_, code, message) => {
      const run = solveOnIslands(cm, {
        workers: 2,
        seed: 1,
        timeLimitMs: 600_000,
        clock: 'wall',
        workerUrl: script(code),
      });
      await expect(run).rejects.toThrow(SearchWorkerError);
      await expect(run).rejects.toThrow(message);
    },
    60_000,
  );

  it('a real search worker is stopped when its sibling crashes, instead of running out its budget', async () => {
    // Worker 1 is the real search with ten minutes of CPU budget; worker 2 crashes once worker 1 has shared a plan
    // on the board (so it is searching). The run must end long before the budget (the test's timeout is a minute).
    const real = new URL('./island-worker.mjs', import.meta.url).href;
    const run = solveOnIslands(cm, {
      workers: 2,
      seed: 1,
      timeLimitMs: 600_000,
      clock: 'cpu',
      exchangeIntervalMs: 50,
      workerUrl: script(
        `import { workerData } from 'node:worker_threads';
        if (workerData.index === 1) {
          const head = new Int32Array(workerData.board, 0, 4);
          while (Atomics.load(head, 1) === 0) Atomics.wait(head, 1, 0, 100);
          throw new Error('the sibling crashed');
        }
        await import(${JSON.stringify(real)});`,
      ),
    });
    await expect(run).rejects.toThrow(/worker 2 of 2 failed: the sibling crashed/);
  }, 60_000);
});
