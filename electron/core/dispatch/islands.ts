// Both cores for one solve: the island model. N worker threads each search the same model with their own seed and
// share their best plan through shared memory every so often (shared/dispatch/solver/island.ts); the best of their
// final plans is the answer. Every worker ends when the budget does, when the caller aborts (they then answer with
// their best plan so far), or when one of them fails (the others are stopped and the run rejects with a clear
// error, never hangs).
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledModel } from '../../../shared/dispatch/solver/compile.js';
import { betterScore, createBestBoard } from '../../../shared/dispatch/solver/island.js';
import type { RoutePlan } from '../../../shared/dispatch/solver/model.js';
import type { SearchTuning } from '../../../shared/dispatch/solver/search.js';
import type { SolveResult } from '../../../shared/dispatch/solver/solution.js';
import { FromIsland, type IslandSetup } from './island-protocol.js';
import type { BudgetClock } from './search-clock.js';

/** How many searches run side by side unless the user says: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export interface IslandOptions {
  readonly workers: number;
  readonly seed: number;
  /** Iterations of each worker's search. */
  readonly maxIterations?: number;
  readonly timeLimitMs?: number;
  /** wall: the budget ends that long after `startedAt`; cpu: each worker searches for that much of its own CPU time. */
  readonly clock: BudgetClock;
  /** Date.now() when the run began (default: now). */
  readonly startedAt?: number;
  readonly initial?: readonly RoutePlan[];
  readonly tuning?: Partial<SearchTuning>;
  /** Aborting stops every search; the run then resolves with the best plan found so far. */
  readonly signal?: AbortSignal;
  /** How often the searches share their best plan (default: a twentieth of the time limit, 100 ms to 2 s). */
  readonly exchangeIntervalMs?: number;
  /** The worker's script (tests point it elsewhere). */
  readonly workerUrl?: URL;
}

export interface IslandResult extends SolveResult {
  readonly workers: number;
  /** Iterations of each worker (`iterations` is their sum). */
  readonly workerIterations: readonly number[];
}

/** A search worker failed: it threw, crashed, exited early or answered nonsense. */
export class SearchWorkerError extends Error {}

let sourceBundle: Promise<URL> | null = null;

/**
 * The search thread's code when running from the TypeScript sources: bundled once per process into one module
 * (a thread then starts in well under a second; loading the sources through tsx in each thread took from 2 to 9 s of
 * the budget on the loaded build machine), or the sources through tsx when esbuild is not at hand.
 */
function bundledFromSources(here: URL): Promise<URL> {
  sourceBundle ??= (async () => {
    try {
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [fileURLToPath(new URL('./island-worker.ts', here))],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      // esbuild's service process is not needed again: let the command exit as soon as it is done.
      await esbuild.stop();
      return new URL(`data:text/javascript,${encodeURIComponent(out.outputFiles[0]!.text)}`);
    } catch {
      return new URL('./island-worker.mjs', here);
    }
  })();
  return sourceBundle;
}

async function defaultWorkerUrl(): Promise<URL> {
  const bundled = process.env.DISPATCH_SEARCH_WORKER;
  if (bundled) return pathToFileURL(bundled);
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? bundledFromSources(here) : new URL('./island-worker.js', here);
}

/** A copy of the compiled model that can cross a thread boundary (a compatibility callback cannot, nor is needed). */
function transferable(cm: CompiledModel): CompiledModel {
  if (cm.model.compatible === undefined) return cm;
  const { compatible: _dropped, ...model } = cm.model;
  return { ...cm, model };
}

/** Seed of worker i: worker 0 searches exactly as a single-thread run with `seed` would start. */
export function workerSeed(seed: number, i: number): number {
  return (seed + i * 7919) | 0;
}

/** Solves `cm` with `options.workers` searches in worker threads; see the file comment. */
export async function solveOnIslands(cm: CompiledModel, options: IslandOptions): Promise<IslandResult> {
  const n = options.workers;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`workers must be a whole number ≥ 1, got ${n}`);
  const startedAt = options.startedAt ?? Date.now();
  const board = createBestBoard(cm);
  const stopBuffer = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopBuffer);
  const url = options.workerUrl ?? (await defaultWorkerUrl());
  const model = transferable(cm);
  const interval =
    options.exchangeIntervalMs ??
    (options.timeLimitMs !== undefined ? Math.min(2000, Math.max(100, options.timeLimitMs / 20)) : 500);
  const stopAll = (): void => {
    Atomics.store(stop, 0, 1);
  };

  return new Promise<IslandResult>((resolve, reject) => {
    const answers: ({ score: number[]; result: SolveResult } | undefined)[] = new Array(n);
    const workers: Worker[] = [];
    let failure: SearchWorkerError | null = null;
    let exited = 0;
    const onAbort = (): void => stopAll();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) stopAll();

    const finish = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      let best = 0;
      for (let i = 1; i < n; i++) if (betterScore(answers[i]!.score, answers[best]!.score)) best = i;
      const workerIterations = answers.map((a) => a!.result.iterations);
      resolve({
        ...answers[best]!.result,
        iterations: workerIterations.reduce((a, b) => a + b, 0),
        cancelled: answers.some((a) => a!.result.cancelled),
        workers: n,
        workerIterations,
      });
    };
    const fail = (i: number, message: string): void => {
      if (failure) return;
      failure = new SearchWorkerError(`search worker ${i + 1} of ${n} failed: ${message}`);
      stopAll();
      for (const w of workers) void w.terminate();
    };

    for (let i = 0; i < n; i++) {
      const setup: IslandSetup = {
        index: i,
        seed: workerSeed(options.seed, i),
        startedAt,
        clock: options.clock,
        exchangeIntervalMs: interval,
        board,
        stop: stopBuffer,
        model,
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
        ...(options.initial
          ? { initial: options.initial.map((r) => ({ vehicle: r.vehicle, jobs: [...r.jobs] })) }
          : {}),
        ...(options.tuning ? { tuning: options.tuning } : {}),
      };
      let worker: Worker;
      try {
        worker = new Worker(url, { workerData: setup });
      } catch (e) {
        fail(i, e instanceof Error ? e.message : String(e));
        exited += n - i;
        if (exited === n) finish();
        return;
      }
      workers.push(worker);
      worker.on('message', (raw: unknown) => {
        const parsed = FromIsland.safeParse(raw);
        if (!parsed.success) return fail(i, `malformed answer (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        const msg = parsed.data;
        if (msg.type === 'failed') return fail(i, msg.message);
        if (msg.score.length !== cm.nClasses + 1) return fail(i, `a score of ${msg.score.length} entries`);
        answers[i] = { score: msg.score, result: msg.result };
        void worker.terminate();
      });
      worker.on('error', (err) => fail(i, err.message));
      worker.on('exit', (code) => {
        if (!answers[i]) fail(i, `it exited (code ${code}) without an answer`);
        if (++exited === n) finish();
      });
    }
  });
}
