// The dispatch-solve command: reads a VROOM problem (a file, or stdin), solves it, writes VROOM's solution JSON
// (a file, or stdout). Bad input exits with code 2 and a message naming the field on stderr; the solver stays pure,
// this file does the reading and writing.
import { closest, distance } from 'fastest-levenshtein';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { compileModel } from '../../../shared/dispatch/solver/compile.js';
import type { ObjectiveMode } from '../../../shared/dispatch/solver/model.js';
import type { SolveResult } from '../../../shared/dispatch/solver/solution.js';
import { solve, type SolveOptions } from '../../../shared/dispatch/solver/solve.js';
import {
  modelToVroomSolution,
  VroomInputError,
  vroomToModel,
  type UnknownKey,
  type VroomModel,
  type VroomSolution,
} from '../../../shared/dispatch/vroom/index.js';
import { defaultWorkers, SearchWorkerError, solveOnIslands } from './islands.js';
import { BUDGET_CLOCKS, budgetClock, describeClock } from './search-clock.js';

/** Where the command reads and writes; tests pass their own. */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /**
   * Called while searches run in worker threads: its signal aborts on an interrupt (SIGINT), the searches then stop
   * and the best plan so far is written; `release` is called when they have ended.
   */
  readonly watchInterrupt?: () => { readonly signal: AbortSignal; release(): void };
}

const USAGE = `usage: dispatch-solve [-i problem.json] [-o solution.json] [--seed N] [--time-limit S] [--iterations N]
                      [--workers N] [--budget-clock wall|cpu] [--objective weighted|priority-first | --priority-first]

Solves a vehicle routing problem in VROOM's JSON format and writes VROOM's solution format.
  -i, --input FILE      problem file (default: stdin)
  -o, --output FILE     solution file (default: stdout)
      --seed N          random seed (default 1); the same seed and --iterations give the same solution
      --time-limit S    stop after S seconds (of the --budget-clock)
      --iterations N    stop after N search iterations, per worker (default 20000 when no time limit is given)
      --workers N       searches run side by side in worker threads, with their own seeds, sharing their best
                        plan now and then; the best one is written. Default: one per core (${defaultWorkers()} here)
                        with --time-limit, else 1. With 1 the search runs in this thread and the same seed and
                        --iterations give the same solution, byte for byte
      --budget-clock C  what --time-limit counts: wall (default; start-up included) or cpu (the CPU time of each
                        search thread, so N workers may use N times S seconds of CPU)
      --objective MODE  weighted (default, as VROOM): the summed priority of the jobs served counts, so two jobs
                        of priority 60 outweigh one of 100; priority-first: jobs of each priority value are served
                        before any of a lower one can be, whatever the travel, then the cost is minimised
      --priority-first  the same as --objective priority-first
  -h, --help            this text`;

const OBJECTIVES: readonly ObjectiveMode[] = ['weighted', 'priority-first'];

/** A problem with the command line or the input: shown to the user, exit code 2. */
class UsageError extends Error {}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name}: expected a whole number, got "${value}"`);
  return Number(value);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** `jobs[3].time_window: unknown key, ignored — did you mean time_windows?` (when a known key is a typo away). */
function unknownKeyWarning({ path, key, known }: UnknownKey): string {
  const near = known.length > 0 ? closest(key, [...known]) : '';
  const typo = near !== '' && distance(key, near) <= Math.max(1, Math.floor(key.length / 4));
  return `${path}: unknown key, ignored${typo ? ` — did you mean ${near}?` : ''}`;
}

/** Runs the command; returns the exit code (0 solved, 2 bad input or usage, 1 internal error). */
export async function runSolveCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: {
          input: { type: 'string', short: 'i' },
          output: { type: 'string', short: 'o' },
          seed: { type: 'string' },
          'time-limit': { type: 'string' },
          iterations: { type: 'string' },
          objective: { type: 'string' },
          workers: { type: 'string' },
          'budget-clock': { type: 'string' },
          'priority-first': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { values } = parsed;
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const options: { -readonly [K in keyof SolveOptions]: SolveOptions[K] } = {
      seed: integerOption(values.seed, 'seed') ?? 1,
    };
    const iterations = integerOption(values.iterations, 'iterations');
    if (iterations !== undefined) options.maxIterations = iterations;
    if (values['time-limit'] !== undefined) {
      const seconds = Number(values['time-limit']);
      if (!(seconds > 0) || !Number.isFinite(seconds)) {
        throw new UsageError(`--time-limit: expected a positive number of seconds, got "${values['time-limit']}"`);
      }
      options.timeLimitMs = seconds * 1000;
    }
    const clockName = values['budget-clock'] ?? 'wall';
    const clock = BUDGET_CLOCKS.find((c) => c === clockName);
    if (clock === undefined) throw new UsageError(`--budget-clock: expected wall or cpu, got "${clockName}"`);
    if (options.timeLimitMs !== undefined) options.clock = budgetClock(clock);
    const workers =
      integerOption(values.workers, 'workers') ?? (options.timeLimitMs !== undefined ? defaultWorkers() : 1);
    if (workers < 1 || workers > 256) throw new UsageError(`--workers: expected 1 to 256, got ${workers}`);
    const objective = values.objective ?? (values['priority-first'] ? 'priority-first' : 'weighted');
    const mode = OBJECTIVES.find((o) => o === objective);
    if (mode === undefined) {
      throw new UsageError(`--objective: expected weighted or priority-first, got "${objective}"`);
    }
    if (values['priority-first'] && mode !== 'priority-first') {
      throw new UsageError(`--priority-first: contradicts --objective ${mode}`);
    }
    const source = values.input ?? 'stdin';
    let text: string;
    if (values.input !== undefined) {
      try {
        text = await readFile(values.input, 'utf8');
      } catch (e) {
        throw new UsageError(`${values.input}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    } else {
      if (io.stdin.isTTY) throw new UsageError('no input: give -i problem.json or pipe the problem on stdin');
      text = await readAll(io.stdin);
    }
    let problem: unknown;
    try {
      problem = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${source}: not valid JSON (${(e as Error).message})`);
    }
    const vm = vroomToModel(problem, mode);
    for (const unknown of vm.unknownKeys) io.stderr.write(`dispatch-solve: warning: ${unknownKeyWarning(unknown)}\n`);
    const solution = await solveWith(vm, options, workers, clock, io);
    const json = `${JSON.stringify(solution)}\n`;
    if (values.output !== undefined) await writeFile(values.output, json);
    else io.stdout.write(json);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VroomInputError) {
      io.stderr.write(`dispatch-solve: ${e.message}\n`);
      if (e instanceof UsageError && !e.message.includes(':')) io.stderr.write(`${USAGE}\n`);
      return 2;
    }
    if (e instanceof SearchWorkerError) {
      io.stderr.write(`dispatch-solve: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`dispatch-solve: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Solves in this thread (one worker) or on worker threads (the island model), and adds how the search ran to the
 * solution's summary; a run with a time limit or several workers also says so on stderr.
 */
async function solveWith(
  vm: VroomModel,
  options: SolveOptions,
  workers: number,
  clock: (typeof BUDGET_CLOCKS)[number],
  io: CommandIo,
): Promise<VroomSolution> {
  const startedAt = Date.now();
  const initial = vm.initial.length > 0 ? { initial: vm.initial } : {};
  let result: SolveResult;
  let perWorker: readonly number[] = [];
  if (workers === 1) {
    result = solve(vm.model, { ...options, ...initial });
  } else {
    const cm = compileModel(vm.model);
    const interrupt = io.watchInterrupt?.();
    let islands;
    try {
      islands = await solveOnIslands(cm, {
        workers,
        seed: options.seed ?? 1,
        clock,
        startedAt,
        ...initial,
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
        ...(interrupt ? { signal: interrupt.signal } : {}),
      });
    } finally {
      interrupt?.release();
    }
    result = islands;
    perWorker = islands.workerIterations;
  }
  const solution = modelToVroomSolution(vm, result);
  const timeLimit = options.timeLimitMs === undefined ? null : options.timeLimitMs / 1000;
  const stopped = result.cancelled ? 'interrupted' : 'budget';
  if (timeLimit !== null || workers > 1) {
    const budget =
      timeLimit === null
        ? `no time limit (--budget-clock ${clock} unused)`
        : `time limit ${timeLimit} s of ${describeClock(clock)}`;
    const split = perWorker.length > 1 ? ` (${perWorker.join(' + ')})` : '';
    io.stderr.write(
      `dispatch-solve: ${plural(workers, 'worker')}, ${budget}; ` +
        `${stopped === 'interrupted' ? 'interrupted, the best plan so far' : 'stopped at the budget'} after ` +
        `${plural(result.iterations, 'iteration')}${split} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; ` +
        `cost ${solution.summary.cost}, ${solution.summary.unassigned} unassigned\n`,
    );
  }
  return {
    ...solution,
    summary: {
      ...solution.summary,
      search: { workers, budget_clock: clock, time_limit: timeLimit, iterations: result.iterations, stopped },
    },
  };
}
